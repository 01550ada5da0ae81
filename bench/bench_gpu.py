"""Sentences per second of the machine translation path on a CUDA GPU (exits 0 without one).

Same random-weight package as bench_translation.py (6+6 layers, 512 dimensions, 32k vocabulary, int8,
every output exactly 24 tokens), run by ArgosTranslator as `pipeline translate --device cuda` runs it,
with the compute type `--device auto` picks (pipeline.mt.devices) and the others the GPU supports.

Run: .venv/bin/python bench/bench_gpu.py [--sentences 2000] [--batch 64] [--quick]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from pipeline.mt import devices, engines  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=64, help="max_batch_size (sentences per batch)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tiny model, 64 sentences, the compute type auto picks: checks that the bench runs",
    )
    args = parser.parse_args()
    if args.quick:
        args.sentences = 64
    if devices.cuda_devices() < 1:
        print("no GPU: CTranslate2 sees no CUDA device here; nothing to measure")
        return
    from bench_translation import PAIR, pipeline_path, rate, realistic_package, seed_sentences

    chosen = devices.place("auto")
    supported = devices.cuda_compute_types()
    kinds = [chosen.compute_type] + [
        kind
        for kind in devices.GPU_COMPUTE_TYPES
        if kind in supported and kind != chosen.compute_type and not args.quick
    ]
    sentences = seed_sentences(args.sentences)
    print(f"{devices.cuda_devices()} CUDA device(s); {len(sentences)} sentences, batches of {args.batch}")
    with realistic_package(quick=args.quick) as package:
        for kind in kinds:
            options = dataclasses.replace(
                engines.EngineOptions(),
                device="cuda",
                compute_type=kind,
                max_batch_size=args.batch,
                inter_threads=1,
                intra_threads=1,
            )
            engine = engines.ArgosTranslator({PAIR: package}, options)
            engine.translate(PAIR, sentences[:64])  # load, warm up
            figure = max(rate(len(sentences), pipeline_path(engine, sentences)) for _ in range(2))
            note = "  (--device auto)" if kind == chosen.compute_type else ""
            print(f"cuda {kind:14} {figure:8.1f} sentences/s{note}")


if __name__ == "__main__":
    main()
