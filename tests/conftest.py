"""Shared fixtures: a throw-away project folder and a CLI runner bound to it."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from pipeline.cli.commands import cli
from pipeline.glossary import Glossary, Term
from pipeline.po.catalogs import parse_view
from pipeline.po.format import format_catalog
from pipeline.po.views import Catalog

# argostranslate creates its data, config and cache folders under $HOME when it is first imported:
# keep the test run's in a throw-away folder (set before anything imports argostranslate).
_ARGOS_HOME = Path(tempfile.mkdtemp(prefix="pipeline-tests-home-"))
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_variable] = str(_ARGOS_HOME / _variable.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(_ARGOS_HOME / "argos-packages")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "vallee-de-la-batterie.txt"

SMALL_ARTICLE = (
    "Batterien aus dem Norden\n"
    "Verkor hat in Bourbourg eine Fabrik eröffnet. Dr. Weber sprach am 3. Oktober vor 1.200 Gästen.\n"
    "Die Region hofft auf Arbeit. Ja.\n"
    "„Hauptsache, hier passiert wieder was.“ Ein Satz, der trifft. Ja.\n"
)


MT_GLOSSARY = Glossary(
    (
        Term("Verkor", {}),
        Term("Bourbourg", {}),
        Term("Dunkerque", {"en": "Dunkirk"}),
        Term("Gigafactory", {"en": "gigafactory", "fr": "gigafactory"}),
    )
)
"""The glossary of the machine-translation tests (drafting, and masking in tests/test_glossary.py)."""


collect_ignore = ["data/engine_plugin"]
"""A third-party package for tests/mt/test_plugins.py, put on sys.path by those tests only: collected
(for doctests), it would be imported for the whole session."""


FIXED_EPOCH = "1795953600"
"""2026-11-29 12:00 UTC: the moment every test runs at (``SOURCE_DATE_EPOCH``), so that no test and
no golden file depends on today's date, the machine's time zone or its locale."""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


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


def save(catalog: polib.POFile | Catalog, path: Path) -> None:
    """Write a catalog a test edited as the pipeline writes files. A polib catalog (what a
    translator's polib script edits) goes by its text, unwrapped, read back by the pipeline's own
    reader: the writer takes only the frozen views."""
    if isinstance(catalog, polib.POFile):
        catalog.wrapwidth = 0  # each comment stays on its line, as the test wrote it
        catalog = parse_view(str(catalog), path=path)
    path.write_text(format_catalog(catalog), encoding="utf-8")


def set_draft(found: polib.POEntry, translation: str, provenance: str) -> None:
    """Make a polib entry a machine draft as the pipeline writes one (for editing test files)."""
    from pipeline.po.provenance import mark
    from pipeline.po.views import text_digest

    found.msgstr = translation
    if "fuzzy" not in found.flags:
        found.flags.insert(0, "fuzzy")
    found.tcomment = mark(provenance, text_digest(translation))


# --- Argos Translate packages (pipeline.mt.packages, pipeline.mt.engines) --------------------

TEST_PACKAGES = {("de", "en"): ("1.9", 1), ("en", "fr"): ("1.9", 2), ("de", "fr"): ("2.0", 3)}
"""(from, to) → (package version, weight seed) of the tiny packages tests install."""


@pytest.fixture(scope="session")
def argos_archives(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Tiny real-format ``.argosmodel`` files (random weights) for de→en, en→fr and a direct de→fr."""
    from tests.argos_models import build_argos_package, default_training_text

    folder = tmp_path_factory.mktemp("argos-archives")
    text = default_training_text()
    return {
        (source, target): build_argos_package(
            folder, from_code=source, to_code=target, training_text=text, package_version=version, seed=seed
        )
        for (source, target), (version, seed) in TEST_PACKAGES.items()
    }


@pytest.fixture
def argos_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Argos packages folder, index and download cache, as ARGOS_PACKAGES_DIR would give.

    argostranslate reads its settings once, at import, so the computed values are patched; the index
    URL points at a closed local port, so nothing can reach the network.
    """
    from argostranslate import settings

    packages = tmp_path / "argos" / "packages"
    downloads = tmp_path / "argos" / "downloads"
    packages.mkdir(parents=True)
    downloads.mkdir()
    monkeypatch.setattr(settings, "package_data_dir", packages)
    monkeypatch.setattr(settings, "package_dirs", [packages])
    monkeypatch.setattr(settings, "downloads_dir", downloads)
    monkeypatch.setattr(settings, "local_package_index", tmp_path / "argos" / "index.json")
    monkeypatch.setattr(settings, "remote_package_index", "http://127.0.0.1:9/index.json")
    return packages


@pytest.fixture
def pivot_models(argos_dir: Path, argos_archives: dict[tuple[str, str], Path]) -> Path:
    """de→en and en→fr installed with `pipeline models install` (so French goes through English)."""
    result = run("models", "install", str(argos_archives["de", "en"]), str(argos_archives["en", "fr"]))
    assert result.exit_code == 0, result.output
    return argos_dir


def deny_reading_catalogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``.po`` read raises EACCES, as an unreadable file would (the tests run as root, so
    ``chmod`` would not stop them)."""
    real = Path.read_bytes

    def denied(path: Path) -> bytes:
        if path.suffix == ".po":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    real_open = os.open

    def denied_open(path, flags, *args, **kwargs):  # pipeline.input_files opens descriptors
        if str(path).endswith(".po") and not flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied_open)
    for path in Path("locales").rglob("*.po"):  # as the chmod that makes a file unreadable, change its ctime
        os.chmod(path, path.stat().st_mode)
