"""The PO module: reading and writing ``.po``/``.pot`` files, and what state an entry is in.

This is the only module that imports polib, and polib objects never leave it: the rest of the
pipeline sees a catalog as a frozen :class:`~pipeline.po.views.Catalog` of frozen
:class:`~pipeline.po.views.Entry` views (:mod:`pipeline.po.views`; :func:`read_view`,
:func:`parse_view` read them), and changes one through the named functions here
(:func:`with_machine_draft`, :func:`with_machine_drafts`, :func:`save_if_changed`). Merging lives
in :mod:`pipeline.po.merging`, the extraction stage in :mod:`pipeline.stages.extract`.

Everything the pipeline keeps about an entry lives where GNU ``msgmerge`` and PO editors (Poedit,
Lokalize, Weblate) keep it too, so a translator's tools can re-save a file without losing state:

* reviewed translation: ``msgstr`` set, no ``fuzzy`` flag;
* machine draft: ``fuzzy`` plus a translator comment starting with ``machine translation:``
  (translator comments survive ``msgmerge``; ``#.`` comments absent from the template and unknown
  flags do not), ending with a digest of what the engine wrote (``[draft 1a2b3c4d]``);
* edited draft: the same, but the msgstr no longer matches the digest: a translator rewrote the
  draft in an editor that kept the flag and the comment, so the text is a translator's work;
* source changed: ``fuzzy`` with the previous msgid recorded as ``#| msgid``;
* untranslated: empty ``msgstr``.

Files are written atomically (:mod:`pipeline.files`) and only when their content changes; header
dates move only with the content.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

import polib

from pipeline import dates
from pipeline.articles.model import BOM
from pipeline.errors import CatalogError, os_error
from pipeline.files import write_atomically
from pipeline.input_files import MAX_CATALOG_BYTES, read_regular_file
from pipeline.po import provenance
from pipeline.po.format import format_catalog
from pipeline.po.views import NO_PLURALS, Catalog, Entry, EntryState, Key, text_digest

MACHINE_TRANSLATION_MARK = provenance.MARK
"""Start of the translator comment that marks an entry's msgstr as a machine draft (read by
:mod:`pipeline.po.provenance`, whatever wrapping tools gave it)."""
DRAFT_DIGEST = re.compile(r" \[draft ([0-9a-f]{8})\]$")
"""End of the provenance comment as the pipeline writes it: a digest of the msgstr the engine wrote,
so that a draft a translator rewrote (keeping ``fuzzy`` and the comment, as Lokalize, Weblate and
plain editors do) is told apart. A draft without a readable digest counts as a translator's text."""

DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
DATE_FORMAT = "%Y-%m-%d %H:%M%z"

# --- named changes -------------------------------------------------------------------------------


def with_machine_draft(entry: Entry, translation: str, made_by: str, *, previous_msgid: str | None = None) -> Entry:
    """An untranslated entry filled with a machine draft: fuzzy, with a provenance comment.
    ``previous_msgid``: the sentence a translation-memory draft was made for (``#| msgid``)."""
    if entry.msgstr:
        raise ValueError(f"entry {entry.msgid!r} already has a translation")
    flags = entry.flags if "fuzzy" in entry.flags else ("fuzzy", *entry.flags)
    kept = provenance.without(entry.tcomment)
    mark = provenance.mark(made_by, text_digest(translation))
    drafted = dataclasses.replace(entry, msgstr=translation, flags=flags, tcomment="\n".join([*kept, mark]))
    if previous_msgid is None:
        return drafted
    return dataclasses.replace(drafted, previous_msgid=previous_msgid, previous_msgctxt=None)


def with_machine_drafts(
    catalog: Catalog, drafts: Mapping[Key, tuple[str, str]], previous_msgids: Mapping[Key, str] = MappingProxyType({})
) -> Catalog:
    """``catalog`` with ``drafts`` (key → (translation, provenance)) put into the active entries
    that are still untranslated; a translator's text, fuzzy or not, is never touched.
    ``previous_msgids``: the ``#| msgid`` of translation-memory drafts made for another sentence."""
    entries = tuple(
        with_machine_draft(entry, *drafts[entry.key], previous_msgid=previous_msgids.get(entry.key))
        if not entry.obsolete and not entry.msgstr and entry.key in drafts
        else entry
        for entry in catalog.entries
    )
    return dataclasses.replace(catalog, entries=entries)


