"""Machine drafts: fill every untranslated entry with a translation a translator then reviews.

Where drafts live
    A draft is an ordinary ``msgstr`` with the ``fuzzy`` flag and a translator comment
    ``# machine translation: <provenance>`` (:func:`pipeline.po.catalogs.with_machine_draft`): GNU
    msgmerge and PO editors keep both. Only entries with an empty ``msgstr`` are filled; a
    translator's text, fuzzy or not, is never touched.
Provenance
    ``Argos Translate de→en 1.9``, ``Argos Translate de→en 1.9 → en→fr 1.9 (pivot)`` or, for a
    sentence whose reviewed translation (or that of a similar sentence) is in the translation memory
    (:mod:`pipeline.memory.store`), ``translation memory: <slug>`` or ``translation memory 92 % (<slug>:<line>)``
    with the old sentence as ``#| msgid`` (still fuzzy: the match gets a look in its new context).
    An engine that scores its output adds its confidence, the legs of a pivot multiplied:
    ``Argos Translate de→en 1.9 (confidence 0.82)`` (:mod:`pipeline.po.confidence`).
Work done once
    Identical sentences (across articles too) are translated once per pair, and through a pivot the
    source (German) is translated to English once: that English is the English draft and the input
    of en→fr.
    Catalogs come from extraction (:class:`pipeline.stages.extract.UpdateResult`) rather than being
    read again where extraction ran in this process.
Interruption
    Results are written (atomically) after every batch of ``save_every`` sentences, so Ctrl-C loses at
    most the batch in progress and a re-run continues with what is still empty.
Glossary terms
    Protected terms are replaced by placeholders before translation and their rendering for the
    final language is put back afterwards (:func:`pipeline.glossary.mask`, :func:`~pipeline.glossary.restore`).
    All inline markup of a Markdown article's sentence (links, emphasis, code, footnote references…)
    is masked the same way, and every draft comes back with exactly the source's markup
    (:mod:`pipeline.mt.markup_drafts`).

The engine is passed in (:class:`pipeline.mt.engines.Engine`, or the factory of an engine provider,
:mod:`pipeline.mt.plugins`); this module never builds one. Translating along the routes is
:class:`pipeline.mt.route_translation.RouteTranslator`'s, which ``evaluate`` uses too; drafting saves
through its ``after_batch`` callback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.articles.markdown import from_markdown_article
from pipeline.files import FileStamp, file_stamp
from pipeline.glossary import Glossary, Masked, mask, restore
from pipeline.memory import store
from pipeline.mt import markup_drafts
from pipeline.mt.engines import Engine, EngineFactory, route_label
from pipeline.mt.plugins import EngineProvider, load_provider
from pipeline.mt.route_translation import PairRun, Progress, RouteTranslator, no_progress
from pipeline.mt.routes import Pair, Route, plan_routes
from pipeline.po import catalogs, confidence
from pipeline.po.views import Catalog, EntryState, Key
from pipeline.project import Project
from pipeline.stages.extract import UpdateResult

DEFAULT_SAVE_EVERY = 128
"""Sentences per batch between two saves: a few seconds of work for a 6-layer model on two cores."""


# --- the catalogs a run works on -----------------------------------------------------------------


@dataclass(slots=True, eq=False)
class OpenCatalog:
    """A language catalog being drafted; its drafts are written back by :func:`save_dirty`."""

    lang: str
    slug: str
    path: Path
    catalog: Catalog
    """The catalog as last read or written."""
    stamp: FileStamp | None = None
    """:func:`pipeline.files.file_stamp` of the file when ``catalog`` was read or last written."""
    drafts: dict[Key, tuple[str, str]] = field(default_factory=dict)
    """Drafts not yet saved: entry key → (translation, provenance)."""
    previous_msgids: dict[Key, str] = field(default_factory=dict)
    """Of the drafts not yet saved, those made for another sentence (a fuzzy memory match): key → that sentence."""

    def draft(self, key: Key, translation: str, provenance: str, previous_msgid: str | None = None) -> None:
        self.drafts[key] = (translation, provenance)
        if previous_msgid is not None:
            self.previous_msgids[key] = previous_msgid


def open_catalogs(
    project: Project,
    *,
    langs: Sequence[str] | None = None,
    extracted: Iterable[UpdateResult] = (),
    only_waiting: bool = False,
) -> list[OpenCatalog]:
    """Every existing catalog of the project's articles in ``langs`` (default: the project's
    languages); run after extraction. A catalog that ``extracted`` carries, and that nobody rewrote
    since, is taken from there instead of being read again. With ``only_waiting``, a catalog that
    ``extracted`` left with nothing to draft is not opened."""
    extracted = list(extracted)
    carried = {result.path: result for result in extracted if result.catalog is not None}
    complete = {result.path for result in extracted if result.lang is not None and not result.untranslated}
    opened = []
    for article in project.article_paths():
        for lang in project.langs if langs is None else langs:
            path = project.catalog_path(lang, article.stem)
            stamp = file_stamp(path)
            if stamp is None or (only_waiting and path in complete):
                continue
            known = carried.get(path)
            catalog = (
                known.catalog
                if known and known.catalog is not None and known.stamp == stamp
                else catalogs.read_view(path)
            )
            opened.append(OpenCatalog(lang=lang, slug=article.stem, path=path, catalog=catalog, stamp=stamp))
    return opened


def waiting_langs(extracted: Iterable[UpdateResult], langs: Iterable[str]) -> list[str]:
    """The languages in ``langs`` where extraction left an untranslated entry: when there is nothing
    to draft, `translate` reads no catalog a second time after extraction."""
    waiting = {result.lang for result in extracted if result.untranslated}
    return [lang for lang in langs if lang in waiting]


def save_dirty(opened: Sequence[OpenCatalog], *, clock: Callable = catalogs.now) -> list[Path]:
    """Write the catalogs that received drafts. A catalog a translator saved meanwhile (Poedit is
    not stopped by our lock) is read again and gets only the drafts its entries still lack, so
    their work is never overwritten with the copy read at the start."""
    written = []
    for catalog in opened:
        if not catalog.drafts:
            continue
        if file_stamp(catalog.path) != catalog.stamp:
            catalog.catalog = catalogs.read_view(catalog.path)
        catalog.catalog = catalogs.with_machine_drafts(catalog.catalog, catalog.drafts, catalog.previous_msgids)
        catalogs.save_if_changed(catalog.catalog, None, catalog.path, date_fields=("PO-Revision-Date",), now=clock())
        catalog.stamp = file_stamp(catalog.path)
        catalog.drafts.clear()
        catalog.previous_msgids.clear()
        written.append(catalog.path)
    return written


# --- drafting ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LanguageDrafts:
    lang: str
    route: tuple[Pair, ...]
    provenance: str
    machine: int
    """Entries filled with a machine translation."""
    memory: int
    """Entries filled from the translation memory."""
    empty: int
    """Entries left empty because the engine returned nothing."""
    memory_fuzzy: int = 0
    """Of the entries filled from the translation memory, those given the translation of a similar sentence."""


@dataclass(frozen=True, slots=True)
class DraftReport:
    languages: tuple[LanguageDrafts, ...]
    pairs: tuple[PairRun, ...]
    written: tuple[Path, ...]


@dataclass(slots=True)
class _Run:
    """The state of one :func:`draft` call."""

    opened: Sequence[OpenCatalog]
    engine: Engine
    routes: Mapping[str, tuple[Pair, ...]]
    glossary: Glossary
    clock: Callable
    translator: RouteTranslator
    memory_sources: store.MemorySources = store.MemorySources()
    pending: dict[str, dict[str, list[tuple[OpenCatalog, Key]]]] = field(default_factory=dict)
    """lang → msgid → the empty entries (catalog, key) waiting for its translation."""
    markdown: set[str] = field(default_factory=set)
    """The pending msgids that are sentences of Markdown articles (their markup is masked too)."""
    masked: dict[str, Masked] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    written: set[Path] = field(default_factory=set)


def draft(
    opened: Sequence[OpenCatalog],
    engine: Engine,
    routes: Mapping[str, Sequence[Pair]],
    *,
    glossary: Glossary = Glossary(),
    save_every: int = DEFAULT_SAVE_EVERY,
    progress: Progress = no_progress,
    clock: Callable = catalogs.now,
    memory_sources: store.MemorySources = store.MemorySources(),
) -> DraftReport:
    """Fill the empty entries of ``opened`` for every language ``routes`` names.

    ``routes[lang]`` is the chain of pairs from the source language to ``lang`` (one pair, or two
    through a pivot). Catalogs of other languages are left alone. Results are saved after each batch
    of ``save_every`` sentences, so an interruption keeps what was finished.
    """
    if save_every < 1:
        raise ValueError(f"save_every must be at least 1, not {save_every}")
    translator = RouteTranslator(engine, save_every, progress)
    run = _Run(
        opened,
        engine,
        {lang: tuple(route) for lang, route in routes.items()},
        glossary,
        clock,
        translator,
        memory_sources,
    )
    translator.after_batch = lambda pair: _save_finished(run, pair)
    _collect_pending(run)
    _fill_from_memory(run)
    run.written.update(save_dirty(opened, clock=clock))
    pair_runs = translator.translate(
        run.routes, {lang: [_input(run, msgid) for msgid in run.pending[lang]] for lang in run.routes}
    )
    languages = tuple(
        LanguageDrafts(lang=lang, route=route, provenance=_provenance(engine, route), **run.counts[lang])
        for lang, route in run.routes.items()
    )
    return DraftReport(languages=languages, pairs=tuple(pair_runs), written=tuple(sorted(run.written)))


def _collect_pending(run: _Run) -> None:
    for lang in run.routes:
        run.pending[lang] = {}
        run.counts[lang] = {"machine": 0, "memory": 0, "memory_fuzzy": 0, "empty": 0}
    for catalog in run.opened:
        waiting = run.pending.get(catalog.lang)
        if waiting is None:
            continue
        for entry in catalog.catalog.active():
            if entry.state is EntryState.UNTRANSLATED:
                waiting.setdefault(entry.msgid, []).append((catalog, entry.key))
                if from_markdown_article(entry.occurrences):
                    run.markdown.add(entry.msgid)


def _fill_from_memory(run: _Run) -> None:
    """Reuse reviewed translations of the same or a similar sentence as drafts (:mod:`pipeline.memory.store`)."""
    for lang, waiting in run.pending.items():
        if not waiting:
            continue
        drafted = [(catalog.slug, catalog.catalog) for catalog in run.opened if catalog.lang == lang]
        found = store.build_memory(lang, drafted, run.memory_sources)
        for msgid in list(waiting):
            match = found.match(
                msgid, threshold=run.memory_sources.threshold, glossary=run.glossary, markdown=msgid in run.markdown
            )
            if match is None:
                continue
            for catalog, key in waiting.pop(msgid):
                catalog.draft(key, match.translation, match.provenance, match.previous_source)
                run.counts[lang]["memory"] += 1
                run.counts[lang]["memory_fuzzy"] += not match.exact


def _input(run: _Run, msgid: str) -> str:
    """What the engine translates for ``msgid`` (masked once); a Markdown sentence's is guarded."""
    if msgid not in run.masked:
        run.masked[msgid] = engine_input(msgid, run.glossary, markdown=msgid in run.markdown)
        if msgid in run.markdown:
            run.translator.guarded.add(run.masked[msgid].text)
    return run.masked[msgid].text


