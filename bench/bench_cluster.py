"""Local machine translation against a 2-worker Dask cluster on the same cores; a killed worker; N workers.

Uses the random-weight package of bench_translation.py (6+6 layers, 512 dimensions, 32k vocabulary,
int8, every output exactly 24 tokens) and the seed article's sentences. Starts real `dask scheduler`
and `dask worker --nworkers 2 --nthreads 1` processes on 127.0.0.1, as a user would. Prints:

  (a) local: ArgosTranslator, as `pipeline translate` runs it (chunks of DEFAULT_SAVE_EVERY);
  (b) warm cluster: DaskTranslator over the same chunks, package already shipped and loaded
      (goal: b >= 80 % of a, so N machines give about N times one);
  (c) the cluster with the nanny's MALLOC_TRIM_THRESHOLD_=65536 left in force (what the worker
      plugin undoes), to show why it does;
  (d) a worker SIGKILLed mid-run: extra seconds over (b), and the replacement worker's start;
  (e) a projection to N workers from the measured per-worker throughput and the client's own
      per-sentence cost (tokenising, detokenising).

Run: .venv/bin/python bench/bench_cluster.py [--sentences 200] [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_translation import PAIR, pipeline_path, rate, realistic_package, seed_sentences  # noqa: E402

from pipeline.mt import batching, cluster, engines  # noqa: E402
from tests import dask_processes  # noqa: E402

WORKERS = 2


def cpu_seconds(client) -> dict[str, float]:
    """CPU seconds used so far by this process, the scheduler and each worker: a figure that, unlike
    wall time, does not depend on what else the machine runs."""
    own = lambda: sum(os.times()[:2])  # noqa: E731 - travels by value to the workers and scheduler
    return {"client": own(), "scheduler": client.run_on_scheduler(own), **client.run(own)}


def nanny_malloc() -> None:
    """On a worker: glibc as the nanny's MALLOC_TRIM_THRESHOLD_=65536 leaves it (fixed thresholds)."""
    libc = ctypes.CDLL("libc.so.6")
    libc.mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD back to its fixed default
    libc.mallopt(-1, 65536)  # M_TRIM_THRESHOLD


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tiny model, 16 sentences, one round, (a) and (b) only: checks that the bench runs "
        "(the test suite runs it)",
    )
    args = parser.parse_args()
    if args.quick:
        args.sentences, args.rounds = 16, 1
    sentences = seed_sentences(args.sentences)
    options = engines.EngineOptions()
    print(
        f"{len(sentences)} sentences, {os.cpu_count()} cores; local inter_threads {options.inter_threads}; "
        f"cluster: scheduler + {WORKERS} workers x 1 thread on the same cores"
    )
    with realistic_package(quick=args.quick) as package, tempfile.TemporaryDirectory(prefix="bench-cluster-") as folder:
        local = engines.ArgosTranslator({PAIR: package}, options)
        local.translate(PAIR, sentences[:8])
        started = time.perf_counter()
        with (
            dask_processes.cluster(Path(folder), count=WORKERS, threads=1) as address,
            cluster.connect(address) as client,
        ):
            print(f"cluster up in {time.perf_counter() - started:.1f} s at {address}")
            remote = cluster.DaskTranslator(client, {PAIR: package}, options)
            started = time.perf_counter()
            remote.translate(PAIR, sentences[:8])
            print(
                f"first batch, package shipped and loaded on {WORKERS} workers: {time.perf_counter() - started:.1f} s"
            )
            best = {"a": 0.0, "b": 0.0}
            cpu = {"a": float("inf"), "b": float("inf")}
            for _ in range(args.rounds):
                spent = cpu_seconds(client)
                best["a"] = max(best["a"], rate(len(sentences), pipeline_path(local, sentences)))
                spent, before = cpu_seconds(client), spent
                cpu["a"] = min(cpu["a"], spent["client"] - before["client"])
                best["b"] = max(best["b"], rate(len(sentences), pipeline_path(remote, sentences)))
                after = cpu_seconds(client)
                cpu["b"] = min(cpu["b"], sum(after.values()) - sum(spent.values()))
            print(
                f"(a) local                  {best['a']:7.1f} sentences/s, {1e3 * cpu['a'] / len(sentences):.0f} "
                "ms of CPU per sentence"
            )
            print(
                f"(b) warm cluster           {best['b']:7.1f} sentences/s = {100 * best['b'] / best['a']:.0f}% "
                f"of local (goal >= 80%); {1e3 * cpu['b'] / len(sentences):.0f} ms of CPU per sentence (client, "
                f"scheduler and workers) = {100 * cpu['a'] / cpu['b']:.0f}% of local's CPU efficiency"
            )
            if args.quick:
                return
            client.run(nanny_malloc)
            trimmed = rate(len(sentences), pipeline_path(remote, sentences))
            print(f"(c) nanny's malloc setting {trimmed:7.1f} sentences/s = {100 * trimmed / best['b']:.0f}% of (b)")
            client.run(cluster.relax_malloc_trimming)
            killed_worker(client, remote, sentences, best["b"])
            projection(local, sentences, best["b"] / WORKERS)


def killed_worker(client, remote: cluster.DaskTranslator, sentences: list[str], warm: float) -> None:
    pids = client.run(os.getpid)
    killed: list[float] = []

    replaced: list[float] = []

    def kill_when_busy() -> None:
        while not killed:
            busy = [address for address, keys in client.processing().items() if keys and address in pids]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(time.perf_counter())
            time.sleep(0.01)
        while not replaced:  # the nanny's new worker has registered with the scheduler
            if set(client.scheduler_info()["workers"]) - set(pids):
                replaced.append(time.perf_counter())
            time.sleep(0.01)

    killer = threading.Thread(target=kill_when_busy, daemon=True)
    killer.start()
    started = time.perf_counter()
    pipeline_path(remote, sentences)()
    seconds = time.perf_counter() - started
    killer.join(120)
    back = replaced[0] - killed[0] if replaced else float("nan")
    print(
        f"(d) a worker killed mid-run: {seconds:.1f} s instead of {len(sentences) / warm:.1f} s "
        f"(+{seconds - len(sentences) / warm:.1f} s); its replacement registered {back:.1f} s after the "
        "kill, then loaded the package itself"
    )


def projection(local: engines.ArgosTranslator, sentences: list[str], per_worker: float) -> None:
    """Throughput with N workers: each adds ``per_worker`` sentences/s, and the client, which does not
    scale, spends its own time per sentence tokenising and detokenising."""
    model = local._model(PAIR)
    started = time.perf_counter()
    encoded = batching.encode(model.tokenizer, sentences, limit=engines.MAX_INPUT_TOKENS)
    batching.join(model.tokenizer, encoded, encoded.parts, len(sentences))
    client_cost = (time.perf_counter() - started) / len(sentences)
    print(
        f"(e) per worker (1 thread): {per_worker:.1f} sentences/s; client: {1e6 * client_cost:.0f} µs per "
        "sentence; projection (pass --save-every >= 32 x worker threads so every worker has a batch):"
    )
    for workers in (1, 2, 4, 8, 16, 32, 64):
        figure = 1 / (1 / (workers * per_worker) + client_cost)
        print(f"    {workers:3} workers: {figure:8.1f} sentences/s ({figure * 3600 / 1e6:.2f} M sentences/hour)")


if __name__ == "__main__":
    main()
