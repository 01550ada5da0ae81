"""A real Dask cluster on 127.0.0.1 for tests and benchmarks: `dask scheduler` and `dask worker`
processes started as a user starts them (random ports, no dashboard), and always stopped afterwards.

Each process runs in its own session, so stopping it stops the nanny's worker processes too; their
output goes to log files in the given folder (read them when a test fails).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

START_TIMEOUT_S = 90.0
"""A loaded two-core machine may need a while to import distributed in three processes at once."""


def dask_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "dask", *args]


def _start(command: Sequence[str], log: Path, env: dict | None) -> subprocess.Popen:
    with open(log, "ab") as output:
        return subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process's session (the nanny's workers included), SIGKILL if it lingers."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(wait)
            return


def _wait_for_address(scheduler_file: Path, process: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dask scheduler exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError, ValueError, KeyError):
            return json.loads(scheduler_file.read_text())["address"]
        time.sleep(0.1)
    raise RuntimeError(f"dask scheduler did not start in {START_TIMEOUT_S:.0f} s")


@contextlib.contextmanager
def scheduler(folder: Path, *, tls_args: Sequence[str] = (), env: dict | None = None) -> Iterator[str]:
    """A `dask scheduler` on 127.0.0.1 and a random port; yields its address. Its process id is in
    ``folder/scheduler.pid``."""
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file, log = folder / "scheduler.json", folder / "scheduler.log"
    scheduler_file.unlink(missing_ok=True)
    protocol = ["--protocol", "tls"] if tls_args else []
    process = _start(
        dask_command(
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(scheduler_file),
            "--pid-file",
            str(folder / "scheduler.pid"),
            *protocol,
            *tls_args,
        ),
        log,
        env,
    )
    try:
        yield _wait_for_address(scheduler_file, process, log)
    finally:
        stop(process)


@contextlib.contextmanager
def workers(
    folder: Path,
    address: str,
    *,
    count: int = 2,
    threads: int = 1,
    tls_args: Sequence[str] = (),
    env: dict | None = None,
) -> Iterator[subprocess.Popen]:
    """`dask worker ADDRESS --nworkers count --nthreads threads` (one nanny per worker, as by default)."""
    folder.mkdir(parents=True, exist_ok=True)
    process = _start(
        dask_command(
            "worker",
            address,
            "--nworkers",
            str(count),
            "--nthreads",
            str(threads),
            "--no-dashboard",
            "--host",
            "127.0.0.1",
            "--local-directory",
            str(folder / "workers"),
            *tls_args,
        ),
        folder / "workers.log",
        env,
    )
    try:
        yield process
    finally:
        stop(process)


def wait_for_workers(address: str, count: int, *, security=None) -> None:
    from distributed import Client

    with Client(address, timeout=START_TIMEOUT_S, security=security, set_as_default=False) as client:
        client.wait_for_workers(count, timeout=START_TIMEOUT_S)


@contextlib.contextmanager
def cluster(folder: Path, *, count: int = 2, threads: int = 1, env: dict | None = None) -> Iterator[str]:
    """A scheduler and ``count`` workers of ``threads`` threads, all running; yields the address."""
    with scheduler(folder, env=env) as address, workers(folder, address, count=count, threads=threads, env=env):
        wait_for_workers(address, count)
        yield address
