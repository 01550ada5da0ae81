"""pipeline.po.format writes what GNU gettext writes: msgcat and msgmerge are the oracle.

The oracle tests need GNU gettext (``msgcat``, ``msgmerge``) and are skipped without it. The
Unicode tests compare the module's tables and line breaking with libunistring itself, through
ctypes, and are skipped where the library cannot be loaded.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.po.catalogs import parse_view
from pipeline.po.format import (
    _PAIR_TABLE,
    _STARTS,
    _VALUES,
    POSSIBLE,
    PROHIBITED,
    XX,
    _line_cuts,
    bisect,
    format_catalog,
    generate_po,
)
from pipeline.po.views import Catalog, Entry

needs_gettext = pytest.mark.skipif(
    shutil.which("msgcat") is None or shutil.which("msgmerge") is None,
    reason="GNU gettext (msgcat, msgmerge) is not installed",
)

METADATA = {
    "Project-Id-Version": "artikel-lokalisierung 0.1",
    "Report-Msgid-Bugs-To": "redaktion@example.org",
    "POT-Creation-Date": "2024-05-01 12:00+0200",
    "PO-Revision-Date": "2024-05-02 08:30+0200",
    "Last-Translator": "Élodie Übersetzer <elodie@example.org>",
    "Language-Team": "French <traduc@traduc.org>",
    "Language": "fr",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
}

HEADER_LINES = """\
# French translation of the article "Energiepreise".
# Copyright (C) 2024 Example Redaktion
# This file is distributed under the same license as the article.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: artikel-lokalisierung 0.1\\n"
"Report-Msgid-Bugs-To: redaktion@example.org\\n"
"POT-Creation-Date: 2024-05-01 12:00+0200\\n"
"PO-Revision-Date: 2024-05-02 08:30+0200\\n"
"Last-Translator: Élodie Übersetzer <elodie@example.org>\\n"
"Language-Team: French <traduc@traduc.org>\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"""


def make_catalog(*entries: Entry, fuzzy_header: bool = True) -> Catalog:
    return Catalog(
        header=(
            'French translation of the article "Energiepreise".\n'
            "Copyright (C) 2024 Example Redaktion\n"
            "This file is distributed under the same license as the article.\n"
        ),
        metadata=METADATA,
        metadata_is_fuzzy=fuzzy_header,
        entries=entries,
    )


def msgcat(text: str, directory: Path) -> str:
    path = directory / "catalog.po"
    path.write_text(text, encoding="utf-8")
    return _run(["msgcat", str(path)])


def msgmerge(text: str, directory: Path) -> str:
    """The catalog updated from itself as template (``--previous`` keeps the ``#|`` lines)."""
    path = directory / "catalog.po"
    path.write_text(text, encoding="utf-8")
    return _run(["msgmerge", "--quiet", "--previous", str(path), str(path)])


