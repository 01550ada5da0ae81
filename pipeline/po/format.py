"""Write gettext catalogs byte for byte as GNU gettext writes them.

:func:`format_catalog` serialises a catalog the way ``msgcat``/``msgmerge`` (GNU gettext 0.21 with
libunistring 1.0, as in Debian 12) print it, so that running either tool over a file the pipeline
wrote changes nothing. It follows ``write-po.c`` of gettext and the line breaking of libunistring:

- Entries are separated by one blank line; the file ends with one newline. The header entry comes
  first (or where the file read had it), then the active entries, then the obsolete ones. gettext
  drops obsolete entries whose (first) msgstr is empty, so they are dropped here too.
- The header entry is the catalog's comment block and metadata; a catalog the reader parsed also
  carries the header as written (``written_header``), whose other lines are kept (:func:`_header`).
- Comment lines: ``#`` translator (one line per line of text; an empty line is ``#`` alone), ``#.``
  extracted, ``#:`` references, ``#,`` flags, ``#|`` previous msgctxt/msgid/msgid_plural. Obsolete
  entries keep their comments in that plain form, only the previous strings get ``#~| `` and the
  keywords ``#~ ``.
- Flags are normalised as gettext does: ``fuzzy`` first (and only when the msgstr is not empty),
  then the known ``*-format`` flags in gettext's order, then ``range:``, then ``no-wrap``. Every
  other flag is dropped, because gettext drops it on the next ``msgmerge``.
- References are ``file:line`` (``file`` alone without a line), leading ``./`` removed, duplicates
  removed, wrapped so that no ``#:`` line is longer than the page width (counting bytes).
- Strings are escaped as C strings (``\\\\ \\" \\a \\b \\f \\n \\r \\t \\v``; other characters are
  written as they are) and cut into one line per embedded newline. A string that spans several
  lines, or would not fit after its keyword, starts with ``keyword ""``. Lines are wrapped at the
  break opportunities of Unicode line breaking (UAX #14, as libunistring 1.0 implements it) so
  that no line exceeds the page width in display columns (East Asian wide characters count two),
  never inside an escape sequence and never just before the final ``\\n``.

Only UTF-8 catalogs are supported; the character tables are those of libunistring 1.0 (Unicode
14). Not implemented: gettext's rule that a line never breaks inside a format directive of an entry
flagged ``*-format`` (catalogs of article text carry no format flags).
"""

from __future__ import annotations

import base64
import bisect
import functools
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from pipeline.po.views import Catalog, Entry

PAGE_WIDTH = 79
"""gettext's default page width (``msgcat --width``)."""

# ---------------------------------------------------------------------------------------------
# The catalog as gettext sees it


@dataclass(frozen=True, slots=True)
class _Message:
    """One entry after gettext's reading rules: what ``message_print`` works from."""

    msgid: str
    msgstr: tuple[str, ...]
    msgctxt: str | None = None
    msgid_plural: str | None = None
    comments: tuple[str, ...] = ()
    extracted: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    previous: tuple[tuple[str, str], ...] = ()
    """(keyword, string) pairs: ``msgctxt``, ``msgid``, ``msgid_plural`` as far as present."""
    wrap: bool = True
    obsolete: bool = False


# gettext 0.21's format languages in the order it prints their flags (``format_language[]``).
FORMAT_LANGUAGES = (
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
)
_FLAG_TOKEN = re.compile(r"[^\n \t\r\f\v,]+")  # gettext splits a flags line at these
_FORMAT_FLAG = re.compile(r"(?:(no|possible|impossible)-)?(.+)-format")
_RANGE_BOUNDS = re.compile(r"(\d+)\.\.(\d+)")
_INT_MAX = 2**31 - 1


