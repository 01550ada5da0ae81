"""Gettext catalogs: the template of an article, the per-language ``.po`` files, and how they evolve.

This is the only module that imports polib. Everything the pipeline keeps about an entry lives where
GNU ``msgmerge`` and PO editors (Poedit, Lokalize, Weblate) keep it too, so a translator's tools can
re-save a file without losing state:

* reviewed translation: ``msgstr`` set, no ``fuzzy`` flag;
* machine draft: ``fuzzy`` plus a translator comment starting with ``machine translation:``
  (translator comments survive ``msgmerge``; ``#.`` comments absent from the template and unknown
  flags do not);
* source changed: ``fuzzy`` with the previous msgid recorded as ``#| msgid``;
* untranslated: empty ``msgstr``.

Update semantics follow ``msgmerge``: unchanged sentences keep their entry untouched (apart from the
template's references and position comments), a changed sentence receives the closest reviewed
translation as a fuzzy suggestion with ``#| msgid``, a removed sentence becomes obsolete (``#~``),
and a new sentence is added untranslated. Files are written atomically and only when their content
changes; header dates move only with the content.
"""

from __future__ import annotations

import concurrent.futures
import copy
import difflib
import enum
import functools
import hashlib
import os
import re
import signal
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from pipeline.article import BOM, Article, units
from pipeline.errors import CatalogError, PipelineError, os_error
from pipeline.project import SOURCE_LANGUAGE, Project
from pipeline.po_format import format_catalog

MACHINE_TRANSLATION_MARK = "machine translation: "
"""Start of the translator-comment line that marks an entry's msgstr as a machine draft."""

FUZZY_MATCH_THRESHOLD = 0.75
"""Least similarity (difflib ratio) for a previous translation to be offered for a changed sentence.
Only close edits qualify: a wrong guess presented as a translation costs reviewers more than none."""

DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")

TEMPLATE_DIGEST_FIELD = "X-Template-Digest"
"""Header field of a language catalog naming the template it was last merged with (a digest of the
template's msgctxt/msgid pairs). msgmerge and PO editors keep a catalog's header fields."""
DATE_FORMAT = "%Y-%m-%d %H:%M%z"


class EntryState(enum.Enum):
    """What a translator still has to do with an entry."""

    REVIEWED = "reviewed"
    MACHINE_DRAFT = "machine draft"
    SOURCE_CHANGED = "source changed"
    """Fuzzy but not a plain machine draft: the source changed under a translation (``#|``), or a
    translator flagged it for another look."""
    UNTRANSLATED = "untranslated"
    OBSOLETE = "obsolete"


@dataclass(frozen=True, slots=True)
class UpdateResult:
    path: Path
    written: bool
    added: int = 0
    changed: int = 0
    obsoleted: int = 0


# --- languages -----------------------------------------------------------------------------------


def language_name(lang: str) -> str:
    """English name of a language code, from babel's locale data; unknown codes are an error."""
    try:
        return Locale.parse(lang).get_display_name("en")
    except (UnknownLocaleError, ValueError):
        raise PipelineError(f"unknown language code {lang!r} (babel knows e.g. 'fr', 'en', 'de', 'pt_BR')")


# --- entry state ---------------------------------------------------------------------------------


def _comment_lines(entry: polib.POEntry) -> list[str]:
    return entry.tcomment.split("\n") if entry.tcomment else []


def is_machine_draft(entry: polib.POEntry) -> bool:
    return "fuzzy" in entry.flags and any(
        line.startswith(MACHINE_TRANSLATION_MARK) for line in _comment_lines(entry)
    )


def entry_state(entry: polib.POEntry) -> EntryState:
    if entry.obsolete:
        return EntryState.OBSOLETE
    if not entry.msgstr:
        return EntryState.UNTRANSLATED
    if "fuzzy" not in entry.flags:
        return EntryState.REVIEWED
    if is_machine_draft(entry) and entry.previous_msgid is None:
        return EntryState.MACHINE_DRAFT
    return EntryState.SOURCE_CHANGED


