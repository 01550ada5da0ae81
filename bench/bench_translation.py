"""Sentences per second of the machine translation path, on a model of realistic size.

Builds random-weight Argos packages the size of published ones (6+6 layers, 512 dimensions, 8 heads,
feed-forward 2048, 32k vocabulary, int8) whose decoder stops after exactly 24 tokens, so every
sentence costs the same decoding work whatever the weights. The input is the seed article's
sentences, repeated to about 200. Prints:

  (a) the pipeline's path: ArgosTranslator.translate over batches of DEFAULT_SAVE_EVERY sentences,
      as `pipeline translate` calls it (tokenising and detokenising included);
  (b) one CTranslate2 translate_batch call per sentence (what a per-sentence loop gets);
  (c) one raw translate_batch over all the pre-tokenised sentences (the limit);

then a/b and a/c (targets: a >= 4 b, a >= 0.9 c), then (a) under a few other settings.
The machine may be shared: each figure is the best of a few interleaved rounds.

Run: .venv/bin/python bench/bench_translation.py [--sentences 200] [--rounds 3] [--quick]
(--quick: a tiny model and 16 sentences, for the test suite; its figures mean nothing)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.articles.model import units  # noqa: E402
from pipeline.articles.seeds import read_article  # noqa: E402
from pipeline.mt.engines import ArgosTranslator, EngineOptions  # noqa: E402
from pipeline.mt.packages import InstalledPackage  # noqa: E402
from pipeline.mt.routes import Pair  # noqa: E402
from pipeline.stages.translate import DEFAULT_SAVE_EVERY  # noqa: E402
from tests.argos_models import SEED_ARTICLE, build_argos_package, default_training_text  # noqa: E402

PAIR = Pair("de", "en")
OUTPUT_TOKENS = 24


def seed_sentences(count: int) -> list[str]:
    sentences = [unit.text for unit in units(read_article(SEED_ARTICLE))]
    return (sentences * (count // len(sentences) + 1))[:count]


REALISTIC_SIZE = {"vocab_size": 8000, "layers": 6, "d_model": 512, "heads": 8, "ffn": 2048, "ct2_vocab_size": 32000}
"""The size of published Argos packages; ``--quick`` builds the tests' tiny size instead."""


@contextlib.contextmanager
def realistic_package(*, quick: bool = False) -> Iterator[InstalledPackage]:
    """The realistic-size package; with ``quick``, one of the tests' size (the same path, in a second)."""
    with tempfile.TemporaryDirectory(prefix="bench-translation-") as folder:
        started = time.perf_counter()
        archive = build_argos_package(
            Path(folder),
            from_code=PAIR.source,
            to_code=PAIR.target,
            training_text=default_training_text(),
            fixed_output_length=OUTPUT_TOKENS,
            **({} if quick else REALISTIC_SIZE),
        )
        with zipfile.ZipFile(archive) as files:
            files.extractall(folder)
        package_dir = Path(folder) / archive.stem
        print(f"built {archive.name} ({archive.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
        yield InstalledPackage(PAIR, "1.0", package_dir)


def rate(count: int, work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return count / (time.perf_counter() - started)


def pipeline_path(engine: ArgosTranslator, sentences: list[str]) -> Callable[[], object]:
    """What draft() does with the engine: one translate() call per batch of save_every sentences."""
    size = DEFAULT_SAVE_EVERY
    return lambda: [engine.translate(PAIR, sentences[start : start + size]) for start in range(0, len(sentences), size)]


def raw_options(engine: ArgosTranslator) -> dict:
    return {"beam_size": engine.options.beam_size, "replace_unknowns": True, "length_penalty": 0.2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tiny model, 16 sentences, one round, no configuration comparison: checks that the "
        "bench still runs (the test suite runs it)",
    )
    args = parser.parse_args()
    rounds = 1 if args.quick else args.rounds
    if args.quick:
        args.sentences = 16
    sentences = seed_sentences(args.sentences)
    print(
        f"{len(sentences)} sentences of {SEED_ARTICLE.name}, {os.cpu_count()} cores, {OUTPUT_TOKENS} output tokens each"
    )

    with realistic_package(quick=args.quick) as package:
        options = EngineOptions()
        engine = ArgosTranslator({PAIR: package}, options)
        model = engine._model(PAIR)
        tokens = [model.tokenizer.encode(sentence) for sentence in sentences]
        print(
            f"defaults: beam {options.beam_size}, max_batch_size {options.max_batch_size}, inter_threads "
            f"{options.inter_threads}, intra_threads {options.intra_threads}, compute_type "
            f"{options.compute_type}, save_every {DEFAULT_SAVE_EVERY}; "
            f"{sum(map(len, tokens)) / len(tokens):.1f} input tokens per sentence"
        )
        engine.translate(PAIR, sentences[:8])  # warm-up

        per_sentence = tokens[: max(20, len(tokens) // 4)]  # the slow loop on a quarter is enough
        best = {"a": 0.0, "b": 0.0, "c": 0.0}
        for _ in range(rounds):
            best["a"] = max(best["a"], rate(len(sentences), pipeline_path(engine, sentences)))
            best["b"] = max(
                best["b"],
                rate(
                    len(per_sentence),
                    lambda: [model.translator.translate_batch([one], **raw_options(engine)) for one in per_sentence],
                ),
            )
            best["c"] = max(
                best["c"],
                rate(
                    len(tokens),
                    lambda: model.translator.translate_batch(
                        tokens, max_batch_size=options.max_batch_size, batch_type="examples", **raw_options(engine)
                    ),
                ),
            )
        print(f"(a) pipeline batched path     {best['a']:7.1f} sentences/s")
        print(f"(b) one translate_batch each  {best['b']:7.1f} sentences/s")
        print(f"(c) one raw translate_batch   {best['c']:7.1f} sentences/s")
        print(
            f"a/b = {best['a'] / best['b']:.1f}x (target >= 4), a/c = {100 * best['a'] / best['c']:.0f}% "
            f"(target >= 90%)"
        )
        if not args.quick:
            compare_settings(package, sentences, max(1, rounds - 1))


SETTINGS = [  # inter_threads, intra_threads, max_batch_size, beam_size
    (2, 1, 32, 4),
    (1, 2, 32, 4),
    (2, 1, 8, 4),
    (2, 1, 16, 4),
    (2, 1, 64, 4),
    (2, 1, 32, 2),
    (2, 1, 32, 1),
]


def compare_settings(package: InstalledPackage, sentences: list[str], rounds: int) -> None:
    """(a) under other thread, batch and beam settings (best of interleaved rounds): the defaults' case."""
    engines = {}
    for inter, intra, batch, beam in SETTINGS:
        options = EngineOptions(beam_size=beam, max_batch_size=batch, inter_threads=inter, intra_threads=intra)
        engines[inter, intra, batch, beam] = engine = ArgosTranslator({PAIR: package}, options)
        engine.translate(PAIR, sentences[:4])
    best = dict.fromkeys(engines, 0.0)
    for _ in range(rounds):
        for setting, engine in engines.items():
            best[setting] = max(best[setting], rate(len(sentences), pipeline_path(engine, sentences)))
    print("(a) under other settings:")
    for (inter, intra, batch, beam), figure in best.items():
        print(
            f"    inter_threads {inter}, intra_threads {intra}, max_batch_size {batch:2}, beam {beam}: "
            f"{figure:6.1f} sentences/s"
        )


if __name__ == "__main__":
    main()