def _normalise_flags(flags: Iterable[str], *, translated: bool, obsolete: bool) -> tuple[tuple[str, ...], bool]:
    """The ``#,`` flags gettext keeps, in its order, and whether the entry may be wrapped.

    Obsolete entries lose ``range:``; ``fuzzy`` needs a translation.

    >>> _normalise_flags(["python-format", "custom", "fuzzy", "no-wrap"], translated=True,
    ...                  obsolete=False)
    (('fuzzy', 'python-format', 'no-wrap'), False)
    >>> _normalise_flags(["fuzzy", "range: 1..5"], translated=False, obsolete=False)
    (('range: 1..5',), True)
    """
    fuzzy, wrap, value_range = False, None, None
    formats: dict[str, str] = {}
    tokens = iter(_FLAG_TOKEN.findall(",".join(flags)))
    for token in tokens:
        format_flag = _FORMAT_FLAG.fullmatch(token)
        if token == "fuzzy":
            fuzzy = True
        elif format_flag and format_flag[2] in FORMAT_LANGUAGES:
            formats[format_flag[2]] = format_flag[1] or "yes"
        elif token == "range:":  # its bounds are the next token
            value_range = _parse_range(next(tokens, "")) or value_range
        elif token in ("wrap", "no-wrap"):
            wrap = token == "wrap"
    kept = ["fuzzy"] if fuzzy and translated else []
    for language in FORMAT_LANGUAGES:
        kind = formats.get(language)
        if kind in ("yes", "possible"):
            kept.append(f"{language}-format")
        elif kind == "no":
            kept.append(f"no-{language}-format")
    if value_range and not obsolete:
        kept.append(value_range)
    if wrap is False:
        kept.append("no-wrap")
    return tuple(kept), wrap is not False


def _parse_range(bounds: str) -> str | None:
    """``range: MIN..MAX`` from the token after ``range:``, or None where gettext ignores it."""
    match = _RANGE_BOUNDS.match(bounds)
    if match is None:
        return None
    low, high = (min(int(bound), _INT_MAX) for bound in match.groups())
    return f"range: {low}..{high}" if low <= high else None


def _reference(occurrence: tuple[str, str]) -> str:
    """``file:line`` as gettext prints a reference; ``file`` alone when there is no line."""
    path, line = occurrence
    if re.search(r"[ \t\n]", path):
        raise ValueError(f"gettext 0.21 splits a reference at white space: {path!r}")
    while path.startswith("./"):
        path = path[2:]
    return f"{path}:{int(line)}" if line else path


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()


def _comment_lines(text: str | None, empty_line: bool) -> tuple[str, ...]:
    """The lines of a comment; ``empty_line`` (the reader saw ``#`` or ``#.`` alone) tells one empty
    line from no comment, while the text is still empty."""
    return ("",) if empty_line and not text else _lines(text)


def _plural_forms(entry: Entry) -> tuple[str, ...]:
    forms = {int(index): value for index, value in entry.msgstr_plural.items()}
    return tuple(forms.get(index, "") for index in range(max(forms, default=0) + 1))


def _message(entry: Entry) -> _Message:
    """An entry as gettext reads it back."""
    msgstr = _plural_forms(entry) if entry.msgid_plural else (entry.msgstr,)
    flags, wrap = _normalise_flags(entry.flags, translated=msgstr[0] != "", obsolete=bool(entry.obsolete))
    previous = (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    )
    return _Message(
        msgid=entry.msgid,
        msgstr=msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural or None,
        comments=_comment_lines(entry.tcomment, entry.tcomment_empty_line),
        extracted=_comment_lines(entry.comment, entry.comment_empty_line),
        references=tuple(dict.fromkeys(map(_reference, entry.occurrences))),
        flags=flags,
        previous=tuple((keyword, text) for keyword, text in previous if text is not None),
        wrap=wrap,
        obsolete=bool(entry.obsolete),
    )


