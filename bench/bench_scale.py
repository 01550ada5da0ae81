"""How the pipeline scales to many articles, through the real CLI, and whether a second core pays.

Measures extraction, a no-op `translate`, one changed sentence, memory and start-up.

Generates N articles (default 1,000) from the seed's sentences: each is a deterministic shuffle of
100 of its 102 sentences in 25 paragraphs, so every article has the seed's size and vocabulary
(re-segmenting the shuffled text merges a few sentences, so there are somewhat more than 102
distinct sentences in all). Runs ``python -m pipeline`` in subprocesses, with
``ARGOS_PACKAGES_DIR`` and ``XDG_*`` pointing into a temporary folder holding tiny random-weight
de→en and en→fr packages (tests/argos_models.py); model speed is bench_translation.py's subject.
Prints a table, then one line per figure saying what it measured and on what machine:

  (1) cold ``extract`` (seconds, seconds per 1,000 articles, peak RSS of the process), then two runs
      with nothing to do (the first compares by content the files the cold run wrote, the second only
      stats them: the state store, pipeline/state_store.py), and one with ``--no-state``;
  (2) ``translate`` with every entry drafted (filled through the library, as long as its source:
      random weights would decode to the output limit and bloat every catalog): checks that nothing
      goes to the engine and no file changes; and reading and parsing every catalog once in this
      process, what a run that parses everything costs at least;
  (3) ``status``, ``build`` and ``check`` after every catalog changed, then with nothing changed;
      ``check --all`` with its peak RSS (flat in the number of articles);
  (4) ``translate`` after one sentence of one article changed, then of another (the first records the
      other catalogs' reviewed pairs for the translation memory, the second recalls them), then ``build``:
      checks that exactly one sentence per pair goes to the engine and that only those articles' files
      change;
  (5) ``pipeline --help`` wall time (median of 5), checking that neither argostranslate nor
      ctranslate2 is imported for it; no-op figures per article beyond it;
  (6) extraction and catalog parsing over the same articles with the library in one process versus a
      ``ProcessPoolExecutor`` of one worker per core: whether parallelism pays (> 1.3x).

``--quick`` runs (1) to (4) on 3 articles, the commands in this process (its figures mean nothing):
the test suite runs it, so the bench cannot rot unseen.

Run: .venv/bin/python bench/bench_scale.py [--articles 1000] [--keep] [--quick]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import functools
import hashlib
import itertools
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pipeline.stages.extract  # noqa: E402
from pipeline.articles.model import units  # noqa: E402
from pipeline.articles.seeds import read_article  # noqa: E402
from pipeline.po import catalogs  # noqa: E402
from pipeline.po.views import EntryState  # noqa: E402
from pipeline.project import Project  # noqa: E402
from tests.argos_models import SEED_ARTICLE, build_argos_package, default_training_text  # noqa: E402

ARTICLE_SENTENCES = 100
ARTICLE_PARAGRAPHS = 25
LANGS = ("fr", "en")
PACKAGES = {("de", "en"): 1, ("en", "fr"): 2}
"""Pairs of the tiny packages and their weight seeds: French goes through English, as with Argos's index."""
PAIRS = [f"{source}→{target}" for source, target in PACKAGES]
CHANGED_SENTENCE = "Dieser Satz wurde für den Benchmark geändert und steht in keinem anderen Artikel."
PAYS = 1.3
"""Speed-up a parallel path has to reach on this machine to be worth its complexity."""
QUICK_ARTICLES = 3


# --- the machine and the inputs ------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        model = found.group(1).strip() if found else model
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0))
    memory = ""
    try:
        kilobytes = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kilobytes / 2**20:.0f} GiB"
    except (OSError, AttributeError):
        pass
    return f"{cores} cores (nproc), {model}{memory}, Python {sys.version.split()[0]}"