def engine_input(msgid: str, glossary: Glossary, *, markdown: bool) -> Masked:
    """``msgid`` as the engine gets it: glossary terms masked and, in a sentence of a Markdown
    article, all its inline markup too (:func:`pipeline.mt.markup_drafts.mask_markdown`), so that the
    engine never sees (or changes) it.
    ``evaluate`` sends the same text, so that it scores what ``translate`` would draft."""
    return markup_drafts.mask_markdown(msgid, glossary) if markdown else mask(msgid, glossary)


def _save_finished(run: _Run, pair: Pair) -> None:
    """After a batch of ``pair``: draft the entries it finished and save them."""
    _fill_finished(run, pair)
    run.written.update(save_dirty(run.opened, clock=run.clock))


def _fill_finished(run: _Run, pair: Pair) -> None:
    """Draft every pending entry of the languages whose route ends with ``pair`` and is now done."""
    for lang, route in run.routes.items():
        if route[-1] != pair:
            continue
        provenance = _provenance(run.engine, route)
        waiting = run.pending[lang]
        for msgid in list(waiting):
            text = run.translator.output(route, _input(run, msgid))
            if text is None:
                continue
            translation = (
                markup_drafts.finished_draft(msgid, text, run.masked[msgid], lang, run.glossary)
                if msgid in run.markdown
                else restore(text, run.masked[msgid], lang, run.glossary).strip()
            )
            sure = run.translator.confidence(route, _input(run, msgid))
            noted = confidence.with_confidence(provenance, sure)
            for catalog, key in waiting.pop(msgid):
                if translation:
                    catalog.draft(key, translation, noted)
                run.counts[lang]["machine" if translation else "empty"] += 1