def _header(catalog: Catalog) -> _Message | None:
    """The header entry: the catalog's comment block and its metadata.

    A catalog read from a file carries its header entry as written (``written_header``): its
    extracted comments, references and flags are kept, and so is every line of its msgstr that the
    metadata does not change (see :func:`_header_msgstr`). Otherwise the msgstr is one
    ``Key: value`` line per metadata field.
    """
    read = catalog.written_header
    msgstr = _header_msgstr(catalog.metadata, None if read is None else read.msgstr)
    if read is None and not msgstr and not catalog.header:
        return None
    if read is None:
        fuzzy = ("fuzzy",) if catalog.metadata_is_fuzzy and msgstr else ()
        return _Message(msgid="", msgstr=(msgstr,), comments=_lines(catalog.header), flags=fuzzy)
    kept = [flag for flag in read.flags if flag != "fuzzy"]
    flags, wrap = _normalise_flags(
        ["fuzzy"] * bool(catalog.metadata_is_fuzzy) + kept, translated=msgstr != "", obsolete=False
    )
    comments = _comment_lines(catalog.header, read.tcomment_empty_line)
    return replace(_message(read), msgstr=(msgstr,), comments=comments, flags=flags, wrap=wrap)


def _header_msgstr(metadata: Mapping[str, str], written: str | None) -> str:
    """The header's msgstr: ``written`` (as read from the file) where ``metadata`` still says what
    it says, each changed field rewritten in its place, removed fields left out, new ones appended.

    Lines are read as polib reads them into metadata (``Key: value``, the value stripped; a line
    without a colon continues the field above), so spacing (``Plural-Forms:  nplurals=…``), lines
    that are not fields and an empty msgstr come back as written.

    >>> _header_msgstr({"Language": "fr", "X-New": "1"}, "Language:  fr\\nOld: x\\n")
    'Language:  fr\\nX-New: 1\\n'
    >>> _header_msgstr({"Language": "de"}, "Language:  fr\\n")
    'Language: de\\n'
    """
    if written is None:
        return "".join(f"{key}: {value}\n" for key, value in metadata.items())
    kept, seen = [], set()
    for key, value, text in _header_fields(written):
        if key is None or metadata.get(key) == value:
            kept.append(text)
        elif key in metadata:
            kept.append(f"{key}: {metadata[key]}\n")
        seen.add(key)
    kept.extend(f"{key}: {value}\n" for key, value in metadata.items() if key not in seen)
    return "".join(kept)


def _header_fields(msgstr: str) -> list[tuple[str | None, str | None, str]]:
    """``(key, value, text)`` for each field of a header msgstr, as polib parses it into
    metadata; ``key`` is None for lines before the first field."""
    fields: list[tuple[str | None, str | None, str]] = []
    for text in msgstr.splitlines(keepends=True):
        line = text.splitlines()[0]
        key, colon, value = line.partition(":")
        if colon:
            fields.append((key, value.strip(), text))
        elif fields and fields[-1][0] is not None:
            last_key, last_value, before = fields[-1]
            fields[-1] = (last_key, f"{last_value}\n{line.strip()}", before + text)
        else:
            fields.append((None, None, text))
    return fields


def _messages(catalog: Catalog) -> Iterator[_Message]:
    """Header, active entries, then the obsolete entries gettext keeps, in gettext's order."""
    messages = [_message(entry) for entry in catalog]
    active = [message for message in messages if not message.obsolete]
    header = _header(catalog)
    if header is not None:  # first, unless the file read had entries before it
        active.insert(catalog.header_position, header)
    yield from active
    yield from (message for message in messages if message.obsolete and message.msgstr[0])


# ---------------------------------------------------------------------------------------------
# Writing


def format_catalog(catalog: Catalog, *, width: int = PAGE_WIDTH) -> str:
    """The catalog serialised exactly as GNU gettext (msgcat) writes it.

    A catalog the reader parsed (:func:`pipeline.po.catalogs.parse_view`) also carries its header
    entry and empty comment lines as the file had them, and they are written back as they were.
    ``width`` is gettext's page width (``msgcat --width``).
    """
    return "".join(generate_po(catalog, width=width))


def generate_po(catalog: Catalog, *, width: int = PAGE_WIDTH) -> Iterator[str]:
    """Yield the catalog entry by entry, each chunk ending with a newline."""
    for number, message in enumerate(_messages(catalog)):
        yield ("\n" if number else "") + "".join(_message_lines(message, width))