def _run(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


# ---------------------------------------------------------------------------------------------
# Named cases: the exact output for typical lines

LONG_SENTENCE = (
    "Die Bundesregierung hat am Mittwoch ein umfassendes Entlastungspaket beschlossen, das "
    "unter anderem einen „Energiebonus“ für alle Haushalte vorsieht."
)

CASES = {
    "long German sentence": (
        [
            Entry(
                msgid=LONG_SENTENCE,
                msgstr="Le gouvernement fédéral a adopté mercredi un vaste plan d’allègement qui "
                "prévoit notamment une « prime énergie » pour tous les ménages.",
                occurrences=(("seeds/energiepreise.txt", "3"),),
            )
        ],
        """\
#: seeds/energiepreise.txt:3
msgid ""
"Die Bundesregierung hat am Mittwoch ein umfassendes Entlastungspaket "
"beschlossen, das unter anderem einen „Energiebonus“ für alle Haushalte "
"vorsieht."
msgstr ""
"Le gouvernement fédéral a adopté mercredi un vaste plan d’allègement qui "
"prévoit notamment une « prime énergie » pour tous les ménages."
""",
    ),
    "string with newlines": (
        [
            Entry(
                msgid="Erste Zeile\nZweite Zeile\n",
                msgstr="Première ligne\nDeuxième ligne\n",
            ),
            Entry(msgid="Nur am Ende\n", msgstr="Seulement à la fin\n"),
        ],
        """\
msgid ""
"Erste Zeile\\n"
"Zweite Zeile\\n"
msgstr ""
"Première ligne\\n"
"Deuxième ligne\\n"

msgid "Nur am Ende\\n"
msgstr "Seulement à la fin\\n"
""",
    ),
    "references wrap at the page width": (
        [
            Entry(
                msgid="Berlin",
                msgstr="Berlin",
                occurrences=(
                    *((f"./seeds/energiepreise-{n}.txt", str(n * 7)) for n in range(1, 6)),
                    ("seeds/energiepreise-1.txt", "7"),
                    ("seeds/ohne-zeile.txt", ""),
                ),
            )
        ],
        """\
#: seeds/energiepreise-1.txt:7 seeds/energiepreise-2.txt:14
#: seeds/energiepreise-3.txt:21 seeds/energiepreise-4.txt:28
#: seeds/energiepreise-5.txt:35 seeds/ohne-zeile.txt
msgid "Berlin"
msgstr "Berlin"
""",
    ),
    "obsolete fuzzy entry with previous msgid": (
        [
            Entry(
                msgid="Die Preise stiegen im April um 2,4 Prozent.",
                msgstr="Les prix ont augmenté de 2,4 % en avril.",
                previous_msgid="Die Verbraucherpreise stiegen im April im Vergleich zum Vorjahresmonat um 2,4 Prozent.",
                tcomment="Zahl geprüft",
                flags=("fuzzy",),
                obsolete=True,
            ),
            Entry(msgid="Ein Satz", msgstr="Une phrase"),
        ],
        """\
msgid "Ein Satz"
msgstr "Une phrase"

# Zahl geprüft
#, fuzzy
#~| msgid ""
#~| "Die Verbraucherpreise stiegen im April im Vergleich zum Vorjahresmonat "
#~| "um 2,4 Prozent."
#~ msgid "Die Preise stiegen im April um 2,4 Prozent."
#~ msgstr "Les prix ont augmenté de 2,4 % en avril."
""",
    ),
    "no break at no-break spaces, dashes break, long words overflow": (
        [
            Entry(
                msgid="Sie sagte: « Wir haben keine Wahl » – und ging. " + "Rindfleischetikettierung" * 4,
                msgstr="Elle a dit\u00a0: «\u00a0Nous n’avons pas le choix\u00a0»\u202f– et elle est "
                "partie.\u00a0Une\u00a0phrase\u00a0sans\u00a0espace\u00a0sécable\u00a0du\u00a0tout.",
            )
        ],
        """\
msgid ""
"Sie sagte: « Wir haben keine Wahl » – und ging. "
"RindfleischetikettierungRindfleischetikettierungRindfleischetikettierungRindfleischetikettierung"
msgstr ""
"Elle a dit\u00a0: «\u00a0Nous n’avons pas le choix\u00a0»\u202f– et elle est "
"partie.\u00a0Une\u00a0phrase\u00a0sans\u00a0espace\u00a0sécable\u00a0du\u00a0tout."
""",
    ),
    "wide characters count two columns": (
        [
            Entry(
                msgid="Zitat auf Chinesisch",
                msgstr="联邦政府周三通过了一项全面的救济计划，其中包括为所有家庭提供“能源奖金”。"
                "总理表示，这些措施将于七月生效。",
            )
        ],
        """\
msgid "Zitat auf Chinesisch"
msgstr ""
"联邦政府周三通过了一项全面的救济计划，其中包括为所有家庭提供“能源奖金”。总理"
"表示，这些措施将于七月生效。"
""",
    ),
    "gettext's normalisations": (
        [
            Entry(
                msgid="Entwurf",
                msgstr="",
                flags=("fuzzy", "machine-draft", "python-format"),
                previous_msgctxt="occurrence 2",
                previous_msgid="Entwurf",
            ),
            Entry(msgid="Weg", msgstr="", obsolete=True),
            Entry(msgid="Escapes", msgstr='Tab\t, "quotes" and back\\slash'),
        ],
        """\
#, python-format
#| msgctxt "occurrence 2"
#| msgid "Entwurf"
msgid "Entwurf"
msgstr ""

msgid "Escapes"
msgstr "Tab\\t, \\"quotes\\" and back\\\\slash"
""",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_named_case(name):
    entries, expected_body = CASES[name]
    assert format_catalog(make_catalog(*entries)) == HEADER_LINES + "\n" + expected_body


@needs_gettext
@pytest.mark.parametrize("name", CASES)
def test_named_case_is_what_msgcat_writes(name, tmp_path):
    text = format_catalog(make_catalog(*CASES[name][0]))
    assert msgcat(text, tmp_path) == text


def test_header_alone_and_empty_catalog():
    catalog = make_catalog(fuzzy_header=False)
    assert format_catalog(catalog) == HEADER_LINES.replace("#, fuzzy\n", "")
    assert format_catalog(Catalog()) == ""


def test_page_width():
    catalog = make_catalog(Entry(msgid=LONG_SENTENCE, msgstr=""))
    assert format_catalog(catalog, width=40).endswith(
        """
msgid ""
"Die Bundesregierung hat am Mittwoch "
"ein umfassendes Entlastungspaket "
"beschlossen, das unter anderem einen "
"„Energiebonus“ für alle Haushalte "
"vorsieht."
msgstr ""
"""
    )


def test_context_separator_is_refused():
    with pytest.raises(ValueError, match="U\\+0004"):
        format_catalog(make_catalog(Entry(msgid="a\x04b", msgstr="")))


def test_generate_po_yields_one_chunk_per_entry():
    catalog = make_catalog(Entry(msgid="a", msgstr="b"), Entry(msgid="c", msgstr="d"))
    chunks = list(generate_po(catalog))
    assert chunks[1:] == ['\nmsgid "a"\nmsgstr "b"\n', '\nmsgid "c"\nmsgstr "d"\n']


# ---------------------------------------------------------------------------------------------
# Random catalogs: msgcat and msgmerge change nothing, polib reads back what was written

WORDS = [
    "Die",
    "Bundesregierung",
    "hat",
    "am",
    "Mittwoch",
    "beschlossen",
    "Bürgerinnen",
    "Straße",
    "Energie-Entlastungspaket",
    "E-Mail",
    "CO2-Abgabe",
    "z.B.",
    "le",
    "gouvernement",
    "a",
    "décidé",
    "aujourd’hui",
    "the",
    "government",
    "said",
    "2024",
    "12,5",
    "%",
    "5\u00a0%",
    "€",
    "https://example.org/pfad/zur/seite?x=1&y=2",
    "und/oder",
    "(siehe",
    "oben)",
    "[1]",
    "§",
    "中文",
    "日本語のテキスト",
    "政府周三通过了一项全面的救济计划",
    "한국어",
    "Ελληνικά",
    "русский",
]
PIECES = [
    " ",
    " ",
    " ",
    " ",
    "-",
    " – ",
    " — ",
    "–",
    "—",
    "„",
    "“",
    "”",
    "‚",
    "‘",
    "«\u00a0",
    "\u00a0»",
    "«",
    "»",
    "‹",
    "›",
    "\u202f",
    "\u00a0",
    "\n",
    "\t",
    "\\",
    '"',
    "'",
    "/",
    ", ",
    ". ",
    "…",
    "!",
    "?",
    ": ",
    ";",
    "。",
    "，",
    "\r",
    "\u00ad",
    "\u200b",
]
LONG_WORD = st.integers(30, 130).map(lambda n: ("Donaudampfschifffahrtsgesellschaft" * 4)[:n])
ANY_CHARACTER = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x04")
TOKEN = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(PIECES),
    LONG_WORD,
    ANY_CHARACTER,
)
TEXT = st.lists(TOKEN, max_size=30).map("".join)
SHORT_TEXT = st.lists(TOKEN, max_size=4).map("".join)
# Comment lines: no line break (polib also breaks lines at a carriage return), nothing that polib
# strips from the end of a line, and no backslash at the end (gettext's reader joins a line ending
# with a backslash to the next one).
COMMENT_LINE = SHORT_TEXT.map(lambda text: re.sub(r"[\s\\]+$", "", re.sub("[\r\n]", " ", text)))
COMMENT = st.lists(COMMENT_LINE, max_size=3).map("\n".join)
PATH = st.sampled_from(
    [
        "seeds/energiepreise.txt",
        "./seeds/wahl-2024.txt",
        ("seeds/ein-sehr-langer-artikelname-ueber-die-energiepreise-im-fruehjahr.txt"),
        "übersicht.md",
        "a",
    ]
)
OCCURRENCE = st.tuples(PATH, st.one_of(st.just(""), st.integers(1, 99999).map(str)))
FLAGS = st.lists(
    st.sampled_from(["fuzzy", "fuzzy", "no-wrap", "wrap", "machine-draft", "range: 1..3"]),
    max_size=3,
)


@st.composite
def entries(draw, *, obsolete: bool) -> Entry:
    entry = Entry(
        msgctxt=draw(st.none() | SHORT_TEXT),
        msgid=draw(st.sampled_from(WORDS)) + draw(TEXT),
        msgstr=draw(TEXT),
        tcomment=draw(COMMENT),
        comment="" if obsolete else draw(COMMENT),
        occurrences=() if obsolete else tuple(draw(st.lists(OCCURRENCE, max_size=6))),
        flags=tuple(draw(FLAGS)),
        obsolete=obsolete,
    )
    if draw(st.booleans()):
        entry = replace(entry, previous_msgid=draw(TEXT), previous_msgctxt=draw(st.none() | SHORT_TEXT))
    if draw(st.integers(0, 4)) == 0:
        entry = replace(entry, msgid_plural=draw(TEXT), msgstr_plural={0: draw(TEXT), 1: draw(TEXT)}, msgstr="")
        if entry.previous_msgid is not None and draw(st.booleans()):
            entry = replace(entry, previous_msgid_plural=draw(TEXT))
    return entry


@st.composite
def catalogs(draw) -> Catalog:
    key = lambda entry: entry.key  # noqa: E731
    active = draw(st.lists(entries(obsolete=False), min_size=1, max_size=25, unique_by=key))
    obsolete = draw(st.lists(entries(obsolete=True), max_size=6, unique_by=key))
    taken = {key(entry) for entry in active}
    kept = active + [entry for entry in obsolete if key(entry) not in taken]
    return replace(make_catalog(*kept, fuzzy_header=draw(st.booleans())), header=draw(COMMENT))


ORACLE_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@needs_gettext
@ORACLE_SETTINGS
@given(catalog=catalogs())
def test_msgcat_and_msgmerge_change_nothing(catalog, tmp_path_factory):
    directory = tmp_path_factory.mktemp("oracle")
    text = format_catalog(catalog)
    assert msgcat(text, directory) == text
    assert msgmerge(text, directory) == format_catalog(_as_msgmerge_keeps(catalog))


def _as_msgmerge_keeps(catalog: Catalog) -> Catalog:
    """msgmerge --previous keeps the ``#|`` lines of fuzzy entries only (and an untranslated
    entry is never fuzzy in a file: gettext does not write the flag)."""
    return replace(catalog, entries=tuple(map(_previous_if_fuzzy, catalog.entries)))


def _previous_if_fuzzy(entry: Entry) -> Entry:
    translated = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
    if "fuzzy" in entry.flags and translated:
        return entry
    return replace(entry, previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)


@needs_gettext
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalog=catalogs(), width=st.integers(20, 120))
def test_msgcat_width_changes_nothing(catalog, width, tmp_path_factory):
    path = tmp_path_factory.mktemp("width") / "catalog.po"
    text = format_catalog(catalog, width=width)
    path.write_text(text, encoding="utf-8")
    assert _run(["msgcat", f"--width={width}", str(path)]) == text


def _as_polib_reads(catalog: Catalog) -> Catalog:
    """What polib 1.2 loses when it reads a file: the ``#~|`` lines of obsolete entries (it skips
    them), empty ``#.`` lines, empty ``#`` lines before the first non-empty one, and the ``\\a``
    escape (it reads a backslash and an ``a``)."""
    entries = tuple(map(_as_polib_reads_entry, catalog.entries))
    return replace(catalog, header=catalog.header.lstrip("\n"), entries=entries)


def _as_polib_reads_entry(entry: Entry) -> Entry:
    bell = lambda text: text if text is None else text.replace("\a", "\\a")  # noqa: E731
    fields = (
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "previous_msgctxt",
        "previous_msgid",
        "previous_msgid_plural",
    )
    entry = replace(
        entry,
        **{field: bell(getattr(entry, field)) for field in fields},
        msgstr_plural={index: bell(form) for index, form in entry.msgstr_plural.items()},
        comment="\n".join(line for line in entry.comment.split("\n") if line),
        tcomment=entry.tcomment.lstrip("\n"),
    )
    if entry.obsolete:
        entry = replace(entry, previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
    return entry


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalog=catalogs())
def test_polib_reads_back_what_was_written(catalog, tmp_path_factory):
    """A translator's polib script reads every field the pipeline wrote (less what polib loses)."""
    path = tmp_path_factory.mktemp("roundtrip") / "catalog.po"
    path.write_text(format_catalog(catalog), encoding="utf-8")
    expected = parse_view(format_catalog(_as_polib_reads(catalog)), path=path)
    read = polib.pofile(str(path))
    assert (read.header, dict(read.metadata), bool(read.metadata_is_fuzzy)) == (
        expected.header,
        dict(expected.metadata),
        expected.metadata_is_fuzzy,
    )
    assert [_fields(entry) for entry in read] == [_fields(entry) for entry in expected.entries]


def _fields(entry: polib.POEntry | Entry) -> tuple:
    """What an entry says, alike for a polib entry and a view."""
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural or "",
        entry.msgstr,
        {int(index): form for index, form in entry.msgstr_plural.items()},
        tuple(entry.flags),
        entry.tcomment or "",
        entry.comment or "",
        tuple(map(tuple, entry.occurrences)),
        (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural),
        bool(entry.obsolete),
    )


