"""Writing files so that nothing is lost: atomic replacement, and no write when nothing changed.

Catalogs, editions and review sheets are all written here: a reader (a PO editor, a web server, a
second run) sees either the old file or the new one, never half of each, and a run with nothing to do
leaves every file's bytes and modification time as they were.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import os_error


@dataclass(frozen=True, slots=True)
class FileResult:
    path: Path
    written: bool


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see either the old or the new file.

    An operating-system error (disk full, read-only folder) names ``path``, not the temporary file.
    """
    try:
        _write_then_rename(path, data)
    except OSError as error:
        raise os_error(error, "cannot write", path) from None


def _write_then_rename(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes) -> FileResult:
    """Write ``data`` atomically unless ``path`` holds exactly these bytes already."""
    if path.is_file() and path.read_bytes() == data:
        return FileResult(path, written=False)
    write_atomically(path, data)
    return FileResult(path, written=True)


FileStamp = tuple[int, int]
"""(modification time in ns, size): what tells whether someone else rewrote a file meanwhile."""


def file_stamp(path: Path) -> FileStamp | None:
    """The file's :data:`FileStamp`, or None when it cannot be read (missing, no permission)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
