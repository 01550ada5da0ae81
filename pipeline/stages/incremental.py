"""What each command remembers in the state store (:mod:`pipeline.state_store`), and how it comes back.

* ``extract``: per article, from its seed, template and catalogs, that extracting it again changes
  nothing, and how many entries of each catalog wait for a draft (what ``translate`` needs to know).
* ``status``: per catalog, from the catalog and its template, its :class:`~pipeline.stages.status.CatalogStatus`.
* ``build``: per article, from its seed, template, catalogs and edition files, what the build reported
  (the editions' figures and the sentences it lists).
* ``translate``: per catalog, its reviewed pairs for the translation memory
  (:func:`memory_reader`), so that drafting one article does not parse every other catalog.
* ``check``: per catalog, from the catalog, its template and the glossary, that a check found no
  error in it; ``check`` leaves such catalogs out until one of them changes.

A record's key holds every setting the value depends on (languages, source language, the article's
reference), so a run with other settings derives again instead of trusting it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.articles.model import Unit
from pipeline.articles.seeds import read_project_article
from pipeline.editions import build
from pipeline.files import FileResult, file_stamp
from pipeline.glossary import Glossary
from pipeline.memory import store as memory_store
from pipeline.po import catalogs
from pipeline.po.template_match import template_of
from pipeline.po.views import EntryState
from pipeline.project import Project
from pipeline.qa import checks
from pipeline.stages import extract, status
from pipeline.stages.extract import UpdateResult
from pipeline.state_store import StateStore

EXTRACTED = "extract"
STATUS = "status"
BUILT = "build"
CHECKED = "check"
MEMORY = "memory"


def extract_project(project: Project, store: StateStore, *, jobs: int | None = None) -> Iterator[list[UpdateResult]]:
    """:func:`pipeline.stages.extract.extract_project`, skipping every article whose files are as the last
    extraction left them: those are only stat'ed, and come back as unchanged results."""
    moment = catalogs.now()
    paths = project.article_paths()
    known = {path: recall_extraction(project, store, path) for path in paths}
    articles = [read_project_article(project, path) for path in paths if known[path] is None]
    if moved := extract.carry_over(project, articles):
        yield moved
    fresh = extract.extract_articles(project, articles, moment=moment, jobs=jobs)
    for path in paths:
        results = known[path]
        if results is None:
            results = next(fresh)
            remember_extraction(project, store, path, results)
        yield results


def _keys_json(keys: tuple[str, ...] | None) -> list[str] | None:
    """The front matter keys in a store key: None (the default keys) stays apart from no keys."""
    return None if keys is None else list(keys)


def _extraction_inputs(project: Project, path: Path) -> tuple[str, list[Path]]:
    key = json.dumps(
        [project.reference(path), project.source_lang, list(project.langs), _keys_json(project.front_matter_keys)],
        ensure_ascii=False,
    )
    files = [path, project.template_path(path.stem), *(project.catalog_path(lang, path.stem) for lang in project.langs)]
    return key, files


def recall_extraction(project: Project, store: StateStore, path: Path) -> list[UpdateResult] | None:
    """The results of extracting the article at ``path`` when nothing changed since it was last
    extracted: every file unchanged, with its count of entries waiting for a draft."""
    key, files = _extraction_inputs(project, path)
    waiting = store.recall(EXTRACTED, key, files)
    if waiting is None:
        return None
    results = [UpdateResult(path=files[1], written=False)]
    for lang, catalog in zip(project.langs, files[2:], strict=True):
        results.append(
            UpdateResult(path=catalog, written=False, lang=lang, untranslated=waiting[lang], stamp=file_stamp(catalog))
        )
    return results


def remember_extraction(project: Project, store: StateStore, path: Path, results: Sequence[UpdateResult]) -> None:
    key, files = _extraction_inputs(project, path)
    waiting = {result.lang: result.untranslated for result in results if result.lang is not None}
    store.remember(EXTRACTED, key, files, waiting)


