"""Scoring cost of `pipeline evaluate`: chrF and BLEU with bootstrap intervals, and the paired test.

References are the seed's reviewed French translations, repeated N times (default 1 and 10);
hypotheses are the same sentences with every fourth word dropped (a stand-in for engine output; the
machine translation itself is measured by bench_translation.py). Prints CPU seconds of this process
(best of 3) for one language's scores (chrF + BLEU, 1,000 bootstrap resamples each) and for one
comparison of two routes (sacrebleu's paired bootstrap test, 1,000 resamples).

Run: .venv/bin/python bench/bench_evaluation.py [--copies 1 10] [--quick]
"""

from __future__ import annotations

import argparse
import functools
import time
from pathlib import Path

from pipeline.po import catalogs
from pipeline.po.views import EntryState
from pipeline.stages import evaluate

CATALOG = Path(__file__).resolve().parent.parent / "locales" / "fr" / "LC_MESSAGES" / "vallee-de-la-batterie.po"


def drop_every_fourth_word(text: str) -> str:
    return " ".join(word for number, word in enumerate(text.split(), start=1) if number % 4)


def best_cpu_seconds(run) -> float:
    timings = []
    for _ in range(3):
        started = time.process_time()
        run()
        timings.append(time.process_time() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--quick", action="store_true", help="1 copy: checks that the bench runs (the test suite)")
    args = parser.parse_args()
    references = [entry.msgstr for entry in catalogs.read_view(CATALOG).active() if entry.state is EntryState.REVIEWED]
    for copies in [1] if args.quick else args.copies:
        refs = references * copies
        hyps = [drop_every_fourth_word(text) for text in refs]
        chrf, bleu = evaluate.score(hyps, refs, "fr")
        scores = best_cpu_seconds(functools.partial(evaluate.score, hyps, refs, "fr"))
        paired = best_cpu_seconds(functools.partial(evaluate.paired_p_value, hyps, refs, refs))
        print(f"evaluation: {len(refs):,} sentences ({copies} × the seed): {chrf.formatted()}, {bleu.formatted()}")
        print(f"  scores with intervals {scores:.2f} s, paired test of two routes {paired:.2f} s (CPU time, best of 3)")


if __name__ == "__main__":
    main()