# --- reading -------------------------------------------------------------------------------------


def read_view(path: Path) -> Catalog:
    """The catalog at ``path`` as frozen data (:func:`read_catalog`'s checks included)."""
    return _view(read_catalog(path))


def parse_view(text: str, *, path: Path | str, allow_duplicates: bool = False) -> Catalog:
    """PO text as frozen data (:func:`parse_catalog`'s checks included)."""
    return _view(parse_catalog(text, path=path, allow_duplicates=allow_duplicates))


def _view(catalog: polib.POFile) -> Catalog:
    written_header = getattr(catalog, _WRITTEN_HEADER, None)
    return Catalog(
        header=catalog.header or "",
        metadata=catalog.metadata,
        entries=tuple(map(_entry_view, catalog)),
        metadata_is_fuzzy=bool(catalog.metadata_is_fuzzy),
        written_header=None if written_header is None else _entry_view(written_header),
        header_position=getattr(catalog, _HEADER_POSITION, 0),
    )


def _entry_view(entry: polib.POEntry) -> Entry:
    tcomment_empty_line, comment_empty_line = getattr(entry, _EMPTY_COMMENT_LINES, (False, False))
    return Entry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        flags=tuple(entry.flags),
        tcomment=entry.tcomment or "",
        comment=entry.comment or "",
        occurrences=tuple(map(tuple, entry.occurrences)),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        msgid_plural=entry.msgid_plural or "",
        msgstr_plural=MappingProxyType(dict(entry.msgstr_plural)) if entry.msgstr_plural else NO_PLURALS,
        obsolete=bool(entry.obsolete),
        line=entry.linenum,
        tcomment_empty_line=tcomment_empty_line,
        comment_empty_line=comment_empty_line,
    )


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
    lines = text.split("\n")
    _check_strings(lines, path)
    _check_joined_runs(lines, path)
    readable = _polib_readable(lines)
    try:
        catalog = polib.pofile(_GettextLines("\n".join(readable)), wrapwidth=79, encoding="utf-8")
    except (OSError, ValueError) as error:
        raise _syntax_error(error, path) from None
    header_line = _header_msgid_line(readable)
    _number_msgid_lines(catalog, readable, header_line)
    _restore_obsolete_previous(catalog, readable)
    _restore_comments(catalog, lines, readable, header_line)
    if not allow_duplicates:
        _check_duplicates(catalog, path)
    return catalog


_STRING_LINE = re.compile(
    r'(?:#~\|? ?|#\| ?)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*'
)
_STRING_START = re.compile(r'(?:#~\|? ?|#\| ?)?(?:msgctxt|msgid|msgid_plural|msgstr|")')
_MSGID_LINE = re.compile(r"[ \t]*(?:#~[ \t]*)?msgid\s")


def _check_strings(lines: list[str], path: Path | str) -> None:
    """Reject unterminated or garbled strings, which polib silently truncates (a translator's typo
    such as a missing closing quote must stop the run, not lose a character)."""
    for number, line in enumerate(lines, start=1):
        if _STRING_START.match(line) and not _STRING_LINE.fullmatch(line):
            raise CatalogError(
                "malformed string (missing or unescaped quote?); fix the file and run again", path=path, line=number
            )


MAX_JOINED_LINES = 1_000
"""Most lines in a row that polib joins into one string or comment. It joins them one at a time into
a growing string, in time quadratic in their number (160,000 lines took 7.5 s; a 64 MB catalog would
take hours); a catalog the pipeline writes holds at most about 260 (a paragraph of 20,000 characters)."""
_CONTINUED = re.compile(r'(?:#~\|? ?|#\| ?)?"')


def _joined_kind(line: str) -> str | None:
    """What polib joins ``line`` into: a string's continuation (by its prefix), a translator's or an
    extracted comment; None for any other line."""
    if line[:2] in ("# ", "#."):
        return line[:2]
    if line == "#":
        return "# "
    continued = _CONTINUED.match(line) if line[:1] in ('"', "#") else None
    return continued.group() if continued else None


