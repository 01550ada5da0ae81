"""Bad input gets a one-line error naming the file (and line), exit code 1, and leaves files as they were."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.commands import cli
from pipeline.mt.engines import FakeTranslator
from pipeline.mt.routes import Pair
from pipeline.po import catalogs, views
from pipeline.po.views import EntryState
from pipeline.project import Project
from pipeline.stages.translate import draft, open_catalogs
from tests.conftest import SMALL_ARTICLE, run

FR = Path("locales/fr/LC_MESSAGES/nord.po")


def snapshot(folder: Path = Path("locales")) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_refused(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    message = result.output.strip().splitlines()[-1]
    assert message.startswith("Error: ")
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    "content, fragments",
    [
        ("Größe\n".encode("latin-1"), ["seeds/nord.txt:1:", "not UTF-8"]),
        (b"", ["seeds/nord.txt:", "no text"]),
        (b"  \n\t\n\n", ["seeds/nord.txt:", "no text"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["seeds/nord.txt:", "binary"]),
        (("Wort " * 10_000).encode(), ["seeds/nord.txt:1:", "paragraph of 50,000 characters"]),
        (("Wort, " * 1_000 + "Ende.\n").encode(), ["seeds/nord.txt:1:", "sentence of 6,005 characters"]),
        (b"Ein Satz\x04 mit Steuerzeichen.\n", ["seeds/nord.txt:1:", "control character U+0004"]),
    ],
    ids=["latin-1", "empty", "whitespace-only", "binary", "50k-line", "run-on-sentence", "control-character"],
)
def test_bad_article_is_refused_and_catalogs_stay(project_dir, content, fragments):
    assert run("extract").exit_code == 0
    before = snapshot()
    Path("seeds/nord.txt").write_bytes(content)
    assert_refused(run("extract"), *fragments)
    assert snapshot() == before


def test_enormous_article_is_refused_before_it_is_read(project_dir):
    Path("seeds/nord.txt").write_bytes(b"Ein Satz. " * 1_000_000)
    assert_refused(run("extract"), "seeds/nord.txt:", "10.0 MB")
    assert not list(Path("locales").rglob("*.po*"))


def test_article_name_with_a_space_is_refused(project_dir):
    Path("seeds/nord.txt").rename("seeds/mon article.txt")
    assert_refused(run("extract"), "mon article.txt", "spaces")


def test_a_folder_that_is_a_file_is_a_one_line_error(project_dir):
    Path("afile").write_text("x", encoding="utf-8")
    assert_refused(run("--locales", "afile/locales", "extract"), "afile")


def test_seed_folder_without_articles(project_dir):
    Path("seeds/nord.txt").unlink()
    assert_refused(run("extract"), "seeds:", "no articles")


def test_slugs_that_collide_after_normalisation(project_dir):
    Path("seeds/Nord.txt").write_text("Ein Satz.\n", encoding="utf-8")
    assert_refused(run("extract"), "collides")


def test_translator_edit_to_a_msgid_stops_the_run(project_dir):
    assert run("extract").exit_code == 0
    FR.write_text(
        FR.read_text(encoding="utf-8").replace(
            'msgid "Die Region hofft auf Arbeit."', 'msgid "La région espère du travail."'
        ),
        encoding="utf-8",
    )
    before = snapshot()
    result = run("extract")
    assert_refused(result, f"{FR}:", "not in the template", "was it edited?")
    assert snapshot() == before


def test_a_broken_catalog_of_one_language_stops_the_run_before_any_write(project_dir):
    assert run("extract").exit_code == 0
    FR.write_text(FR.read_text(encoding="utf-8") + 'msgid "x\n', encoding="utf-8")
    Path("seeds/nord.txt").write_text("Ganz anderer Text.\n", encoding="utf-8")
    before = snapshot()
    assert_refused(run("extract"), f"{FR}:")
    assert snapshot() == before


# --- interruptions: every file is either as it was or as a finished run writes it ----------------

EARLIER = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
ARTICLES = {
    "nord": SMALL_ARTICLE,
    "sued": "Die Fabrik in Douvrin wächst.\nDie Region hofft auf Arbeit. Ein zweiter Satz folgt.\n",
    "west": "Ein Hafen im Westen.\nDort wird gebaut. Die Stadt wartet.\n",
}
PIVOT = {"fr": (Pair("de", "en"), Pair("en", "fr")), "en": (Pair("de", "en"),)}


def catalog_files() -> dict[Path, bytes]:
    """The files under locales/ but the lock and temporary files."""
    return {
        path: data
        for path, data in snapshot().items()
        if path.name != ".pipeline.lock" and path not in temporary_files()
    }


def temporary_files() -> list[Path]:
    return list(Path("locales").rglob(".*.tmp"))


def write_articles(*, edited: bool = False) -> None:
    for slug, text in ARTICLES.items():
        Path("seeds", f"{slug}.txt").write_text(
            text + ("Ein neuer Satz am Ende.\n" if edited else ""), encoding="utf-8"
        )


def restore(files: dict[Path, bytes]) -> None:
    shutil.rmtree("locales", ignore_errors=True)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def finished_run(work, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[Path, bytes], int]:
    """The files ``work()`` leaves when nothing interrupts it, and how many times it renamed a file
    into place; computed in a copy of the project."""
    copy = tmp_path / "uninterrupted"
    shutil.copytree("seeds", copy / "seeds")
    shutil.copytree("locales", copy / "locales")
    real, renamed = os.replace, []
    with monkeypatch.context() as patch:
        patch.chdir(copy)
        patch.setattr(os, "replace", lambda source, target: renamed.append(target) or real(source, target))
        work()
        return catalog_files(), len(renamed)


@contextlib.contextmanager
def ctrl_c_at_replace(monkeypatch: pytest.MonkeyPatch, number: int) -> Iterator[None]:
    """Ctrl-C at the ``number``-th ``os.replace``: the temporary file is written, the rename is not."""
    real, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) == number:
            raise KeyboardInterrupt
        real(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", replace)
        yield


def assert_old_or_new(before: dict[Path, bytes], after: dict[Path, bytes], *, written: int) -> None:
    files = catalog_files()
    assert files.keys() == before.keys() | after.keys()
    for path, data in files.items():
        assert data in (before.get(path), after.get(path)), f"{path} is neither the old nor the new file"
        catalogs.read_catalog(path)
    assert sum(data != before.get(path) for path, data in files.items()) == written


def test_ctrl_c_during_extract_leaves_every_file_old_or_new(project_dir, monkeypatch, tmp_path):
    write_articles()
    monkeypatch.setattr(catalogs, "now", lambda: EARLIER)
    assert run("extract").exit_code == 0
    write_articles(edited=True)  # every .pot and .po of the three articles needs rewriting
    monkeypatch.setattr(catalogs, "now", lambda: LATER)
    before = catalog_files()
    after, writes = finished_run(lambda: run("extract"), tmp_path, monkeypatch)
    assert writes == sum(after[path] != before.get(path) for path in after) == 3 * len(ARTICLES)
    for number in range(1, writes + 1):
        restore(before)
        with ctrl_c_at_replace(monkeypatch, number):
            result = run("extract")
        assert result.exit_code == 1 and "Aborted!" in result.output
        assert_old_or_new(before, after, written=number - 1)
        assert not temporary_files()
        assert run("extract").exit_code == 0  # a re-run finishes the job
        assert catalog_files() == after


def assert_whole_drafts(path: Path) -> None:
    """Every entry of the catalog is untranslated or holds the fake engine's complete draft."""
    suffix = {"en": " [en]", "fr": " [en] [fr]"}[path.parent.parent.name]
    for entry in catalogs.read_view(path):
        assert not entry.msgstr or (
            entry.msgstr == entry.msgid + suffix and views.entry_state(entry) is EntryState.MACHINE_DRAFT
        ), entry


