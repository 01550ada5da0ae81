"""`pipeline status`: figures per article and language, as a table and as JSON, and agreement with
``msgfmt --statistics``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from pipeline.po import catalogs, views
from pipeline.po.views import EntryState
from pipeline.project import pipeline_command
from pipeline.stages.status import CatalogStatus, Tally, count_words, tally_entries
from tests.conftest import SMALL_ARTICLE, entry, load, run, save, set_draft

FR = Path("locales/fr/LC_MESSAGES/nord.po")

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")

# Sentences of tests/conftest.py's SMALL_ARTICLE with their word counts (36 words in all).
WORDS = {
    "Batterien aus dem Norden": 4,
    "Verkor hat in Bourbourg eine Fabrik eröffnet.": 7,
    "Dr. Weber sprach am 3. Oktober vor 1.200 Gästen.": 9,
    "Die Region hofft auf Arbeit.": 5,
    "Ja.": 1,
    "„Hauptsache, hier passiert wieder was.“": 5,
    "Ein Satz, der trifft.": 4,
}


def test_count_words():
    assert {sentence: count_words(sentence) for sentence in WORDS} == WORDS
    assert count_words("Junge Absolvent:innen, E-Fahrzeuge – CO₂ Fußabdruck!") == 5


def test_tally_keeps_machine_drafts_and_source_changes_apart():
    record = tally_entries(
        "nord",
        "fr",
        FR,
        [
            (EntryState.REVIEWED, "Die Region hofft auf Arbeit."),
            (EntryState.MACHINE_DRAFT, "Ein Satz, der trifft."),
            (EntryState.SOURCE_CHANGED, "Ja."),
            (EntryState.UNTRANSLATED, "Batterien aus dem Norden"),
            (EntryState.OBSOLETE, "Alt und weg."),
        ],
    )
    assert record == CatalogStatus(
        slug="nord",
        lang="fr",
        path=FR,
        exists=True,
        reviewed=Tally(1, 5),
        machine_draft=Tally(1, 4),
        source_changed=Tally(1, 1),
        untranslated=Tally(1, 4),
        obsolete=Tally(1, 3),
    )
    assert record.total == Tally(4, 14)
    assert record.fuzzy == Tally(2, 5)
    assert record.percent_reviewed == 35.7


def prepare_known_catalog() -> None:
    """FR: 2 reviewed, 1 machine draft, 1 flagged by a translator, 1 changed source (#|), 1 obsolete."""
    run("extract")
    catalog = load(FR)
    entry(catalog, "Batterien aus dem Norden").msgstr = "Des batteries venues du Nord"
    entry(catalog, "Die Region hofft auf Arbeit.").msgstr = "La région espère du travail."
    set_draft(entry(catalog, "Ein Satz, der trifft."), "Une phrase qui touche.", "test")
    flagged = entry(catalog, "Ja.")
    flagged.msgstr, flagged.flags = "Oui.", ["fuzzy"]
    changed = entry(catalog, "Verkor hat in Bourbourg eine Fabrik eröffnet.")
    changed.msgstr, changed.flags = "Verkor a ouvert une usine.", ["fuzzy"]
    changed.previous_msgid = "Verkor hat eine Fabrik eröffnet."
    catalog.append(polib.POEntry(msgid="Alt und weg.", msgstr="Vieux et parti.", obsolete=True))
    save(catalog, FR)


def test_status_json_on_a_known_catalog(project_dir):
    prepare_known_catalog()
    result = run("status", "--json")
    assert result.exit_code == 0, result.output
    fr, en = json.loads(result.stdout)["catalogs"]
    assert fr == {
        "article": "nord",
        "lang": "fr",
        "path": str(FR),
        "exists": True,
        "orphaned": False,
        "percent_reviewed": 25.0,
        "needs_repair": None,
        "low_confidence": 0,
        "sentences": {
            "total": 8,
            "reviewed": 2,
            "machine_draft": 1,
            "edited_draft": 0,
            "source_changed": 2,
            "untranslated": 3,
            "obsolete": 1,
            "fuzzy": 3,
        },
        "words": {
            "total": 36,
            "reviewed": 9,
            "machine_draft": 4,
            "edited_draft": 0,
            "source_changed": 8,
            "untranslated": 15,
            "obsolete": 3,
            "fuzzy": 12,
        },
    }
    assert (en["lang"], en["percent_reviewed"], en["sentences"]["untranslated"]) == ("en", 0.0, 8)


def test_status_table_on_a_known_catalog(project_dir):
    prepare_known_catalog()
    result = run("status")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "article",
        "lang",
        "reviewed",
        "(words)",
        "total",
        "reviewed",
        "drafts",
        "edited",
        "changed",
        "untransl.",
        "obsolete",
    ]
    # 36 words on a 20-character bar: 9 reviewed → 5, 8 changed → 4.4 → 5, 4 drafts → 2, 15 untranslated → 8
    assert lines[1].split() == [
        "nord",
        "fr",
        "█████▓▓▓▓▓▒▒░░░░░░░░",
        "25.0%",
        "8/36",
        "2/9",
        "1/4",
        "0/0",
        "2/8",
        "3/15",
        "1/3",
    ]
    assert lines[2].split()[:4] == ["nord", "en", "░" * 20, "0.0%"]
    assert "█ reviewed  ▚ edited draft  ▓ source changed  ▒ machine draft  ░ untranslated" in result.output


