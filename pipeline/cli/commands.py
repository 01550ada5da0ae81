"""The ``pipeline`` command: parse options, call one stage, print what it returned.

Stages never print; they return plain data or raise :class:`PipelineError`, which becomes a one-line
``Error: path:line: message`` and exit code 1 here. Heavy modules (CTranslate2, Argos) are imported
inside the commands that need them, so ``pipeline --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipeline.articles import front_matter
from pipeline.articles.seeds import read_article
from pipeline.cli import config
from pipeline.errors import CHECK_FAILED, EXIT_ERROR, EXIT_REFUSED, INTERRUPTED, PipelineError
from pipeline.po.confidence import LOW_CONFIDENCE, format_confidence
from pipeline.project import (
    SOURCE_LANGUAGE,
    Project,
    english_language_name,
    normalise_language,
    pipeline_command,
    same_language,
    target_languages,
)
from pipeline.qa.source_changes import needs_review_message
from pipeline.stages.extract import UpdateResult

if TYPE_CHECKING:  # imported by the commands that need them, so that `pipeline --help` starts fast
    from pipeline.editions.build import Choice, EditionResult
    from pipeline.editions.review_order import ReviewOrder
    from pipeline.mt.downloads import Progress, Timeouts
    from pipeline.mt.engines import EngineOptions
    from pipeline.mt.index import IndexPackage
    from pipeline.mt.packages import InstalledPackage
    from pipeline.mt.plugins import EngineProvider
    from pipeline.mt.routes import Pair
    from pipeline.qa.checks import Problem, Report, Severity
    from pipeline.stages.evaluate import Evaluation, RouteEvaluation, Score
    from pipeline.stages.status import CatalogStatus
    from pipeline.stages.translate import DraftReport
    from pipeline.state_store import StateStore


class PipelineGroup(click.Group):
    """Reports a :class:`PipelineError` as a one-line message with exit code 1, without a traceback;
    starts the root context from ``[tool.pipeline]`` (see :mod:`pipeline.cli.config`)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        """The file becomes click's ``default_map``, so the environment and the command line override
        it; every setting gets its ``PIPELINE_<KEY>`` variable. A bad file stops here, before any
        command runs."""
        found = None
        if parent is None:
            config.set_envvars(self)
            try:
                found = config.find_config(Path.cwd())
                if found is not None and "default_map" not in extra:
                    extra["default_map"] = config.default_map(self, found, cwd=Path.cwd())
            except PipelineError as error:
                raise failure(str(error)) from None
        ctx = super().make_context(info_name, args, parent, **extra)
        if parent is None:
            ctx.meta[CONFIG_FILE] = found
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PipelineError as error:
            raise failure(str(error)) from None
        except BrokenPipeError:
            raise  # `pipeline status | head`: click ends quietly, as other command-line tools do
        except OSError as error:  # a folder that is a file, a read-only disk, permissions...
            where = f"{error.filename}: " if error.filename else ""
            raise failure(f"{where}{error.strerror or error}") from None


class Failure(click.ClickException):
    """``Error: message`` on stderr and :data:`~pipeline.errors.EXIT_ERROR`."""

    exit_code = EXIT_ERROR


def failure(message: str) -> click.ClickException:
    """A :class:`Failure` saying ``message``."""
    return Failure(message)


CONFIG_FILE = "pipeline.config_file"
"""``ctx.meta`` key of the :class:`~pipeline.cli.config.ConfigFile` in force (None without one)."""


def language_list(value: str, *, example: str, param_hint: str | None = None) -> tuple[str, ...]:
    """Comma-separated language codes, each in babel's spelling (``FR`` → ``fr``) and once; a usage
    error for an unknown code or none at all."""
    try:
        langs = tuple(dict.fromkeys(normalise_language(code) for code in value.split(",") if code.strip()))
    except PipelineError as error:
        raise click.BadParameter(str(error), param_hint=param_hint) from None
    if not langs:
        raise click.BadParameter(f"name at least one language, e.g. {example}", param_hint=param_hint)
    return langs


def parse_langs(ctx: click.Context | None, param: click.Parameter | None, value: str) -> tuple[str, ...]:
    """``--langs``: :func:`language_list`. Whether one is the source language is :func:`targets`'
    question: ``--source-lang`` may not be read yet."""
    return language_list(value, example="fr,en")


def parse_targets(value: str, source_lang: str) -> tuple[str, ...]:
    """Target languages of one command (``evaluate --langs``): :func:`language_list`, less the source."""
    try:
        return target_languages(language_list(value, example="fr,en", param_hint="--langs"), source=source_lang)
    except PipelineError as error:
        raise click.BadParameter(str(error), param_hint="--langs") from None


def parse_lang(ctx: click.Context | None, param: click.Parameter | None, value: str) -> str:
    """One language code (the source language), in babel's spelling."""
    try:
        return normalise_language(value)
    except PipelineError as error:
        raise click.BadParameter(str(error)) from None


pass_project = click.make_pass_decorator(Project)

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def json_option(help: str) -> Decorator:
    return click.option("--json", "as_json", is_flag=True, help=help)


def glossary_option(help: str) -> Decorator:
    return click.option(
        "--glossary",
        "glossary_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default="glossary.toml",
        show_default=True,
        help=help,
    )


def low_confidence_option(help: str) -> Decorator:
    """The engine-confidence threshold below which a machine draft is reviewed first (docs/confidence.md)."""
    return click.option(
        "--low-confidence",
        type=config.NumberRange(0, 1),
        default=LOW_CONFIDENCE,
        show_default=True,
        metavar="0..1",
        help=help,
    )