def _check_joined_runs(lines: list[str], path: Path | str) -> None:
    """Refuse more than :data:`MAX_JOINED_LINES` lines in a row that polib would join, rather than
    hang on a hostile or broken file."""
    kind, start, length = None, 0, 0
    for number, line in enumerate(lines, start=1):
        found = _joined_kind(line)
        if found is None or found != kind:
            kind, start, length = found, number, 1
            continue
        length += 1
        if length > MAX_JOINED_LINES:
            what = "comment" if kind in ("# ", "#.") else "string"
            raise CatalogError(
                f"more than {MAX_JOINED_LINES:,} lines in a row continue one {what}, which no PO editor "
                "writes; fix the file (or restore it from version control) and run again",
                path=path,
                line=start,
            )


def _syntax_error(error: Exception, path: Path | str) -> CatalogError:
    message = str(error)
    match = re.search(r"\(line (\d+)\)(?::\s*(.*))?", message)
    if not match:
        return CatalogError(f"cannot parse catalog: {message}", path=path)
    detail = match.group(2) or "syntax error"
    return CatalogError(
        f"{detail}; fix the file (or restore it from version control) and run again",
        path=path,
        line=int(match.group(1)),
    )


def _number_msgid_lines(catalog: polib.POFile, lines: list[str], header_line: int | None) -> None:
    numbers = [
        number for number, line in enumerate(lines, start=1) if _MSGID_LINE.match(line) and number != header_line
    ]
    entries = list(catalog)
    if len(numbers) == len(entries):
        for entry, number in zip(entries, numbers, strict=True):
            entry.linenum = number


def _restore_obsolete_previous(catalog: polib.POFile, lines: list[str]) -> None:
    """Attach ``#~|`` previous msgctxt/msgid/msgid_plural lines to their obsolete entries: polib
    skips them, and a file we rewrite would otherwise lose what a translator needs to see (polib
    issue #158)."""
    by_line = {entry.linenum: entry for entry in catalog if entry.obsolete}
    previous: dict[str, list[str]] = {}
    field = None
    for number, line in enumerate(lines, start=1):
        if line.startswith("#~|"):
            keyword, rest = ([*line[3:].split(None, 1), "", ""])[:2]
            if keyword.startswith('"') and field:
                previous[field].append(line[3:].strip())
            elif keyword in ("msgctxt", "msgid", "msgid_plural"):
                field = keyword
                previous[field] = [rest.strip()]
        elif number in by_line and previous:
            entry = by_line[number]
            if "msgctxt" in previous:
                entry.previous_msgctxt = _unquote(previous["msgctxt"])
            if "msgid" in previous:
                entry.previous_msgid = _unquote(previous["msgid"])
            if "msgid_plural" in previous:
                entry.previous_msgid_plural = _unquote(previous["msgid_plural"])
            previous, field = {}, None
        elif not line.strip() or (line[0] in "m#\t " and _MSGID_LINE.match(line)):
            previous, field = {}, None


def _unquote(parts: list[str]) -> str:
    return "".join(polib.unescape(part[1:-1]) for part in parts)


# --- reading as gettext reads: where polib's reading differs ------------------------------------
#
# polib drops or alters what gettext keeps (empty `#.` lines, trailing spaces of comments, the header
# entry's own comments, references, flags and exact msgstr, `#foo` comments, which it refuses, the
# `\a` escape), attaches a header-less file's first comments to a header it invents, and merges
# every `#,` line where gettext keeps only the last. Rather than patch polib, these functions
# re-read those parts from the lines as gettext's reader (read-catalog-abstract.c, po-lex.c) does,
# and set them on polib's objects; what those cannot hold goes into the attributes named below,
# which _view and _entry_view turn into the views' fields (Catalog.written_header,
# Catalog.header_position, Entry.tcomment_empty_line, Entry.comment_empty_line) the writer reads.

_WRITTEN_HEADER = "pipeline_written_header"
"""On a parsed polib catalog: its header entry as read (a ``polib.POEntry``), which polib folds into
``metadata``."""
_HEADER_POSITION = "pipeline_header_position"
"""On a parsed polib catalog whose header is not the first entry: how many active entries precede it."""
_EMPTY_COMMENT_LINES = "pipeline_empty_comment_lines"
"""On a parsed polib entry whose translator or extracted comment is one empty line: two booleans."""