def test_ctrl_c_while_drafts_are_saved_leaves_every_catalog_whole(project_dir, monkeypatch, tmp_path):
    write_articles()
    assert run("extract").exit_code == 0
    before = catalog_files()

    def drafting():
        draft(open_catalogs(Project()), FakeTranslator(), PIVOT, save_every=4, clock=lambda: LATER)

    after, writes = finished_run(drafting, tmp_path, monkeypatch)
    assert writes > 2 * len(ARTICLES)  # catalogs are saved after every batch of 4 sentences
    for number in range(1, writes + 1):
        restore(before)
        with ctrl_c_at_replace(monkeypatch, number), pytest.raises(KeyboardInterrupt):
            drafting()
        assert catalog_files().keys() == before.keys()
        for path in before:
            if path.suffix == ".po":
                assert_whole_drafts(path)
        assert not temporary_files()
        drafting()  # a re-run drafts what is left, as if nothing had happened
        assert catalog_files() == after


def test_ctrl_c_right_after_the_template_is_written_within_the_minute_of_the_last_run(project_dir, monkeypatch):
    """The .pot is new, its catalogs are not, and both carry the same minute as POT-Creation-Date."""
    monkeypatch.setattr(catalogs, "now", lambda: datetime(2026, 3, 1, 9, 0, 10, tzinfo=UTC))
    assert run("extract").exit_code == 0
    article = Path("seeds/nord.txt")
    article.write_text(article.read_text(encoding="utf-8").replace("auf Arbeit.", "auf neue Arbeit."), encoding="utf-8")
    monkeypatch.setattr(catalogs, "now", lambda: datetime(2026, 3, 1, 9, 0, 40, tzinfo=UTC))
    with ctrl_c_at_replace(monkeypatch, 2):
        assert run("extract").exit_code == 1
    result = run("extract")  # not "msgid ... is not in the template: was it edited?"
    assert result.exit_code == 0, result.output


