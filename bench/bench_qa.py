"""How many realistic translation errors `pipeline check` catches, and how often it cries wolf.

Data: two sets of sentences of the seed article with a correct French and English translation each,
and for each sentence the word or phrase that German residue replaces (``residue``) and, where a
number is written in words, a wrong one (``number``):

* ``bench/data/qa_eval.jsonl``, 88 sentences, written with the checks (their thresholds were tuned on it);
* ``bench/data/qa_heldout.jsonl``, 55 sentences, written afterwards by another hand without reading the
  first set: its own translations (``€1.5bn``, ``1,5 milliard``, ``XXIe``, numbers in words, ``« »``,
  ``“ ”``, ``‘ ’``, no-break spaces) and its own German residue.

Every error class is injected into copies of the correct translations:

* German residue: a translated word replaced by the German word of the source (``Zulieferer``);
* doubled content: the whole translation said twice;
* markup and escapes: an HTML entity, a tag or the engine's ``⁇`` in place of a word, a quote or a space;
* wrong number: one digit changed, or a number word / Roman numeral changed;
* missing number: the translation's first figure left out;
* glossary case: a glossary name with its case changed (``Prologium`` for ``ProLogium``, ``DUNKIRK``);
* line break: a line break in the middle of the translation (issue 11);
* end punctuation: the final full stop dropped, a question or exclamation made a statement;
* brackets and quotes: a closing quotation mark or bracket lost, or a stray opening one;
* untranslated: the German sentence itself; empty: a translation of one space.

An error is caught when the wrong copy gets a finding the correct translation does not have; a
false alarm is any finding on a correct translation. Every entry is checked as a reviewed one.

Compared: the checks as they are (``pipeline.qa.checks``), the checks of an earlier commit
(``--baseline REV``, default the commit before the new checks; skipped when git cannot show it)
and, when Translate Toolkit is installed (``pip install translate-toolkit``, not a dependency of the
project), ``pofilter`` with its default checks.

Run: ``.venv/bin/python bench/bench_qa.py`` (add ``--show`` to list what each tool missed; ``--quick``
checks in seconds that the bench runs, for the test suite).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import types
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.glossary import load_glossary  # noqa: E402
from pipeline.qa import checks  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
DATA_SETS = {"Tuning set": DATA / "qa_eval.jsonl", "Held-out set": DATA / "qa_heldout.jsonl"}
"""The set the checks were tuned on, and a second one written afterwards by someone else (its own
translations and German residue) to see whether the figures hold on text the checks never saw."""
QUICK_ITEMS = 12
"""Sentences of the held-out set ``--quick`` evaluates."""
BASELINE = "b373040"
LANGS = ("fr", "en")
MARKUP = ("&quot;", "&#39;", "⁇", "<b>", "&raquo;", "<br>", "&nbsp;", "&#8217;", "<i>", "&amp;", "</p>")

Findings = Callable[[str, str, str], set[str]]


def load_items(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- error injection -----------------------------------------------------------------------------


def inject_all(item: dict, lang: str, index: int, glossary) -> dict[str, str]:
    """Every error class that applies to this translation: class -> wrong translation."""
    clean = item[lang]
    wrong = {
        "doubled content": f"{clean} {clean}",
        "markup and escapes": inject_markup(clean, index),
        "line break": inject_line_break(clean),
        "end punctuation": inject_endpunc(clean),
        "brackets and quotes": inject_bracket(clean),
        "untranslated": item["de"],
        "empty": " ",
    }
    if lang in item.get("residue", {}):
        correct, german = item["residue"][lang]
        wrong["German residue"] = clean.replace(correct, german, 1)
    number = inject_number(clean, item.get("number", {}).get(lang))
    if number:
        wrong["wrong number"] = number
    missing = inject_missing_number(item["de"], clean)
    if missing:
        wrong["missing number"] = missing
    case = inject_case(item["de"], clean, lang, glossary, index)
    if case:
        wrong["glossary case"] = case
    return wrong


def inject_markup(text: str, index: int) -> str:
    """One of the escapes machine output and copy-paste from a CMS leave, in turn."""
    mark = MARKUP[index % len(MARKUP)]
    if mark in ("&quot;", "&raquo;") and re.search(r"[«“”\"]", text):
        return re.sub(r"[«“”\"]", mark, text, count=1)
    if mark == "&#39;" and "'" in text:
        return text.replace("'", mark, 1)
    if mark == "&#8217;" and "’" in text:
        return text.replace("’", mark, 1)
    if mark == "&nbsp;" and re.search("[\u00a0\u202f]", text):
        return re.sub("[\u00a0\u202f]", mark, text, count=1)
    words = text.split(" ")
    middle = len(words) // 2
    if mark in ("<b>", "<i>"):
        words[middle] = f"{mark}{words[middle]}{mark.replace('<', '</')}"
    elif mark in ("<br>", "</p>"):
        words[middle] = f"{words[middle]}{mark}"
    elif mark in ("&nbsp;", "&amp;"):
        words[middle] = f"{mark}{words[middle]}"
    else:
        words[middle] = "⁇"
    return " ".join(words)


def inject_endpunc(text: str) -> str:
    """The final punctuation dropped, or a question or exclamation turned into a statement."""
    stripped = text.rstrip(" \u00a0\u202f»”’\"')")
    closing = text[len(stripped) :]
    body, last = stripped[:-1], stripped[-1:]
    if last in "?!":
        return body.rstrip("\u00a0\u202f ") + "." + closing
    if last in ".…":
        return body + closing
    return text + "."


def inject_bracket(text: str) -> str:
    """A closing quotation mark or bracket lost, or a stray opening one where there was none."""
    for mark in ("»", "”", ")", "’"):
        if mark in text and (mark != "’" or "‘" in text):
            position = text.rindex(mark)
            return (text[:position] + text[position + 1 :]).rstrip()
    return "« " + text if text[:1].isupper() and "é" in text else "“" + text


def inject_missing_number(source: str, text: str) -> str | None:
    """The translation's first figure left out (when the source has figures)."""
    match = re.search(r"\d+(?:[.,\u00a0\u202f]\d+)*", text)
    if not re.search(r"\d", source) or not match:
        return None
    return re.sub(r"\s{2,}", " ", text[: match.start()] + text[match.end() :]).strip()