_NOT_A_COMMENT_FOR_POLIB = re.compile(r"#(?=[^\s.:,|~!])")
_MARKER_WITHOUT_SPACE = re.compile(r"(?:#~\||#[.,:|]|#~(?!\|))(?=\S)")
_POLIB_MISREADS = (  # searched in "\n" + text: a leading newline makes the search fast
    re.compile(r"\n(?:#!|#[^\s.:,|~!]|#[.,:|]\S|#~(?!\|)\S|#~\|\S|#~\s*$)", re.MULTILINE),
    re.compile(r"\\[a?'0-7x]"),
)
_EXTRA_ESCAPE = re.compile(r"\\\\|\\[a?']|(?:\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+))+")
_BYTE_ESCAPE = re.compile(r"\\([0-7]{1,3}|x[0-9A-Fa-f]+)")
_KEYWORD_OR_STRING = re.compile(r'\s*(?:#~\|?|#\|)?\s*(?:msgctxt|msgid|msgstr|")')
_FLAG = re.compile(r"range:\s*[^\s,]*|[^\s,]+")
_OBSOLETE_COMMENT = re.compile(r"#~\s*(?=#)")
# in "\n" + text: a lone `#`/`#.`, `#.` and a tab, `##`, `#~ #`, two flag lines, flags without commas
_POLIB_COMMENTS_DIFFER = re.compile(
    r"\n(?:#\.?$|#\.\t|##|#~[ \t]*#|#[,!][^\n]*\n(?:#[^\n]*\n)*#[,!]|#,[^\n]*[^\s,][ \t]+[^\s,])", re.MULTILINE
)
"""Where polib may read an entry's comments or flags differently from gettext (with blanks at the end
of a line, which polib strips); files without any (most, and every file the pipeline writes) skip
the scan of every entry, a fifth of a parse."""


def _polib_readable(lines: list[str]) -> list[str]:
    """The lines, one for one, rewritten where polib would refuse or misread what gettext accepts:
    ``#word`` and ``#!`` comments, markers without a space after them (``#.word``, ``#:file``,
    ``#~msgid``), a bare ``#~``, and the escapes polib does not know."""
    text = "\n" + "\n".join(lines)
    if not any(pattern.search(text) for pattern in _POLIB_MISREADS):
        return lines  # the common case, as the pipeline and most tools write files
    readable = []
    for line in lines:
        if line.startswith("#!"):
            line = "#," + line[2:]
        if _NOT_A_COMMENT_FOR_POLIB.match(line):
            line = "# " + line[1:]
        elif marker := _MARKER_WITHOUT_SPACE.match(line):
            line = f"{marker[0]} {line[marker.end() :]}"
        elif line.strip() == "#~":
            line = ""
        if "\\" in line and _KEYWORD_OR_STRING.match(line):
            line = _EXTRA_ESCAPE.sub(_polib_escape, line)
        readable.append(line)
    return readable


def _polib_escape(match: re.Match) -> str:
    r"""Gettext escapes as polib reads them: ``\a`` and runs of octal/hex byte escapes (UTF-8, as
    ``msgcat --escape`` writes them) become their characters, escaped again where polib knows an
    escape for one; an escaped backslash, or bytes that are not UTF-8, are left as written.

    >>> [_polib_escape(_EXTRA_ESCAPE.search(text)) for text in (r"\a", r"\012", r"\303\251", r"\\0")]
    ['\x07', '\\n', 'é', '\\\\']
    """
    text = match[0]
    if text == "\\\\":
        return text
    if text in ("\\a", "\\?", "\\'"):
        return polib.escape({"a": "\a"}.get(text[1], text[1]))
    data = bytes(
        (int(code[1:], 16) if code[0] == "x" else int(code, 8)) & 0xFF  # as po-lex.c
        for code in _BYTE_ESCAPE.findall(text)
    )
    try:
        characters = data.decode("utf-8")
    except UnicodeDecodeError:
        return text
    return text if "\x00" in characters else polib.escape(characters)


def _header_msgid_line(lines: list[str]) -> int | None:
    """The line of the header's ``msgid ""``: gettext's header is the entry with an empty msgid and
    no msgctxt, wherever it stands; None for a file without one."""
    for index, line in enumerate(lines):
        if not re.fullmatch(r'msgid\s+""\s*', line):
            continue
        if index + 1 < len(lines) and lines[index + 1].lstrip().startswith('"'):
            continue  # the msgid goes on: not empty
        before = index - 1
        while before >= 0 and lines[before].lstrip().startswith('"'):
            before -= 1
        if before < 0 or not lines[before].lstrip().startswith("msgctxt"):
            return index + 1
    return None