@click.group(cls=PipelineGroup)
@click.option(
    "--seeds",
    type=config.FolderPath(path_type=Path),
    default="seeds",
    show_default=True,
    help="Folder of the articles (*.txt, *.md).",
)
@click.option(
    "--locales",
    type=config.FolderPath(path_type=Path),
    default="locales",
    show_default=True,
    help="Folder of gettext catalogs.",
)
@click.option(
    "--editions",
    type=config.FolderPath(path_type=Path),
    default="editions",
    show_default=True,
    help="Folder the localised editions are written to.",
)
@click.option(
    "--langs", default="fr,en", show_default=True, callback=parse_langs, help="Comma-separated target languages."
)
@click.option(
    "--source-lang",
    default=SOURCE_LANGUAGE,
    show_default=True,
    callback=parse_lang,
    help="Language of the articles in seeds/.",
)
@click.option(
    "--front-matter-key",
    "front_matter_keys",
    multiple=True,
    default=front_matter.DEFAULT_KEYS,
    show_default=True,
    help="A front matter key of Markdown articles whose value readers see and "
    "translators translate (repeat the option for each key).",
)
@click.option(
    "--state/--no-state",
    default=True,
    show_default=True,
    help="Remember what each run derived from each file (.pipeline/state.sqlite beside locales/), so that "
    "unchanged files are not parsed again; --no-state reads everything (see docs/scale.md).",
)
@click.version_option(package_name="article-localisation-pipeline")
@click.pass_context
def cli(
    ctx: click.Context,
    seeds: Path,
    locales: Path,
    editions: Path,
    langs: tuple[str, ...],
    source_lang: str,
    front_matter_keys: tuple[str, ...],
    state: bool,
) -> None:
    """Localise articles (German by default) into editions in other languages through gettext catalogs.

    Settings come from the command line, then PIPELINE_<OPTION> environment variables, then
    [tool.pipeline] in the nearest pyproject.toml, then the defaults: see `pipeline config`.
    """
    from pipeline.mt.packages import check_packages_variable

    check_packages_variable()  # before any command imports argostranslate
    found = ctx.meta.get(CONFIG_FILE)
    ctx.obj = Project(
        seeds=seeds,
        locales=locales,
        editions=editions,
        langs=targets(ctx, langs, source_lang),
        source_lang=source_lang,
        root=found.path.parent if found else None,
        front_matter_keys=front_matter_keys,
    )
    ctx.meta[STATE] = state


STATE = "pipeline.state"
"""``ctx.meta`` key: whether the state store is used (``--state/--no-state``)."""


def state_store(project: Project) -> contextlib.AbstractContextManager[StateStore]:
    """The run's :class:`~pipeline.state_store.StateStore` in the catalogs folder (one that remembers
    nothing with ``--no-state``)."""
    from pipeline.state_store import open_store

    return open_store(project.locales, enabled=click.get_current_context().meta.get(STATE, True))


def targets(ctx: click.Context, langs: tuple[str, ...], source_lang: str) -> tuple[str, ...]:
    """The target languages (:func:`pipeline.project.target_languages`). The default targets leave
    the source language out (``source-lang = "en"`` targets French); named as a target, it is an error
    that says where: in the file, ``path:line`` and exit 1; on the command line or in a variable, a
    usage error (exit 2)."""
    source = ctx.get_parameter_source("langs")
    if source is click.core.ParameterSource.DEFAULT:
        langs = tuple(lang for lang in langs if not same_language(lang, source_lang))
    try:
        return target_languages(langs, source=source_lang)
    except PipelineError as error:
        if source is click.core.ParameterSource.DEFAULT_MAP:
            _, where = config.origin(ctx, "langs", ctx.meta.get(CONFIG_FILE))
            raise failure(f"{where}: {error}") from None
        raise click.BadParameter(str(error), ctx=ctx, param_hint="--langs") from None


@cli.command(short_help="Show how an article is split into sentences.")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@json_option('Print {"paragraphs": [["sentence", ...], ...]}.')
@pass_project
def segment(project: Project, file: Path, as_json: bool) -> None:
    """Show how FILE is split into paragraphs and sentences (of the source language)."""
    article = read_article(file, language=project.source_lang, front_matter_keys=project.front_matter_keys)
    paragraphs = [[sentence.text for sentence in paragraph.sentences] for paragraph in article.paragraphs]
    if as_json:
        click.echo(json.dumps({"paragraphs": paragraphs}, ensure_ascii=False, indent=2))
        return
    for number, (paragraph, sentences) in enumerate(zip(article.paragraphs, paragraphs, strict=True), start=1):
        click.echo(f"¶{number} (line {paragraph.line})")
        for sentence in sentences:
            click.echo(f"  · {sentence}")


def run_extract(project: Project, store: StateStore) -> list[UpdateResult]:
    """Extract every article, printing each file's outcome as it comes; returns every result.
    Articles whose files are as the last run left them are only stat'ed (:mod:`pipeline.stages.incremental`)."""
    from pipeline.stages import incremental

    extracted = []
    for results in incremental.extract_project(project, store):
        for result in results:
            print_update(result)
        extracted.extend(results)
    for lang in project.langs:
        if changed := sum(result.changed for result in extracted if result.lang == lang):
            click.echo(needs_review_message(changed, lang))
    return extracted


def print_update(result: UpdateResult) -> None:
    if result.moved_from is not None:
        click.echo(
            f"renamed {result.moved_from} → {result.path} (the article was renamed: "
            f"{result.renamed} of its sentences are the same)"
        )
    elif result.written:
        counts = (
            f" (+{result.added} new, {result.changed} changed, {result.obsoleted} obsolete)"
            if result.path.suffix == ".po"
            else ""
        )
        click.echo(f"updated {result.path}{counts}")
    else:
        click.echo(f"unchanged {result.path}")


@cli.command(short_help="Update the templates and every language's catalogs.")
@pass_project
def extract(project: Project) -> None:
    """Update locales/<slug>.pot and each language's .po from the articles in seeds/."""
    with project.lock(), state_store(project) as store:
        run_extract(project, store)


# --- machine translation and models (pipeline.stages.translate, pipeline.mt.engines, pipeline.mt.packages) ---

COMPUTE_TYPES = (
    "default",
    "auto",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)
"""CTranslate2's compute types."""


MAX_BATCH_SIZE = 4096
"""Sentences per batch: far above any useful size (32 is Argos's), far below what makes CTranslate2
allocate out of range (2**31 gave ``std::bad_alloc``, 10**23 a ``TypeError``)."""
MAX_THREADS = 1024
"""Threads: more than any machine's cores; CTranslate2 takes a C ``int``."""
MAX_SAVE_EVERY = 10**7
"""Sentences between two saves: more than any archive holds."""


ENGINE_OPTIONS = (
    click.option("--beam-size", type=click.IntRange(1, 32), default=None, help="Beam width  [default: 4, as Argos]."),
    click.option(
        "--max-batch-size",
        type=click.IntRange(1, MAX_BATCH_SIZE),
        default=None,
        help="Sentences per CTranslate2 batch  [default: 32].",
    ),
    click.option(
        "--inter-threads",
        type=click.IntRange(1, MAX_THREADS),
        default=None,
        help="Batches translated in parallel  [default: cores, up to 4].",
    ),
    click.option(
        "--intra-threads",
        type=click.IntRange(1, MAX_THREADS),
        default=None,
        help="Threads per batch  [default: cores / inter-threads].",
    ),
    click.option(
        "--compute-type",
        default=None,
        type=click.Choice(COMPUTE_TYPES),
        help="CTranslate2 compute type  [default: the model's].",
    ),
    click.option(
        "--device",
        type=click.Choice(["auto", "cpu", "cuda"]),
        default="auto",
        show_default=True,
        help="Where CTranslate2 decodes: auto takes a CUDA GPU when there is one (on a cluster: each worker decides).",
    ),
)
"""The engine's settings, declared once: ``translate`` and ``evaluate`` run the same engine."""


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add :data:`ENGINE_OPTIONS` to ``command``; they arrive as keyword arguments for
    :func:`engine_settings`."""
    for option in reversed(ENGINE_OPTIONS):
        command = option(command)
    return command


def engine_settings(**options: Any) -> EngineOptions:
    """The :class:`~pipeline.mt.engines.EngineOptions` of the engine options given (the rest default)."""
    from pipeline.mt import engines

    return engines.EngineOptions(**{name: value for name, value in options.items() if value is not None})


def engine_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--engine NAME``: which registered engine translates (:mod:`pipeline.mt.plugins`)."""
    return click.option(
        "--engine",
        "engine_name",
        metavar="NAME",
        default="argos",
        show_default=True,
        help="The engine: argos (Argos packages on this machine), dask (on the cluster of "
        "--scheduler, which implies it), or one a package registers; see "
        "docs/engines.md.",
    )(command)