def inject_line_break(text: str) -> str:
    words = text.split(" ")
    middle = len(words) // 2
    return " ".join(words[:middle]) + "\n" + " ".join(words[middle:])


def inject_number(text: str, manual: list[str] | None) -> str | None:
    """A number written in words changed by hand, else the last digit of the first number + 1."""
    if manual:
        correct, wrong = manual
        return text.replace(correct, wrong, 1)
    match = re.search(r"\d+", text)
    if not match:
        return None
    digits = match.group()
    changed = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    return text[: match.start()] + changed + text[match.end() :]


def inject_case(source: str, text: str, lang: str, glossary, index: int = 0) -> str | None:
    """A glossary rendering of the source, present in the translation, with its case changed, in
    turn: inner capitals lost (``ProLogium`` → ``Prologium``) or the first letter lowered, or all
    letters raised (``DUNKIRK``)."""
    for term, _, _ in glossary.find(source):
        rendering = glossary.rendering(term, lang)
        if rendering not in text or not rendering[:1].isupper():
            continue
        miscased = (
            rendering.capitalize() if rendering != rendering.capitalize() else rendering[:1].lower() + rendering[1:]
        )
        if index % 3 == 2 and rendering.upper() != rendering:
            miscased = rendering.upper()
        return text.replace(rendering, miscased, 1)
    return None


# --- the tools compared --------------------------------------------------------------------------


def pipeline_findings(module) -> Findings:
    glossary = load_glossary(ROOT / "glossary.toml")

    def findings(source: str, translation: str, lang: str) -> set[str]:
        context = module.Context(lang=lang, glossary=glossary)
        return {
            f"{check.name}: {message}"
            for check, _, message in module.check_entry(source, translation, context, draft=False)
        }

    return findings