@dataclass(frozen=True, slots=True)
class _Comments:
    """The comment lines of one entry as gettext reads them."""

    translator: list[str]
    extracted: list[str]
    references: list[str]
    flags: list[str]
    """Only the last ``#,`` line counts: gettext's reader resets the flags at each one."""


def _scan_comments(lines: list[str]) -> dict[int, _Comments]:
    """The comments of every entry, keyed by the line of its msgid keyword.

    As gettext: one space after ``#`` or ``#.`` is not part of the comment, the rest of the line is
    (trailing spaces, further ``#``), an empty ``#`` or ``#.`` line is an empty comment line, and a
    comment after the last entry belongs to no entry.
    """
    blocks: dict[int, _Comments] = {}
    pending = _Comments([], [], [], [])
    for number, line in enumerate(lines, start=1):
        if line[:1] in ("", '"'):
            continue  # strings and blank lines, most of a file
        if _MSGID_LINE.match(line):
            blocks[number], pending = pending, _Comments([], [], [], [])
            continue
        match = _OBSOLETE_COMMENT.match(line)
        body = line[match.end() :] if match else line
        if not body.startswith("#") or body.startswith(("#~", "#|")):
            continue
        marker, text = body[1:2], body[2:]
        if marker == ".":
            pending.extracted.append(text.removeprefix(" "))
        elif marker == ":":
            pending.references.extend(text.split())
        elif marker in (",", "!"):
            pending.flags[:] = _FLAG.findall(text)
        else:
            pending.translator.append(body[1:].removeprefix(" "))
    return blocks


def _restore_comments(catalog: polib.POFile, lines: list[str], readable: list[str], header_line: int | None) -> None:
    """Give the header, and every entry where polib may read them differently, the comments and
    flags gettext reads in ``lines``."""
    text = "\n" + "\n".join(lines)
    every_entry = (
        header_line is None
        or readable is not lines
        or " \n" in text
        or "\t\n" in text
        or _POLIB_COMMENTS_DIFFER.search(text)
    )
    blocks = _scan_comments(lines if every_entry else lines[:header_line])
    if len(blocks) > 1 and not every_entry:  # entries before the header: polib gave it their comments
        every_entry, blocks = True, _scan_comments(lines)
    for entry in catalog if every_entry else ():
        block = blocks.get(entry.linenum)
        if block is not None:
            _set_comments(entry, block)
    if header_line is None:
        catalog.header = ""  # polib took the first entry's comments for a header comment
        return
    block = blocks[header_line]
    header = polib.POEntry(
        msgid="",
        msgstr=_header_msgstr_as_written(readable, header_line),
        occurrences=[_occurrence(reference) for reference in block.references],
    )
    _set_comments(header, block)
    catalog.header = header.tcomment
    catalog.metadata_is_fuzzy = "fuzzy" in block.flags
    setattr(catalog, _WRITTEN_HEADER, header)
    before = sum(1 for entry in catalog if not entry.obsolete and entry.linenum < header_line)
    if before:
        setattr(catalog, _HEADER_POSITION, before)


def _set_comments(entry: polib.POEntry, block: _Comments) -> None:
    """polib's ``tcomment``/``comment`` cannot tell one empty comment line (``#`` or ``#.`` alone)
    from none; that case is also recorded as :data:`_EMPTY_COMMENT_LINES`."""
    entry.tcomment = "\n".join(block.translator)
    entry.comment = "\n".join(block.extracted)
    entry.flags = list(block.flags)
    if block.translator == [""] or block.extracted == [""]:
        setattr(entry, _EMPTY_COMMENT_LINES, (block.translator == [""], block.extracted == [""]))


def _occurrence(reference: str) -> tuple[str, str]:
    """``file:line`` as polib splits it: ``(file, line)``, or ``(reference, "")`` without a line."""
    path, _, line = reference.rpartition(":")
    return (path, line) if path and line.isdigit() else (reference, "")


def _header_msgstr_as_written(lines: list[str], header_line: int) -> str:
    """The header's msgstr exactly as written, from the lines after its ``msgid ""``."""
    parts: list[str] = []
    for line in lines[header_line:]:
        stripped = line.strip()
        if not parts and re.match(r"msgstr\s", stripped):
            parts.append(stripped[len("msgstr") :].strip())
        elif parts and stripped.startswith('"'):
            parts.append(stripped)
        else:
            break
    return _unquote(parts)


