"""Editions never state what the current article does not (issue 22): catalogs in the wrong folder,
deleted articles, stale review sheets, stale facts, notices."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import run
from tests.editions.test_build import EN, ENGLISH, FR, FRENCH, SECOND_JA, edition, translate


@pytest.fixture
def all_reviewed(project_dir: Path) -> Path:
    assert run("extract").exit_code == 0
    translate(FR, {**FRENCH, SECOND_JA: "Oui."})
    translate(EN, {**ENGLISH, SECOND_JA: "Yes."})
    return project_dir


# --- point 7: a catalog in the wrong folder ------------------------------------------------------


def test_a_french_catalog_copied_into_the_english_folder_is_refused(all_reviewed):
    shutil.copy(FR, EN)
    result = run("build")
    assert result.exit_code == 1
    assert f"{EN}:" in result.output and "Language header says 'fr'" in result.output
    assert not Path("editions/en/nord.html").exists()


def test_a_linked_language_folder_is_refused(all_reviewed):
    shutil.rmtree("locales/en")
    os.symlink("fr", "locales/en")
    result = run("build", "--lang", "en")
    assert result.exit_code == 1 and "a link to the catalog of 'fr'" in result.output
    assert not Path("editions/en/nord.html").exists()


def test_extract_refuses_a_catalog_of_another_language_too(all_reviewed):
    shutil.copy(FR, EN)
    result = run("extract")
    assert result.exit_code == 1 and "Language header says 'fr'" in result.output


# --- point 8: editions of deleted articles, stale review sheets ----------------------------------


def test_the_editions_of_a_deleted_article_are_removed(all_reviewed):
    shutil.copy("seeds/nord.txt", "seeds/sud.txt")
    assert run("extract").exit_code == 0
    assert run("build", "--review").exit_code == 0
    assert Path("editions/en/sud.html").exists() and Path("editions/review/sud.html").exists()
    Path("seeds/sud.txt").unlink()
    result = run("build")
    assert result.exit_code == 0, result.output
    for path in ("de/sud.txt", "fr/sud.md", "en/sud.html", "en/sud.txt", "review/sud.html"):
        assert not Path("editions", path).exists(), path
        assert f"removed editions/{path} (its article is no longer in the seeds)" in result.output
    assert Path("editions/en/nord.html").exists() and Path("editions/review/nord.html").exists()


def test_a_review_sheet_written_before_is_kept_current_by_a_plain_build(all_reviewed):
    assert run("build", "--review").exit_code == 0
    translate(FR, {"Ja.": "Mais oui."})
    assert run("build").exit_code == 0
    assert "Mais oui." in Path("editions/review/nord.html").read_text(encoding="utf-8")


# --- point 3: a corrected fact; point 9: notices that name what the text is ----------------------


def change_seed(old: str, new: str) -> None:
    seed = Path("seeds/nord.txt")
    seed.write_text(seed.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert run("extract").exit_code == 0


@pytest.mark.parametrize("policy", ["draft", "reviewed"])
def test_a_translation_of_an_older_number_is_never_published(all_reviewed, policy):
    change_seed("vor 1.200 Gästen", "vor 1.500 Gästen")
    result = run("build", "--policy", policy, "--min-reviewed", "50") if policy == "reviewed" else run("build")
    assert result.exit_code == 0, result.output
    for suffix in ("txt", "md", "html"):
        assert "1 200" not in edition("fr", suffix) and "1,200" not in edition("en", suffix)
        assert "1.500 Gästen" in edition("fr", suffix)
    if policy == "draft":
        assert "1 of 8 sentences has changed since it was translated and appears in German" in edition("en", "txt")
        assert "machine translation" not in edition("en", "txt")
        assert "translation of an older wording with other numbers, links or terms" in result.output
        assert "0 untranslated, 1 withheld)" in result.output


def test_a_changed_glossary_term_or_link_withholds_the_old_translation(all_reviewed):
    Path("glossary.toml").write_text('[[term]]\nde = "Bourbourg"\n[[term]]\nde = "Gravelines"\n', encoding="utf-8")
    change_seed("in Bourbourg eine Fabrik", "in Gravelines eine Fabrik")
    assert run("build").exit_code == 0
    assert "Bourbourg" not in edition("en", "txt") and "Verkor hat in Gravelines eine Fabrik" in edition("en", "txt")


def test_a_reworded_sentence_keeps_its_translation_and_the_notice_names_it_a_translators(all_reviewed):
    change_seed("Die Region hofft auf Arbeit.", "Die Region hofft auf viel Arbeit.")
    assert run("build").exit_code == 0
    text = edition("en", "txt")
    assert "The region hopes for work." in text
    assert "1 of 8 sentences is a translator’s translation awaiting review" in text
    assert "machine translation" not in text
    assert "traduction humaine en attente de relecture" in edition("fr", "html")


def test_the_notice_says_machine_translation_for_machine_drafts_only(all_reviewed):
    translate(EN, {"Ja.": "Yes indeed."}, drafts=True)
    translate(EN, {"Die Region hofft auf Arbeit.": "The region hopes."}, drafts=True)
    catalog_text = EN.read_text(encoding="utf-8").replace('msgstr "The region hopes."', 'msgstr "The region hopes!"')
    EN.write_text(catalog_text, encoding="utf-8")  # a translator rewrote one draft, kept `fuzzy`
    assert run("build").exit_code == 0
    text = edition("en", "txt")
    assert "unreviewed machine translation (1 of 8 sentences" in text
    assert "1 of 8 sentences is a translator’s translation awaiting review" in text


def test_a_translation_the_translator_already_corrected_is_published_awaiting_review(all_reviewed):
    change_seed("vor 1.200 Gästen", "vor 1.500 Gästen")
    catalog_text = EN.read_text(encoding="utf-8").replace("to 1,200 guests", "to 1,500 guests")
    EN.write_text(catalog_text, encoding="utf-8")  # updated, `fuzzy` and `#|` still there
    assert run("build").exit_code == 0
    assert "Dr Weber spoke to 1,500 guests" in edition("en", "txt")
    assert "1.200" not in edition("fr", "txt") and "1 200" not in edition("fr", "txt")  # French not updated


def test_a_linked_folder_is_refused_even_without_a_language_header(all_reviewed):
    FR.write_text(FR.read_text(encoding="utf-8").replace('"Language: fr\\n"\n', ""), encoding="utf-8")
    shutil.rmtree("locales/en")
    os.symlink("fr", "locales/en")
    result = run("build", "--lang", "en")
    assert result.exit_code == 1 and "a link to the catalog of 'fr', not of 'en'" in result.output
