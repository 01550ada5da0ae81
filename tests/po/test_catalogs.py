"""The PO module (pipeline.po.catalogs): reading catalogs written by anyone, safety on bad input."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.po import catalogs
from tests.conftest import entry, run
from tests.stages.test_extract import edit_article, extract_at, translate_by_hand

FR = Path("locales/fr/LC_MESSAGES/nord.po")
EN = Path("locales/en/LC_MESSAGES/nord.po")
POT = Path("locales/nord.pot")

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")


def test_malformed_catalog_stops_the_run_and_is_left_unchanged(project_dir):
    run("extract")
    broken = FR.read_text(encoding="utf-8").replace('msgstr ""\n\n#.', 'msgstr "oops\n\n#.', 1)
    FR.write_text(broken, encoding="utf-8")
    Path("seeds/nord.txt").write_text("Ganz neuer Text.\n", encoding="utf-8")
    result = run("extract")
    assert result.exit_code == 1
    assert f"{FR}:" in result.output and "Error:" in result.output
    assert len(result.output.strip().splitlines()[-1]) < 200
    assert FR.read_text(encoding="utf-8") == broken


def test_duplicate_entries_are_reported_with_their_line(project_dir):
    run("extract")
    text = FR.read_text(encoding="utf-8")
    FR.write_text(text + '\nmsgid "Die Region hofft auf Arbeit."\nmsgstr ""\n', encoding="utf-8")
    result = run("extract")
    assert result.exit_code == 1
    line = len(text.splitlines()) + 2
    assert f"{FR}:{line}: duplicate entry" in result.output


def test_catalog_with_a_foreign_charset_is_refused(project_dir):
    run("extract")
    FR.write_text(FR.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-1"), encoding="utf-8")
    result = run("extract")
    assert result.exit_code == 1 and "charset=ISO-8859-1" in result.output


def test_catalog_saved_with_bom_and_crlf_is_read_and_left_alone(project_dir):
    run("extract")
    translate_by_hand(FR, {"Die Region hofft auf Arbeit.": "La région espère du travail."})
    windows = ("\ufeff" + FR.read_text(encoding="utf-8")).replace("\n", "\r\n").encode("utf-8")
    FR.write_bytes(windows)
    assert run("extract").exit_code == 0
    assert FR.read_bytes() == windows


@needs_msgfmt
def test_catalogs_pass_msgfmt_check(seed_project):
    assert run("extract").exit_code == 0
    for path in [Path("locales/vallee-de-la-batterie.pot"), *Path("locales").glob("*/LC_MESSAGES/*.po")]:
        checked = subprocess.run(
            ["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert checked.returncode == 0 and checked.stderr == "", checked.stderr


def test_previous_msgid_of_an_obsolete_entry_survives_a_rewrite(project_dir):
    extract_at(datetime(2026, 1, 1, tzinfo=UTC))
    translate_by_hand(FR, {"Die Region hofft auf Arbeit.": "La région espère du travail."})
    edit_article("Die Region hofft auf Arbeit.", "Die Region hofft auf viel Arbeit.")
    extract_at(datetime(2026, 2, 1, tzinfo=UTC))  # fuzzy, with #| msgid
    edit_article("Die Region hofft auf viel Arbeit. ", "")
    extract_at(datetime(2026, 3, 1, tzinfo=UTC))  # now obsolete, with #~| msgid
    assert '#~| msgid "Die Region hofft auf Arbeit."' in FR.read_text(encoding="utf-8")
    edit_article("Ja.\n„Hauptsache", "Ja.\nNoch ein Satz.\n„Hauptsache")
    extract_at(datetime(2026, 4, 1, tzinfo=UTC))  # rewritten for another reason
    gone = entry(catalogs.read_catalog(FR), "Die Region hofft auf viel Arbeit.")
    assert gone.obsolete and gone.previous_msgid == "Die Region hofft auf Arbeit."


def test_line_separator_inside_a_sentence_does_not_break_reading(project_dir):
    Path("seeds/nord.txt").write_text("Ein Satz\u2028mit Trenner.\n", encoding="utf-8")
    assert run("extract").exit_code == 0
    assert run("extract").exit_code == 0
    assert [e.msgid for e in catalogs.read_catalog(FR)] == ["Ein Satz\u2028mit Trenner."]


def test_errors_point_at_the_msgid_line(project_dir):
    run("extract")
    text = FR.read_text(encoding="utf-8")
    lines = text.split("\n")
    expected = lines.index('msgid "Die Region hofft auf Arbeit."') + 1
    assert entry(catalogs.read_catalog(FR), "Die Region hofft auf Arbeit.").linenum == expected


def test_views_are_frozen_and_survive_pickling_for_worker_processes():
    import dataclasses
    import pickle

    text = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n#, fuzzy\nmsgid "Ja."\nmsgstr "Oui."\n\n'
        'msgid "ein Satz"\nmsgid_plural "Sätze"\nmsgstr[0] "une phrase"\nmsgstr[1] "des phrases"\n'
    )
    catalog = catalogs.parse_view(text, path="fr.po")
    assert pickle.loads(pickle.dumps(catalog)) == catalog
    assert dict(pickle.loads(pickle.dumps(catalog)).entries[1].msgstr_plural) == {0: "une phrase", 1: "des phrases"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog.entries[0].msgstr = "Non."
    with pytest.raises(TypeError):
        catalog.metadata["Language"] = "en"


# --- lines polib joins ---------------------------------------------------------------------------

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'


@pytest.mark.parametrize(
    "body, line, what",
    [
        ('msgid "a"\nmsgstr ""\n' + '"x"\n' * 1_001, 8, "string"),
        ("# note\n" * 1_001 + 'msgid "a"\nmsgstr "b"\n', 6, "comment"),
        ("#. note\n" * 1_001 + 'msgid "a"\nmsgstr "b"\n', 6, "comment"),
        ('#, fuzzy\n#| msgid ""\n' + '#| "x"\n' * 1_001 + 'msgid "a"\nmsgstr "b"\n', 8, "string"),
        ('#~ msgid "a"\n#~ msgstr ""\n' + '#~ "x"\n' * 1_001, 8, "string"),
    ],
)
def test_a_hostile_run_of_joined_lines_is_refused_with_its_line(body, line, what):
    """polib joins such lines one at a time into a growing string: 160,000 of them took 7.5 s, a
    64 MB catalog would take hours."""
    with pytest.raises(catalogs.CatalogError) as refused:
        catalogs.parse_view(HEADER + body, path="x.po")
    assert refused.value.line == line and f"continue one {what}" in str(refused.value)


def test_the_longest_paragraph_the_pipeline_writes_is_read_back():
    from pipeline.articles.seeds import MAX_PARAGRAPH_CHARS
    from pipeline.po.format import format_catalog

    text = HEADER + 'msgid "a"\nmsgstr "b"\n'
    long = "Wort " * (MAX_PARAGRAPH_CHARS // 5)
    catalog = catalogs.parse_view(text, path="x.po")
    written = format_catalog(
        dataclasses.replace(catalog, entries=(dataclasses.replace(catalog.entries[0], msgid=long, msgstr=long),))
    )
    assert catalogs.parse_view(written, path="x.po").entries[0].msgstr == long
    catalogs.parse_view(HEADER + "# note\n" * catalogs.MAX_JOINED_LINES + 'msgid "a"\nmsgstr "b"\n', path="x.po")