def _message_lines(message: _Message, width: int) -> Iterator[str]:
    for comment in message.comments:
        yield f"# {comment}\n" if comment else "#\n"
    for comment in message.extracted:
        yield f"#. {comment}\n" if comment else "#.\n"
    yield from _reference_lines(message.references, width)
    if message.flags:
        yield f"#, {', '.join(message.flags)}\n"
    previous_prefix, prefix = ("#~| ", "#~ ") if message.obsolete else ("#| ", "")
    for keyword, text in message.previous:
        yield from _string_lines(keyword, text, prefix=previous_prefix, width=width, wrap=message.wrap)
    fields = [("msgctxt", message.msgctxt), ("msgid", message.msgid)]
    if message.msgid_plural is None:
        fields.append(("msgstr", message.msgstr[0]))
    else:
        fields.append(("msgid_plural", message.msgid_plural))
        fields.extend((f"msgstr[{index}]", form) for index, form in enumerate(message.msgstr))
    for keyword, value in fields:
        if value is not None:
            yield from _string_lines(keyword, value, prefix=prefix, width=width, wrap=message.wrap)


def _reference_lines(references: tuple[str, ...], width: int) -> Iterator[str]:
    """``#:`` lines: references are added while the line stays within the page width."""
    if not references:
        return
    line, column = "#:", 2
    for reference in references:
        size = len(reference.encode("utf-8")) + 1
        if column > 2 and column + size > width:
            yield line + "\n"
            line, column = "#:", 2
        line += " " + reference
        column += size
    yield line + "\n"


# ---------------------------------------------------------------------------------------------
# Strings: escaping and line wrapping (gettext's ``wrap()``)

_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}
_PORTION = re.compile(r"[^\n]*\n|[^\n]+")
_NO_WRAP_WIDTH = 2**31 - 1  # gettext uses INT_MAX as the page width of a no-wrap entry

# Break actions, as libunistring's UC_BREAK_* values.
UNDEFINED, PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2, 3


def _string_lines(keyword: str, text: str, *, prefix: str, width: int, wrap: bool) -> Iterator[str]:
    """``keyword "…"`` and its continuation lines, exactly as gettext's ``wrap()`` prints them."""
    if "\x04" in text:
        raise ValueError(f"gettext refuses U+0004 (its context separator) in a {keyword}: {text!r}")
    indent = len(prefix) + 1  # continuation lines start with the prefix and the opening quote
    line_width = (width if wrap else _NO_WRAP_WIDTH) - 1 - indent  # room for the closing quote
    portions = _PORTION.findall(text) or [""]
    first_line = True
    for number, portion in enumerate(portions):
        characters, overrides = _escaped(portion)
        start = len(prefix) + len(keyword) + 2 - indent if first_line else 0
        cuts = _line_cuts(characters, overrides, line_width, start)
        if first_line and characters and (number < len(portions) - 1 or start > line_width or cuts):
            yield f'{prefix}{keyword} ""\n'
            first_line = False
            cuts = _line_cuts(characters, overrides, line_width, 0)
        lead = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        for begin, end in zip([0, *cuts], [*cuts, len(characters)], strict=True):
            yield f'{lead}"{"".join(characters[begin:end])}"\n'
            lead = prefix


def _escaped(portion: str) -> tuple[list[str], list[int]]:
    """The portion as printed, one item per character, and the breaks forced before each one."""
    characters: list[str] = []
    overrides: list[int] = []
    for character in portion:
        escape = _ESCAPES.get(character)
        if escape is None:
            characters.append(character)
            overrides.append(UNDEFINED)
        else:
            characters.extend(escape)
            overrides.extend((UNDEFINED, PROHIBITED))
    if portion.endswith("\n"):
        overrides[-2] = PROHIBITED  # never break just before the final \n
    return characters, overrides