def engine_provider(name: str, options: EngineOptions, cluster: Any = None) -> EngineProvider:
    """The provider of engine ``name`` with the command's settings; ``--scheduler`` means ``dask``
    (the Argos packages, decoded on the cluster)."""
    from pipeline.mt import plugins

    cluster = cluster or plugins.ClusterSettings()
    if cluster.scheduler is not None:
        if name not in ("argos", "dask"):
            raise click.UsageError(f"--scheduler goes with the dask engine, not --engine {name}")
        name = "dask"
    return plugins.load_provider(name, plugins.EngineSettings(options, cluster))


@cli.command(short_help="Extract, then machine-draft untranslated entries.")
@glossary_option("Names and terms to protect from the engine.")
@engine_options
@click.option(
    "--save-every",
    type=click.IntRange(1, MAX_SAVE_EVERY),
    default=128,
    show_default=True,
    help="Sentences per batch between two saves of the catalogs.",
)
@click.option(
    "--memory-threshold",
    type=config.NumberRange(50, 100),
    default=85,
    show_default=True,
    metavar="PCT",
    help="Least similarity of a reviewed sentence for its translation to be offered "
    "as a fuzzy draft (100: exact matches only). See docs/memory.md.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Translate on the Dask cluster of this scheduler (tls://HOST:PORT; tcp:// on this "
    "machine). See docs/machine-translation.md, 'Machine translation on a cluster'.",
)
@click.option(
    "--allow-insecure-scheduler",
    is_flag=True,
    help="Allow a plain tcp:// scheduler on another machine (unencrypted, unauthenticated).",
)
@click.option(
    "--tls-ca-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With tls://: the CA certificate  [default: Dask's distributed.comm.tls.ca-file].",
)
@click.option(
    "--tls-cert",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With tls://: this client's certificate  [default: Dask's configuration].",
)
@click.option(
    "--tls-key",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With tls://: this client's private key  [default: Dask's configuration].",
)
@click.option(
    "--no-workers-timeout",
    type=click.IntRange(1, 86400),
    default=120,
    show_default=True,
    metavar="SECONDS",
    help="With --scheduler: stop (finished drafts kept) once every worker has been gone this long.",
)
@engine_option
@pass_project
@click.pass_context
def translate(
    ctx: click.Context,
    project: Project,
    /,
    glossary_path: Path,
    save_every: int,
    memory_threshold: float,
    scheduler: str | None,
    allow_insecure_scheduler: bool,
    tls_ca_file: Path | None,
    tls_cert: Path | None,
    tls_key: Path | None,
    no_workers_timeout: int,
    engine_name: str,
    **engine_options,
) -> None:
    """Extract, then fill every untranslated entry with a machine draft (fuzzy, with provenance).

    Translators' entries are never changed. Needs Argos Translate packages only for the languages
    with something left to draft (source→target, or through English): see `pipeline models`.
    """
    from pipeline.glossary import load_glossary
    from pipeline.mt.plugins import ClusterSettings
    from pipeline.stages.incremental import memory_reader
    from pipeline.stages.translate import draft_project

    options = engine_settings(**engine_options)
    glossary = load_glossary(glossary_path)  # a broken glossary stops the run before any write
    if scheduler is None and (allow_insecure_scheduler or tls_ca_file or tls_cert or tls_key):
        raise click.UsageError("--allow-insecure-scheduler and --tls-* go with --scheduler")
    provider = engine_provider(
        engine_name,
        options,
        ClusterSettings(scheduler, allow_insecure_scheduler, (tls_ca_file, tls_cert, tls_key), no_workers_timeout),
    )
    try:
        # the device, and the cluster with its workers, are checked before any write
        with provider.open() as make_engine, project.lock(), state_store(project) as store:
            extracted = run_extract(project, store)
            result = draft_project(
                project,
                make_engine,
                extracted,
                glossary=glossary,
                save_every=save_every,
                progress=translation_progress,
                memory_threshold=memory_threshold,
                provider=provider,
                memory_reader=memory_reader(store),
            )
    except KeyboardInterrupt:
        click.echo(
            "interrupted: every catalog is as it was or fully updated, finished batches of drafts "
            f"are saved; run `{pipeline_command()} translate` again to go on",
            err=True,
        )
        ctx.exit(INTERRUPTED)
    glossary_notice(glossary_path)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if result.report is not None:
        print_drafts(result.report)
    elif not result.routes:
        click.echo("nothing to draft: every entry has a translation")
    if result.missing:
        raise PipelineError(result.missing)


def glossary_notice(path: Path) -> None:
    """A missing glossary is no error (nothing is protected) but worth one notice on stderr, as a
    mistyped ``--glossary`` or a glossary left out of a checkout would otherwise go unseen."""
    if not path.exists():
        click.echo(f"notice: {path}: no such file; no names or terms are protected", err=True)


def translation_progress(pair: Pair, total: int) -> contextlib.AbstractContextManager[Any]:
    """A progress bar per pair on a terminal; nothing otherwise (the summary line follows)."""
    return click.progressbar(
        length=total, label=f"translating {pair}", show_pos=True, hidden=not total or not sys.stdout.isatty()
    )


def print_drafts(report: DraftReport) -> None:
    for run in report.pairs:
        if run.sentences:
            click.echo(
                f"{run.pair}: {run.sentences} sentences in {run.batches} batch(es), "
                f"{run.seconds:.1f} s ({run.sentences / max(run.seconds, 1e-3):.1f}/s)"
            )
        else:
            click.echo(f"{run.pair}: nothing to translate")
    for drafts in report.languages:
        empty = f", {drafts.empty} left empty (no output)" if drafts.empty else ""
        fuzzy = f" ({drafts.memory_fuzzy} of similar sentences)" if drafts.memory_fuzzy else ""
        click.echo(
            f"{drafts.lang}: {drafts.machine} machine drafts ({drafts.provenance}), "
            f"{drafts.memory} from translation memory{fuzzy}{empty}"
        )
    for path in report.written:
        click.echo(f"updated {path}")


