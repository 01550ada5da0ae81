"""What asking CTranslate2 for scores costs: the engine always asks (``return_scores=True``) for the
confidence of every draft (docs/confidence.md); CTranslate2's performance notes say scores cost time
at beam size 1, where decoding could take the best token without a log-softmax.

On the realistic-size random package of ``bench_translation.py`` (6+6 layers, 32k vocabulary, int8,
24 output tokens per sentence), one batched ``translate_batch`` over the seed sentences, with and
without scores, at beam 1 and 4. Prints sentences per second and the ratio; each figure is the best
of a few interleaved rounds, as the machine may be shared.

Run: .venv/bin/python bench/bench_confidence.py [--sentences 200] [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_translation import PAIR, rate, realistic_package, seed_sentences  # noqa: E402

from pipeline.mt import batching  # noqa: E402
from pipeline.mt.engines import ArgosTranslator, EngineOptions  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="40 sentences, one round")
    args = parser.parse_args()
    count, rounds = (40, 1) if args.quick else (args.sentences, args.rounds)
    sentences = seed_sentences(count)
    with realistic_package() as package:
        engine = ArgosTranslator({PAIR: package}, EngineOptions())
        model = engine._model(PAIR)
        tokens = [model.tokenizer.encode(sentence) for sentence in sentences]
        model.translator.translate_batch(tokens[:8])  # warm-up
        for beam in (1, 4):
            best = {False: 0.0, True: 0.0}
            for _ in range(rounds):
                for scores in (False, True):
                    best[scores] = max(
                        best[scores],
                        rate(
                            len(tokens),
                            lambda beam=beam, scores=scores: model.translator.translate_batch(
                                tokens,
                                beam_size=beam,
                                max_batch_size=32,
                                batch_type="examples",
                                replace_unknowns=True,
                                length_penalty=batching.LENGTH_PENALTY,
                                return_scores=scores,
                            ),
                        ),
                    )
            print(
                f"beam {beam}: without scores {best[False]:7.1f} sentences/s, with {best[True]:7.1f} "
                f"({100 * best[True] / best[False]:.0f}%)"
            )


if __name__ == "__main__":
    main()
