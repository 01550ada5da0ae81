"""Build random-weight Argos packages (test size and benchmark size), install, decode, and print figures.

Checks the builder in ``tests/argos_models.py`` end to end in a fresh process: argostranslate is pointed
at a temporary directory through its environment variables, set before its first import (settings are
read once, at import).  Exits 1 if a hypothesis of the fixed-length benchmark model has the wrong length.

    .venv/bin/python bench/bench_model_factory_check.py [--sentences 16] [--length 16] [--beam-size 1] [--quick]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.argos_models import SEED_ARTICLE, build_argos_package, default_training_text  # noqa: E402

BENCH_SIZE = {"layers": 6, "d_model": 512, "heads": 8, "ffn": 2048, "ct2_vocab_size": 32000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=16)
    parser.add_argument("--length", type=int, default=16, help="fixed output length of the bench model")
    parser.add_argument("--beam-size", type=int, default=1)
    parser.add_argument("--threads", type=int, default=0, help="CTranslate2 intra_threads (0: all cores)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="the bench model at the test size, 4 sentences: checks the builder end to end in "
        "seconds (the test suite runs it)",
    )
    args = parser.parse_args()
    if args.quick:
        args.sentences = 4

    with tempfile.TemporaryDirectory(prefix="bench-argos-") as tmp:
        root = Path(tmp)
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(root / variable.lower())
        os.environ["ARGOS_PACKAGES_DIR"] = str(root / "packages")
        from argostranslate import package as argos_package

        text = default_training_text()
        archives = {
            "test": timed_build(root, "test size", from_code="de", to_code="en", training_text=text),
            "bench": timed_build(
                root,
                "bench size",
                from_code="de",
                to_code="fr",
                training_text=text,
                fixed_output_length=args.length,
                **({} if args.quick else BENCH_SIZE),
            ),
        }
        for archive in archives.values():
            argos_package.install_from_path(archive)
        packages = {pkg.to_code: pkg for pkg in argos_package.get_installed_packages()}
        print(f"installed: {', '.join(str(pkg) for pkg in packages.values())}")
        return decode(packages["fr"], args)


def timed_build(root: Path, label: str, **options) -> Path:
    start = time.perf_counter()
    archive = build_argos_package(root / "archives", **options)
    seconds = time.perf_counter() - start
    print(f"{label}: built in {seconds:.2f} s, {archive.stat().st_size / 1e6:.1f} MB  ({archive.name})")
    return archive


def decode(pkg, args: argparse.Namespace) -> int:
    import ctranslate2

    sentences = [s for s in re.split(r"(?<=[.!?])\s+", SEED_ARTICLE.read_text(encoding="utf-8")) if s]
    sentences = (sentences * (args.sentences // len(sentences) + 1))[: args.sentences]
    translator = ctranslate2.Translator(
        str(pkg.package_path / "model"), device="cpu", inter_threads=1, intra_threads=args.threads
    )
    batch = [pkg.tokenizer.encode(sentence) for sentence in sentences]
    start = time.perf_counter()
    results = translator.translate_batch(
        batch, beam_size=args.beam_size, max_decoding_length=args.length + 16, max_batch_size=32
    )
    seconds = time.perf_counter() - start
    lengths = [len(result.hypotheses[0]) for result in results]
    texts = [pkg.tokenizer.decode(result.hypotheses[0]) for result in results]
    print(
        f"bench size, beam {args.beam_size}: {len(batch)} sentences, {sum(map(len, batch))} source tokens, "
        f"{sum(lengths)} target tokens in {seconds:.2f} s ({sum(lengths) / seconds:.0f} target tokens/s)"
    )
    print(f"first output: {texts[0]!r}")
    wrong = [length for length in lengths if length != args.length]
    if wrong:
        print(f"error: {len(wrong)} of {len(lengths)} hypotheses are not {args.length} tokens long: {wrong}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