@cli.group(short_help="List and install Argos Translate packages.")
def models() -> None:
    """List and install the Argos Translate packages `translate` needs."""


@models.command("list", short_help="Show installed packages and each language's route.")
@pass_project
def models_list(project: Project) -> None:
    """Show installed packages and the route each language takes."""
    from pipeline.mt.packages import install_hint, package_roles, packages_dir, scan_packages
    from pipeline.mt.routes import plan_routes, useful_pairs

    scan = scan_packages()
    installed = scan.installed
    routes = plan_routes(project.source_lang, project.langs, {package.pair for package in installed})
    useful = useful_pairs(project.source_lang, project.langs)
    roles = package_roles(installed)
    click.echo(f"installed in {packages_dir()}:")
    for package in installed:
        note = roles.get(package.path, "") if package.pair in useful else "(not needed)"
        click.echo(f"  {package.pair}  {package.version or '?'}  {package.path}  {note}".rstrip())
    for broken in scan.broken:
        click.echo(f"  broken  {broken.path}: {broken.reason}; reinstall the package or delete the folder")
    if not installed and not scan.broken:
        click.echo("  none")
    click.echo("needed:")
    for lang, route in routes.items():
        state = "ready" if route.available else "missing " + ", ".join(map(str, route.missing))
        click.echo(f"  {route.steps[0].source}→{lang}: {route.kind} {route}: {state}")
    if not all(route.available for route in routes.values()):
        hint = install_hint()
        click.echo(hint[0].upper() + hint[1:] + ".")


@models.command("install", short_help="Install package files, or the missing ones from the index.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--from-index", is_flag=True, help="Download the missing packages from the Argos index.")
@click.option(
    "--connect-timeout",
    type=config.NumberRange(0.1, 600),
    default=15.0,
    show_default=True,
    metavar="SECONDS",
    help="Longest wait for a connection to the index or a download server.",
)
@click.option(
    "--read-timeout",
    type=config.NumberRange(0.1, 3600),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Longest wait for the next bytes of a download before giving up "
    "(the partial file is kept and resumed next time).",
)
@pass_project
def models_install(
    project: Project, files: tuple[Path, ...], from_index: bool, connect_timeout: float, read_timeout: float
) -> None:
    """Install FILES (.argosmodel packages), or what is missing from the Argos index."""
    from pipeline.mt.downloads import Timeouts
    from pipeline.mt.packages import install_package_files
    from pipeline.mt.routes import useful_pairs

    if bool(files) == from_index:
        raise click.UsageError("give FILE.argosmodel files or --from-index (not both)")
    packages = (
        install_from_index(project, Timeouts(connect_timeout, read_timeout))
        if from_index
        else install_package_files(files)
    )
    useful = useful_pairs(project.source_lang, project.langs)
    for package in packages:
        note = (
            ""
            if package.pair in useful
            else f" (no configured language needs {package.pair}: --langs {','.join(project.langs)})"
        )
        click.echo(f"installed {package.pair} {package.version} in {package.path}{note}")


def install_from_index(project: Project, timeouts: Timeouts) -> list[InstalledPackage]:
    """Download and install what the project's languages miss: a progress bar in bytes on a terminal,
    a line per package otherwise."""
    from pipeline.mt import index

    wanted = index.missing_packages(project.source_lang, project.langs, timeouts)
    if not wanted:
        click.echo("every needed package is installed")
        return []
    installed = []
    for package in wanted:
        with _download_progress(package) as progress:
            installed.append(index.install_from_index(package, timeouts, progress=progress))
    return installed


@contextlib.contextmanager
def _download_progress(package: IndexPackage) -> Iterator[Progress]:
    """A progress bar in bytes for ``package`` on a terminal, sized by the server's Content-Length;
    otherwise one quiet line saying what is fetched from where."""
    from pipeline.mt.downloads import format_progress, format_size, no_progress

    if not sys.stdout.isatty():
        click.echo(f"downloading {package} from {package.links[0]}")
        yield no_progress
        return
    with contextlib.ExitStack() as stack:
        bar = None

        def update(done: int, total: int | None) -> None:
            nonlocal bar
            if bar is None:
                bar = stack.enter_context(
                    click.progressbar(
                        length=total or 1,
                        label=f"downloading {package}",
                        show_percent=bool(total),
                        show_eta=bool(total),
                        item_show_func=lambda text: text,
                    )
                )
            bar.update(done - bar.pos, format_progress(done, total) if total else format_size(done))

        yield update


# --- the translation memory as TMX (pipeline.exchange.memory) -------------------------------------


@cli.group(short_help="Export and import translation memories (TMX).")
def tm() -> None:
    """Export the translation memory as TMX, import other memories (see docs/memory.md)."""


@tm.command("export", short_help="Write the reviewed translations as a TMX memory.")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--lang",
    "only",
    default=None,
    metavar="LANGS",
    help="Comma-separated languages to export  [default: every --langs language].",
)
@pass_project
def tm_export(project: Project, file: Path, only: str | None) -> None:
    """Write FILE, a TMX 1.4 memory of the reviewed translations of every article."""
    from pipeline.exchange import memory

    langs = project.langs if only is None else parse_targets(only, project.source_lang)
    unknown = [lang for lang in langs if lang not in project.langs]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)} is not one of --langs ({', '.join(project.langs)})", param_hint="--lang"
        )
    exported = memory.export_memory(project, langs, file)
    counts = ", ".join(f"{count} {lang}" for lang, count in exported.pairs.items())
    click.echo(f"wrote {exported.path} ({counts} reviewed pairs)")


