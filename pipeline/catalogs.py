"""The PO module: reading and writing ``.po``/``.pot`` files, and what state an entry is in.

This is the only module that imports polib, and polib objects never leave it: the rest of the
pipeline sees a catalog as a frozen :class:`Catalog` of frozen :class:`Entry` views
(:func:`read_view`, :func:`parse_view`), and changes one through the named functions here
(:func:`with_machine_draft`, :func:`with_machine_drafts`, :func:`save_if_changed`). Merging lives
in :mod:`pipeline.merging`, the extraction stage in :mod:`pipeline.extraction`.

Everything the pipeline keeps about an entry lives where GNU ``msgmerge`` and PO editors (Poedit,
Lokalize, Weblate) keep it too, so a translator's tools can re-save a file without losing state:

* reviewed translation: ``msgstr`` set, no ``fuzzy`` flag;
* machine draft: ``fuzzy`` plus a translator comment starting with ``machine translation:``
  (translator comments survive ``msgmerge``; ``#.`` comments absent from the template and unknown
  flags do not);
* source changed: ``fuzzy`` with the previous msgid recorded as ``#| msgid``;
* untranslated: empty ``msgstr``.

Files are written atomically (:mod:`pipeline.files`) and only when their content changes; header
dates move only with the content.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import MappingProxyType

import polib

from pipeline.article import BOM
from pipeline.errors import CatalogError, os_error
from pipeline.files import write_atomically
from pipeline.po_format import format_catalog

MACHINE_TRANSLATION_MARK = "machine translation: "
"""Start of the translator-comment line that marks an entry's msgstr as a machine draft."""

DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
DATE_FORMAT = "%Y-%m-%d %H:%M%z"

Key = tuple[str | None, str]
"""An entry's identity: (msgctxt, msgid), as :attr:`pipeline.article.Unit.key`."""


class EntryState(enum.Enum):
    """What a translator still has to do with an entry."""

    REVIEWED = "reviewed"
    MACHINE_DRAFT = "machine draft"
    SOURCE_CHANGED = "source changed"
    """Fuzzy but not a plain machine draft: the source changed under a translation (``#|``), or a
    translator flagged it for another look."""
    UNTRANSLATED = "untranslated"
    OBSOLETE = "obsolete"


_NO_PLURALS: Mapping[int, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a catalog, frozen. Field names are polib's (and :mod:`pipeline.po_format`'s)."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    flags: tuple[str, ...] = ()
    tcomment: str = ""
    """Translator comments (``# ``), one per line: provenance of drafts, ``qa-ignore``."""
    comment: str = ""
    """Extracted comments (``#.``): the sentence's position, from the template."""
    occurrences: tuple[tuple[str, str], ...] = ()
    """References (``#:``): (file, line)."""
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    """``#| msgid``: the source sentence a fuzzy translation was made for."""
    previous_msgid_plural: str | None = None
    msgid_plural: str = ""
    msgstr_plural: Mapping[int, str] = field(default_factory=lambda: _NO_PLURALS, hash=False)
    obsolete: bool = False
    line: int | None = field(default=None, compare=False)
    """Line of the ``msgid`` keyword in the file read, for ``path:line`` messages; not content."""

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    def __reduce__(self) -> tuple:
        """Pickled (for worker processes) with its plural forms as a dict: a read-only mapping
        cannot be pickled."""
        state = {item.name: getattr(self, item.name) for item in dataclasses.fields(self)}
        state["msgstr_plural"] = dict(self.msgstr_plural)
        return (_unpickle_entry, (state,))

    @property
    def state(self) -> EntryState:
        return entry_state(self)


@dataclass(frozen=True, slots=True)
class Catalog:
    """A ``.po``/``.pot`` file as data: header comment, metadata in file order, entries in order."""

    header: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict, hash=False)
    entries: tuple[Entry, ...] = ()
    metadata_is_fuzzy: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __reduce__(self) -> tuple:
        """Pickled with its metadata as a dict (see :meth:`Entry.__reduce__`)."""
        return (Catalog, (self.header, dict(self.metadata), self.entries, self.metadata_is_fuzzy))

    def active(self) -> Iterator[Entry]:
        return (entry for entry in self.entries if not entry.obsolete)

    def with_metadata(self, changes: Mapping[str, str]) -> Catalog:
        """A copy with these header fields set (added at the end when new)."""
        return dataclasses.replace(self, metadata={**self.metadata, **changes})


def _unpickle_entry(state: dict) -> Entry:
    plurals = state.pop("msgstr_plural")
    return Entry(**state, msgstr_plural=MappingProxyType(plurals) if plurals else _NO_PLURALS)


# --- entry state ---------------------------------------------------------------------------------


def _comment_lines(entry: Entry) -> list[str]:
    return entry.tcomment.split("\n") if entry.tcomment else []


def is_machine_draft(entry: Entry) -> bool:
    return "fuzzy" in entry.flags and any(
        line.startswith(MACHINE_TRANSLATION_MARK) for line in _comment_lines(entry)
    )


def entry_state(entry: Entry) -> EntryState:
    if entry.obsolete:
        return EntryState.OBSOLETE
    if not entry.msgstr:
        return EntryState.UNTRANSLATED
    if "fuzzy" not in entry.flags:
        return EntryState.REVIEWED
    if is_machine_draft(entry) and entry.previous_msgid is None:
        return EntryState.MACHINE_DRAFT
    return EntryState.SOURCE_CHANGED