def set_machine_draft(entry: polib.POEntry, translation: str, provenance: str) -> None:
    """Fill an untranslated entry with a machine draft: fuzzy, with a provenance comment."""
    if entry.msgstr:
        raise ValueError(f"entry {entry.msgid!r} already has a translation")
    entry.msgstr = translation
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    kept = [line for line in _comment_lines(entry) if not line.startswith(MACHINE_TRANSLATION_MARK)]
    entry.tcomment = "\n".join(kept + [MACHINE_TRANSLATION_MARK + provenance])


def entry_key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def active_entries(catalog: polib.POFile) -> Iterator[polib.POEntry]:
    return (entry for entry in catalog if not entry.obsolete)


# --- reading and writing -------------------------------------------------------------------------


class _GettextLines(str):
    """PO text that polib splits into lines at ``\n`` only, as gettext does: ``str.splitlines``
    also splits at U+2028, U+0085 and others, which gettext writes unescaped inside strings."""

    def splitlines(self, keepends: bool = False) -> list[str]:
        return self.split("\n")


def parse_catalog(text: str, *, path: Path | str, allow_duplicates: bool = False) -> polib.POFile:
    """Parse PO text (BOM and CRLF tolerated); syntax errors become ``path:line: ...``.

    Each entry's ``linenum`` is set to the line of its ``msgid`` keyword, which is what error
    messages and QA findings point at (polib gives the entry's first comment line).
    ``allow_duplicates`` lets QA report every duplicate instead of stopping at the first.
    """
    text = text.removeprefix(BOM).replace("\r\n", "\n")
    _check_strings(text, path)
    try:
        catalog = polib.pofile(_GettextLines(text), wrapwidth=79, encoding="utf-8")
    except (OSError, ValueError) as error:
        raise _syntax_error(error, path) from None
    lines = text.split("\n")
    _number_msgid_lines(catalog, lines)
    _restore_obsolete_previous(catalog, lines)
    if not allow_duplicates:
        _check_duplicates(catalog, path)
    return catalog


_STRING_LINE = re.compile(r'(?:#~\|? ?|#\| ?)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*')
_STRING_START = re.compile(r'(?:#~\|? ?|#\| ?)?(?:msgctxt|msgid|msgid_plural|msgstr|")')
_MSGID_LINE = re.compile(r"(?:#~ ?)?msgid\s")