def _line_cuts(characters: list[str], overrides: list[int], width: int, start: int) -> list[int]:
    """Indexes of the characters that begin a new line, so that the lines fit in ``width``
    columns after a first line starting at column ``start`` (libunistring's
    ``ulc_width_linebreaks``: greedy, at the break opportunities, ``overrides`` taking precedence;
    a word longer than the width stays whole)."""
    properties = [_properties(character) for character in characters]
    columns = [column for _, column in properties]
    if start + sum(columns) <= width:
        return []  # it all fits: the common case, and much faster
    cuts = []
    last_break, last_column, piece_width = None, start, 0
    for index, action in enumerate(_possible_breaks([prop for prop, _ in properties])):
        action = overrides[index] or action
        if action in (POSSIBLE, MANDATORY) and last_break is not None and last_column + piece_width > width:
            cuts.append(last_break)
            last_column = 0
        if action == MANDATORY:  # a line separator character: gettext does not cut there
            last_break, last_column, piece_width = None, 0, 0
        else:
            if action == POSSIBLE:
                last_break, last_column, piece_width = index, last_column + piece_width, 0
            piece_width += columns[index]
    if last_break is not None and last_column + piece_width > width:
        cuts.append(last_break)
    return cuts


def _possible_breaks(classes: list[int]) -> list[int]:
    """The line break opportunity before each character, given their line breaking classes
    (UAX #14 as libunistring 1.0 implements it)."""
    result = []
    previous = last = BK  # previous character; last one that was not a space
    seen_space, regional_indicators = False, 0
    for prop in classes:
        if prop in (BK, CR, LF):
            action, last, seen_space = MANDATORY, BK, False
        else:
            prop = _RESOLVED.get(prop, prop)
            if prop == SP:
                action, seen_space = PROHIBITED, True
            elif prop == ZW:
                action, last, seen_space = PROHIBITED, ZW, False
            elif prop in (CM, ZWJ):
                # A combining mark continues its base, unless it starts a line or follows a space.
                if last == BK:
                    action, last, seen_space = PROHIBITED, AL, False
                elif last == ZW or seen_space:
                    action, last, seen_space = POSSIBLE, AL, False
                else:
                    action = PROHIBITED
            else:
                action = _pair_break(previous, last, prop, seen_space, regional_indicators)
                last, seen_space = prop, False
            prop = HL_BA if previous == HL and prop in (HY, BA) else prop
        result.append(action)
        previous = prop
        regional_indicators = regional_indicators + 1 if prop == RI else 0
    return result


def _pair_break(previous: int, last: int, prop: int, seen_space: bool, regional_indicators: int) -> int:
    """The break before a character of class ``prop`` that is not a space or combining mark."""
    if last == BK:
        return PROHIBITED
    if last == ZW:
        return POSSIBLE
    if previous == ZWJ:
        return PROHIBITED
    if last == RI and prop == RI:
        return POSSIBLE if seen_space or regional_indicators % 2 == 0 else PROHIBITED
    if previous == HL_BA:
        return PROHIBITED
    rule = _PAIR_TABLE[last][prop]
    if rule == "D" or (rule == "I" and seen_space):
        return POSSIBLE
    return PROHIBITED


# ---------------------------------------------------------------------------------------------
# Unicode data of libunistring 1.0

# Line breaking classes, numbered as libunistring's LBP_* values; 0..32 index the pair table.
(
    WJ,
    GL,
    B2,
    BA,
    BB,
    HY,
    CL,
    CP1,
    CP2,
    EX,
    IN,
    NS,
    OP1,
    OP2,
    QU,
    IS,
    NU,
    PO,
    PR,
    SY,
    AL,
    H2,
    H3,
    ID1,
    ID2,
    JL,
    JV,
    JT,
    HL,
    RI,
    ZWJ,
    EB,
    EM,
) = range(33)
BK, CR, LF, CM, ZW, SP, CB, AI, SA, XX = range(33, 43)
HL_BA = 100  # Hebrew letter followed by a hyphen or break-after character (LB21a)
_RESOLVED = {AI: AL, CB: ID1, SA: AL, XX: AL}  # ambiguous and unknown classes, for UTF-8 text

# libunistring's ``unilbrk_table``: the break between a character of the row's class and one of
# the column's class. D: direct break, I: break only after spaces, P: prohibited.
# Columns in the same order as the rows.
_PAIR_TABLE = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # BB
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",  # CL
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CP1
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",  # CP2
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP2
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",  # QU
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # NU
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",  # PR
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # AL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # H3
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ID2
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # JV
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # HL
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",  # ZWJ
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)


