"""Editions never state what the current article does not (issue 22): catalogs in the wrong folder,
deleted articles, stale review sheets, stale facts, notices."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import run
from tests.test_editions import EN, ENGLISH, FR, FRENCH, SECOND_JA, edition, translate


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
    assert result.exit_code == 1 and "Language header says 'fr'" in result.output
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