KILLED_AT_SECOND_RENAME = """\
import os, signal, sys
from datetime import datetime, timezone
from pipeline.po import catalogs
from pipeline.cli.commands import main

real, renamed = os.replace, []

def replace(source, target):
    renamed.append(target)
    if len(renamed) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    real(source, target)

os.replace = replace
catalogs.now = lambda: datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)  # LATER
sys.argv = ["pipeline", "extract"]
main()
"""


def test_a_run_killed_while_writing_leaves_old_or_new_files_and_the_next_run_works(project_dir, monkeypatch, tmp_path):
    write_articles()
    monkeypatch.setattr(catalogs, "now", lambda: EARLIER)
    assert run("extract").exit_code == 0
    write_articles(edited=True)
    monkeypatch.setattr(catalogs, "now", lambda: LATER)
    before = catalog_files()
    after, _ = finished_run(lambda: run("extract"), tmp_path, monkeypatch)
    killed = subprocess.run([sys.executable, "-c", KILLED_AT_SECOND_RENAME], capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert_old_or_new(before, after, written=1)
    assert len(temporary_files()) == 1  # SIGKILL left no chance to remove it; nothing reads it
    for command in (["extract"], ["status"], ["check"]):
        result = run(*command)
        assert result.exit_code == 0 and ".tmp" not in result.output, result.output
    assert catalog_files() == after


# --- package files that cannot be installed, or serve no configured language ---------------------


@pytest.mark.parametrize(
    "kind, message",
    [
        ("missing", "no such file"),
        ("random-bytes", "not a zip archive"),
        ("empty", "not a zip archive"),
    ],
)
def test_an_unusable_package_file_is_refused_with_one_line(project_dir, argos_dir, tmp_path, kind, message):
    path = tmp_path / f"{kind}.argosmodel"
    if kind == "random-bytes":
        path.write_bytes(random.Random(6).randbytes(50_000))
    elif kind == "empty":
        path.write_bytes(b"")
    result = run("models", "install", str(path))
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: {path}: ") and message in line
    assert not any(argos_dir.iterdir())


def retarget(archive: Path, folder: Path, target: str) -> Path:
    """A copy of a tiny package that says it translates into ``target`` (weights are random anyway)."""
    root = archive.stem
    new_root = root.replace("_fr-", f"_{target}-")
    copy = folder / f"{new_root}.argosmodel"
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(copy, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename.endswith("/metadata.json"):
                metadata = json.loads(data)
                metadata.update(to_code=target, to_name="Spanish")
                data = json.dumps(metadata).encode()
            new.writestr(info.filename.replace(root, new_root, 1), data)
    return copy


def test_a_package_for_a_pair_no_route_uses_is_installed_with_a_note_and_not_used(
    project_dir, argos_dir, argos_archives, tmp_path
):
    spanish = retarget(argos_archives["en", "fr"], tmp_path, "es")
    result = run("models", "install", str(argos_archives["de", "en"]), str(spanish))
    assert result.exit_code == 0, result.output
    assert "installed en→es" in result.output and "no configured language needs en→es" in result.output
    listing = run("models", "list").output
    assert "en→es" in listing and "(not needed)" in listing and "missing en→fr" in listing
    result = run("translate", "--beam-size", "1")
    assert result.exit_code == 1 and "en→fr" in result.output.strip().splitlines()[-1]
    assert all(e.msgstr for e in catalogs.read_catalog(Path("locales/en/LC_MESSAGES/nord.po")))
    assert not any(e.msgstr for e in catalogs.read_catalog(FR))


def test_an_installed_package_damaged_later_stops_translate_with_one_line(project_dir, pivot_models):
    model = next(pivot_models.glob("translate-de_en-*/model/model.bin"))
    model.write_bytes(model.read_bytes()[:1000])
    result = CliRunner().invoke(cli, ["translate", "--beam-size", "1"])
    assert result.exit_code == 1 and not isinstance(result.exception, RuntimeError), result.exception
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"Error: {model.parent.parent}") and "pipeline models install" in line, line
