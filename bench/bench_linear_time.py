"""Worst cases of issue 23 that used to take quadratic time: one Markdown paragraph of a repeated
unit segmented (`[Satz. ` x 2,700 took 97 s, `**Satz.** ` x 1,900 69 s, `Ein *kurzer* Satz. ` x 1,000
12 s), `check` on a translation repeating one phrase 6,000 times (12 s), and plain paragraphs of
one repeated unit split into sentences (unclosed quotation marks and runs of backticks were quadratic
inside sentencex), and French typography on a long word (its URL and address patterns were).

Prints, for each, the CPU time (best of 3) at the full size and at half of it, and their ratio: about
2 for linear work, about 4 for quadratic. `--quick` uses a tenth of the sizes (the test suite runs it).

Run: .venv/bin/python bench/bench_linear_time.py [--quick]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from pipeline.articles.seeds import segment_text
from pipeline.articles.segmentation import split_sentences
from pipeline.articles.typography import rules_for, typeset_units
from pipeline.glossary import Glossary
from pipeline.qa.checks import Context, check_entry

MARKDOWN_CASES = (("[Satz. ", 2700), ("**Satz.** ", 1900), ("Ein *kurzer* Satz. ", 1000))
SPLIT_CASES = (
    ("wort ", 10_000),
    ("Das ist gut. ", 4_000),
    ("„Ja. ", 96_000),  # unclosed quotations: 9 s before pipeline/articles/sentencex_windows.py
    ("(Ja. ", 96_000),
    ("`", 400_000),  # 0.4 s for 40,000 before
    ("'", 400_000),
    ("3. ", 17_000),
    (".", 50_000),
)
CHECK_CASES = (
    ("la batterie ", 6000),
    ("La région espère du travail. ", 6000),
    ("x", 48_000),  # one long word: 0.16 s for 12,000 before (the address pattern)
    ("a-b-", 12_000),  # 2.5 s for 3,000 before
    ("Dr. ", 12_000),  # 2.5 s for 3,000 before (sentences glued after abbreviations)
    ("1,5 ", 12_000),  # 5.3 s for 20,000 before (a currency looked for before each number)
    ("`", 48_000),  # sentencex on the whole translation
)
TYPESET_CASES = (("x", 64_000), ("a-b-", 16_000), ("1.", 32_000), ("_", 64_000))  # 5 s for 16,000 "x" before
CONTEXT = Context(lang="fr", glossary=Glossary(), source_lang="de")


def segment(unit: str, times: int) -> Callable[[], object]:
    text = "# Titel\n\n" + unit * times + "\n"
    return lambda: segment_text(text, slug="bench", source="bench.md", markdown=True, language="de")


def split(unit: str, times: int) -> Callable[[], object]:
    text = unit * times
    return lambda: split_sentences(text)


def typeset(unit: str, times: int) -> Callable[[], object]:
    text, rules = unit * times, rules_for("fr")
    return lambda: typeset_units([text], rules)


def check(unit: str, times: int) -> Callable[[], object]:
    translation = unit * times
    return lambda: list(check_entry("Die Region hofft auf Arbeit.", translation, CONTEXT, draft=True, ignore=[]))


def cpu_time(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    scale = 10 if parser.parse_args().quick else 1
    check("Oui. ", 1)()  # load the word lists before timing
    for name, make, cases in (
        ("segment", segment, MARKDOWN_CASES),
        ("split", split, SPLIT_CASES),
        ("typeset", typeset, TYPESET_CASES),
        ("check", check, CHECK_CASES),
    ):
        for unit, times in cases:
            size = times // scale
            full, half = cpu_time(make(unit, size)), cpu_time(make(unit, size // 2))
            ratio = full / half if half else float("nan")
            print(
                f"{name} {unit!r} x {size:,}: {full * 1000:.0f} ms (half the size: {half * 1000:.0f} ms, "
                f"ratio {ratio:.1f})"
            )


if __name__ == "__main__":
    main()