# ---------------------------------------------------------------------------------------------
# What polib 1.2 does with files that gettext wrote (pinned, so that a fix in polib shows up)

GETTEXT_FILE = (
    HEADER_LINES
    + """
# Übersetzerin
#.
#. aus dem Artikel
#: seeds/energiepreise.txt:3
#, fuzzy
#| msgid "Alt"
msgid "Neu"
msgstr "Nouveau"

# weg
#, fuzzy
#~| msgctxt "occurrence 2"
#~| msgid "Ganz alt"
#~ msgid "Weg"
#~ msgstr "Parti"

#~ msgid "Glocke \\a"
#~ msgstr "Cloche"
"""
)


def test_polib_on_a_gettext_file(tmp_path):
    path = tmp_path / "de.po"
    path.write_text(GETTEXT_FILE, encoding="utf-8")
    active, obsolete, bell = polib.pofile(str(path))
    assert (active.tcomment, active.comment, active.previous_msgid) == ("Übersetzerin", "aus dem Artikel", "Alt")
    # Obsolete entries keep comments and flags but lose "#~|" (polib #158); empty "#." lines vanish.
    assert (obsolete.tcomment, obsolete.flags, obsolete.msgid) == ("weg", ["fuzzy"], "Weg")
    assert (obsolete.previous_msgctxt, obsolete.previous_msgid) == (None, None)
    # polib does not know the \a escape: it keeps the backslash and the letter.
    assert bell.msgid == "Glocke \\a"


