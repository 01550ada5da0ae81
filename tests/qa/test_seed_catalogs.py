"""The committed seed catalogs: the translation desk's reviewed French and English editions.

They are what a fresh clone publishes and the reference machine translation is measured against,
so they must stay complete, reviewed, in sync with the seed article and free of QA findings.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.glossary import load_glossary
from pipeline.po import catalogs
from pipeline.po.views import EntryState, entry_state
from pipeline.project import Project
from pipeline.qa import checks
from tests.conftest import REPO, SEED, run

LANGS = ("fr", "en")
SLUG = SEED.stem
DESK_COMMENT = "Reviewed by the newsroom translation desk"


def seed_catalog(lang: str, root: Path = REPO) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po"


@pytest.fixture
def seed_clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argos_dir: Path) -> Path:
    """A copy of the repository's articles, catalogs and glossary, as a fresh clone has them, with no
    Argos package installed."""
    for folder in ("seeds", "locales"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns(".*"))
    shutil.copy(REPO / "glossary.toml", tmp_path / "glossary.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def catalog_files(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*.po*"))}


@pytest.mark.parametrize("lang", LANGS)
def test_every_sentence_has_a_reviewed_translation_from_the_desk(lang):
    template = catalogs.read_view(REPO / "locales" / f"{SLUG}.pot")
    catalog = catalogs.read_view(seed_catalog(lang))
    entries = list(catalog.active())
    assert [e.key for e in entries] == [e.key for e in template.entries]
    assert len(entries) == 102 and not [e for e in catalog if e.obsolete]
    for item in entries:
        assert entry_state(item) is EntryState.REVIEWED, item.msgid
        assert item.msgstr.strip() == item.msgstr and "\n" not in item.msgstr, item.msgid
        assert item.msgstr != item.msgid, item.msgid
        assert item.tcomment == DESK_COMMENT, item.msgid
        assert not item.previous_msgid, item.msgid


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_names_the_translation_team(lang):
    metadata = catalogs.read_view(seed_catalog(lang)).metadata
    assert metadata["Language"] == lang
    assert metadata["Last-Translator"] == "Newsroom translation desk <translations@newsroom.example.org>"
    assert metadata["Language-Team"].endswith(f"translation desk <translations-{lang}@newsroom.example.org>")
    assert metadata["PO-Revision-Date"] >= metadata["POT-Creation-Date"]


def test_the_seed_catalogs_pass_every_check():
    project = Project(seeds=REPO / "seeds", locales=REPO / "locales")
    report = checks.check_project(
        project, load_glossary(REPO / "glossary.toml"), [seed_catalog(lang) for lang in LANGS]
    )
    assert [str(problem) for problem in report.problems] == []


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext not installed")
@pytest.mark.parametrize("lang", LANGS)
def test_gettext_writes_the_seed_catalogs_byte_for_byte_as_committed(lang):
    path = seed_catalog(lang)
    written = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
    assert written == path.read_bytes()


def test_a_fresh_clone_extracts_and_translates_without_models_and_changes_nothing(seed_clone):
    before = catalog_files(seed_clone / "locales")
    assert run("extract").exit_code == 0
    result = run("translate")
    assert result.exit_code == 0, result.output
    assert "nothing to draft" in result.output
    assert catalog_files(seed_clone / "locales") == before


def test_a_fresh_clone_publishes_complete_reviewed_editions(seed_clone):
    result = run("build", "--policy", "reviewed")
    assert result.exit_code == 0, result.output
    german = [item.msgid for item in catalogs.read_view(REPO / "locales" / f"{SLUG}.pot")]
    for lang, notice in (("fr", "Avertissement"), ("en", "Notice")):
        assert f"{lang}/{SLUG}: 102/102 reviewed, 0 unreviewed, 0 untranslated" in result.output
        edition = (seed_clone / "editions" / lang / f"{SLUG}.txt").read_text(encoding="utf-8")
        assert notice not in edition
        assert [sentence for sentence in german if sentence in edition] == []