def _decode_properties(blob: str) -> tuple[list[int], list[int]]:
    """Run starts and ``class * 3 + width`` values from the zlib'd, base64'd run table."""
    data = zlib.decompress(base64.b64decode(blob))
    starts: list[int] = []
    values: list[int] = []
    position = start = 0
    while position < len(data):
        delta = shift = 0
        while data[position] & 0x80:
            delta |= (data[position] & 0x7F) << shift
            shift += 7
            position += 1
        start += delta | data[position] << shift
        starts.append(start)
        values.append(data[position + 1])
        position += 2
    return starts, values


@functools.cache
def _properties(character: str) -> tuple[int, int]:
    """Line breaking class and display width (0, 1 or 2 columns) of one character."""
    value = _VALUES[bisect.bisect_right(_STARTS, ord(character)) - 1]
    return divmod(value, 3)


# Line breaking class and ``uc_width`` of every code point, taken from libunistring 1.0
# (``unilbrkprop`` and ``uc_width(c, "UTF-8")``, Unicode 14; control characters count 0) as runs
# of equal values: a varint of the distance to the previous run's start, then ``class * 3 + width``.
# tests/po/test_format.py regenerates it from the installed libunistring and compares.
_PROPERTIES = """
eNrtWUlspEcVTi3/0tWLt1k8dnsZLxPPeMYeJ870EPycyfYXPUkmiRSThMM4YkIkRHVySATqcUvV
oEg5sEgIwSEScCDKGQmJKBcUIRAHEHCAKAcO4cSBAzkBp4Tvvf+38SyK4D6H11V/1atXb6l679Xr
u0Ktpr6srumXVBh/VbXVqiLVUZv4XVXL6ph8ralRwP1qw61pMm1F08sYxdzMsnJqAjghvabClMWK
TdUxpPoaILRqijTGMNLEVz9ZVX2zrOh4X9Ec4A+mr5oYAgARkPUtLyWM0nx40qjQMFloUh412TWM
R0tZ5FbREcCHKmT0Nn+dAsb5NTCEVncwEs45FZg5zdBGP+Y709HuWNKxvpWS2TQQSIc6z7UNrYaj
G25TbUBIrLvW5rXZlogHLKaClRuO95VRRbNhGrs9H+rgp4WZk6HGXPLKqIPqaDqGNQqjKkAtIQH2
CHg9EQx6zHU9JjQHejqmIaczYXJLhfmeogtB9YT7ngl5z+KL98/IBe2YhzEewXrWiwYcQ7/UiyHL
e8tK9IAF4O+Y91h7vMoEjIKK3tSUbIqRISHzrHvMVSp4/6WqD4CxmLKOlmlADugqZtiTd8g2wJ9o
T0VX0arxfoDDtJIDDhPYSfB6sj/WjbCuhTtwBcrQPnBuL+1hWko0dkjimAnlGyXOwVd5elJoivmy
aHV1orT0edxQI1qmAmqmZ0Tmkr+0V9q61uE1SZAZ0C2lPA4YLTkKpgetQEPMFXgRDKag9yWMGU55
jfdo3kjBHZIr471FPzpm4CYtLVFRYJ6bkFMf6Pk0n1SxvdrnGziWDE6Vq7RQ22T597U6DmknK0sx
d5nY1GIl8862yWOKvXgXFRuD83tqoPeyaDtqkO3lBMfgdFwegNYA2APYdDBZ9Z3g1tDXMo6xvVQ4
1wMb53HPcT+a2gKcsqqdWPDQFnsR9iRX3WGBZTgbBvDB2lrCGWxhPnF8x5NQB7dLUTmsDCIfaaYK
3SaW+Tu3ZwfYHaDBkx4I32QHOfp2zwxGMd8UfvUg5XbDDQy38C1ia9HO+SdeuPK5p5+jrpwdfeCN
uH+6ak/eZo7v/Weq/sN8cwi+iqah+ynY9PMYhV4w8onFzxSLianHnIGLyGgch0nFGk3wkYayaxjR
sUHN0ujcH2yySHsZxGER6k4vQN2gBYCh1J4StafEoNtwI+yR2+xWDNyskrnnsVcCZS6EUuAiOnZP
fJSxs6muRIqDYdnVtFlFs2La+uBstIMpPigwsoHSOkFXl1oPLuwxB1CHtMxfDhU7PuK8L8Ogha+5
uBEsDuq6XOZELnUSSoMbMZdyFse4RjVoQVwHzfK174nrglL5eJ+V1ZqPPo/hkOe00svhSPnaGJdg
P1xyYC45vjgZrYLLeszFSTd77GgtHyG+Oj0JINDFeypcoh/o0lASbrjNKxPvwxzG7kPL5m4JjqIJ
tHw1+boDx2VWOfMKZPsCaPOxdzqTmLmql9Uq4uMqf+k549SLOuBKbOY811cLoLcmV2ABDkpsCzs4
c5faYlfj2DkieOaMwUEUwVT62LsZTSdDJG4BLECiMmAknITLNRwEsILbGodiODcHHnL0V9AmVXhW
/QbZvqORvjgV9C72y5Wr0kJO5pwpleMdyQSwhtfbigZDKm2CMYsVrlrB+zSFAuNqgfGqbVY4dcAJ
wPqcosl9l0ApJw8eWKfVEUW/UNvweF4V2iu6N56AcY/2f8z7Po79lkFjVPZwkqlkkLPcwx60Rnhl
nFEA66S5DdzCipRaZAKeB3YBuoW5is3oRGFEVpFtu0ENoc8ZkSrKrKjUxwjYmtgudazQ5qA95nWR
AEzfFhhDizUeqwvZA2AqXUKofoo5LfPY9yq3GC0y0NKF3tVXNU2hvwhg+nYba69Df6sp33lwbPY1
dzvoz2IVggJWtgCJaHjudpj0vU8ldAv6Awe9efn9oYbk9zKH1/m0TuGmzOO0fsD+UcekjcPN8cCp
G3zwRc4LkOm1AsfLmvjZT4Ewv9pyOa/ghJX0qma4mTdnOW8TF4MDn2ne2QGrXCmjcHi3rFJxwU8N
lX9+2PDvq+GUbwxtXR3RXi/CQnwab4ZbRxf5V3sX7MvaJy8rnyxqtu4QM/5mOAGYO/SdCughfNui
xYj+X1d4y/jDxK+C/auAZ4aNxVE/h95KP/cfXaBL/vtv8YJ/5UPjO8MarUEJ34bLEouMcgYZj8BZ
c47rkK9reoqdpUvgcH/LxtpPrJI4SaNBSWrInvV46a+5D0+cs/dB9NlsIi4hTdV0T28Unjp3ErHC
OLmmJKjYsB0wSsdDHV4dafcTM0hWTBUxdBUHDKXOlCkp1sOTDBLEHIfIlEiClAoWx4KacJRznCiT
Evamgzaw75VIZSQZSCSycvIyOUioLrFF83Hg+IQImVaxID10FLew76tlAsngJEEtI/CD6pHpO3AH
7sAduAN34P+B2LhyPNqnN+LrD/khl8IaiK3JDmLLjiO1g/fgDmLcDmLujq7A0atxlP6uOV+hpxCm
LnD2hLd3Y5MD8ug6Uo91PSNJybwapmHUJ7dLW25NYXwGQIs0Bev9jRg50gh1Ud2HXzDKgfcNxL+7
gDyD5TJREtElEV9HRmIwN326/J6pWiE3oVbUBF60hVpwxbkFXcxFUyDmHoCJ5j5s581FLRHYBfNV
5MYQt4HvKXmFlQWjEYy14gLtxcTxO/YcMpDnyhcS1LJO5xCnv6EIiQVtxJHAb3RLSwjts0hoTgWo
Gz3Of5YwnjtObs7Qj/Zf10uCbGkFKdAmMpRG9RbcL1fVb/h+mN7hJORY5MrUpDwWz0gl5lFJKDh1
OlvVpViU47KvB+laPF8JlNBJPGlZRM6NLyE3tnQEuOuhLAwkyM5sVRuakYodJ2B49HJei5NwCSdh
met5lLh0josMF0AvA08akiegy9W9Bhh+irqxg9dUE5DRmWBjDpHf1lwhYLb5LSsFuisi/bFQxzbH
aFwYOEVtpIpI1stCHd0XRjjNZmY3uCQnBdZYk1zuHJevOD8jvYW0nHOsLaZ8gguMyAcNLUltAG/v
DccvYClM5bQYysIx0+Hs8jzo1DBnJann8q1kYVxaZCxnpIhcp3EuyXK5S3I1lqN8BHDG9uChIk5p
Oec4V12Xwl8eE+FIf0p5UuoHQnm/OGkOCokJJTwSuOSWxG9CLVLv1UFSSzBuq+paWQMzcVaESkWJ
NpTFicoOyIGrkm810YQMbWSpboS4WLsgS/NDMiKDZu6bzThBq2XBGbNCHHNclbkwmI5asmAuncFa
yKHxMBrk8V2cTFFvWR55kS5xXRHnJK9qnHmlgMleytXLsrZcVmpLM0D9NWxRyIq7S9YDM18ZEeqZ
5uqvHIQVZosr8GI4+eV6fjVvaE3KNvJmaxroq4mz+kZZFF3mek4URHma4B2Aq2OaXGacxZawFmNI
Vs8Xpntgu1MhlVIoj3JNSLaUW55WGPO9pJyttFoVwePPtZTqWMXvKClqz2xaGotNXNQ3s/gSvRKZ
lTr9SsXfHaFr4PcDu2wmcLInDr3N6R/caPoZeDDZkhpX8Tdz9HuZp6/Fdx+mdy2u4lyUdw4s+mQs
63gsV+L4bXI+ZFCKc1KSl4IxS3cUJ28i/jShZ+UYfIkeE6+gep2Y4Zo046VFa1Ssv6xjy/97PeZ+
mG6/b+IZX4t/e3QbV2EbZLYhuP+JjucWTRxbxDH03zLx9XH6CqizN+XKmryp2DPAvH9ZCmtgjF/s
r8Ut+ifzdzfmt8SEpofQAz+Q0SxYoHiUHuJ6XHyTL2mDnsWqE/ENRTuRXaD8GVEW0/mvIXw3qnvK
8j1YFVrz6rtd3d+k+ouEx/7EC9/igvg9NLShg0tyDz8FiasKmm8evD+bdyT+MYeO/1oeozG5ruWR
SOKfFccP8JyJ/+c/G97TEEDFMTobcF1i0lHxw/JdaA8ikKJfM+s1UDpNj/DR4qsV7bKO303ps5tl
Jc7Gx6GHX5YLp6vFqooLriJYFh5T+WfscCHS3IR/M+zP2UpF9hA9pj0GI5pKZWNxE/jf0YX1qri7
a4sXu41ipKsBqmh5hd/lrus3C9OfJd2/nwz3rqu+vu7644XqXnxuypvLTX/2svW1y5nXl1s+vfym
8ieLhq8VyheAbFf5VpFzAcsf3dY+2VY+2TVeYxxwlccT4I8VXNkz3nwx8Q9wCaxQuxoYdX90d8Ib
YFusUgCmqJgqKKkKEp6XvvaXuT64nfnR7ZZvcrkO1CxgsmhgN7uriqNXFVpdNLHLOuUFYjTmL4O2
2UU2sGoWDFm/CJqjGKuhTYp0V7gDbdNN0Na97hqortY19Fq3QTuF7Wa+0YUyuyOEli52c3LdlFbQ
zkKtunuFGqXUPt/NPSiCthNJIRU4OI8RgtRKQPkxkbjpF+gZmKbVhaa6RiDr1vwM2jrzsmu6zmMn
n3fzXczQ99jcnbjMXqP7MQ6x//gTM6x+49eHKzjJs+GFOFThIxX/A3SHaiE=
"""
_STARTS, _VALUES = _decode_properties(_PROPERTIES)