def test_polib_reads_bom_and_crlf(tmp_path):
    path = tmp_path / "de.po"
    path.write_bytes(b"\xef\xbb\xbf" + GETTEXT_FILE.replace("\n", "\r\n").encode("utf-8"))
    catalog = polib.pofile(str(path))
    assert catalog.metadata == METADATA
    assert [entry.msgid for entry in catalog] == ["Neu", "Weg", "Glocke \\a"]


@needs_gettext
def test_msgcat_refuses_a_bom_and_keeps_cr_in_comments(tmp_path):
    path = tmp_path / "de.po"
    path.write_bytes(b"\xef\xbb\xbf" + GETTEXT_FILE.encode("utf-8"))
    assert subprocess.run(["msgcat", str(path)], capture_output=True).returncode != 0
    # From a CRLF file gettext keeps the CR as part of "#", "#." and "#:" comments (so "#" alone
    # becomes "# \r", and a reference "file:3\r" a file name without line), and drops it elsewhere.
    path.write_bytes(GETTEXT_FILE.replace("\n", "\r\n").encode("utf-8"))
    expected = "".join(
        re.sub(r"^(#[.:]?) ?(.*)\n", r"\1 \2\r\n", line) if re.match(r"#[ .:]|#$", line) else line
        for line in GETTEXT_FILE.splitlines(keepends=True)
    )
    assert _run(["msgcat", str(path)]) == expected