def memory_reader(store: StateStore) -> memory_store.SegmentReader:
    """:func:`pipeline.memory.store.read_segments`, recalled from ``store`` while the catalog is unchanged."""

    def read(path: Path, origin: str) -> list[memory_store.Segment]:
        key = json.dumps([str(path), origin], ensure_ascii=False)
        known = store.recall(MEMORY, key, [path])
        if known is not None:
            return [memory_store.Segment(source, target, origin, line) for source, target, line in known]
        segments = memory_store.read_segments(path, origin)
        store.remember(MEMORY, key, [path], [[s.source, s.target, s.line] for s in segments])
        return segments

    return read


def catalog_status_reader(store: StateStore) -> Callable[..., status.CatalogStatus]:
    """:func:`pipeline.stages.status.catalog_status`, recalled from ``store`` while the catalog and its
    template are unchanged."""

    def read(
        path: Path, *, slug: str, lang: str, templates: status.TemplatesRead | None = None
    ) -> status.CatalogStatus:
        if not path.exists():
            return status.catalog_status(path, slug=slug, lang=lang, templates=templates)
        inputs = [path, template_of(path)]
        key = json.dumps([slug, lang])
        known = store.recall(STATUS, key, inputs)
        if known is not None:
            return _status_from_json(known, path)
        record = status.catalog_status(path, slug=slug, lang=lang, templates=templates)
        store.remember(STATUS, key, inputs, _status_json(record))
        return record

    return read


def _status_json(record: status.CatalogStatus) -> dict:
    figures = dataclasses.asdict(record)
    figures["path"] = str(record.path)
    return figures


def _status_from_json(figures: dict, path: Path) -> status.CatalogStatus:
    tallies = {name: status.Tally(**value) for name, value in figures.items() if isinstance(value, dict)}
    rest = {name: value for name, value in figures.items() if not isinstance(value, dict)}
    return status.CatalogStatus(**{**rest, **tallies, "path": path})


def build_project(project: Project, store: StateStore, options: build.BuildOptions) -> build.BuildResult:
    """:func:`pipeline.editions.build.build`, recalling each article whose seed, catalogs and edition files
    are as its last build left them (the results come back with no file written)."""
    wanted = options.langs or build.published_langs(project)
    key = json.dumps(
        [
            options.policy.value,
            options.min_reviewed,
            options.review,
            list(wanted),
            list(build.published_langs(project)),
            project.source_lang,
            str(project.editions),
            sorted(options.locales.items()),
            repr(options.glossary),
            options.low_confidence,
            _keys_json(project.front_matter_keys),
        ],
        ensure_ascii=False,
    )
    built = []
    for path in project.article_paths():
        inputs = _build_inputs(project, path, wanted)
        article_key = json.dumps([key, project.reference(path)], ensure_ascii=False)
        known = store.recall(BUILT, article_key, inputs)
        if known is not None:
            built.append(
                build.BuildResult(
                    editions=tuple(map(_edition_from_json, known["editions"])),
                    review_sheets=tuple(FileResult(Path(sheet), written=False) for sheet in known["sheets"]),
                    local_files=tuple(known["local_files"]),
                )
            )
            continue
        result = build.build_article(project, path, options)
        if not result.damaged:
            store.remember(
                BUILT,
                article_key,
                inputs,
                {
                    "editions": [_edition_json(e) for e in result.editions],
                    "sheets": [str(sheet.path) for sheet in result.review_sheets],
                    "local_files": list(result.local_files),
                },
            )
        built.append(result)
    return build.finish_build(project, built)


def _build_inputs(project: Project, path: Path, wanted: Sequence[str]) -> list[Path]:
    """The files a build of the article at ``path`` reads or writes: every language's catalog, since an
    existing review sheet is kept current whatever the options."""
    slug = path.stem
    outputs = [build.edition_path(project.editions, lang, slug, suffix) for lang in wanted for suffix in build.FORMATS]
    return [
        path,
        project.template_path(slug),
        *(project.catalog_path(lang, slug) for lang in project.langs),
        *outputs,
        build.review_path(project, slug),
    ]


