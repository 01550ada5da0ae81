"""`pipeline` in a subprocess whose cluster batches after the first ``COUNT`` wait for a gate file:
a run is then always mid-way when a test interrupts it or stops its scheduler, whatever the
machine's speed or load, with no clock involved.

    python -m tests.mt.holding_run COUNT COUNTER GATE PIPELINE-ARGS...

``COUNTER`` gets one byte per batch started (on any worker); a held batch goes on once ``GATE``
exists, so a test opens the gate when it is done and leaves no worker busy. Run as ``__main__``, the
task travels to the workers by value.
"""

from __future__ import annotations

import sys

from pipeline.cli import main
from pipeline.mt import cluster

HOLD_LIMIT_S = 300.0
"""A held batch goes on by itself after this, should a test never open its gate."""


def holding_after(count: int, counter: str, gate: str):
    translate = cluster.translate_on_worker

    def translate_or_hold(name, batch, decoding):
        import os
        import time

        with open(counter, "ab") as stream:
            stream.write(b".")
        if os.path.getsize(counter) > count:
            deadline = time.monotonic() + HOLD_LIMIT_S
            while not os.path.exists(gate) and time.monotonic() < deadline:
                time.sleep(0.05)
        return translate(name, batch, decoding)

    return translate_or_hold


if __name__ == "__main__":
    count, counter, gate, *arguments = sys.argv[1:]
    cluster.translate_on_worker = holding_after(int(count), counter, gate)
    sys.argv = ["pipeline", *arguments]
    main()
