"""Shared fixtures: a throw-away project folder and a CLI runner bound to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "vallee-de-la-batterie.txt"

SMALL_ARTICLE = (
    "Batterien aus dem Norden\n"
    "Verkor hat in Bourbourg eine Fabrik eröffnet. Dr. Weber sprach am 3. Oktober vor 1.200 Gästen.\n"
    "Die Region hofft auf Arbeit. Ja.\n"
    "„Hauptsache, hier passiert wieder was.“ Ein Satz, der trifft. Ja.\n"
)


@pytest.fixture
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder with a small article in seeds/, as the working directory."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "nord.txt").write_text(SMALL_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def seed_project(project_dir: Path) -> Path:
    """A project folder holding the real seed article instead of the small one."""
    (project_dir / "seeds" / "nord.txt").unlink()
    shutil.copy(SEED, project_dir / "seeds" / SEED.name)
    return project_dir


def run(*args: str) -> Result:
    """Run the CLI in the current directory; exceptions other than SystemExit propagate."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def load(path: Path) -> polib.POFile:
    return polib.pofile(path.read_text(encoding="utf-8"))


def entry(catalog: polib.POFile, msgid: str, msgctxt: str | None = None) -> polib.POEntry:
    found = [e for e in catalog if e.msgid == msgid and e.msgctxt == msgctxt]
    assert len(found) == 1, f"{msgid!r} occurs {len(found)} times"
    return found[0]