@tm.command("import", short_help="Add a TMX memory that translate drafts from.")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--name", default=None, help="Name of the memory in locales/memories/  [default: FILE's name].")
@click.option("--replace", is_flag=True, help="Replace a different memory imported under the same name.")
@pass_project
def tm_import(project: Project, file: Path, name: str | None, replace: bool) -> None:
    """Add FILE (TMX) to the memories `translate` drafts from: locales/memories/NAME.tmx."""
    from pipeline.exchange.memory import import_memory

    with project.lock():
        imported = import_memory(project, file, name=name, replace=replace)
    counts = ", ".join(f"{count} {lang}" for lang, count in imported.pairs.items())
    click.echo(f"{'imported' if imported.written else 'unchanged'} {imported.path} ({counts} pairs)")


# --- evaluating machine translation (pipeline.stages.evaluate) -----------------------------------

ROUTE_CHOICES = ("default", "direct", "pivot", "both")


@cli.command(short_help="Score machine translation against reviewed translations.")
@json_option("Print the figures as JSON for scripts (structure in docs/evaluation.md).")
@click.option(
    "--langs",
    "only",
    default=None,
    metavar="LANGS",
    help="Comma-separated languages to evaluate  [default: those of `pipeline --langs`].",
)
@click.option(
    "--route",
    "route_choice",
    type=click.Choice(ROUTE_CHOICES),
    default="default",
    show_default=True,
    help="default: the route translate takes; direct or pivot: that route "
    "only; both: each installed route, side by side.",
)
@glossary_option("Names and terms to protect from the engine, and to count in its output.")
@engine_options
@engine_option
@pass_project
@click.pass_context
def evaluate(
    ctx: click.Context,
    project: Project,
    /,
    as_json: bool,
    only: str | None,
    route_choice: str,
    glossary_path: Path,
    engine_name: str,
    **engine_options: Any,
) -> None:
    """Score machine translation against the reviewed translations (chrF, BLEU, glossary terms kept).

    Translates the source of every reviewed entry in memory, along the routes `translate` takes and
    with its engine settings, and compares the output with the translators' work. Writes nothing.
    Needs the Argos packages `translate` needs: see `pipeline models`.
    """
    from pipeline.glossary import load_glossary
    from pipeline.stages.evaluate import RouteChoice, evaluate_project

    langs = parse_targets(only, project.source_lang) if only else None
    unknown = [lang for lang in langs or () if lang not in project.langs]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)} is not one of the project's languages "
            f"({', '.join(project.langs)}); see `pipeline --langs`",
            param_hint="--langs",
        )
    provider = engine_provider(engine_name, engine_settings(**engine_options))
    try:
        with provider.open() as make_engine:
            result = evaluate_project(
                project,
                make_engine,
                langs=langs,
                choice=RouteChoice(route_choice),
                glossary=load_glossary(glossary_path),
                progress=evaluation_progress,
                provider=provider,
            )
    except KeyboardInterrupt:
        click.echo("interrupted: nothing was written", err=True)
        ctx.exit(INTERRUPTED)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(evaluation_json(result), indent=2, ensure_ascii=False))
    else:
        print_evaluation(result)


def evaluation_progress(pair: Pair, total: int) -> contextlib.AbstractContextManager[Any]:
    """A progress bar per pair on a terminal, on stderr so that `--json` output stays clean."""
    return click.progressbar(
        length=total,
        label=f"translating {pair}",
        show_pos=True,
        file=sys.stderr,
        hidden=not total or not sys.stderr.isatty(),
    )


def print_evaluation(result: Evaluation) -> None:
    for route in result.results:
        share = (
            f"{route.glossary_kept}/{route.glossary_terms} ({route.glossary_share:.0%})"
            if route.glossary_terms
            else "none in the sources"
        )
        click.echo(
            f"{route.lang} {route.kind} {route.route} ({route.provenance}): {route.sentences} "
            f"sentences, {route.articles} article(s)"
        )
        click.echo(f"  {route.chrf.formatted()}   {route.bleu.formatted()}   glossary terms kept: {share}")
        if route.confidence_sentences:
            rho = "n/a" if route.confidence_correlation is None else f"{route.confidence_correlation:+.2f}"
            click.echo(
                f"  confidence vs sentence chrF: Spearman's rho = {rho} over {route.confidence_sentences} "
                "sentences (near +1: review the least sure drafts first)"
            )
    for comparison in result.comparisons:
        verdict = (
            ""
            if comparison.p_value is None
            else f" (paired bootstrap p = {comparison.p_value:.3f}: "
            + ("a real difference)" if comparison.beyond_noise else "within noise on this sample)")
        )
        click.echo(
            f"{comparison.lang}: {comparison.first.kind} − {comparison.second.kind} = "
            f"{comparison.chrf_difference:+.2f} chrF{verdict}"
        )
    for lang in result.unreviewed:
        click.echo(f"{lang}: no reviewed translation, nothing to score")
    signatures = dict.fromkeys(
        f"{score.name}: {score.signature}" for route in result.results for score in (route.chrf, route.bleu)
    )
    click.echo("signatures:\n" + "\n".join(f"  {signature}" for signature in signatures))


def evaluation_json(result: Evaluation) -> dict[str, Any]:
    return {
        "results": [route_json(route) for route in result.results],
        "comparisons": [
            {
                "lang": c.lang,
                "first": c.first.kind,
                "second": c.second.kind,
                "chrf_difference": c.chrf_difference,
                "p_value": c.p_value,
                "beyond_noise": c.beyond_noise,
            }
            for c in result.comparisons
        ],
        "unreviewed": list(result.unreviewed),
        "warnings": list(result.warnings),
    }


def route_json(route: RouteEvaluation) -> dict[str, Any]:
    return {
        "lang": route.lang,
        "route": route.route,
        "kind": route.kind,
        "provenance": route.provenance,
        "sentences": route.sentences,
        "articles": route.articles,
        "chrf": score_json(route.chrf),
        "bleu": score_json(route.bleu),
        "glossary": {"terms": route.glossary_terms, "kept": route.glossary_kept, "share": route.glossary_share},
        "confidence": {"spearman": route.confidence_correlation, "sentences": route.confidence_sentences},
    }


def score_json(score: Score) -> dict[str, Any]:
    return {
        "name": score.name,
        "score": score.score,
        "mean": score.mean,
        "interval": score.interval,
        "signature": score.signature,
    }


# --- end of evaluating machine translation ----------------------------------------------------------


# --- editions (pipeline.editions.build) ----------------------------------------------------------

EDITIONS_EXIT_CODES = """\b
Exit status: 0 built (drafts and untranslated sentences are listed), 1 error (e.g. catalogs out of
date), 2 usage error, 3 the `reviewed` policy refused at least one edition (its previous files kept)."""


