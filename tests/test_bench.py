"""Every benchmark in bench/ runs in its quick mode, so that none can rot unseen (bench_scale.py once
expected a message the CLI no longer printed). The figures are not checked: they depend on the machine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.mt import devices

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("script", sorted(BENCH.glob("bench_*.py")), ids=lambda path: path.stem)
def test_the_bench_runs_in_its_quick_mode(script):
    done = subprocess.run([sys.executable, str(script), "--quick"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    if script.stem == "bench_gpu" and devices.cuda_devices() < 1:
        assert done.stdout.splitlines() == ["no GPU: CTranslate2 sees no CUDA device here; nothing to measure"]
