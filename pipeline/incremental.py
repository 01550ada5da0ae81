"""What each command remembers in the state store (:mod:`pipeline.state_store`), and how it comes back.

* ``extract``: per article, from its seed, template and catalogs, that extracting it again changes
  nothing, and how many entries of each catalog wait for a draft (what ``translate`` needs to know).
* ``status``: per catalog, from the catalog and its template, its :class:`~pipeline.status.CatalogStatus`.

A record's key holds every setting the value depends on (languages, source language, the article's
reference), so a run with other settings derives again instead of trusting it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from pipeline import catalogs, extraction, status
from pipeline.extraction import UpdateResult
from pipeline.files import file_stamp
from pipeline.project import Project
from pipeline.segmentation import read_article
from pipeline.state_store import StateStore
from pipeline.template_match import template_of

EXTRACTED = "extract"
STATUS = "status"


def extract_project(project: Project, store: StateStore, *, jobs: int | None = None) -> Iterator[list[UpdateResult]]:
    """:func:`pipeline.extraction.extract_project`, skipping every article whose files are as the last
    extraction left them: those are only stat'ed, and come back as unchanged results."""
    moment = catalogs.now()
    paths = project.article_paths()
    known = {path: recall_extraction(project, store, path) for path in paths}
    articles = [read_article(path, source=project.reference(path), language=project.source_lang)
                for path in paths if known[path] is None]
    fresh = extraction.extract_articles(project, articles, moment=moment, jobs=jobs)
    for path in paths:
        results = known[path]
        if results is None:
            results = next(fresh)
            remember_extraction(project, store, path, results)
        yield results


def _extraction_inputs(project: Project, path: Path) -> tuple[str, list[Path]]:
    key = json.dumps([project.reference(path), project.source_lang, list(project.langs)], ensure_ascii=False)
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
    for lang, catalog in zip(project.langs, files[2:]):
        results.append(UpdateResult(path=catalog, written=False, lang=lang, untranslated=waiting[lang],
                                    stamp=file_stamp(catalog)))
    return results


def remember_extraction(project: Project, store: StateStore, path: Path, results: Sequence[UpdateResult]) -> None:
    key, files = _extraction_inputs(project, path)
    waiting = {result.lang: result.untranslated for result in results if result.lang is not None}
    store.remember(EXTRACTED, key, files, waiting)


def catalog_status_reader(store: StateStore) -> Callable[..., status.CatalogStatus]:
    """:func:`pipeline.status.catalog_status`, recalled from ``store`` while the catalog and its
    template are unchanged."""

    def read(path: Path, *, slug: str, lang: str, templates: status.TemplatesRead | None = None) -> status.CatalogStatus:
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