def with_machine_draft(entry: Entry, translation: str, provenance: str) -> Entry:
    """An untranslated entry filled with a machine draft: fuzzy, with a provenance comment."""
    if entry.msgstr:
        raise ValueError(f"entry {entry.msgid!r} already has a translation")
    flags = entry.flags if "fuzzy" in entry.flags else ("fuzzy", *entry.flags)
    kept = [line for line in _comment_lines(entry) if not line.startswith(MACHINE_TRANSLATION_MARK)]
    return dataclasses.replace(entry, msgstr=translation, flags=flags,
                               tcomment="\n".join(kept + [MACHINE_TRANSLATION_MARK + provenance]))


def with_machine_drafts(catalog: Catalog, drafts: Mapping[Key, tuple[str, str]]) -> Catalog:
    """``catalog`` with ``drafts`` (key → (translation, provenance)) put into the active entries
    that are still untranslated; a translator's text, fuzzy or not, is never touched."""
    entries = tuple(
        with_machine_draft(entry, *drafts[entry.key])
        if not entry.obsolete and not entry.msgstr and entry.key in drafts else entry
        for entry in catalog.entries)
    return dataclasses.replace(catalog, entries=entries)


# --- reading -------------------------------------------------------------------------------------


def read_view(path: Path) -> Catalog:
    """The catalog at ``path`` as frozen data (:func:`read_catalog`'s checks included)."""
    return _view(read_catalog(path))


def parse_view(text: str, *, path: Path | str, allow_duplicates: bool = False) -> Catalog:
    """PO text as frozen data (:func:`parse_catalog`'s checks included)."""
    return _view(parse_catalog(text, path=path, allow_duplicates=allow_duplicates))


def _view(catalog: polib.POFile) -> Catalog:
    return Catalog(header=catalog.header or "", metadata=catalog.metadata,
                   entries=tuple(map(_entry_view, catalog)), metadata_is_fuzzy=bool(catalog.metadata_is_fuzzy))


def _entry_view(entry: polib.POEntry) -> Entry:
    return Entry(
        msgid=entry.msgid, msgstr=entry.msgstr, msgctxt=entry.msgctxt, flags=tuple(entry.flags),
        tcomment=entry.tcomment or "", comment=entry.comment or "",
        occurrences=tuple(map(tuple, entry.occurrences)),
        previous_msgctxt=entry.previous_msgctxt, previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural, msgid_plural=entry.msgid_plural or "",
        msgstr_plural=MappingProxyType(dict(entry.msgstr_plural)) if entry.msgstr_plural else _NO_PLURALS,
        obsolete=bool(entry.obsolete), line=entry.linenum)


# The functions below read PO text into polib objects. They are kept as they are (the PO reader's
# own history); other modules use read_view and parse_view.

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


# --- writing -------------------------------------------------------------------------------------


def _content_without_dates(catalog: Catalog) -> tuple:
    """Everything a catalog says except its dates, for telling whether it needs writing.

    Compared as data rather than as formatted text: formatting every catalog twice would dominate
    a no-op run over many articles."""
    metadata = tuple((key, value) for key, value in catalog.metadata.items() if key not in DATE_FIELDS)
    return (catalog.header, metadata, catalog.metadata_is_fuzzy, catalog.entries)


def save_if_changed(catalog: Catalog, previous: Catalog | None, path: Path, *,
                    date_fields: tuple[str, ...], now: datetime) -> Catalog | None:
    """Write ``catalog`` unless it says what ``previous`` (the file on disk) says already; returns
    what was written (``date_fields`` set to ``now``), or None when nothing was.

    Content is compared as parsed data without dates, so a file that an editor re-wrapped or saved
    with CRLF is left byte for byte as it is when nothing changed.
    """
    if previous is not None and _content_without_dates(catalog) == _content_without_dates(previous):
        return None
    dated = catalog.with_metadata({name: header_date(now) for name in date_fields})
    write_atomically(path, format_catalog(dated).encode("utf-8"))
    return dated


def header_date(moment: datetime) -> str:
    """A date as gettext writes it in ``POT-Creation-Date``/``PO-Revision-Date`` (babel's
    ``format_date`` formats dates for readers; this one is for the file format)."""
    return moment.astimezone(timezone.utc).strftime(DATE_FORMAT)


def now() -> datetime:
    return datetime.now(timezone.utc)


# --- lookups for editions and review sheets (pipeline.editions) ----------------------------------


@dataclass(frozen=True, slots=True)
class Translation:
    """What a catalog says about one sentence, in plain data."""

    text: str
    """The msgstr as the translator wrote it (the msgid, for a template)."""
    state: EntryState
    previous_source: str | None = None
    """The ``#| msgid`` of a translation whose source sentence changed."""


@dataclass(frozen=True, slots=True)
class Translations:
    path: Path
    entries: dict[Key, Translation]
    """Active entries keyed by (msgctxt, msgid), as :attr:`pipeline.article.Unit.key`."""
    revision_date: datetime | None
    """The header's PO-Revision-Date: it moves only when the content does, so editions that show it
    are rebuilt byte for byte."""


def read_translations(path: Path, *, template: bool = False) -> Translations:
    """The active entries of a ``.po`` file (or, with ``template``, a ``.pot``: texts are msgids)."""
    catalog = read_view(path)
    entries = {
        entry.key: Translation(
            text=entry.msgid if template else entry.msgstr,
            state=EntryState.REVIEWED if template else entry.state,
            previous_source=entry.previous_msgid,
        )
        for entry in catalog.active()
    }
    return Translations(path=path, entries=entries, revision_date=_parse_date(catalog.metadata.get("PO-Revision-Date")))


def _parse_date(value: str | None) -> datetime | None:
    """A header date as gettext tools and PO editors write it; ``None`` for the template's placeholder."""
    try:
        return datetime.strptime((value or "").strip(), DATE_FORMAT)
    except ValueError:
        return None
