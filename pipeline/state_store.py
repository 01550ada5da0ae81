"""What earlier runs derived from each file, so that a run over an unchanged archive stats files and
parses none.

A record says: from these input files, as they were (their :data:`Stamp` and a digest of their bytes),
this command derived this value. It is trusted only while every input still has the same stamp; a
file whose stamp changed is read again, and so is a *racily clean* one, whose modification or change
time is not older than the start of the run that recorded it (git's rule, ``racy-git.txt``): such a
file may have been rewritten within the file system's timestamp granularity, without its stamp
showing it. Either way the bytes are compared with the recorded digest before the record is given up,
so a ``touch`` costs one read, not one parse.

The records live in SQLite (``.pipeline/state.sqlite`` beside ``locales/``, WAL journal), written in one
transaction per run: a run killed half-way leaves the records of the run before, which still describe
the files they name. The file is outside version control and may be deleted at any time: the next run
then derives everything again. Records name the pipeline's version, so an upgrade starts afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

STATE_FOLDER = ".pipeline"
"""Folder of the store, next to the catalogs folder (``locales/../.pipeline/``), so that the catalogs
folder holds only catalogs."""

STATE_FILE = "state.sqlite"
"""Name of the store (with its ``-wal`` and ``-shm`` companions)."""

SCHEMA = 2
"""Version of what the records hold; records of another schema or pipeline version are ignored."""

Stamp = tuple[int, int, int, int]
"""(size, ``st_mtime_ns``, ``st_ctime_ns``, inode): changes whenever the file is rewritten, replaced
or restored with ``touch -r`` (which cannot set the change time)."""

Input = tuple[str, Stamp | None, str | None]
"""A recorded input: absolute path, stamp and digest (both None for a file that did not exist)."""


def stamp(path: Path | str) -> Stamp | None:
    """The file's :data:`Stamp`, or None when it does not exist or cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


def digest(path: Path | str) -> str | None:
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


def version() -> str:
    try:
        return f"{SCHEMA}:{metadata.version('article-localisation-pipeline')}"
    except metadata.PackageNotFoundError:
        return f"{SCHEMA}:unknown"


class StateStore:
    """The records of one run: :meth:`recall` earlier values, :meth:`remember` new ones; they are
    written by :meth:`commit`, all at once."""

    def __init__(self, connection: sqlite3.Connection | None, started_ns: int):
        self.connection = connection
        self.started_ns = started_ns
        """The file system's clock when this run began: a file changed since is racily clean."""
        self.pending: dict[tuple[str, str], tuple[list[Input], str]] = {}
        self.version = version()
        self.cwd = os.getcwd()

    def recall(self, task: str, key: str, paths: Sequence[Path]) -> Any | None:
        """The value recorded for ``(task, key)`` if its inputs are exactly ``paths`` and none of them
        changed since; otherwise None (derive it again and :meth:`remember` it)."""
        if self.connection is None:
            return None
        row = self.connection.execute(
            "SELECT inputs, value, started FROM derived WHERE task = ? AND key = ?", (task, self._key(key))
        ).fetchone()
        if row is None:
            return None
        inputs: list[Input] = [(path, tuple(mark) if mark else None, seen) for path, mark, seen in json.loads(row[0])]
        if [path for path, _, _ in inputs] != [self._absolute(path) for path in paths]:
            return None
        maybe_checked = [self._unchanged(path, mark, seen, row[2]) for path, mark, seen in inputs]
        checked = [found for found in maybe_checked if found is not None]
        if len(checked) < len(maybe_checked):
            return None
        if any(by_content for _, by_content in checked):  # touched or racily clean, same bytes: trust it now
            self.pending[task, key] = ([current for current, _ in checked], row[1])
        return json.loads(row[1])

    def _unchanged(self, path: str, mark: Stamp | None, seen: str | None, started: int) -> tuple[Input, bool] | None:
        """The input as it is now, and whether its bytes had to be compared, if its content is as
        recorded; else None."""
        now = stamp(path)
        if now == mark and (now is None or max(now[1], now[2]) < started):
            return (path, mark, seen), False
        if now is None or mark is None:
            return None
        return ((path, now, seen), True) if digest(path) == seen else None

    def remember(self, task: str, key: str, paths: Sequence[Path], value: Any) -> None:
        """Record ``value`` as derived from ``paths`` as they are now (read them after writing them).
        A file that changes while it is being looked at is not recorded."""
        if self.connection is None:
            return
        inputs = []
        for path in paths:
            before = stamp(path)
            seen = digest(path) if before is not None else None
            if stamp(path) != before:
                self.pending.pop((task, key), None)
                return
            inputs.append((self._absolute(path), before, seen))
        self.pending[task, key] = (inputs, json.dumps(value, ensure_ascii=False, sort_keys=True))

    def commit(self) -> None:
        """Write this run's records in one transaction."""
        if self.connection is None or not self.pending:
            return
        rows = [
            (task, self._key(key), json.dumps(inputs), value, self.started_ns)
            for (task, key), (inputs, value) in self.pending.items()
        ]
        with self.connection:
            self.connection.executemany("INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?, ?)", rows)
        self.pending.clear()

    def _absolute(self, path: Path | str) -> str:
        """``path`` from the root (without resolving links: a path spelt otherwise only misses)."""
        return os.path.join(self.cwd, path)

    def _key(self, key: str) -> str:
        return f"{self.version}\n{key}"


@contextlib.contextmanager
def open_store(locales: Path, *, enabled: bool = True) -> Iterator[StateStore]:
    """The store of the catalogs folder ``locales`` for one run, committed when the run ends, even by
    an error (its records describe files as they are). Disabled, or where it cannot be kept, the
    store remembers nothing and every value is derived again."""
    connection = _connect(store_path(locales)) if enabled and locales.is_dir() else None
    store = StateStore(connection, started_ns=filesystem_now(locales) if connection else 0)
    try:
        yield store
    finally:
        with contextlib.suppress(sqlite3.Error):  # a store that cannot be written only costs the next run time
            store.commit()
        if connection is not None:
            connection.close()


def store_path(locales: Path) -> Path:
    return locales.parent / STATE_FOLDER / STATE_FILE


def _connect(path: Path) -> sqlite3.Connection | None:
    """The database, created when missing; None when it cannot be used (then nothing is
    remembered: the store is only ever a shortcut)."""
    try:
        path.parent.mkdir(exist_ok=True)
        connection = sqlite3.connect(path, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS derived (task TEXT, key TEXT, inputs TEXT, value TEXT, "
            "started INTEGER, PRIMARY KEY (task, key))"
        )
        return connection
    except (OSError, sqlite3.Error):
        return None


def filesystem_now(folder: Path) -> int:
    """The time as the file system of ``folder`` writes it (coarser than the system clock on most
    file systems), read from a file created and removed there; 0 when that fails (every file then
    counts as racily clean and is compared by content)."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".pipeline-clock.") as probe:
            return os.fstat(probe.fileno()).st_mtime_ns
    except OSError:
        return 0