def generate_articles(seeds: Path, count: int, *, seed: int = 6) -> list[Path]:
    """``count`` articles of ARTICLE_SENTENCES seed sentences in ARTICLE_PARAGRAPHS paragraphs each."""
    pool = [unit.text for unit in units(read_article(SEED_ARTICLE))]
    rng = random.Random(seed)
    seeds.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        sentences = rng.sample(pool, ARTICLE_SENTENCES)
        cuts = [0, *sorted(rng.sample(range(1, ARTICLE_SENTENCES), ARTICLE_PARAGRAPHS - 1)), ARTICLE_SENTENCES]
        paragraphs = [" ".join(sentences[start:end]) for start, end in itertools.pairwise(cuts)]
        path = seeds / f"artikel-{number:05d}.txt"
        path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def build_packages(folder: Path) -> list[Path]:
    text = default_training_text()
    return [
        build_argos_package(
            folder, from_code=source, to_code=target, training_text=text, package_version="1.9", seed=seed
        )
        for (source, target), seed in PACKAGES.items()
    ]


def snapshot(folder: Path) -> dict[Path, str]:
    return {
        path: hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".pipeline.lock"
    }


def changed_files(before: dict[Path, str], after: dict[Path, str]) -> list[Path]:
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


# --- running the CLI -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_rss_mb: float
    """Maximum resident set size of the child process (from wait4's rusage)."""
    output: str


class Cli:
    """``python -m pipeline`` in a work folder, with Argos's folders under it; ``in_process`` runs the
    commands in this process instead (``--quick``: the checks without the interpreter starts)."""

    def __init__(self, work: Path, *, in_process: bool = False):
        self.work = work
        self.in_process = in_process
        self.env = dict(os.environ, ARGOS_PACKAGES_DIR=str(work / "argos-packages"), PYTHONPATH=str(REPO))
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)  # set on some build machines; users' Python caches bytecode
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            self.env[variable] = str(work / "home" / variable.lower())
        if in_process:
            os.environ.update(self.env)  # before anything imports argostranslate, which reads them once

    def run(self, *args: str, python_args: Sequence[str] = (), ok: Sequence[int] = (0,)) -> Run:
        """Run to completion; another exit status than ``ok`` stops the bench with the command's output."""
        if self.in_process:
            return self.run_here(args, ok)
        with tempfile.TemporaryFile(dir=self.work) as out:
            started = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, *python_args, "-m", "pipeline", *args],
                cwd=self.work,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            _, status, usage = os.wait4(child.pid, 0)  # rusage of this child alone
            seconds = time.perf_counter() - started
            child.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            output = out.read().decode("utf-8", "replace")
        if child.returncode not in ok:
            sys.exit(f"`pipeline {' '.join(args)}` exited with {child.returncode}:\n{output[-3000:]}")
        return Run(seconds, usage.ru_maxrss / 1024, output)

    def run_here(self, args: Sequence[str], ok: Sequence[int]) -> Run:
        from click.testing import CliRunner

        from pipeline.cli.commands import cli

        started = time.perf_counter()
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        seconds = time.perf_counter() - started
        if result.exit_code not in ok:
            sys.exit(f"`pipeline {' '.join(args)}` exited with {result.exit_code}:\n{result.output[-3000:]}")
        return Run(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, result.output)

    def python(self, code: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", code], cwd=self.work, env=self.env, check=True, capture_output=True, text=True
        ).stdout


def project_args(work: Path) -> list[str]:
    return [
        "--seeds",
        str(work / "seeds"),
        "--locales",
        str(work / "locales"),
        "--editions",
        str(work / "editions"),
        "--langs",
        ",".join(LANGS),
    ]


def translate_args(work: Path) -> list[str]:
    return [*project_args(work), "translate", "--beam-size", "1", "--glossary", str(REPO / "glossary.toml")]


def engine_lines(output: str) -> dict[str, str]:
    """``{"de→en": "1 sentences in 1 batch(es)...", ...}`` from `translate`'s summary lines."""
    return {match.group(1): match.group(2) for match in re.finditer(r"^(\w+→\w+): (.*)$", output, re.MULTILINE)}


