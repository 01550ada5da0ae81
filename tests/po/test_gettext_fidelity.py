"""Catalogs that other tools wrote come back as gettext writes them (reader: pipeline.po.catalogs,
writer: pipeline.po.format).

The corpus in tests/data/po_corpus/ holds small catalogs as Poedit, Lokalize, Weblate, pybabel,
xgettext and msgmerge write them, and the cases where polib reads differently from gettext. Reading
one with the pipeline's reader and writing it with the pipeline's writer must give what ``msgcat``
writes (the oracle tests are skipped where GNU gettext is not installed); the other tests pin what
the reader makes of each case without gettext.
"""

from __future__ import annotations

import dataclasses
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import CatalogError
from pipeline.po.catalogs import parse_view, read_view
from pipeline.po.format import format_catalog
from tests.conftest import run

CORPUS = Path(__file__).parent.parent / "data" / "po_corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.po*"))

needs_msgcat = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) is not installed")


def msgcat(path: Path) -> str:
    """What ``msgcat`` writes. ``--force-po`` only matters for a catalog holding nothing but its
    header, which plain msgcat does not write at all (the pipeline keeps the header)."""
    result = subprocess.run(
        ["msgcat", "--force-po", str(path)],
        capture_output=True,
        check=False,
        env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


def round_trip(text: str) -> str:
    return format_catalog(parse_view(text, path="test.po"))


def first(catalog):
    return catalog.entries[0]


# ---------------------------------------------------------------------------------------------
# The corpus against the oracle


@needs_msgcat
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[path.name for path in CORPUS_FILES])
def test_corpus_catalog_comes_back_as_msgcat_writes_it(path):
    assert format_catalog(read_view(path)) == msgcat(path)


def test_the_corpus_is_there():
    assert len(CORPUS_FILES) >= 12


# ---------------------------------------------------------------------------------------------
# Each case, without gettext

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'


def test_empty_comment_lines_are_kept():
    text = HEADER + '# First paragraph.\n#\n# Second.\n#.\n#. Extracted.\n#.\nmsgid "a"\nmsgstr "b"\n'
    assert round_trip(text) == text


@pytest.mark.parametrize("comment", ["#\n", "#.\n", "#\n#.\n"])
def test_a_lone_empty_comment_line_is_kept(comment):
    text = HEADER + comment + 'msgid "a"\nmsgstr "b"\n'
    assert round_trip(text) == text


def test_a_lone_empty_comment_line_goes_when_the_comment_changes():
    catalog = parse_view(HEADER + '#\nmsgid "a"\nmsgstr "b"\n', path="test.po")
    catalog = dataclasses.replace(catalog, entries=(dataclasses.replace(first(catalog), tcomment="relu"),))
    assert "# relu\nmsgid" in format_catalog(catalog)


def test_lone_empty_header_comment_is_kept():
    text = "#\n" + HEADER + 'msgid "a"\nmsgstr "b"\n'
    assert round_trip(text) == text


def test_comments_keep_trailing_spaces_and_further_hashes():
    text = HEADER + '#  indented   \n# # hash\n#.  two spaces  \nmsgid "a"\nmsgstr "b"\n'
    assert round_trip(text) == text


def test_an_extracted_comment_starting_with_a_tab_keeps_it():
    """polib drops the character after ``#.`` whatever it is; gettext drops only a space."""
    text = HEADER + '#.\tindented\nmsgid "a"\nmsgstr "b"\n'
    assert parse_view(text, path="test.po").entries[0].comment == "\tindented"
    assert round_trip(text) == HEADER + '#. \tindented\nmsgid "a"\nmsgstr "b"\n'


def test_comments_without_a_space_are_read_as_gettext_reads_them():
    text = HEADER + '#no space\n##double\n#=marker\nmsgid "a"\nmsgstr "b"\n'
    assert round_trip(text) == HEADER + '# no space\n# #double\n# =marker\nmsgid "a"\nmsgstr "b"\n'
    assert parse_view(text, path="test.po").entries[0].tcomment == "no space\n#double\n=marker"


def test_an_empty_flag_line_clears_the_flags_above_it():
    catalog = parse_view(HEADER + '#, fuzzy, c-format\n#,\nmsgid "a"\nmsgstr "b"\n', path="test.po")
    assert first(catalog).flags == ()
    assert "#," not in format_catalog(catalog)


def test_only_the_last_flag_line_counts():
    catalog = parse_view(HEADER + '#, fuzzy\n#, python-format\nmsgid "a"\nmsgstr "b"\n', path="test.po")
    assert first(catalog).flags == ("python-format",)


def test_flags_without_commas_and_bang_lines_are_flags():
    catalog = parse_view(HEADER + '#! fuzzy c-format\nmsgid "a"\nmsgstr "b"\n', path="test.po")
    assert first(catalog).flags == ("fuzzy", "c-format")


