"""The ``pipeline`` command: parse options, call one stage, print what it returned.

Stages never print; they return plain data or raise :class:`PipelineError`, which becomes a one-line
``Error: path:line: message`` and exit code 1 here. Heavy modules (CTranslate2, Argos) are imported
inside the commands that need them, so ``pipeline --help`` starts fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline import catalogs
from pipeline.errors import PipelineError
from pipeline.project import Project
from pipeline.segmentation import read_article


class PipelineGroup(click.Group):
    """Reports a :class:`PipelineError` as a one-line message with exit code 1, without a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PipelineError as error:
            raise click.ClickException(str(error)) from None


def parse_langs(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    langs = tuple(code.strip() for code in value.split(",") if code.strip())
    if not langs:
        raise click.BadParameter("name at least one language, e.g. fr,en")
    for lang in langs:
        try:
            catalogs.language_name(lang)
        except PipelineError as error:
            raise click.BadParameter(str(error)) from None
    return langs


pass_project = click.make_pass_decorator(Project)


@click.group(cls=PipelineGroup)
@click.option("--seeds", type=click.Path(path_type=Path), default="seeds", show_default=True,
              help="Folder of German articles (*.txt).")
@click.option("--locales", type=click.Path(path_type=Path), default="locales", show_default=True,
              help="Folder of gettext catalogs.")
@click.option("--editions", type=click.Path(path_type=Path), default="editions", show_default=True,
              help="Folder the localised editions are written to.")
@click.option("--langs", default="fr,en", show_default=True, callback=parse_langs,
              help="Comma-separated target languages.")
@click.version_option(package_name="article-localisation-pipeline")
@click.pass_context
def cli(ctx: click.Context, seeds: Path, locales: Path, editions: Path, langs: tuple[str, ...]) -> None:
    """Localise German articles into French and English editions through gettext catalogs."""
    ctx.obj = Project(seeds=seeds, locales=locales, editions=editions, langs=langs)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help='Print {"paragraphs": [["sentence", ...], ...]}.')
def segment(file: Path, as_json: bool) -> None:
    """Show how FILE is split into paragraphs and sentences."""
    article = read_article(file)
    paragraphs = [[sentence.text for sentence in paragraph.sentences] for paragraph in article.paragraphs]
    if as_json:
        click.echo(json.dumps({"paragraphs": paragraphs}, ensure_ascii=False, indent=2))
        return
    for number, (paragraph, sentences) in enumerate(zip(article.paragraphs, paragraphs), start=1):
        click.echo(f"¶{number} (line {paragraph.line})")
        for sentence in sentences:
            click.echo(f"  · {sentence}")


def run_extract(project: Project) -> None:
    moment = catalogs.now()
    for path in project.article_paths():
        for result in catalogs.extract(project, read_article(path), moment=moment):
            if result.written:
                counts = f" (+{result.added} new, {result.changed} changed, {result.obsoleted} obsolete)" \
                    if result.path.suffix == ".po" else ""
                click.echo(f"updated {result.path}{counts}")
            else:
                click.echo(f"unchanged {result.path}")


@cli.command()
@pass_project
def extract(project: Project) -> None:
    """Update locales/<slug>.pot and each language's .po from the articles in seeds/."""
    run_extract(project)


# --- machine translation and models (pipeline.translation, pipeline.argos_packages) ---------------


# --- editions (pipeline.editions) ----------------------------------------------------------------


# --- status and checks (pipeline.status, pipeline.qa) --------------------------------------------


def main() -> None:
    cli(prog_name="pipeline")