# --- end of reading as gettext reads -------------------------------------------------------------


def _check_duplicates(catalog: polib.POFile, path: Path | str) -> None:
    seen: set[tuple[bool, str | None, str]] = set()
    for entry in catalog:
        key = (entry.obsolete, entry.msgctxt, entry.msgid)
        if key in seen:
            raise CatalogError(f"duplicate entry for msgid {shorten(entry.msgid)!r}", path=path, line=entry.linenum)
        seen.add(key)


def shorten(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for messages that quote a msgid."""
    return text if len(text) <= width else text[: width - 1] + "…"


def read_catalog(path: Path) -> polib.POFile:
    """Read a ``.po``/``.pot`` file written by us, a PO editor or gettext tools."""
    try:
        data = read_regular_file(path, what="catalog", limit=MAX_CATALOG_BYTES)
    except OSError as error:
        raise os_error(error, "cannot read", path) from None
    check_not_empty(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError(
            "not UTF-8; the pipeline reads and writes UTF-8 catalogs only", path=path, line=line
        ) from None
    catalog = parse_catalog(text, path=path)
    _check_charset(catalog, path)
    return catalog


def check_not_empty(data: bytes, path: Path) -> None:
    """An emptied catalog (a failed copy, an editor crash, ``> file``) parses as a catalog without
    entries; merging it would silently start over and hide that the translations are gone."""
    if not data.strip():
        size = "0 bytes" if not data else "only whitespace"
        raise CatalogError(
            f"the file is empty ({size}); restore it from version control, or delete it to start an empty catalog",
            path=path,
        )


def declared_charset(metadata: Mapping[str, str]) -> str | None:
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
            "convert it with `msgconv -t UTF-8` and run again",
            path=path,
            line=2,
        )


# --- writing -------------------------------------------------------------------------------------


def _content_without_dates(catalog: Catalog) -> tuple:
    """Everything a catalog says except its dates, for telling whether it needs writing.

    Compared as data rather than as formatted text: formatting every catalog twice would dominate
    a no-op run over many articles. How the file read laid its header out (``written_header``,
    ``header_position``) is left out: a template built afresh has none, and a merge moves the
    header first; neither is a reason to rewrite a file."""
    metadata = tuple((key, value) for key, value in catalog.metadata.items() if key not in DATE_FIELDS)
    return (catalog.header, metadata, catalog.metadata_is_fuzzy, catalog.entries)


def save_if_changed(
    catalog: Catalog, previous: Catalog | None, path: Path, *, date_fields: tuple[str, ...], now: datetime
) -> Catalog | None:
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
    return moment.astimezone(UTC).strftime(DATE_FORMAT)


def now() -> datetime:
    """The moment written into headers: now, or ``SOURCE_DATE_EPOCH`` (:mod:`pipeline.dates`)."""
    return dates.build_moment()


# --- lookups for editions and review sheets (pipeline.editions.build) ----------------------------


@dataclass(frozen=True, slots=True)
class Translation:
    """What a catalog says about one sentence, in plain data."""

    text: str
    """The msgstr as the translator wrote it (the msgid, for a template)."""
    state: EntryState
    previous_source: str | None = None
    """The ``#| msgid`` of a translation whose source sentence changed."""
    comment: str = ""
    """The translator comment: a draft's provenance and the engine's confidence (:mod:`pipeline.po.confidence`)."""


@dataclass(frozen=True, slots=True)
class Translations:
    path: Path
    entries: dict[Key, Translation]
    """Active entries keyed by (msgctxt, msgid), as :attr:`pipeline.articles.model.Unit.key`."""
    revision_date: datetime | None
    """The header's PO-Revision-Date: it moves only when the content does, so editions that show it
    are rebuilt byte for byte."""


def read_translations(path: Path, *, template: bool = False) -> Translations:
    """The active entries of a ``.po`` file (or, with ``template``, a ``.pot``: texts are msgids)."""
    return translations_of(read_view(path), path, template=template)


def translations_of(catalog: Catalog, path: Path, *, template: bool = False) -> Translations:
    """:func:`read_translations` of a catalog already read from ``path``."""
    entries = {
        entry.key: Translation(
            text=entry.msgid if template else entry.msgstr,
            state=EntryState.REVIEWED if template else entry.state,
            previous_source=entry.previous_msgid,
            comment=entry.tcomment,
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
