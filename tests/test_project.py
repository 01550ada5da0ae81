"""Where a project's files live, its languages and its lock (pipeline.project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.project import Project, english_language_name


def test_paths_follow_the_gettext_layout():
    project = Project(locales=Path("loc"))
    assert project.template_path("nord") == Path("loc/nord.pot")
    assert project.catalog_path("fr", "nord") == Path("loc/fr/LC_MESSAGES/nord.po")


def test_articles_are_the_sorted_txt_files(tmp_path):
    for name in ("b.txt", "a.txt", "notes.md"):
        (tmp_path / name).write_text("Ja.\n", encoding="utf-8")
    assert [path.name for path in Project(seeds=tmp_path).article_paths()] == ["a.txt", "b.txt"]


def test_a_missing_seed_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(PipelineError) as raised:
        Project(seeds=tmp_path / "none").article_paths()
    assert str(raised.value).startswith(f"{tmp_path / 'none'}: no such folder")


def test_the_lock_is_exclusive_and_released(tmp_path):
    project = Project(locales=tmp_path / "locales")
    with project.lock():
        with pytest.raises(PipelineError, match="is updating these catalogs"):
            with project.lock():
                pass
    with project.lock():
        pass


def test_language_names_come_from_babel():
    assert english_language_name("pt_BR") == "Portuguese (Brazil)"
    with pytest.raises(PipelineError, match="unknown language code 'xx'"):
        english_language_name("xx")