@cli.command("build", epilog=EDITIONS_EXIT_CODES, short_help="Write the editions (and the review sheet).")
@click.option(
    "--lang",
    "only",
    default=None,
    metavar="LANGS",
    help="Comma-separated languages to build, e.g. fr, or de to rebuild the source "
    "[default: the source and every --langs language].",
)
@click.option(
    "--policy",
    type=click.Choice(["draft", "reviewed"]),
    default="draft",
    show_default=True,
    help="draft: reviewed, else machine-drafted sentences, with a notice; reviewed: reviewed sentences only.",
)
@click.option(
    "--min-reviewed",
    type=config.NumberRange(0, 100),
    default=None,
    metavar="PCT",
    help="With --policy reviewed: least share of reviewed sentences to publish  [default: 100].",
)
@click.option("--review", is_flag=True, help="Also write editions/review/<slug>.html for editors.")
@click.option(
    "--edition-locale",
    "edition_locales",
    multiple=True,
    metavar="LANG=LOCALE",
    callback=lambda ctx, param, values: tuple(
        f"{lang}={locale}" for lang, locale in edition_locale_map(values).items()
    ),
    help="Regional conventions of a language's editions (their date), e.g. en=en_GB; repeatable "
    "[default: the language's own].",
)
@glossary_option("Names and terms: an older translation whose source differs in one is not published.")
@low_confidence_option("With --review: flag the machine drafts the engine was less sure of, to review first.")
@pass_project
@click.pass_context
def build_editions(
    ctx: click.Context,
    project: Project,
    only: str | None,
    policy: str,
    min_reviewed: float | None,
    review: bool,
    edition_locales: tuple[str, ...],
    glossary_path: Path,
    low_confidence: float,
) -> None:
    """Write editions/<lang>/<slug>.{txt,md,html} from the catalogs."""
    from pipeline.editions import build
    from pipeline.stages import incremental

    if (
        min_reviewed is not None
        and policy != "reviewed"
        and ctx.get_parameter_source("min_reviewed")
        in (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)
    ):
        raise click.BadParameter("only applies with --policy reviewed", param_hint="--min-reviewed")
    langs = None
    if only is not None:
        langs = language_list(only, example="fr", param_hint="--lang")  # the source too: it rebuilds the seed
        unknown = [lang for lang in langs if lang not in (project.source_lang, *project.langs)]
        if unknown:
            raise click.BadParameter(
                f"{', '.join(unknown)} is not the source language or one of --langs ({', '.join(project.langs)})",
                param_hint="--lang",
            )
    from pipeline.glossary import load_glossary

    options = build.BuildOptions(
        langs=tuple(langs or ()),
        policy=build.Policy(policy),
        min_reviewed=100.0 if min_reviewed is None else min_reviewed,
        review=review,
        locales=edition_locale_map(edition_locales),
        glossary=load_glossary(glossary_path),
        low_confidence=low_confidence,
    )
    with state_store(project) as store:
        result = incremental.build_project(project, store, options)
    for edition in result.editions:
        print_edition(edition)
    for sheet in result.review_sheets:
        click.echo(f"{'wrote' if sheet.written else 'unchanged'} {sheet.path}")
    for path in result.removed:
        click.echo(f"removed {path} (its article is no longer in the seeds)")
    for problem in result.local_files:
        click.echo(problem, err=True)
    for error in result.damaged:
        click.echo(f"Error: {error} (article not built)", err=True)
    if result.damaged:
        ctx.exit(EXIT_ERROR)
    if result.refused:
        ctx.exit(EXIT_REFUSED)


def edition_locale_map(values: Sequence[str]) -> dict[str, str]:
    """``("en=en_GB",)`` as ``{"en": "en_GB"}``, each value checked (the file's values too)."""
    from pipeline.editions.dates import parse_edition_locale

    try:
        return dict(parse_edition_locale(value) for value in values)
    except PipelineError as error:
        raise click.BadParameter(error.message) from None


def print_edition(result: EditionResult) -> None:
    name = f"{result.lang}/{result.slug}"
    if result.refused:
        kept = (
            f"kept the previous edition ({', '.join(map(str, result.kept))})"
            if result.kept
            else "no edition was published before"
        )
        click.echo(f"not built {name}: {result.refused}; {kept}", err=True)
        for choice in result.missing:
            print_sentence(result, choice, "no reviewed translation")
        return
    written = [str(file.path) for file in result.files if file.written]
    withheld = sum(1 for choice in result.left_in_source if choice.stale or choice.unsafe)
    click.echo(
        f"{'wrote ' + ', '.join(written) if written else 'unchanged'} ({name}: "
        f"{result.reviewed}/{result.total} reviewed, {result.unreviewed} unreviewed, "
        f"{len(result.left_in_source) - withheld} untranslated"
        f"{f', {withheld} withheld' if withheld else ''})"
    )
    for choice in result.left_in_source:
        print_sentence(
            result,
            choice,
            "translation of an older wording with other numbers, links or terms, left in the source language"
            if choice.stale
            else f"warning: translation not published, it adds {choice.unsafe}; left in the source language"
            if choice.unsafe
            else "not translated, left in the source language",
        )
    for choice in result.normalised:
        print_sentence(
            result,
            choice,
            "warning: line breaks, control characters or surrounding spaces of "
            "the translation replaced or taken off (the source has none)",
        )


def print_sentence(result: EditionResult, choice: Choice, what: str) -> None:
    state = choice.state.value if choice.state else "not in the catalog"
    click.echo(f"{result.source}:{choice.unit.line}: {result.lang}: {what} ({state}): {choice.unit.text}", err=True)


# --- status and checks (pipeline.stages.status, pipeline.qa.checks) ------------------------------

CHECK_EXIT_CODES = """\b
Exit status: 0 no errors (warnings and info may be listed), 1 the check could not run (e.g. no
catalogs, invalid glossary), 2 usage error, 3 at least one error-level finding."""

STATE_BARS = (
    ("reviewed", "█", "green"),
    ("edited_draft", "▚", "cyan"),
    ("source_changed", "▓", "magenta"),
    ("machine_draft", "▒", "yellow"),
    ("untranslated", "░", None),
)
STATUS_COLUMNS = (
    ("total", "total"),
    ("reviewed", "reviewed"),
    ("machine_draft", "drafts"),
    ("edited_draft", "edited"),
    ("source_changed", "changed"),
    ("untranslated", "untransl."),
    ("obsolete", "obsolete"),
)
BAR_WIDTH = 20