LISTED_CHOICES = ("left_in_source", "normalised", "missing")
"""The sentences of an edition's result that a build lists one by one (the unreviewed ones are counted)."""


def _edition_json(result: build.EditionResult) -> dict:
    choices = {name: [_choice_json(choice) for choice in getattr(result, name)] for name in LISTED_CHOICES}
    return {
        "slug": result.slug,
        "source": result.source,
        "lang": result.lang,
        "total": result.total,
        "reviewed": result.reviewed,
        "unreviewed": result.unreviewed,
        "files": [str(file.path) for file in result.files],
        "refused": result.refused,
        "kept": [str(path) for path in result.kept],
        **choices,
    }


def _edition_from_json(data: dict) -> build.EditionResult:
    choices = {name: tuple(map(_choice_from_json, data[name])) for name in LISTED_CHOICES}
    return build.EditionResult(
        slug=data["slug"],
        source=data["source"],
        lang=data["lang"],
        total=data["total"],
        reviewed=data["reviewed"],
        unreviewed=data["unreviewed"],
        files=tuple(FileResult(Path(file), written=False) for file in data["files"]),
        refused=data["refused"],
        kept=tuple(map(Path, data["kept"])),
        **choices,
    )


def _choice_json(choice: build.Choice) -> dict:
    return {
        "unit": dataclasses.asdict(choice.unit),
        "text": choice.text,
        "use": choice.use.value,
        "state": choice.state.value if choice.state else None,
        "normalised": choice.normalised,
        "stale": choice.stale,
        "unsafe": choice.unsafe,
    }


def _choice_from_json(data: dict) -> build.Choice:
    return build.Choice(
        unit=Unit(**data["unit"]),
        text=data["text"],
        use=build.Use(data["use"]),
        state=EntryState(data["state"]) if data["state"] else None,
        normalised=data["normalised"],
        stale=data["stale"],
        unsafe=data["unsafe"],
    )


@dataclass(frozen=True, slots=True)
class ChangedCheck:
    report: checks.Report
    unchanged: int
    """Catalogs left out: unchanged since a check found no error in them."""


def check_changed(project: Project, store: StateStore, glossary: Glossary, glossary_path: Path) -> ChangedCheck:
    """:func:`pipeline.qa.checks.check_project` over the catalogs that changed (with their template and the
    glossary) since a check last found them clean: without error, the findings that make ``check``
    fail. A catalog with an error stays in every check until it is fixed; warnings and info are shown
    by the check that first sees them (and by ``check --all``)."""
    paths = checks.catalog_paths(project)
    key = json.dumps([project.source_lang, str(glossary_path)], ensure_ascii=False)
    seeds = {path.stem: path for path in project.article_paths()} if project.seeds.is_dir() else {}
    inputs = {
        path: [path, template_of(path), glossary_path, *([seeds[path.stem]] if path.stem in seeds else [])]
        for path in paths
    }
    changed = [path for path in paths if store.recall(CHECKED, json.dumps([key, str(path)]), inputs[path]) is None]
    report = checks.check_project(project, glossary, changed) if changed else checks.Report(catalogs=(), problems=())
    changed_seeds = sorted({seeds[path.stem] for path in changed if path.stem in seeds})
    report = dataclasses.replace(
        report, problems=(*report.problems, *checks.local_file_problems(project, changed_seeds))
    )
    found = {problem.path for problem in report.problems if problem.severity is checks.Severity.ERROR}
    for path in changed:
        if str(path) not in found:
            store.remember(CHECKED, json.dumps([key, str(path)]), inputs[path], True)
    return ChangedCheck(report=report, unchanged=len(paths) - len(changed))