def baseline_module(revision: str):
    """``pipeline/qa/checks.py`` as it was at ``revision``, loaded as a module; None when git cannot show it."""
    try:
        text = subprocess.run(
            ["git", "show", f"{revision}:pipeline/qa/checks.py"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("qa_baseline")
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    try:
        exec(compile(text, f"{revision}:pipeline/qa/checks.py", "exec"), module.__dict__)
    except Exception as error:  # an old module that no longer imports against today's package
        print(f"baseline {revision} unavailable: {error}")
        return None
    return module


def pofilter_results(cases: list[tuple[str, str, str]]) -> list[set[str]] | None:
    """pofilter's failing tests for each ``(source, translation, lang)``; None without pofilter."""
    executable = shutil.which("pofilter") or str(Path(sys.executable).with_name("pofilter"))
    if not Path(executable).exists():
        return None
    import polib

    results: list[set[str]] = [set() for _ in cases]
    with tempfile.TemporaryDirectory() as folder:
        for lang in LANGS:
            catalog = polib.POFile()
            catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
            for number, (source, translation, case_lang) in enumerate(cases):
                if case_lang == lang:
                    catalog.append(polib.POEntry(msgctxt=str(number), msgid=source, msgstr=translation))
            given, found = Path(folder, f"{lang}.po"), Path(folder, f"{lang}-found.po")
            catalog.save(str(given))
            subprocess.run(
                [executable, "--nofuzzy", f"--language={lang}", "-i", str(given), "-o", str(found)],
                check=True,
                capture_output=True,
            )
            for entry in polib.pofile(str(found)):
                tests = re.findall(r"\(pofilter\) (\w+)", entry.tcomment or "")
                results[int(entry.msgctxt)].update(tests or {"pofilter"})
    return results


# --- evaluation ----------------------------------------------------------------------------------


def evaluate(
    name: str,
    results: list[set[str]],
    clean_index: list[int],
    classes: list[str | None],
    cases: list[tuple[str, str, str]],
    show: bool,
) -> dict[str, tuple[int, int]]:
    """Caught per class and false alarms, printed; returns class -> (caught, total)."""
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    alarms = []
    for number, error_class in enumerate(classes):
        if error_class is None:
            if results[number]:
                alarms.append(number)
            continue
        total[error_class] += 1
        if results[number] - results[clean_index[number]]:
            caught[error_class] += 1
        elif show:
            _source, translation, lang = cases[number]
            print(f"  {name} missed [{error_class}, {lang}] {translation!r}")
    if show:
        for number in alarms:
            print(f"  {name} false alarm [{cases[number][2]}] {cases[number][1]!r}: {sorted(results[number])}")
    all_caught, all_total = sum(caught.values()), sum(total.values())
    cells = " | ".join(f"{caught[error_class]}/{total[error_class]}" for error_class in sorted(total))
    clean_total = classes.count(None)
    print(
        f"| {name} | {cells} | {all_caught}/{all_total} ({100 * all_caught / all_total:.0f} %) "
        f"| {len(alarms)}/{clean_total} |"
    )
    return {error_class: (caught[error_class], total[error_class]) for error_class in total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the checks to compare with")
    parser.add_argument("--show", action="store_true", help="list what each tool missed and its false alarms")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK_ITEMS} sentences of the held-out set, the pipeline's checks only (no "
        "baseline, no pofilter): checks that the bench runs (the test suite runs it)",
    )
    arguments = parser.parse_args()
    baseline = None if arguments.quick else baseline_module(arguments.baseline)
    data_sets = dict(list(DATA_SETS.items())[1:]) if arguments.quick else DATA_SETS
    for title, path in data_sets.items():
        print(f"## {title} ({path.relative_to(ROOT)})\n")
        evaluate_set(load_items(path)[:QUICK_ITEMS] if arguments.quick else load_items(path), baseline, arguments)
        print()


def build_cases(items: list[dict]) -> tuple[list[tuple[str, str, str]], list[str | None], list[int]]:
    """Every correct translation followed by its wrong copies: ``(source, translation, lang)``, the
    error class of each (None for a correct one) and the index of its correct translation."""
    glossary = load_glossary(ROOT / "glossary.toml")
    cases: list[tuple[str, str, str]] = []
    classes: list[str | None] = []
    clean_index: list[int] = []
    for index, item in enumerate(items):
        for lang in LANGS:
            clean = len(cases)
            cases.append((item["de"], item[lang], lang))
            classes.append(None)
            clean_index.append(clean)
            for error_class, wrong in inject_all(item, lang, index, glossary).items():
                cases.append((item["de"], wrong, lang))
                classes.append(error_class)
                clean_index.append(clean)
    return cases, classes, clean_index


def evaluate_set(items: list[dict], baseline, arguments: argparse.Namespace) -> None:
    cases, classes, clean_index = build_cases(items)
    error_classes = sorted({error_class for error_class in classes if error_class})
    print(
        f"{len(items)} sentences × {len(LANGS)} languages: {classes.count(None)} correct translations, "
        f"{len(classes) - classes.count(None)} with one injected error\n"
    )
    print("| tool | " + " | ".join(error_classes) + " | caught | false alarms |")
    print("|---" * (len(error_classes) + 3) + "|")

    tools: list[tuple[str, Callable[[], list[set[str]] | None]]] = []
    if baseline is not None:
        tools.append(
            (f"pipeline check at {arguments.baseline}", lambda: [pipeline_findings(baseline)(*case) for case in cases])
        )
    tools.append(("pipeline check", lambda: [pipeline_findings(checks)(*case) for case in cases]))
    if not arguments.quick:
        tools.append(("pofilter (default checks)", lambda: pofilter_results(cases)))
    timings = []
    for name, run in tools:
        started = time.perf_counter()
        results = run()
        if results is None:
            print(f"| {name} | not installed (pip install translate-toolkit) |")
            continue
        timings.append((name, time.perf_counter() - started))
        evaluate(name, results, clean_index, classes, cases, arguments.show)
    print()
    for name, seconds in timings:
        print(f"{name}: {seconds:.2f} s for {len(cases)} entries (first use loads word lists)")


if __name__ == "__main__":
    main()