@cli.command(short_help="Show what is left to translate and review.")
@json_option("Print the figures as JSON for scripts.")
@low_confidence_option("Count the machine drafts the engine was less sure of than this.")
@pass_project
def status(project: Project, as_json: bool, low_confidence: float) -> None:
    """Show what is left to translate and review, per article and language."""
    from pipeline.stages import incremental
    from pipeline.stages.status import project_status

    with state_store(project) as store:
        records = project_status(project, read_status=incremental.catalog_status_reader(store))
    if as_json:
        click.echo(
            json.dumps(
                {
                    "catalogs": [
                        {**status_json(record), "low_confidence": record.low_confidence(low_confidence)}
                        for record in records
                    ],
                    "low_confidence_threshold": low_confidence,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    rows = [[*status_row(record), "orphaned" if record.orphaned else ""] for record in records]
    header = ["article", "lang", "reviewed (words)", *(title for _, title in STATUS_COLUMNS), ""]
    widths = [max(len(click.unstyle(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo(
            "  ".join(
                cell + " " * (width - len(click.unstyle(cell))) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
        )
    for record in records:
        if record.needs_repair:
            click.echo(f"needs repair: {record.needs_repair}")
    click.echo(
        f"\nFigures are sentences/words; words are counted on the {english_language_name(project.source_lang)} source."
    )
    if any(record.orphaned for record in records):
        click.echo(f"orphaned: the article is no longer in {project.seeds}; restore it, or delete its catalogs.")
    print_low_confidence(records, low_confidence)
    click.echo(
        "Bar: "
        + "  ".join(click.style(mark, fg=colour) + " " + name.replace("_", " ") for name, mark, colour in STATE_BARS)
    )


def print_low_confidence(records: Iterable[CatalogStatus], threshold: float) -> None:
    """One line counting the machine drafts below the confidence threshold, where there are any."""
    low = {f"{record.slug} {record.lang}": count for record in records if (count := record.low_confidence(threshold))}
    if low:
        click.echo(
            f"Machine drafts below confidence {threshold:g}: {sum(low.values())} ("
            + ", ".join(f"{name}: {count}" for name, count in low.items())
            + f"); review them first: `{pipeline_command()} review-order ARTICLE --lang LANG`."
        )


@cli.command("review-order", short_help="List an article's entries in the order to review them.")
@click.argument("slug", metavar="ARTICLE")
@click.option(
    "--lang",
    "only",
    default=None,
    metavar="LANGS",
    help="Comma-separated languages  [default: every --langs language].",
)
@low_confidence_option("Flag the machine drafts the engine was less sure of than this.")
@json_option("Print the entries as JSON for scripts.")
@pass_project
def review_order(project: Project, slug: str, only: str | None, low_confidence: float, as_json: bool) -> None:
    """List an article's entries in the order to review them: machine drafts the engine was least
    sure of first, then other drafts, changed sources, edited drafts and untranslated entries."""
    from pipeline.editions.review_order import article_review_order

    langs = project.langs
    if only:
        try:
            langs = target_languages(language_list(only, example="fr", param_hint="--lang"), source=project.source_lang)
        except PipelineError as error:
            raise click.BadParameter(str(error), param_hint="--lang") from None
    orders = [article_review_order(project, slug, lang, threshold=low_confidence) for lang in langs]
    if as_json:
        click.echo(
            json.dumps({"catalogs": [review_order_json(order) for order in orders]}, indent=2, ensure_ascii=False)
        )
        return
    for order in orders:
        print_review_order(order)


def print_review_order(order: ReviewOrder) -> None:
    click.echo(
        f"{order.path} ({order.lang}): {len(order.items)} entries to review, {order.low} machine "
        f"draft(s) below confidence {order.threshold:g}"
    )
    for item in order.items:
        sure = "" if item.confidence is None else f", confidence {format_confidence(item.confidence)}"
        flag = " (review first)" if item.low else ""
        click.echo(f"{order.path}:{item.line}: {item.state.value}{sure}{flag}: {item.msgid}")


def review_order_json(order: ReviewOrder) -> dict[str, Any]:
    return {
        "path": str(order.path),
        "lang": order.lang,
        "threshold": order.threshold,
        "low": order.low,
        "entries": [
            {
                "line": item.line,
                "msgid": item.msgid,
                "msgstr": item.msgstr,
                "state": item.state.value,
                "confidence": item.confidence,
                "low": item.low,
            }
            for item in order.items
        ],
    }


def status_json(record: CatalogStatus) -> dict[str, Any]:
    figures = {name: getattr(record, name) for name, _ in STATUS_COLUMNS}
    figures["fuzzy"] = record.fuzzy
    return {
        "article": record.slug,
        "lang": record.lang,
        "path": str(record.path),
        "exists": record.exists,
        "orphaned": record.orphaned,
        "percent_reviewed": record.percent_reviewed,
        "needs_repair": record.needs_repair,
        "sentences": {name: tally.sentences for name, tally in figures.items()},
        "words": {name: tally.words for name, tally in figures.items()},
    }


def status_row(record: CatalogStatus) -> list[str]:
    if not record.exists:
        advice = f"no catalog yet: run `{pipeline_command()} extract`"
        return [record.slug, record.lang, advice] + [""] * len(STATUS_COLUMNS)
    if record.needs_repair:
        return [record.slug, record.lang, "needs repair (below)"] + [""] * len(STATUS_COLUMNS)
    widths = bar_widths(record)
    bar = "".join(
        click.style(mark * width, fg=colour) for (_, mark, colour), width in zip(STATE_BARS, widths, strict=True)
    )
    bar += " " * (BAR_WIDTH - sum(widths))
    figures = [f"{getattr(record, name).sentences}/{getattr(record, name).words}" for name, _ in STATUS_COLUMNS]
    return [record.slug, record.lang, f"{bar} {record.percent_reviewed:5.1f}%", *figures]


def bar_widths(record: CatalogStatus) -> list[int]:
    """Characters per state, proportional to words, adding up to BAR_WIDTH (largest remainders)."""
    words = [getattr(record, name).words for name, _, _ in STATE_BARS]
    if not sum(words):
        return [0] * len(words)
    exact = [BAR_WIDTH * count / sum(words) for count in words]
    widths = [int(share) for share in exact]
    for i in sorted(range(len(words)), key=lambda i: widths[i] - exact[i])[: BAR_WIDTH - sum(widths)]:
        widths[i] += 1
    return widths


@cli.command(epilog=CHECK_EXIT_CODES, short_help="Check the translations for errors.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@glossary_option("Glossary of protected names and terms.")
@json_option("Print the findings as JSON for scripts.")
@click.option("--list", "list_checks", is_flag=True, help="List the checks and their severities.")
@click.option(
    "--all",
    "check_all",
    is_flag=True,
    help="Check every catalog, also those unchanged since a check found no error in them.",
)
@pass_project
@click.pass_context
def check(
    ctx: click.Context,
    project: Project,
    files: tuple[Path, ...],
    glossary_path: Path,
    as_json: bool,
    list_checks: bool,
    check_all: bool,
) -> None:
    """Check translations (the catalogs changed since they were last found clean, every catalog with
    --all, or FILES) before an edition goes out.

    Reviewed translations and machine drafts are checked; a finding in a draft is never an error.
    Silence checks for one entry with a translator comment such as `# qa-ignore: numbers, length`.
    """
    from pipeline.glossary import load_glossary
    from pipeline.qa import checks
    from pipeline.stages import incremental

    if list_checks:
        for entry_check in checks.CHECKS:
            click.echo(
                f"{entry_check.name:20} {entry_check.reviewed.value:8} (draft: "
                f"{entry_check.draft.value:7}) {entry_check.title}"
            )
        return
    unchanged = 0
    if files or check_all:
        report = checks.check_project(project, load_glossary(glossary_path), list(files) or None)
    else:
        with state_store(project) as store:
            changed = incremental.check_changed(project, store, load_glossary(glossary_path), glossary_path)
        report, unchanged = changed.report, changed.unchanged
    glossary_notice(glossary_path)
    groups = checks.by_severity(report.problems)
    if as_json:
        click.echo(json.dumps(report_json(report, groups), indent=2, ensure_ascii=False))
    else:
        print_report(report, groups)
    if unchanged and not as_json:
        click.echo(
            f"left out {unchanged} catalog(s) unchanged since a check found no error in them "
            "(`check --all` checks every catalog)"
        )
    if report.failed:
        ctx.exit(CHECK_FAILED)


SEVERITY_HEADINGS = {"error": ("errors", "red"), "warning": ("warnings", "yellow"), "info": ("info", "blue")}


Groups = Mapping["Severity", Sequence["Problem"]]


def print_report(report: Report, groups: Groups) -> None:
    """Findings grouped error, warning, info as `path:line: [check] message`, then a summary."""
    for severity, problems in groups.items():
        heading, colour = SEVERITY_HEADINGS[severity.value]
        if problems:
            click.secho(f"{heading} ({len(problems)}):", fg=colour, bold=True)
            for problem in problems:
                click.echo(str(problem))
    summary = ", ".join(
        f"{len(problems)} {SEVERITY_HEADINGS[severity.value][0]}" for severity, problems in groups.items()
    )
    click.echo(f"checked {len(report.catalogs)} catalog(s): {summary}")


def report_json(report: Report, groups: Groups) -> dict[str, Any]:
    return {
        "catalogs": [str(path) for path in report.catalogs],
        "counts": {severity.value: len(problems) for severity, problems in groups.items()},
        "problems": [
            {"path": p.path, "line": p.line, "check": p.check, "severity": p.severity.value, "message": p.message}
            for problems in groups.values()
            for p in problems
        ],
    }


# --- agencies and CAT tools (pipeline.exchange.xliff) --------------------------------------------


@cli.command("export", short_help="Write XLIFF files of the sentences to translate.")
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.option(
    "--lang",
    "only",
    default=None,
    metavar="LANGS",
    help="Comma-separated languages to export  [default: every --langs language].",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Every sentence, reviewed ones too (state final)  [default: untranslated, drafts, changed].",
)
@click.option(
    "--xliff",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default="xliff",
    show_default=True,
    help="Folder the XLIFF files are written to, as <lang>/<slug>.xlf.",
)
@click.option(
    "--copy-source",
    is_flag=True,
    help="Give untranslated units a target holding the source (state new), for tools that "
    "translate targets only, such as OmegaT's built-in XLIFF filter.",
)
@pass_project
def export_xliff(
    project: Project, slugs: tuple[str, ...], only: str | None, everything: bool, folder: Path, copy_source: bool
) -> None:
    """Write XLIFF 1.2 files of the sentences to translate, for agencies and CAT tools."""
    from pipeline.exchange import xliff

    langs = project.langs if only is None else parse_export_langs(only, project)
    for result in xliff.export_project(
        project, out=folder, langs=langs, slugs=slugs, everything=everything, copy_source=copy_source
    ):
        if not result.units:
            click.echo(f"nothing to export for {result.lang}/{result.slug}")
        else:
            click.echo(f"{'wrote' if result.written else 'unchanged'} {result.path} ({result.units} units)")


def parse_export_langs(value: str, project: Project) -> tuple[str, ...]:
    langs = language_list(value, example="fr", param_hint="--lang")
    unknown = [lang for lang in langs if lang not in project.langs]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)} is not one of --langs ({', '.join(project.langs)})", param_hint="--lang"
        )
    return langs


IMPORT_EXIT_CODES = """\b
Exit status: 0 imported (units only offered or kept are listed), 1 a file was refused (no catalog
written), 2 usage error, 3 at least one unit was refused (the others were imported)."""


@cli.command("import", epilog=IMPORT_EXIT_CODES, short_help="Merge translations returned in XLIFF files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--reviewed", is_flag=True, help="Take translations in state translated as reviewed  [default: fuzzy, to review]."
)
@pass_project
@click.pass_context
def import_xliff(ctx: click.Context, project: Project, files: tuple[Path, ...], reviewed: bool) -> None:
    """Merge translations returned in XLIFF files (FILE.xlf...) into the catalogs."""
    from pipeline.exchange.xliff import import_returned, read_returned
    from pipeline.po import catalogs

    returned = [read_returned(project, path) for path in files]  # all checked before any write
    refused = 0
    with project.lock():
        for item in returned:
            result = import_returned(project, item, reviewed=reviewed, moment=catalogs.now())
            click.echo(
                f"{'updated' if result.written else 'unchanged'} {result.catalog} from {result.path} "
                f"({result.applied} imported, {result.reviewed} of them reviewed; "
                f"{result.offered} changed sentences offered as fuzzy)"
            )
            for report in result.reports:
                click.echo(f"{result.path}: unit {report.unit_id}: {report.message}", err=True)
            refused += result.refused
    if refused:
        ctx.exit(EXIT_REFUSED)


# --- settings (pipeline.cli.config) ------------------------------------------------------------


@cli.command("config", short_help="Show the settings in force and where each comes from.")
@json_option('Print {"file": PATH or null, "settings": {KEY: {"value", "source", "origin", "commands"}}}.')
@pass_project
@click.pass_context
def show_config(ctx: click.Context, project: Project, as_json: bool) -> None:
    """Show the settings in force and where each comes from: option, environment, file, default."""
    found = ctx.meta.get(CONFIG_FILE)
    in_force = [
        replace(item, value=list(project.langs)) if item.key == "langs" else item  # less the source
        for item in config.settings_in_force(ctx, cli, found)
    ]
    if as_json:
        click.echo(
            json.dumps(
                {
                    "file": str(found.path) if found else None,
                    "settings": {
                        item.key: {
                            "value": item.value,
                            "source": item.source,
                            "origin": item.origin,
                            "commands": list(item.commands),
                        }
                        for item in in_force
                    },
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    nowhere = f"none ([{config.TABLE}] in no {config.FILE_NAME} from here up)"
    click.echo(f"configuration file: {found.path if found else nowhere}")
    width = max(len(item.key) for item in in_force)
    for item in in_force:
        value = "(not set)" if item.value is None else json.dumps(item.value, ensure_ascii=False)
        used_by = f"  [{', '.join(item.commands)}]" if item.commands else ""
        click.echo(f"{item.key:<{width}} = {value:<20}  # {item.origin}{used_by}")


def main() -> None:
    try:
        cli(prog_name="pipeline")
    finally:
        signal.signal(signal.SIGINT, _interrupted_at_exit)


def _interrupted_at_exit(signum: int, frame: object) -> None:
    """Ctrl-C once a command has written and said everything, while the interpreter shuts down (a
    Dask client's threads closing): the process ends at once with :data:`INTERRUPTED`, as a Ctrl-C
    during the command does, rather than killed by the signal in the middle of its clean-up."""
    os._exit(INTERRUPTED)