def draft_every_entry(locales: Path, workers: int) -> int:
    """Fill every empty entry with a machine draft as long as its German source, through the
    library, and write the catalogs as `translate` does; returns how many entries were filled.

    Faster than `translate` with random-weight models, whose drafts run to the output limit and
    would make every catalog (and every later read of it) several times larger than real ones."""
    paths = sorted(locales.glob("*/LC_MESSAGES/*.po"))
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        return sum(pool.map(draft_catalog, paths, chunksize=max(1, len(paths) // (8 * workers))))


def draft_catalog(path: Path) -> int:
    catalog = catalogs.read_view(path)
    lang = path.parent.parent.name
    provenance = "Argos Translate de→en 1.9" + (" → en→fr 1.9 (pivot)" if lang == "fr" else "")
    drafts = {
        entry.key: (f"[{lang}] {entry.msgid}", provenance)
        for entry in catalog.active()
        if entry.state is EntryState.UNTRANSLATED
    }
    if drafts:
        catalogs.save_if_changed(
            catalogs.with_machine_drafts(catalog, drafts),
            None,
            path,
            date_fields=("PO-Revision-Date",),
            now=catalogs.now(),
        )
    return len(drafts)


# --- the library in one process, or one worker per core ------------------------------------------


def extract_article(project: Project, path: Path, moment) -> list:
    """As a worker of `pipeline extract` does: the merged catalogs stay in the worker."""
    return [
        dataclasses.replace(result, catalog=None)
        for result in pipeline.stages.extract.extract(project, read_article(path), moment=moment)
    ]


def extract_serially(project: Project, moment) -> list:
    return [extract_article(project, path, moment) for path in project.article_paths()]


def extract_in_parallel(project: Project, moment, workers: int) -> list:
    paths = project.article_paths()
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        return list(
            pool.map(
                extract_article,
                [project] * len(paths),
                paths,
                [moment] * len(paths),
                chunksize=max(1, len(paths) // (8 * workers)),
            )
        )


def read_serially(paths: list[Path]) -> list:
    return [catalogs.read_view(path) for path in paths]


def read_in_parallel(paths: list[Path], workers: int) -> list:
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        return list(pool.map(catalogs.read_view, paths, chunksize=max(1, len(paths) // (8 * workers))))


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


# --- the figures ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    seconds: float
    per_thousand: float | None
    peak_rss_mb: float | None
    what: str


def per_thousand(seconds: float, articles: int) -> float:
    return seconds * 1000 / articles


def cli_figures(work: Path, articles: int, workers: int, *, quick: bool, check: bool = True) -> list[Figure]:
    cli = Cli(work, in_process=quick)
    figures = extract_figures(cli, articles)
    for archive in build_packages(work / "archives"):
        cli.run(*project_args(work), "models", "install", str(archive))
    seconds, filled = timed(lambda: draft_every_entry(work / "locales", workers))
    print(f"drafted {filled} entries through the library, as `translate` would ({seconds:.1f} s)")
    figures += noop_translate_figures(cli, articles)
    figures += status_figures(cli, articles)
    figures += build_figures(cli, articles)
    if check:
        figures += check_figures(cli, articles)
    figures += one_change_figures(cli)
    if not quick:
        figures.append(startup_figure(cli))
        figures += one_article_figures(cli, check=check)
    figures.append(parse_floor_figure(work / "locales", articles))
    return figures


def noop_commands(work: Path) -> dict[str, list[str]]:
    return {
        "extract": [*project_args(work), "extract"],
        "translate": translate_args(work),
        "status": [*project_args(work), "status"],
        "build": [*project_args(work), "build"],
        "check": [*project_args(work), "check", "--glossary", str(REPO / "glossary.toml")],
    }


def one_article_figures(cli: Cli, *, check: bool) -> list[Figure]:
    """Each command with nothing to do on a project of one article (the first, its catalogs copied):
    what the command costs whatever the archive's size, its imports and set-up included; best of 3."""
    one = cli.work / "one-article"
    shutil.rmtree(one, ignore_errors=True)
    seed = sorted((cli.work / "seeds").iterdir())[0]
    (one / "seeds").mkdir(parents=True)
    shutil.copy2(seed, one / "seeds")
    for path in (cli.work / "locales").rglob(f"{seed.stem}.po*"):
        target = one / "locales" / path.relative_to(cli.work / "locales")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    solo = Cli(one)
    solo.env = cli.env  # the packages installed for the archive
    figures = []
    for name, args in noop_commands(one).items():
        if name == "check" and not check:
            continue
        solo.run(*args, ok=(0, 3))
        seconds = min(solo.run(*args, ok=(0, 3)).seconds for _ in range(3))
        figures.append(
            Figure(f"{name} (one article)", seconds, None, None, f"`pipeline {name}`, nothing changed, one article")
        )
    return figures


def repeated(
    cli: Cli, name: str, args: list[str], articles: int, what: str, *, check: Callable[[Run], None] = lambda run: None
) -> list[Figure]:
    """The same command twice more: the first repeat compares by content the files the run before
    wrote (they are racily clean, see pipeline.state_store), the second only stats every file."""
    figures = []
    for label, note in (
        (
            f"{name} (1st repeat)",
            ("the first repeat, which reads the files the run before wrote once to compare their bytes"),
        ),
        (f"{name} (no-op)", "stats every file and parses none"),
    ):
        before = snapshot(cli.work / "locales")
        run = cli.run(*args)
        check(run)
        assert not changed_files(before, snapshot(cli.work / "locales")), f"a no-op {name} changed catalogs"
        figures.append(
            Figure(
                label,
                run.seconds,
                per_thousand(run.seconds, articles),
                run.peak_rss_mb,
                f"{what}, nothing changed: {note}",
            )
        )
    return figures


def extract_figures(cli: Cli, articles: int) -> list[Figure]:
    """A cold `extract`, then runs with nothing to do, with and without the state store."""
    files = articles * (1 + len(LANGS))
    run = cli.run(*project_args(cli.work), "extract")
    assert run.output.count("updated ") == files, run.output[-500:]
    cold = Figure(
        "cold extract",
        run.seconds,
        per_thousand(run.seconds, articles),
        run.peak_rss_mb,
        f"`pipeline extract` into an empty locales/: {articles} articles → {files} files "
        f"(.pot and {len(LANGS)} .po each), in a pool of one worker per core",
    )
    unchanged = lambda run: assert_count(run.output, "unchanged ", files)  # noqa: E731
    figures = [
        cold,
        *repeated(
            cli, "extract", [*project_args(cli.work), "extract"], articles, "`pipeline extract`", check=unchanged
        ),
    ]
    run = cli.run(*project_args(cli.work), "--no-state", "extract")
    unchanged(run)
    figures.append(
        Figure(
            "extract --no-state",
            run.seconds,
            per_thousand(run.seconds, articles),
            run.peak_rss_mb,
            "`pipeline --no-state extract`, nothing changed: reads, merges and compares every file "
            "(the cost without the state store)",
        )
    )
    return figures


def assert_count(output: str, text: str, count: int) -> None:
    assert output.count(text) == count, (text, count, output[-500:])


def noop_translate_figures(cli: Cli, articles: int) -> list[Figure]:
    """`translate` with every entry drafted, twice."""

    def nothing_sent(run: Run) -> None:
        assert "nothing to draft" in run.output and "updated " not in run.output, run.output[-500:]

    return repeated(
        cli,
        "translate",
        translate_args(cli.work),
        articles,
        "`pipeline translate` with every entry drafted (sends nothing to the engine, checked)",
        check=nothing_sent,
    )


def parse_floor_figure(locales: Path, articles: int) -> Figure:
    """Reading and parsing every catalog in this process: last, as the catalogs it holds would count in
    the peak RSS of every command started after it (a forked child's maximum RSS includes its parent's
    memory before ``exec``)."""
    paths = sorted(locales.rglob("*.po*"))
    seconds, _ = timed(lambda: read_serially(paths))
    return Figure(
        "read+parse every catalog",
        seconds,
        per_thousand(seconds, articles),
        None,
        f"catalogs.read_view over all {len(paths)} .pot/.po files, in this process (no interpreter "
        "start): what a run that parses every catalog costs at least",
    )


def status_figures(cli: Cli, articles: int) -> list[Figure]:
    run = cli.run(*project_args(cli.work), "status")
    first = Figure(
        "status (first)",
        run.seconds,
        per_thousand(run.seconds, articles),
        run.peak_rss_mb,
        "`pipeline status` after every catalog changed: reads every catalog and template",
    )
    return [first, *repeated(cli, "status", [*project_args(cli.work), "status"], articles, "`pipeline status`")]


def build_figures(cli: Cli, articles: int) -> list[Figure]:
    run = cli.run(*project_args(cli.work), "build")
    editions = articles * (1 + len(LANGS))
    assert_count(run.output, "wrote ", editions)
    cold = Figure(
        "cold build",
        run.seconds,
        per_thousand(run.seconds, articles),
        run.peak_rss_mb,
        f"`pipeline build` into an empty editions/: {editions} editions of 3 files each",
    )
    return [
        cold,
        *repeated(
            cli,
            "build",
            [*project_args(cli.work), "build"],
            articles,
            "`pipeline build`",
            check=lambda run: assert_count(run.output, "unchanged (", editions),
        ),
    ]


def check_figures(cli: Cli, articles: int) -> list[Figure]:
    args = [*project_args(cli.work), "check", "--glossary", str(REPO / "glossary.toml")]
    figures = []
    for name, extra, what in (
        (
            "check --all",
            ["--all"],
            ("`pipeline check --all`: every catalog, one at a time (peak RSS: memory flat in the number of articles)"),
        ),
        ("check (first)", [], "`pipeline check` with no catalog found clean before: checks every catalog"),
        ("check (no-op)", [], "`pipeline check` again: leaves out the catalogs found clean, parses none"),
    ):
        run = Cli.run(cli, *args, *extra, ok=(0, 3))
        figures.append(Figure(name, run.seconds, per_thousand(run.seconds, articles), run.peak_rss_mb, what))
    return figures


def one_change_figures(cli: Cli) -> list[Figure]:
    """`translate` then `build` after one sentence of one article changed: only its files change.
    Twice, in two articles: the first `translate` that drafts records each catalog's reviewed pairs
    for the translation memory in the state store; the second is what every later change costs."""
    first = changed_translate(cli, 0)
    translate = changed_translate(cli, 1)
    changed = translate.name
    editions = cli.work / "editions"
    before = snapshot(editions)
    run = cli.run(*project_args(cli.work), "build")
    assert {path.stem for path in changed_files(before, snapshot(editions))} == {first.name, changed}, run.output[:800]
    what = (
        "`pipeline translate` after one sentence of {}.txt changed: one sentence per pair sent to the engine, only "
        "that article's .pot and .po files rewritten (checked); it loads both models{}"
    )
    return [
        Figure(
            "one change: translate (1st)",
            first.run.seconds,
            None,
            first.run.peak_rss_mb,
            what.format(
                first.name, ", and reads every other catalog once to record its reviewed pairs (translation memory)"
            ),
        ),
        Figure(
            "one change: translate",
            translate.run.seconds,
            None,
            translate.run.peak_rss_mb,
            what.format(changed, "; the memory recalls the other catalogs' reviewed pairs from the state store"),
        ),
        Figure(
            "one change: build",
            run.seconds,
            None,
            run.peak_rss_mb,
            "`pipeline build` next: only the editions of the two changed articles rewritten (checked)",
        ),
    ]


@dataclass(frozen=True, slots=True)
class Changed:
    name: str
    run: Run


def changed_translate(cli: Cli, index: int) -> Changed:
    """`translate` after one sentence of the ``index``-th article changed, checked."""
    locales = cli.work / "locales"
    changed = change_one_sentence(cli.work / "seeds", index)
    before = snapshot(locales)
    run = cli.run(*translate_args(cli.work))
    sent = engine_lines(run.output)
    assert list(sent) == PAIRS and all(text.startswith("1 sentences in 1 batch(es)") for text in sent.values()), (
        run.output[-500:]
    )
    expected = [locales / f"{changed}.pot", *(locales / lang / "LC_MESSAGES" / f"{changed}.po" for lang in LANGS)]
    assert changed_files(before, snapshot(locales)) == sorted(expected)
    for lang in LANGS:
        catalog = catalogs.read_view(locales / lang / "LC_MESSAGES" / f"{changed}.po")
        (new,) = [entry for entry in catalog if entry.msgid == CHANGED_SENTENCE]
        assert new.state is EntryState.MACHINE_DRAFT, (lang, new)
    return Changed(changed, run)


def change_one_sentence(seeds: Path, index: int) -> str:
    path = sorted(seeds.glob("*.txt"))[index]
    article = read_article(path)
    first = article.paragraphs[0].sentences[0].text
    path.write_text(path.read_text(encoding="utf-8").replace(first, CHANGED_SENTENCE, 1), encoding="utf-8")
    return path.stem


STARTUP_CHECK = """\
import sys
from pipeline.cli.commands import cli
for args in (["--help"], ["translate", "--help"], ["extract", "--help"]):
    try:
        cli(args, prog_name="pipeline")
    except SystemExit:
        pass
print("heavy:", sorted({m.split(".")[0] for m in sys.modules} & {"argostranslate", "ctranslate2"}))
"""


def startup_figure(cli: Cli) -> Figure:
    heavy = cli.python(STARTUP_CHECK).strip().splitlines()[-1]
    assert heavy == "heavy: []", heavy
    times = [cli.run("--help").seconds for _ in range(5)]
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import pipeline.cli.commands"],
        cwd=REPO,
        env=cli.env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    cumulative = [
        int(line.split("|")[1]) for line in imports.splitlines() if line.rstrip().endswith("pipeline.cli.commands")
    ]
    return Figure(
        "pipeline --help",
        statistics.median(times),
        None,
        None,
        f"`python -m pipeline --help` wall time, median of 5 (min {min(times):.2f} s); importing "
        f"pipeline.cli.commands takes {cumulative[0] / 1000:.0f} ms (-X importtime); --help, translate "
        "--help and extract --help import neither argostranslate nor ctranslate2 (checked)",
    )


def parallel_figures(work: Path, workers: int) -> list[tuple[str, float, float]]:
    """(what, serial seconds, parallel seconds) for extraction and parsing, through the library."""
    rows = []
    moment = catalogs.now()
    outcomes = {}
    for name, extract in (
        ("serial", lambda project: extract_serially(project, moment)),
        ("parallel", lambda project: extract_in_parallel(project, moment, workers)),
    ):
        project = Project(seeds=work / "seeds", locales=work / f"locales-{name}", langs=LANGS)
        outcomes[name] = [timed(functools.partial(extract, project))[0], timed(functools.partial(extract, project))[0]]
    serial_files, parallel_files = (snapshot(work / f"locales-{name}") for name in ("serial", "parallel"))
    assert list(serial_files.values()) == list(parallel_files.values()), "parallel extraction wrote other bytes"
    rows.append(("cold extract", outcomes["serial"][0], outcomes["parallel"][0]))
    rows.append(("no-op extract", outcomes["serial"][1], outcomes["parallel"][1]))

    paths = sorted((work / "locales-serial").glob("*/LC_MESSAGES/*.po"))
    serial, parsed = timed(lambda: read_serially(paths))
    parallel, parsed_in_workers = timed(lambda: read_in_parallel(paths, workers))
    assert [len(catalog.entries) for catalog in parsed] == [len(catalog.entries) for catalog in parsed_in_workers]
    rows.append((f"read+parse {len(paths)} .po (open_catalogs)", serial, parallel))
    return rows


# --- report --------------------------------------------------------------------------------------


def print_report(
    figures: list[Figure], rows: list[tuple[str, float, float]], *, articles: int, workers: int, description: str
) -> None:
    print(f"\n{articles} articles of {ARTICLE_SENTENCES} sentences in {ARTICLE_PARAGRAPHS} paragraphs; {description}\n")
    print(f"{'figure':28} {'seconds':>9} {'s / 1,000 articles':>19} {'peak RSS':>10}")
    for figure in figures:
        thousand = f"{figure.per_thousand:.1f}" if figure.per_thousand is not None else "-"
        rss = f"{figure.peak_rss_mb:.0f} MB" if figure.peak_rss_mb is not None else "-"
        print(f"{figure.name:28} {figure.seconds:9.2f} {thousand:>19} {rss:>10}")
    print()
    for figure in figures:
        print(f"{figure.name}: {figure.what}.")
    seconds = {figure.name: figure.seconds for figure in figures}
    startup = seconds.get("pipeline --help", 0.0)
    print(
        "\nNothing changed, per article beyond start-up (goal <= 0.1 ms): beyond the same command on one "
        f"article (its imports and set-up), and beyond `pipeline --help` ({startup:.2f} s):"
    )
    for name in ("extract", "translate", "status", "build", "check"):
        if f"{name} (no-op)" not in seconds:
            continue
        noop = seconds[f"{name} (no-op)"]
        alone = seconds.get(f"{name} (one article)")
        beyond_one = f"{1000 * (noop - alone) / max(articles - 1, 1):6.3f} ms" if alone is not None else "     -"
        print(f"  {name:10} {beyond_one} per article ({1000 * (noop - startup) / articles:6.3f} ms beyond --help)")
    if not rows:
        print(f"\nAll figures measured on {description}.")
        return
    print(f"\nParallel catalog work: library calls in one process vs ProcessPoolExecutor({workers}):")
    print(f"{'':34} {'serial':>8} {'parallel':>9} {'speed-up':>9}")
    for what, serial, parallel in rows:
        verdict = f"pays, > {PAYS}x" if serial / parallel > PAYS else f"does not pay, <= {PAYS}x"
        print(f"{what:34} {serial:7.2f}s {parallel:8.2f}s {serial / parallel:8.2f}x  ({verdict})")
    print(
        "Extraction workers read and write their own articles' files and send back a few numbers; parsing "
        "workers send\nback the parsed catalogs, pickled, which eats most of what the second core saves."
    )
    print(f"\nAll figures measured on {description}.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--workers",
        type=int,
        default=len(os.sched_getaffinity(0)),
        help="processes for the parallel prototype  [default: cores]",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder and print its path")
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="leave out `check`'s figures: a first check of every catalog takes about 0.17 s per article "
        "(half an hour at 10,000)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK_ARTICLES} articles, no start-up or parallel figures: checks that the bench "
        "still runs (the test suite runs it)",
    )
    args = parser.parse_args()
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    if args.quick:
        args.articles = QUICK_ARTICLES
    description = machine()
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        started = time.perf_counter()
        generate_articles(work / "seeds", args.articles)
        print(f"generated {args.articles} articles in {work / 'seeds'} ({time.perf_counter() - started:.1f} s)")
        figures = cli_figures(work, args.articles, args.workers, quick=args.quick, check=not args.no_check)
        rows = [] if args.quick else parallel_figures(work, args.workers)
        print_report(figures, rows, articles=args.articles, workers=args.workers, description=description)
        print(f"whole bench: {time.perf_counter() - started:.0f} s")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
