"""The state store: a record holds while its files are unchanged, and never hides an edit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import state_store
from pipeline.state_store import open_store, stamp, store_path

TASK, KEY = "test", "one"


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    folder = tmp_path / "locales"
    folder.mkdir()
    (folder / "a.po").write_text("msgstr one\n", encoding="utf-8")
    return folder


def remember(locales: Path, value: object = 1) -> None:
    with open_store(locales) as store:
        store.remember(TASK, KEY, [locales / "a.po", locales / "gone.po"], value)


def recall(locales: Path, **options: bool) -> object:
    with open_store(locales, **options) as store:
        return store.recall(TASK, KEY, [locales / "a.po", locales / "gone.po"])


def age(path: Path, seconds: int = 60) -> None:
    """Move the file's times back, as if it had been written before the run that recorded it."""
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns - seconds * 10**9, status.st_mtime_ns - seconds * 10**9))


def test_a_record_holds_while_its_files_are_unchanged(locales):
    remember(locales, {"fr": 3})
    assert recall(locales) == {"fr": 3}
    assert store_path(locales) == locales.parent / ".pipeline" / "state.sqlite"


def test_a_record_is_dropped_when_a_file_changes_appears_or_goes(locales):
    remember(locales)
    (locales / "a.po").write_text("msgstr two\n", encoding="utf-8")
    assert recall(locales) is None
    remember(locales)
    (locales / "gone.po").write_text("", encoding="utf-8")
    assert recall(locales) is None
    remember(locales)
    (locales / "a.po").unlink()
    assert recall(locales) is None


def test_an_edit_restored_with_touch_r_is_seen(locales):
    """``touch -r`` gives back the modification time, not the change time."""
    path = locales / "a.po"
    age(path)
    remember(locales)
    before = path.stat()
    path.write_text("msgstr uno\n", encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert recall(locales) is None


def test_an_edit_within_the_timestamp_granularity_is_seen(locales, monkeypatch):
    """On a file system with one-second timestamps, a same-size edit in the second the record was
    made leaves the stamp as it was: the file is racily clean and its bytes are compared."""

    def coarse(path):
        found = stamp(path)
        if found is None:
            return None
        return found[0], found[1] // 10**9 * 10**9, found[2] // 10**9 * 10**9, found[3]

    monkeypatch.setattr(state_store, "stamp", coarse)
    monkeypatch.setattr(state_store, "filesystem_now", lambda folder: os.stat(folder).st_mtime_ns // 10**9 * 10**9)
    remember(locales)
    (locales / "a.po").write_text("msgstr uno\n", encoding="utf-8")
    assert recall(locales) is None


def test_a_touched_file_with_the_same_bytes_is_read_once_then_trusted(locales, monkeypatch):
    later = stamp(locales / "a.po")[2] + 3600 * 10**9  # every run starts after every write below
    monkeypatch.setattr(state_store, "filesystem_now", lambda folder: later)
    remember(locales)
    os.utime(locales / "a.po", ns=(10**18, 10**18))
    read = []
    original = state_store.digest
    monkeypatch.setattr(state_store, "digest", lambda path: read.append(path) or original(path))
    assert recall(locales) == 1 and len(read) == 1
    assert recall(locales) == 1 and len(read) == 1


def test_records_of_another_pipeline_version_are_ignored(locales, monkeypatch):
    remember(locales)
    monkeypatch.setattr(state_store, "version", lambda: "another")
    assert recall(locales) is None


def test_without_the_store_nothing_is_remembered(locales):
    remember(locales)
    assert recall(locales, enabled=False) is None
    store_path(locales).unlink()
    assert recall(locales) is None


def test_a_damaged_store_is_only_a_lost_shortcut(locales):
    remember(locales)
    for path in store_path(locales).parent.iterdir():
        path.write_bytes(b"not a database" * 100)
    assert recall(locales) is None
    remember(locales)  # no error either


KILLED_RUN = """
import os, signal, sys
from pathlib import Path
from pipeline.state_store import open_store
locales = Path(sys.argv[1])
with open_store(locales) as store:
    store.remember("test", "one", [locales / "a.po", locales / "gone.po"], 2)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_run_killed_before_its_commit_leaves_the_records_before_it(locales):
    remember(locales, 1)
    killed = subprocess.run([sys.executable, "-c", KILLED_RUN, str(locales)], cwd=Path(__file__).parent.parent)
    assert killed.returncode == -9
    assert recall(locales) == 1