def _provenance(engine: Engine, route: tuple[Pair, ...]) -> str:
    return route_label(engine, route) + (" (pivot)" if len(route) > 1 else "")


@dataclass(frozen=True, slots=True)
class ProjectDrafts:
    """What ``pipeline translate`` did after extraction."""

    report: DraftReport | None
    """None when no language had its packages."""
    routes: Mapping[str, Route]
    """The route of each language that had something to draft."""
    warnings: tuple[str, ...] = ()
    missing: str | None = None
    """One line naming the missing pairs and how to get them (the engine's words); None when nothing
    is missing."""


def draft_project(
    project: Project,
    make_engine: EngineFactory,
    extracted: Sequence[UpdateResult],
    *,
    glossary: Glossary = Glossary(),
    save_every: int = DEFAULT_SAVE_EVERY,
    progress: Progress = no_progress,
    memory_threshold: float = store.DEFAULT_THRESHOLD,
    provider: EngineProvider | None = None,
    memory_reader: store.SegmentReader = store.read_segments,
) -> ProjectDrafts:
    """Draft every language whose pairs ``provider`` can translate (default: the Argos packages
    installed, the newest of each pair); languages without are left for :attr:`ProjectDrafts.missing`.

    ``extracted`` is what extraction just returned (:func:`pipeline.stages.extract.extract_project`):
    it says which languages wait for drafts and carries catalogs already read. ``make_engine`` (from
    ``provider.open()``) is called with the pairs needed, once there is something to draft.

    Only languages with something to draft need packages: a project whose catalogs are all
    translated (a fresh clone of a reviewed repository) runs without any model installed. Only the
    catalogs with something to draft are opened; the translation memory reads the others through
    ``memory_reader``.
    """
    provider = provider or load_provider("argos")
    waiting = waiting_langs(extracted, project.langs)
    routes = plan_routes(project.source_lang, waiting, provider.available_pairs()) if waiting else {}
    ready = {lang: route.steps for lang, route in routes.items() if route.available}
    missing = {lang: route for lang, route in routes.items() if not route.available}
    lacking = provider.missing_message(missing) if missing else None
    if not ready:
        return ProjectDrafts(report=None, routes=routes, missing=lacking)
    engine = make_engine(sorted({pair for steps in ready.values() for pair in steps}))
    opened = open_catalogs(project, langs=list(ready), extracted=extracted, only_waiting=True)
    report = draft(
        opened,
        engine,
        ready,
        glossary=glossary,
        save_every=save_every,
        progress=progress,
        memory_sources=store.MemorySources.of(project, memory_threshold, memory_reader),
    )
    return ProjectDrafts(report=report, routes=routes, warnings=tuple(engine.warnings), missing=lacking)