def _check_strings(text: str, path: Path | str) -> None:
    """Reject unterminated or garbled strings, which polib silently truncates (a translator's typo
    such as a missing closing quote must stop the run, not lose a character)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if _STRING_START.match(line) and not _STRING_LINE.fullmatch(line):
            raise CatalogError("malformed string (missing or unescaped quote?); fix the file and run again",
                               path=path, line=number)


def _syntax_error(error: Exception, path: Path | str) -> CatalogError:
    message = str(error)
    match = re.search(r"\(line (\d+)\)(?::\s*(.*))?", message)
    if not match:
        return CatalogError(f"cannot parse catalog: {message}", path=path)
    detail = match.group(2) or "syntax error"
    return CatalogError(f"{detail}; fix the file (or restore it from version control) and run again",
                        path=path, line=int(match.group(1)))


def _number_msgid_lines(catalog: polib.POFile, lines: list[str]) -> None:
    numbers = [number for number, line in enumerate(lines, start=1) if _MSGID_LINE.match(line)]
    entries = list(catalog)
    if len(numbers) == len(entries) + 1:  # the header entry comes first
        numbers = numbers[1:]
    if len(numbers) == len(entries):
        for entry, number in zip(entries, numbers):
            entry.linenum = number


def _restore_obsolete_previous(catalog: polib.POFile, lines: list[str]) -> None:
    """Attach ``#~|`` previous msgctxt/msgid lines to their obsolete entries: polib skips them, and
    a file we rewrite would otherwise lose what a translator needs to see (polib issue #158)."""
    by_line = {entry.linenum: entry for entry in catalog if entry.obsolete}
    previous: dict[str, list[str]] = {}
    field = None
    for number, line in enumerate(lines, start=1):
        if line.startswith("#~|"):
            keyword, _, rest = line[3:].strip().partition(" ")
            if keyword.startswith('"') and field:
                previous[field].append(line[3:].strip())
            elif keyword in ("msgctxt", "msgid"):
                field = keyword
                previous[field] = [rest.strip()]
        elif number in by_line and previous:
            entry = by_line[number]
            if "msgctxt" in previous:
                entry.previous_msgctxt = _unquote(previous["msgctxt"])
            if "msgid" in previous:
                entry.previous_msgid = _unquote(previous["msgid"])
            previous, field = {}, None
        elif line.startswith(("msgid", "#~ msgid")) or not line.strip():
            previous, field = {}, None


def _unquote(parts: list[str]) -> str:
    return "".join(polib.unescape(part[1:-1]) for part in parts)


def _check_duplicates(catalog: polib.POFile, path: Path | str) -> None:
    seen: set[tuple[bool, str | None, str]] = set()
    for entry in catalog:
        key = (entry.obsolete, entry.msgctxt, entry.msgid)
        if key in seen:
            raise CatalogError(f"duplicate entry for msgid {shorten(entry.msgid)!r}",
                               path=path, line=entry.linenum)
        seen.add(key)


def shorten(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for messages that quote a msgid."""
    return text if len(text) <= width else text[: width - 1] + "…"


def read_catalog(path: Path) -> polib.POFile:
    """Read a ``.po``/``.pot`` file written by us, a PO editor or gettext tools."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise os_error(error, "cannot read", path) from None
    check_not_empty(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError("not UTF-8; the pipeline reads and writes UTF-8 catalogs only",
                           path=path, line=line) from None
    catalog = parse_catalog(text, path=path)
    _check_charset(catalog, path)
    return catalog


def check_not_empty(data: bytes, path: Path) -> None:
    """An emptied catalog (a failed copy, an editor crash, ``> file``) parses as a catalog without
    entries; merging it would silently start over and hide that the translations are gone."""
    if not data.strip():
        size = "0 bytes" if not data else "only whitespace"
        raise CatalogError(f"the file is empty ({size}); restore it from version control, or delete it "
                           "to start an empty catalog", path=path)


_EMPTY_MSGSTR = re.compile(rb'^[ \t]*msgstr(?:\[\d+\])?[ \t]*""[ \t]*(?:\r?\n(?![ \t]*"(?:[^"\\]|\\.))|\Z)',
                           re.MULTILINE)


def may_have_untranslated(data: bytes) -> bool:
    r"""Whether a catalog's bytes may hold an untranslated entry, judged without parsing them.

    An empty msgstr is a ``msgstr ""`` line that no string continues; the header's does not count.
    `translate` parses only the languages where one is found, so a run with nothing to draft reads
    each catalog once (in extraction) rather than twice. A false positive costs a parse.

    >>> may_have_untranslated(b'msgid "Ja."\nmsgstr ""\n'), may_have_untranslated(b'msgid "Ja."\nmsgstr "Oui."\n')
    (True, False)
    >>> may_have_untranslated(b'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n#~ msgid "Ja."\n#~ msgstr ""\n')
    False
    """
    return _EMPTY_MSGSTR.search(data) is not None


def declared_charset(metadata: dict[str, str]) -> str | None:
    """The charset the header's Content-Type names, if any."""
    match = re.search(r"charset=([\w.-]+)", metadata.get("Content-Type", ""))
    return match.group(1) if match else None


def is_utf8(charset: str) -> bool:
    return charset.lower() in {"utf-8", "utf8"}


def _check_charset(catalog: polib.POFile, path: Path) -> None:
    charset = declared_charset(catalog.metadata)
    if charset and not is_utf8(charset):
        raise CatalogError(
            f"header says charset={charset}, but catalogs must be UTF-8; "
            "convert it with `msgconv -t UTF-8` and run again", path=path, line=2)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see either the old or the new file.

    An operating-system error (disk full, read-only folder) names ``path``, not the temporary file.
    """
    try:
        _write_then_rename(path, data)
    except OSError as error:
        raise os_error(error, "cannot write", path) from None


def _write_then_rename(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _content_without_dates(catalog: polib.POFile) -> tuple:
    """Everything a catalog says except its dates, for telling whether it needs writing.

    Compared as data rather than as formatted text: formatting every catalog twice would dominate
    a no-op run over many articles."""
    metadata = tuple((key, value) for key, value in catalog.metadata.items() if key not in DATE_FIELDS)
    return (catalog.header, metadata, bool(catalog.metadata_is_fuzzy), tuple(map(_entry_content, catalog)))


def _entry_content(entry: polib.POEntry) -> tuple:
    return (entry.obsolete, entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr,
            tuple(sorted(entry.msgstr_plural.items())), entry.tcomment, entry.comment,
            tuple(entry.occurrences), tuple(entry.flags),
            entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural)


def save_if_changed(catalog: polib.POFile, previous: polib.POFile | None, path: Path, *,
                    date_fields: tuple[str, ...], now: datetime) -> bool:
    """Write ``catalog`` unless it says what ``previous`` (the file on disk) says already.

    Content is compared as parsed data without dates, so a file that an editor re-wrapped or saved
    with CRLF is left byte for byte as it is when nothing changed.
    """
    if previous is not None and _content_without_dates(catalog) == _content_without_dates(previous):
        return False
    for field in date_fields:
        catalog.metadata[field] = format_date(now)
    write_atomically(path, format_catalog(catalog).encode("utf-8"))
    return True


def format_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(DATE_FORMAT)


def now() -> datetime:
    return datetime.now(timezone.utc)


# --- the template --------------------------------------------------------------------------------


def build_template(article: Article, *, creation_date: str) -> polib.POFile:
    """The ``.pot`` of an article: one entry per sentence, identified by (msgctxt, msgid)."""
    template = polib.POFile(wrapwidth=79)
    template.header = (
        f"Sentences of the article {article.slug!r} ({article.source}).\n"
        "Generated by the localisation pipeline (`pipeline extract`); do not edit."
    )
    template.metadata = {
        "Project-Id-Version": article.slug,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": creation_date,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": SOURCE_LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for unit in units(article):
        template.append(polib.POEntry(
            msgid=unit.text,
            msgctxt=unit.context,
            msgstr="",
            occurrences=[(article.source, str(unit.line))],
            comment=f"paragraph {unit.paragraph}, sentence {unit.position}",
        ))
    return template


# --- merging a language catalog with its template ------------------------------------------------


def new_catalog_header(template: polib.POFile, lang: str) -> tuple[str, dict[str, str]]:
    name = language_name(lang)
    header = (
        f"{name} translation of the article {template.metadata['Project-Id-Version']!r}.\n"
        "Translators: edit msgstr; `fuzzy` means a machine draft or a changed source sentence\n"
        "that needs review. Remove the flag when the translation is reviewed."
    )
    metadata = dict(template.metadata)
    metadata.update({
        "Language-Team": name,
        "Language": lang,
        "Plural-Forms": get_plural(lang).plural_forms,
    })
    return header, metadata


def merge_catalog(template: polib.POFile, previous: polib.POFile | None, lang: str) -> polib.POFile:
    """The language catalog for ``template``, keeping every translation ``previous`` holds."""
    catalog = polib.POFile(wrapwidth=79)
    if previous is None:
        catalog.header, catalog.metadata = new_catalog_header(template, lang)
        previous = polib.POFile()
    else:
        catalog.header, catalog.metadata = previous.header, dict(previous.metadata)
        catalog.metadata_is_fuzzy = previous.metadata_is_fuzzy
        for field, value in new_catalog_header(template, lang)[1].items():
            catalog.metadata.setdefault(field, value)
    catalog.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    catalog.metadata[TEMPLATE_DIGEST_FIELD] = template_digest(template)

    current = {entry_key(entry): entry for entry in active_entries(previous)}
    obsolete = {entry_key(entry): entry for entry in previous if entry.obsolete}
    wanted = {entry_key(entry) for entry in template}
    leftovers = [entry for key, entry in current.items() if key not in wanted]
    candidates = [entry for entry in leftovers + list(obsolete.values())
                  if entry.msgstr and not is_machine_draft(entry)]
    used: set[tuple[str | None, str]] = set()

    for source in template:
        key = entry_key(source)
        if key in current or key in obsolete:
            catalog.append(_carry_over(source, current.get(key) or obsolete[key]))
        else:
            match = closest_translation(source.msgid, candidates, used)
            catalog.append(_suggest(source, match) if match else _copy_entry(source))

    for entry in leftovers:
        if entry.msgstr and entry_key(entry) not in used:
            catalog.append(_obsolete(entry))
    for key, entry in obsolete.items():
        if key not in wanted and key not in used:
            catalog.append(_copy_entry(entry))
    return catalog


def template_digest(template: polib.POFile) -> str:
    keys = "\n".join(f"{entry.msgctxt or ''}\x04{entry.msgid}" for entry in template)
    return hashlib.sha256(keys.encode("utf-8")).hexdigest()[:16]


def _copy_entry(entry: polib.POEntry) -> polib.POEntry:
    """A copy that shares no list or dict with ``entry`` (its other fields are strings).

    ``copy.deepcopy`` walks every string and tuple: it cost a sixth of a no-op extract."""
    duplicate = copy.copy(entry)
    duplicate.flags = list(entry.flags)
    duplicate.occurrences = list(entry.occurrences)
    duplicate.msgstr_plural = dict(entry.msgstr_plural)
    return duplicate


def _carry_over(source: polib.POEntry, old: polib.POEntry) -> polib.POEntry:
    """The translator's entry for an unchanged sentence, with the template's references and comments."""
    entry = _copy_entry(old)
    entry.obsolete = False
    entry.occurrences = list(source.occurrences)
    entry.comment = source.comment
    return entry


def closest_translation(msgid: str, candidates: Iterable[polib.POEntry],
                        used: set[tuple[str | None, str]]) -> polib.POEntry | None:
    """The most similar former sentence among ``candidates`` (human translations), if it is a close edit."""
    best, best_ratio = None, FUZZY_MATCH_THRESHOLD
    for candidate in candidates:
        matcher = difflib.SequenceMatcher(None, msgid, candidate.msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    if best is not None:
        used.add(entry_key(best))
    return best


def _suggest(source: polib.POEntry, match: polib.POEntry) -> polib.POEntry:
    """A new entry offering ``match``'s translation, fuzzy, with the msgid it translated as ``#|``."""
    entry = _copy_entry(source)
    entry.msgstr = match.msgstr
    entry.tcomment = match.tcomment
    entry.flags = ["fuzzy"] + [flag for flag in match.flags if flag != "fuzzy"]
    already_fuzzy_with_previous = "fuzzy" in match.flags and match.previous_msgid is not None
    entry.previous_msgid = match.previous_msgid if already_fuzzy_with_previous else match.msgid
    entry.previous_msgctxt = match.previous_msgctxt if already_fuzzy_with_previous else match.msgctxt
    return entry


def _obsolete(entry: polib.POEntry) -> polib.POEntry:
    removed = _copy_entry(entry)
    removed.obsolete = True
    removed.occurrences = []
    removed.comment = ""
    return removed


def _changes(previous: polib.POFile | None, catalog: polib.POFile) -> dict[str, int]:
    """How many entries the merge added, offered a previous translation for, and made obsolete."""
    old = previous or polib.POFile()
    before = {entry_key(entry) for entry in active_entries(old)}
    obsolete_before = {entry_key(entry) for entry in old if entry.obsolete}
    new_entries = [entry for entry in active_entries(catalog) if entry_key(entry) not in before]
    changed = sum(1 for entry in new_entries if entry.previous_msgid is not None)
    return {
        "added": len(new_entries) - changed,
        "changed": changed,
        "obsoleted": sum(1 for entry in catalog if entry.obsolete and entry_key(entry) not in obsolete_before),
    }


def extract(project: Project, article: Article, *, moment: datetime) -> list[UpdateResult]:
    """Update the article's template and every language catalog of the project.

    Every existing catalog is read and checked before anything is written, so a broken or
    hand-edited catalog stops the run with all files as they were.
    """
    template_file = project.template_path(article.slug)
    previous_template = _read_if_exists(template_file)
    previous = {lang: _read_if_exists(project.catalog_path(lang, article.slug)) for lang in project.langs}
    for lang, catalog in previous.items():
        _check_msgids_unedited(catalog, previous_template, project.catalog_path(lang, article.slug))

    old_date = previous_template.metadata.get("POT-Creation-Date") if previous_template else None
    template = build_template(article, creation_date=old_date or format_date(moment))
    written = save_if_changed(template, previous_template, template_file, date_fields=DATE_FIELDS, now=moment)
    results = [UpdateResult(path=template_file, written=written)]
    for lang, old in previous.items():
        path = project.catalog_path(lang, article.slug)
        catalog = merge_catalog(template, old, lang)
        written = save_if_changed(catalog, old, path, date_fields=("PO-Revision-Date",), now=moment)
        results.append(UpdateResult(path=path, written=written, **_changes(old, catalog)))
    return results


PARALLEL_FROM = 16
"""Fewest articles worth extracting in worker processes; for fewer, starting them costs more than it saves."""


def extract_articles(project: Project, articles: Sequence[Article], *, moment: datetime,
                     jobs: int | None = None) -> Iterator[list[UpdateResult]]:
    """:func:`extract` for every article, results in order, in ``jobs`` processes (default: one per core).

    Articles share no file, so two cores extract 1.9 to 2.1 times as fast (bench/bench_scale.py).
    Workers ignore Ctrl-C: after an interruption or an error, articles not yet started are cancelled
    and those under way are finished, so every file is left old or new.
    """
    jobs = available_cores() if jobs is None else jobs
    if jobs < 2 or len(articles) < PARALLEL_FROM:
        for article in articles:
            yield extract(project, article, moment=moment)
        return
    pool = concurrent.futures.ProcessPoolExecutor(jobs, initializer=signal.signal,
                                                  initargs=(signal.SIGINT, signal.SIG_IGN))
    try:
        yield from pool.map(functools.partial(extract, project, moment=moment), articles, chunksize=4)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _read_if_exists(path: Path) -> polib.POFile | None:
    return read_catalog(path) if path.exists() else None


def _check_msgids_unedited(catalog: polib.POFile | None, template: polib.POFile | None, path: Path) -> None:
    """A msgid the template never had, in a catalog merged with that very template (its
    ``X-Template-Digest``), was edited by hand: stop rather than treat the translator's edit as a
    removed sentence. Catalogs out of step with the template (an interrupted run, a catalog from an
    older version) are merged normally."""
    if catalog is None or template is None:
        return
    if catalog.metadata.get(TEMPLATE_DIGEST_FIELD) != template_digest(template):
        return
    known = {entry_key(entry) for entry in template}
    for entry in active_entries(catalog):
        if entry_key(entry) not in known:
            raise CatalogError(
                f"msgid {shorten(entry.msgid)!r} is not in the template {path.name.removesuffix('.po')}.pot: "
                "was it edited? The msgid is the German source; change msgstr only (or the article in seeds/)",
                path=path, line=entry.linenum)


# --- lookups for editions and review sheets (pipeline.editions) ----------------------------------


@dataclass(frozen=True, slots=True)
class Translation:
    """What a catalog says about one sentence, in plain data (editions never see polib's types)."""

    text: str
    """The msgstr as the translator wrote it (the msgid, for a template)."""
    state: EntryState
    previous_source: str | None = None
    """The ``#| msgid`` of a translation whose source sentence changed."""


@dataclass(frozen=True, slots=True)
class Translations:
    path: Path
    entries: dict[tuple[str | None, str], Translation]
    """Active entries keyed by (msgctxt, msgid), as :attr:`pipeline.article.Unit.key`."""
    revision_date: datetime | None
    """The header's PO-Revision-Date: it moves only when the content does, so editions that show it
    are rebuilt byte for byte."""


def read_translations(path: Path, *, template: bool = False) -> Translations:
    """The active entries of a ``.po`` file (or, with ``template``, a ``.pot``: texts are msgids)."""
    catalog = read_catalog(path)
    entries = {
        entry_key(entry): Translation(
            text=entry.msgid if template else entry.msgstr,
            state=EntryState.REVIEWED if template else entry_state(entry),
            previous_source=entry.previous_msgid,
        )
        for entry in active_entries(catalog)
    }
    return Translations(path=path, entries=entries, revision_date=_parse_date(catalog.metadata.get("PO-Revision-Date")))


def _parse_date(value: str | None) -> datetime | None:
    """A header date as gettext tools and PO editors write it; ``None`` for the template's placeholder."""
    try:
        return datetime.strptime((value or "").strip(), DATE_FORMAT)
    except ValueError:
        return None