def test_polib_reads_raw_line_separators_only_from_a_file(tmp_path):
    # gettext writes U+2028, U+2029, U+0085 and U+001C..U+001E unescaped; polib.pofile(text)
    # splits its input with str.splitlines(), which breaks lines there too.
    text = format_catalog(make_catalog(Entry(msgid="eins\u2028zwei", msgstr="x")))
    with pytest.raises(OSError, match="Syntax error"):
        polib.pofile(text)
    path = tmp_path / "de.po"
    path.write_text(text, encoding="utf-8")
    assert [entry.msgid for entry in polib.pofile(str(path))] == ["eins\u2028zwei"]


def test_polib_breaks_comment_lines_at_a_carriage_return(tmp_path):
    path = tmp_path / "de.po"
    path.write_text(HEADER_LINES + '\n# eins\rzwei\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    with pytest.raises(OSError, match="Syntax error"):
        polib.pofile(str(path))


# ---------------------------------------------------------------------------------------------
# The Unicode tables and the line breaking are libunistring's


def _libunistring():
    """libunistring 1.0, whose tables the module carries (the one gettext 0.21 uses in Debian 12)."""
    name = ctypes.util.find_library("unistring")
    try:
        library = ctypes.CDLL(name or "libunistring.so.2")
        version = ctypes.c_int.in_dll(library, "_libunistring_version").value
        ctypes.c_ubyte.in_dll(library, "libunistring_unilbrkprop")
    except (OSError, ValueError):
        pytest.skip("libunistring (with its internal line breaking table) cannot be loaded")
    if version >> 8 != 0x100:
        pytest.skip(f"libunistring {version >> 16}.{version >> 8 & 255} is not 1.0")
    return library


def _libunistring_properties(library) -> list[int]:
    """``class * 3 + width`` of every code point, read from libunistring's own tables."""
    size = 15 * 4 + 2048 * 4  # int level1[15]; int level2[4 << 9]; then unsigned char level3[]
    address = ctypes.addressof(ctypes.c_ubyte.in_dll(library, "libunistring_unilbrkprop"))
    header = (ctypes.c_int * (size // 4)).from_address(address)
    level1, level2 = header[:15], header[15:]
    level3 = address + size
    library.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    values = []
    for code in range(0x110000):
        lookup = level1[code >> 16] if code >> 16 < 15 else -1
        if lookup >= 0:
            lookup = level2[lookup + ((code >> 7) & 511)]
        prop = XX
        if lookup >= 0:
            prop = ctypes.c_ubyte.from_address(level3 + lookup + (code & 127)).value
        values.append(prop * 3 + max(library.uc_width(code, b"UTF-8"), 0))
    return values


def test_character_table_is_libunistrings():
    library = _libunistring()
    ours = [_VALUES[bisect.bisect_right(_STARTS, code) - 1] for code in range(0x110000)]
    assert ours == _libunistring_properties(library)


def test_pair_table_is_libunistrings():
    library = _libunistring()
    table = bytes((ctypes.c_ubyte * 33 * 33).in_dll(library, "libunistring_unilbrk_table"))
    rules = table.decode("latin-1").translate({1: "D", 2: "I", 3: "P"})
    assert "".join(_PAIR_TABLE) == rules


BREAK_TEXT = st.lists(st.one_of(st.sampled_from(WORDS + PIECES), ANY_CHARACTER), max_size=40).map(
    lambda tokens: "".join(tokens).replace("\n", "").replace("\r", "")
)


@settings(max_examples=300, deadline=None)
@given(text=BREAK_TEXT, width=st.integers(1, 40), start=st.integers(0, 12), data=st.data())
def test_line_cuts_are_libunistrings(text, width, start, data):
    library = _libunistring()
    characters = list(text)
    overrides = data.draw(st.lists(st.sampled_from([0, 0, 0, 1, 2]), min_size=len(text), max_size=len(text)))
    encoded = text.encode("utf-8")
    byte_overrides = b"".join(
        bytes([override]) + bytes([PROHIBITED] * (len(character.encode("utf-8")) - 1))
        for character, override in zip(characters, overrides, strict=True)
    )
    result = ctypes.create_string_buffer(len(encoded))
    library.ulc_width_linebreaks_v2(
        encoded, ctypes.c_size_t(len(encoded)), width, start, 0, byte_overrides, b"UTF-8", result
    )
    offsets = [len(text[:index].encode("utf-8")) for index in range(len(text))]
    cuts = [index for index, at in enumerate(offsets) if result.raw[at] == POSSIBLE]
    assert _line_cuts(characters, overrides, width, start) == cuts