def test_header_msgstr_is_kept_as_written():
    text = (
        '#. extracted\n#: po/header.c:1\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: fr\\n"\n'
        '"Plural-Forms:  nplurals=2; plural=(n > 1);\\n"\n"X-Generator:Handmade\\n"\n'
        '"no field here\\n"\n"\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )
    catalog = parse_view(text, path="test.po")
    assert catalog.metadata["Language"] == "fr" and catalog.metadata_is_fuzzy
    assert catalog.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert format_catalog(catalog) == text


def test_a_changed_header_field_is_rewritten_in_its_place():
    text = (
        'msgid ""\nmsgstr ""\n"Language:  fr\\n"\n"PO-Revision-Date:  2024-01-01 10:00+0000\\n"\n'
        '"X-Odd:value\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )
    catalog = parse_view(text, path="test.po")
    metadata = {**catalog.metadata, "PO-Revision-Date": "2026-11-29 15:00+0000", "X-Template-Digest": "abc"}
    del metadata["X-Odd"]
    catalog = dataclasses.replace(catalog, metadata=metadata)
    assert format_catalog(catalog) == (
        'msgid ""\nmsgstr ""\n"Language:  fr\\n"\n"PO-Revision-Date: 2026-11-29 15:00+0000\\n"\n'
        '"X-Template-Digest: abc\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )


def test_header_with_an_empty_msgstr_is_kept():
    text = 'msgid ""\nmsgstr ""\n\n#: main.py:3\nmsgid "a"\nmsgstr "b"\n'
    assert round_trip(text) == text


def test_a_file_without_header_gets_none_and_keeps_its_first_comment():
    text = '# Comment of the first entry.\n#\n# Second paragraph.\nmsgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n'
    catalog = parse_view(text, path="test.po")
    assert catalog.header == "" and catalog.metadata == {}
    assert first(catalog).tcomment == "Comment of the first entry.\n\nSecond paragraph."
    assert format_catalog(catalog) == text


def test_an_entry_with_an_empty_msgid_and_a_context_is_not_the_header():
    text = HEADER + 'msgctxt "menu"\nmsgid ""\nmsgstr "x"\n'
    assert parse_view(text, path="test.po").metadata["Language"] == "fr"


def test_escapes_polib_does_not_know():
    catalog = parse_view(HEADER + 'msgid "bell \\a octal \\101\\012 hex \\x41 \\x010a"\nmsgstr ""\n', path="test.po")
    assert first(catalog).msgid == "bell \a octal A\n hex A \n"  # gettext keeps the last byte of a long hex escape


def test_lines_of_entries_after_a_header_that_is_not_first():
    catalog = parse_view('msgid "a"\nmsgstr "b"\n\n' + HEADER + 'msgid "c"\nmsgstr "d"\n', path="test.po")
    assert [entry.line for entry in catalog] == [1, 9]


def test_pipeline_written_catalog_round_trips_unchanged(tmp_path):
    """What the pipeline writes itself reads back to the same data and the same bytes."""
    text = format_catalog(
        parse_view(
            HEADER + '# relu\n#. paragraph 1, sentence 1\n#: seeds/a.txt:1\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n',
            path="test.po",
        )
    )
    catalog = parse_view(text, path="test.po")
    assert (first(catalog).tcomment, first(catalog).comment, first(catalog).flags) == (
        "relu",
        "paragraph 1, sentence 1",
        ("fuzzy",),
    )
    assert format_catalog(catalog) == text


def test_what_the_reader_keeps_beyond_polib_survives_pickling():
    """Views cross process boundaries (extraction workers hand back merged catalogs): the header as
    written, its place and lone empty comment lines travel with them."""
    text = (
        '# first\nmsgid "a"\nmsgstr "b"\n\n#\n#: po/header.c:1\n'
        + HEADER.replace('"Language: fr', '"Language:  fr')
        + '#.\nmsgid "c"\nmsgstr "d"\n'
    )
    catalog = parse_view(text, path="test.po")
    copy = pickle.loads(pickle.dumps(catalog))
    assert copy == catalog and copy.header_position == 1
    assert format_catalog(copy) == text


@pytest.mark.parametrize(
    "text, line",
    [
        ('msgid "a"\nmsgstr "b\n', 2),
        ('msgid "a"\nmsgstr "b"\nnonsense here\n', 3),
        ('msgid "a"\nmsgstr "b"\n#| bogus "x"\n\nmsgid "c"\nmsgstr "d"\n', 3),
    ],
)
def test_what_the_reader_refuses_is_one_line_with_path_and_line(text, line):
    with pytest.raises(CatalogError) as error:
        parse_view(text, path="x.po")
    message = str(error.value)
    assert message.startswith(f"x.po:{line}: ") and "\n" not in message


# ---------------------------------------------------------------------------------------------
# Generated comment blocks against the oracle

COMMENT_TEXT = st.text(" \t#.:,~|!=aé", max_size=8)  # msgcat wants a charset for non-ASCII text
COMMENT_LINE = st.one_of(
    COMMENT_TEXT.map(lambda text: "#" + text if not text.startswith(("~", "|", ":", ",", ".", "!")) else "#"),
    COMMENT_TEXT.map(lambda text: "#." + text),
    st.sampled_from(["#", "#.", "#,", "#, fuzzy", "#, c-format", "#, fuzzy, no-wrap", "#: main.c:1", "#! fuzzy"]),
)
ENTRY = st.tuples(st.lists(COMMENT_LINE, max_size=5), st.sampled_from(["", "translated"]))


@needs_msgcat
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.lists(COMMENT_LINE, max_size=4),
    entries=st.lists(ENTRY, min_size=1, max_size=3),
    with_header=st.booleans(),
)
def test_generated_comments_come_back_as_msgcat_writes_them(tmp_path, header, entries, with_header):
    if not with_header:
        header = []
        entries = [([line.replace("é", "e") for line in comments], msgstr) for comments, msgstr in entries]
    blocks = ["\n".join([*header, HEADER.rstrip("\n")])] if with_header else []
    for number, (comments, msgstr) in enumerate(entries):
        blocks.append("\n".join([*comments, f'msgid "m{number}"', f'msgstr "{msgstr}"']))
    path = tmp_path / "generated.po"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    assert format_catalog(read_view(path)) == msgcat(path)


def test_previous_msgid_of_an_obsolete_entry_with_a_tab_after_the_keyword():
    text = HEADER + '#, fuzzy\n#~| msgid\t"old"\n#~ msgid\t"new"\n#~ msgstr "neu"\n'
    assert parse_view(text, path="test.po").entries[0].previous_msgid == "old"


def test_a_header_edited_by_hand_keeps_its_lines_through_an_update(project_dir):
    """A rewrite by `extract` changes the fields it must change and leaves the rest as written."""
    french = Path("locales/fr/LC_MESSAGES/nord.po")
    assert run("extract").exit_code == 0
    text = french.read_text(encoding="utf-8")
    text = text.replace('msgid ""\n', '#\n#: po/header.c:1\nmsgid ""\n', 1)
    text = text.replace('"Language: fr\\n"\n', '"Language:  fr\\n"\n"X-Generator:Handmade\\n"\n', 1)
    french.write_text(text, encoding="utf-8")
    seed = Path("seeds/nord.txt")
    seed.write_text(seed.read_text(encoding="utf-8") + "Noch ein Satz.\n", encoding="utf-8")
    assert run("extract").exit_code == 0
    updated = french.read_text(encoding="utf-8")
    assert "Noch ein Satz." in updated
    assert '#\n#: po/header.c:1\nmsgid ""\n' in updated
    assert '"Language:  fr\\n"\n"X-Generator:Handmade\\n"\n' in updated


def test_previous_plural_of_an_obsolete_entry_is_kept():
    text = HEADER + (
        '#, fuzzy\n#~| msgid "x"\n#~| msgid_plural "xs"\n#~ msgid "y"\n#~ msgid_plural "ys"\n'
        '#~ msgstr[0] "z"\n#~ msgstr[1] "zs"\n'
    )
    assert round_trip(text) == text


def test_indented_keywords_and_wide_obsolete_markers_are_read():
    text = HEADER + '# c\n  msgid "a"\n  msgstr "b"\n\n#, fuzzy\n#~| msgid "x"\n#~  msgid "y"\n#~ msgstr "z"\n'
    catalog = parse_view(text, path="test.po")
    assert [(entry.line, entry.tcomment, entry.previous_msgid) for entry in catalog] == [(7, "c", None), (12, "", "x")]


def test_a_header_that_is_not_the_first_entry_stays_where_it_is():
    text = '# first\nmsgid "a"\nmsgstr "b"\n\n' + HEADER + 'msgid "c"\nmsgstr "d"\n'
    catalog = parse_view(text, path="test.po")
    assert catalog.metadata["Language"] == "fr" and first(catalog).tcomment == "first"
    assert format_catalog(catalog) == text


def test_octal_and_hex_escapes_of_utf8_bytes_are_characters():
    """``msgcat --escape`` writes non-ASCII characters as octal byte escapes."""
    catalog = parse_view(HEADER + 'msgid "caf\\303\\251 \\xc3\\xa9 \\\\303"\nmsgstr ""\n', path="test.po")
    assert first(catalog).msgid == "café é \\303"


@pytest.mark.parametrize("line", ['#~msgid "\\a"', '#~  msgid "\\a"', '  msgid "\\a"'])
def test_escapes_are_read_after_any_keyword_prefix(line):
    catalog = parse_view(HEADER + f'{line}\n{line[: line.index("m")]}msgstr "x"\n', path="test.po")
    assert first(catalog).msgid == "\a"
