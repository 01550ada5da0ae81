"""The moment a run stands for: now, or ``SOURCE_DATE_EPOCH`` for reproducible builds.

Every date the pipeline writes (catalog headers, the "Updated" line of editions) comes from
:func:`build_moment`, taken once per run. ``SOURCE_DATE_EPOCH`` follows the reproducible-builds
specification: an ASCII integer, seconds since 1970-01-01 00:00 UTC; the dates it gives are in UTC,
whatever the machine's time zone (as Sphinx does). Anything else in it is an error, not ignored
(Sphinx's ``float()`` accepts ``1.5`` and ``nan``; a build that silently used today's date instead
would not be reproducible).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime

from pipeline.errors import PipelineError

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"

_INTEGER = re.compile(r"[0-9]{1,12}")
"""An ASCII integer of at most 12 digits (year 33658): no sign, fraction, exponent or spaces."""


def build_moment(environ: Mapping[str, str] = os.environ) -> datetime:
    """``SOURCE_DATE_EPOCH`` as an aware UTC datetime when it is set (and not empty), else now in UTC.

    >>> build_moment({"SOURCE_DATE_EPOCH": "1795953600"}).isoformat()
    '2026-11-29T12:00:00+00:00'
    """
    value = environ.get(SOURCE_DATE_EPOCH, "")
    if not value:
        return datetime.now(UTC)
    if not _INTEGER.fullmatch(value):
        raise PipelineError(
            f"{SOURCE_DATE_EPOCH}={value!r} is not a whole number of seconds since "
            "1970-01-01 UTC (e.g. `git log -1 --format=%ct`); set it so, or unset it"
        )
    return datetime.fromtimestamp(int(value), tz=UTC)
