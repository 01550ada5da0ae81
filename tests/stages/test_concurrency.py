"""Two runs on the same catalogs: the second stops with one line naming the folder and changes nothing;
the lock goes with the process that holds it, even when that process is killed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.articles.seeds import read_article
from pipeline.project import Project
from pipeline.stages import extract
from tests.conftest import SEED, run
from tests.test_robustness import snapshot

FR = Path("locales/fr/LC_MESSAGES/nord.po")

HOLD_LOCK = """\
import sys
from pathlib import Path
from pipeline.project import Project
with Project(locales=Path(sys.argv[1])).lock():
    print("locked", flush=True)
    sys.stdin.read()
"""


def hold_lock(locales: Path = Path("locales")) -> subprocess.Popen:
    """A process holding the project lock until its stdin closes (or it is killed)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(locales.resolve())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "locked\n"
    return holder


def assert_locked_out(result, locales: str = "locales", holder: str = "pipeline run") -> None:
    assert result.exit_code == 1, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: {locales}: {holder}") and "is updating these catalogs" in line, line


def change_article() -> None:
    article = Path("seeds/nord.txt")
    article.write_text(article.read_text(encoding="utf-8") + "Ein neuer Absatz.\n", encoding="utf-8")


@pytest.mark.parametrize("command", ["extract", "translate"])
def test_a_run_while_another_holds_the_lock_stops_and_changes_nothing(project_dir, command):
    assert run("extract").exit_code == 0
    change_article()
    with Project().lock():
        before = snapshot()
        assert_locked_out(run(command), holder=f"pipeline run {os.getpid()}")
        assert snapshot() == before
    result = run("extract")
    assert result.exit_code == 0 and f"updated {FR}" in result.output


def test_the_message_names_the_locales_folder_given(project_dir):
    with Project(locales=Path("catalogues")).lock():
        assert_locked_out(run("--locales", "catalogues", "extract"), locales="catalogues")
    assert not Path("locales").exists()


def test_translate_is_refused_while_another_process_holds_the_lock_then_works(project_dir, pivot_models):
    holder = hold_lock()
    try:
        assert_locked_out(run("translate", "--beam-size", "1"), holder=f"pipeline run {holder.pid}")
        assert not FR.exists()
    finally:
        holder.communicate("")
    assert holder.returncode == 0
    result = run("translate", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    assert FR.exists()


def test_the_lock_of_a_killed_run_is_released(project_dir):
    holder = hold_lock()
    assert_locked_out(run("extract"))
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert holder.returncode == -signal.SIGKILL
    result = run("extract")
    assert result.exit_code == 0 and f"updated {FR}" in result.output


def test_two_runs_started_together_end_as_one_clean_run(seed_project, tmp_path):
    for number in range(12):  # enough work for the runs to overlap
        shutil.copy(SEED, Path("seeds") / f"artikel-{number}.txt")
    command = [sys.executable, "-m", "pipeline", "extract"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [(child.communicate()[0], child.returncode) for child in runs]
    for output, code in outputs:
        refused = output.strip().startswith("Error: locales: ") and "is updating these catalogs" in output
        assert code == 0 or (code == 1 and refused and len(output.strip().splitlines()) == 1), output
    assert any(code == 0 for _, code in outputs)
    shutil.copytree("seeds", tmp_path / "clean" / "seeds")
    subprocess.run(command, cwd=tmp_path / "clean", check=True, capture_output=True)
    ours = {path: data for path, data in snapshot().items() if path.name != ".pipeline.lock"}
    clean = {
        path.relative_to(tmp_path / "clean"): data
        for path, data in snapshot(tmp_path / "clean" / "locales").items()
        if path.name != ".pipeline.lock"
    }
    assert undated(ours) == undated(clean)


def undated(files: dict[Path, bytes]) -> dict[Path, bytes]:
    """File contents without their header dates, which depend on the minute each run wrote them."""
    date = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"$', re.MULTILINE)
    return {path: date.sub(rb"\1", data) for path, data in files.items()}


# --- extraction in worker processes (extraction.extract_articles) ----------------------------------

MOMENT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def shuffled_articles(count: int) -> list[Path]:
    """``count`` different articles made of the seed's lines in another order each."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    paths = []
    for number in range(count):
        path = Path("seeds", f"artikel-{number}.txt")
        path.write_text("\n".join(lines[number:] + lines[:number]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_worker_processes_write_what_one_process_writes(project_dir, monkeypatch):
    monkeypatch.setattr(extract, "PARALLEL_FROM", 2)
    articles = [read_article(path) for path in shuffled_articles(6)]
    results = {}
    for jobs in (1, 2):
        project = Project(locales=Path(f"locales-{jobs}"))
        results[jobs] = [
            [(result.path.relative_to(project.locales), result.written, result.added) for result in article]
            for article in extract.extract_articles(project, articles, moment=MOMENT, jobs=jobs)
        ]
    assert results[1] == results[2] and len(results[2]) == 6
    one, two = (snapshot(Path(f"locales-{jobs}")) for jobs in (1, 2))
    assert [(path.relative_to("locales-1"), data) for path, data in one.items() if path.suffix != ".lock"] == [
        (path.relative_to("locales-2"), data) for path, data in two.items() if path.suffix != ".lock"
    ]


def test_a_broken_catalog_met_by_a_worker_is_one_line_naming_it(project_dir, monkeypatch):
    monkeypatch.setattr(extract, "PARALLEL_FROM", 2)
    monkeypatch.setattr(extract, "available_cores", lambda: 2)
    shuffled_articles(6)
    assert run("extract").exit_code == 0
    broken = Path("locales/fr/LC_MESSAGES/artikel-3.po")
    broken.write_text(broken.read_text(encoding="utf-8") + 'msgid "x\n', encoding="utf-8")
    result = run("extract")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith(f"Error: {broken}:")