def test_missing_catalog_is_shown_not_an_error(project_dir):
    run("extract")
    Path("locales/en/LC_MESSAGES/nord.po").unlink()
    result = run("status")
    assert result.exit_code == 0
    assert result.output.splitlines()[2].split(maxsplit=2) == [
        "nord",
        "en",
        f"no catalog yet: run `{pipeline_command()} extract`",
    ]
    [_, en] = json.loads(run("status", "--json").stdout)["catalogs"]
    assert en["exists"] is False and en["sentences"]["total"] == 0


def msgfmt_statistics(path: Path) -> dict[str, int]:
    completed = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin:/usr/local/bin"},
        check=True,
    )
    figures = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", completed.stderr):
        figures[kind] = int(number)
    return figures


@needs_msgfmt
def test_status_agrees_with_msgfmt_statistics(project_dir):
    prepare_known_catalog()
    catalog = load(FR)
    fuzzy_but_empty = entry(catalog, "Ja.", "occurrence 2")  # gettext counts it as untranslated
    fuzzy_but_empty.flags = ["fuzzy"]
    entry(catalog, "„Hauptsache, hier passiert wieder was.“").msgstr = " "  # translated, to gettext
    save(catalog, FR)
    fr = json.loads(run("status", "--json").stdout)["catalogs"][0]["sentences"]
    assert msgfmt_statistics(FR) == {
        "translated": fr["reviewed"],
        "fuzzy": fr["machine_draft"] + fr["edited_draft"] + fr["source_changed"],
        "untranslated": fr["untranslated"],
    }
    assert fr["fuzzy"] == 3


@needs_msgfmt
def test_status_agrees_with_msgfmt_on_the_seed_article(seed_project):
    run("extract")
    path = Path("locales/en/LC_MESSAGES/vallee-de-la-batterie.po")
    catalog = load(path)
    for number, item in enumerate(catalog):
        if number % 3 == 0:
            item.msgstr = "Reviewed."
        elif number % 3 == 1:
            set_draft(item, "Draft.", "test")
    save(catalog, path)
    en = json.loads(run("status", "--json").stdout)["catalogs"][1]
    figures = msgfmt_statistics(path)
    assert figures["translated"] == en["sentences"]["reviewed"] > 0
    assert figures["fuzzy"] == en["sentences"]["fuzzy"] > 0
    assert figures["untranslated"] == en["sentences"]["untranslated"] > 0


def test_an_article_whose_seed_was_deleted_is_orphaned(project_dir):
    Path("seeds/sud.txt").write_text(SMALL_ARTICLE, encoding="utf-8")
    run("extract")
    Path("seeds/nord.txt").unlink()
    result = run("status")
    assert result.exit_code == 0, result.output
    rows = {tuple(line.split()[:2]): line for line in result.output.splitlines()[1:5]}
    assert "orphaned" in rows["nord", "fr"] and "orphaned" not in rows["sud", "fr"]
    assert "orphaned: the article is no longer in seeds" in result.output
    records = json.loads(run("status", "--json").stdout)["catalogs"]
    assert {(record["article"], record["orphaned"]) for record in records} == {("nord", True), ("sud", False)}


def test_a_catalog_emptied_to_nothing_is_reported_not_recreated(project_dir):
    run("extract")
    FR.write_bytes(b"")
    for command in ("status", "extract"):
        result = run(command)
        assert result.exit_code == 1
        assert result.output.strip().splitlines() == [
            (
                f"Error: {FR}: the file is empty (0 bytes); restore it from version control, or delete it "
                "to start an empty catalog"
            )
        ]
    assert FR.read_bytes() == b""


def test_an_edited_machine_draft_is_counted_apart(project_dir):
    """A draft a translator rewrote (flag and comment kept by the editor) waits for its flag to be
    cleared: neither a machine draft nor a changed source (issue 11, point 1)."""
    run("extract")
    catalog = load(FR)
    drafted = catalogs.with_machine_draft(views.Entry("Ein Satz, der trifft."), "Une phrase.", "test")
    found = entry(catalog, "Ein Satz, der trifft.")
    found.msgstr, found.flags, found.tcomment = "Une phrase qui touche.", ["fuzzy"], drafted.tcomment
    save(catalog, FR)
    fr = json.loads(run("status", "--json").stdout)["catalogs"][0]
    assert (fr["sentences"]["edited_draft"], fr["sentences"]["machine_draft"], fr["sentences"]["fuzzy"]) == (1, 0, 1)
    assert fr["words"]["edited_draft"] == 4
    lines = run("status").output.splitlines()
    assert "edited" in lines[0].split()
    assert lines[1].split()[lines[0].split().index("edited")] == "1/4", lines
    if shutil.which("msgfmt"):
        assert msgfmt_statistics(FR)["fuzzy"] == fr["sentences"]["fuzzy"]


def test_a_catalog_whose_template_was_deleted_needs_repair(project_dir):
    """Without its template nothing can be checked or built (build refuses); status said 100 %."""
    assert run("extract").exit_code == 0
    Path("locales/nord.pot").unlink()
    result = run("status", "--json")
    assert result.exit_code == 0, result.output
    for record in json.loads(result.stdout)["catalogs"]:
        assert record["needs_repair"].startswith("locales/nord.pot: missing"), record
        assert "extract" in record["needs_repair"]


@pytest.mark.parametrize("command", ["status", "extract", "build"])
def test_a_text_and_a_markdown_seed_of_one_slug_are_refused_by_every_command(project_dir, command):
    assert run("extract").exit_code == 0
    Path("seeds/nord.md").write_text("# Nord\n\nEin Satz.\n", encoding="utf-8")
    result = run(command)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: seeds/nord.txt: 'nord.md' is the same article ('nord') in another format: their catalogs "
        "would be one; keep one of the two"
    )
