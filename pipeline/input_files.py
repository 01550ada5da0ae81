"""Reading a file the user names (a glossary, a catalog, the settings) as seeds are read: a regular
file only, and no more than a size limit.

Opening a FIFO for reading waits for a writer for ever (with the catalogs' lock held, for
``translate``), and ``/dev/zero`` or ``/dev/urandom`` never end: reading either as a glossary hung
``check`` or exhausted memory. The file is opened without blocking, checked with ``fstat`` on the
open descriptor (no window for a swap between check and read), and read up to its limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.errors import PipelineError, os_error
from pipeline.project import file_kind

MAX_CATALOG_BYTES = 64 * 2**20
"""A ``.po`` of the largest article the pipeline accepts (2 MB) with its translations and comments is
a few MB; 64 MB is no catalog."""
MAX_GLOSSARY_BYTES = 16 * 2**20
"""Tens of thousands of terms."""
MAX_CONFIG_BYTES = 4 * 2**20
"""A ``pyproject.toml``."""


def read_regular_file(path: Path, *, what: str, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes (``what`` names it in the
    error: ``glossary``, ``catalog``…). A missing file raises :class:`FileNotFoundError`, for callers
    to which that means something; anything else wrong is a :class:`PipelineError` naming the file."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise os_error(error, "cannot read", path) from None
    with os.fdopen(descriptor, "rb") as stream:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise PipelineError(f"not a {what}: {file_kind(mode)}, not a regular file", path=path)
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise os_error(error, "cannot read", path) from None
    if len(data) > limit:
        raise PipelineError(f"larger than {limit // 2**20} MB: too large for a {what}", path=path)
    return data
