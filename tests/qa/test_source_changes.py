"""Source changes are visible where translators look (issue 22, point 10)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.qa.source_changes import word_diff
from tests.conftest import load, run
from tests.editions.test_build import EN, ENGLISH, FR, FRENCH, SECOND_JA, entry, translate


def reviewed_project() -> None:
    assert run("extract").exit_code == 0
    translate(FR, {**FRENCH, SECOND_JA: "Oui."})
    translate(EN, {**ENGLISH, SECOND_JA: "Yes."})
    for path in (FR, EN):
        catalog = load(path)
        for item in catalog:
            item.tcomment = "Reviewed by the newsroom translation desk"
        catalog.save(str(path))


def change_seed() -> None:
    seed = Path("seeds/nord.txt")
    seed.write_text(
        seed.read_text(encoding="utf-8")
        .replace("vor 1.200 Gästen", "vor 1.500 Gästen")
        .replace("hofft auf Arbeit", "hofft auf viel Arbeit"),
        encoding="utf-8",
    )


def test_extract_says_per_language_how_many_translations_need_review(project_dir):
    reviewed_project()
    change_seed()
    result = run("extract")
    assert result.exit_code == 0, result.output
    assert "fr: 2 translations now need review: the source sentence changed" in result.output
    assert "en: 2 translations now need review" in result.output
    assert "need review" not in run("extract").output  # said once, when it happens


def test_check_lists_each_changed_source_with_the_change(project_dir):
    reviewed_project()
    change_seed()
    run("extract")
    result = run("check", "--json")
    found = [problem for problem in json.loads(result.stdout)["problems"] if problem["check"] == "source_changed"]
    assert len(found) == 4 and {problem["severity"] for problem in found} == {"info"}
    assert any("vor [-1.200-]{+1.500+} Gästen" in problem["message"] for problem in found)


def test_a_review_attestation_never_stays_on_an_entry_that_is_no_longer_reviewed(project_dir):
    reviewed_project()
    change_seed()
    run("extract")
    changed = entry(load(FR), "Die Region hofft auf viel Arbeit.")
    assert "fuzzy" in changed.flags and "Reviewed by" not in changed.tcomment
    assert "Reviewed by the newsroom translation desk" in entry(load(FR), "Ja.").tcomment  # unchanged: kept


def test_word_diff_marks_what_was_removed_and_added():
    assert word_diff("a b c", "a x c") == "a [-b-]{+x+} c"
    assert word_diff("a b", "a b") == "a b"


def test_a_review_attestation_leaves_an_entry_a_translator_flagged_fuzzy(project_dir):
    reviewed_project()
    catalog = load(FR)
    entry(catalog, "Ja.").flags.append("fuzzy")
    catalog.save(str(FR))
    assert run("extract").exit_code == 0
    flagged = entry(load(FR), "Ja.")
    assert "fuzzy" in flagged.flags and "Reviewed by" not in flagged.tcomment and flagged.msgstr == "Oui."
