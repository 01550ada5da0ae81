"""Work measured without a clock, so that a test of time complexity holds whatever the machine's
load: the Python lines a call executes (a call into C counts as one line)."""

from __future__ import annotations

import sys
from collections.abc import Callable


def executed_lines(work: Callable[[], object]) -> int:
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count
