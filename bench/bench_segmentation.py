"""Sentence splitting speed: the seed article repeated N times (default 200), split paragraph by paragraph.

Prints sentences per second and milliseconds per seed article in CPU time of this process (best of
5 runs: on a shared machine wall time varies by a factor of two with the other work), and the number
of sentences as a check that the text was split as usual.

Run: .venv/bin/python bench/bench_segmentation.py [--copies 200] [--quick]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.articles.segmentation import split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "vallee-de-la-batterie.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="2 copies: checks that the bench runs (the test suite)")
    args = parser.parse_args()
    copies = 2 if args.quick else args.copies
    paragraphs = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()] * copies
    timings = []
    for _ in range(5):
        started = time.process_time()
        sentences = sum(len(split_sentences(paragraph)) for paragraph in paragraphs)
        timings.append(time.process_time() - started)
    best = min(timings)
    print(f"segmentation: {copies} copies of the seed, {len(paragraphs):,} paragraphs, {sentences:,} sentences")
    print(f"  {sentences / best:,.0f} sentences/s, {best / copies * 1000:.2f} ms per seed article", end="")
    print(" (CPU time, best of 5)")


if __name__ == "__main__":
    main()
