"""Fuzzy lookups in a large translation memory: index build time, lookup time, work and recall.

A synthetic memory of German-like sentences (words drawn from wordfreq's German list by frequency, as
news text is; 6 to 30 words each) is indexed with :class:`pipeline.memory.fuzzy_index.FuzzyIndex`. Half the
queries are stored sentences edited as news repeats itself (a number changed, a word inflected, a word
swapped for another, a word added), the other half fresh sentences. Printed:

* build and lookup time (wall and CPU time of this process; the machine may be shared);
* sentences scored per lookup (the work, bounded by ``MAX_CANDIDATES``);
* recall: on a sample of queries, how often the index finds a match as good as a full scan of the
  memory by RapidFuzz (``process.extractOne`` over every sentence) at the 85 % threshold.

Run: .venv/bin/python bench/bench_memory.py [--sentences 1000000] [--queries 1000] [--scan 20] [--quick]
(``--quick``: 10,000 sentences, 100 queries, every query checked by a full scan; the test suite runs it.)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from wordfreq import top_n_list

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.memory.fuzzy_index import MAX_CANDIDATES, FuzzyIndex, length_window  # noqa: E402

THRESHOLD = 85.0
VOCABULARY = 30_000
QUICK = (10_000, 100, 100)
"""Sentences, queries, queries checked by a full scan of ``--quick``."""


@dataclass(frozen=True)
class Figures:
    sentences: int
    queries: int
    build_seconds: float
    build_cpu_seconds: float
    lookup_seconds: float
    lookup_cpu_seconds: float
    scored: int
    matched: int
    """Queries that got a match at the threshold."""
    scanned: int
    """Queries also answered by a full scan."""
    agreed: int
    """Of those, the queries where the index's best score equals the full scan's (or both found none)."""


def memory(count: int, rng: random.Random) -> list[str]:
    words = top_n_list("de", VOCABULARY)
    generator = np.random.default_rng(rng.randrange(2**32))
    weights = 1 / np.arange(1, len(words) + 1)  # Zipf's law, as word frequencies in news
    lengths = generator.integers(6, 31, size=count)
    drawn = generator.choice(len(words), size=int(lengths.sum()), p=weights / weights.sum())
    sentences, start = [], 0
    for length in lengths:
        chosen = [words[index] for index in drawn[start : start + length]]
        start += length
        chosen[0] = chosen[0].capitalize()
        sentences.append(" ".join(chosen) + f" {generator.integers(1, 2000)}.")
    return sentences


def edited(sentence: str, rng: random.Random) -> str:
    """The sentence as a later article says it: one or two small edits."""
    words = sentence.rstrip(".").split(" ")
    for _ in range(rng.choice((1, 2))):
        place = rng.randrange(len(words))
        edit = rng.choice(("number", "ending", "swap", "add"))
        if edit == "number":
            words[-1] = str(rng.randrange(1, 2000))
        elif edit == "ending":
            words[place] += rng.choice(("en", "es", "e"))
        elif edit == "swap":
            words[place] = rng.choice(words)
        else:
            words.insert(place, rng.choice(words))
    return " ".join(words) + "."


def full_scan(query: str, sentences: list[str], lengths: np.ndarray) -> float | None:
    low, high = length_window(len(query), THRESHOLD)
    window = [sentences[i] for i in np.flatnonzero((lengths >= low) & (lengths <= high))]
    found = process.extractOne(query, window, scorer=fuzz.ratio, processor=None, score_cutoff=THRESHOLD)
    return None if found is None else found[1]


def run(sentences: int, queries: int, scan: int, seed: int = 29) -> Figures:
    rng = random.Random(seed)
    stored = memory(sentences, rng)
    fresh = iter(memory(queries // 2 + 1, rng))
    asked = [edited(rng.choice(stored), rng) if number % 2 == 0 else next(fresh) for number in range(queries)]
    started, cpu = time.perf_counter(), time.process_time()
    index = FuzzyIndex(stored)
    build, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    answers = [index.best(query, THRESHOLD) for query in asked]
    lookup, lookup_cpu = time.perf_counter() - started, time.process_time() - cpu
    lengths = np.fromiter(map(len, stored), dtype=np.int64, count=len(stored))
    sample = asked[:scan]
    agreed = sum(
        1
        for query, answer in zip(sample, answers, strict=False)
        if full_scan(query, stored, lengths) == (None if answer is None else answer.score)
    )
    return Figures(
        sentences=sentences,
        queries=queries,
        build_seconds=build,
        build_cpu_seconds=build_cpu,
        lookup_seconds=lookup,
        lookup_cpu_seconds=lookup_cpu,
        scored=index.scored,
        matched=sum(answer is not None for answer in answers),
        scanned=len(sample),
        agreed=agreed,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--scan", type=int, default=20, help="queries also answered by a full scan")
    parser.add_argument("--quick", action="store_true", help="10,000 sentences, 100 queries, all scanned")
    args = parser.parse_args()
    figures = run(*QUICK) if args.quick else run(args.sentences, args.queries, args.scan)
    print(
        f"translation memory: {figures.sentences:,} sentences, {figures.queries:,} queries "
        f"(half edited copies), threshold {THRESHOLD:.0f} %"
    )
    print(f"  index built in {figures.build_seconds:.1f} s wall, {figures.build_cpu_seconds:.1f} s CPU")
    print(
        f"  lookups: {figures.lookup_seconds:.2f} s wall, {figures.lookup_cpu_seconds:.2f} s CPU "
        f"({1000 * figures.lookup_seconds / figures.queries:.2f} ms per query); {figures.matched} matched"
    )
    print(f"  scored {figures.scored / figures.queries:.1f} sentences per query (at most {MAX_CANDIDATES})")
    print(f"  recall against a full scan: {figures.agreed}/{figures.scanned} queries")


if __name__ == "__main__":
    main()
