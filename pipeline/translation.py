"""Machine drafts: fill every untranslated entry with a translation a translator then reviews.

Where drafts live
    A draft is an ordinary ``msgstr`` with the ``fuzzy`` flag and a translator comment
    ``# machine translation: <provenance>`` (:func:`pipeline.catalogs.set_machine_draft`): GNU
    msgmerge and PO editors keep both. Only entries with an empty ``msgstr`` are filled; a
    translator's text, fuzzy or not, is never touched.
Provenance
    ``Argos Translate de→en 1.9``, ``Argos Translate de→en 1.9 → en→fr 1.9 (pivot)`` or, for an exact
    match of a sentence whose reviewed translation exists in a catalog of the same language,
    ``translation memory: <slug>`` (still fuzzy: the match gets a look in its new context).
Work done once
    Identical sentences (across articles too) are translated once per pair, and through a pivot the
    German is translated to English once: that English is the English draft and the input of en→fr.
Interruption
    Results are written (atomically) after every batch of ``save_every`` sentences, so Ctrl-C loses at
    most the batch in progress and a re-run continues with what is still empty.
Glossary terms
    Protected terms are replaced by placeholders before translation and their rendering for the
    final language is put back afterwards (:func:`mask`, :func:`restore`).

The engine is passed in as an object that follows :class:`Translator`: :class:`ArgosTranslator`
batches sentences through CTranslate2 (never Argos's per-text ``translate()``, which re-splits
sentences with a MiniSBD model it downloads on first use); :class:`FakeTranslator` serves tests;
:class:`pipeline.cluster.DaskTranslator` runs the same batches on a Dask cluster
(:func:`draft_project`'s ``make_engine``).
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ContextManager, Protocol

from pipeline import argos_packages, batching, catalogs
from pipeline.argos_packages import InstalledPackage, Pair, Route
from pipeline.catalogs import EntryState
from pipeline.errors import ModelError
from pipeline.glossary import Glossary, Term
from pipeline.project import Project

DEFAULT_SAVE_EVERY = 128
"""Sentences per batch between two saves: a few seconds of work for a 6-layer model on two cores."""

MAX_INPUT_TOKENS = 500
"""Longest input handed to CTranslate2; longer sentences are translated in parts, with a warning.
Argos's models are trained on sentences far shorter than this, and their position tables end."""

TRANSLATION_MEMORY = "translation memory: "


class Translator(Protocol):
    """A machine translation engine as :func:`draft` uses it."""

    name: str
    """Shown in provenance, e.g. ``Argos Translate``."""

    def label(self, pair: Pair) -> str:
        """The pair and the version of what translates it, e.g. ``de→en 1.9``."""

    def translate(self, pair: Pair, sentences: Sequence[str]) -> list[str]:
        """One translation per sentence, in order."""


# --- glossary masking ----------------------------------------------------------------------------

PLACEHOLDER = "ZQX{}"
"""A protected term's stand-in. SentencePiece splits it into ``▁Z Q X 1``, pieces every vocabulary
holds (no ``<unk>``), and models trained on news and subtitles copy such capital-and-digit codes the
way they copy product names and flight numbers (A380, COVID-19); it is no word in German, English or
French, so there is nothing to translate or inflect, and it holds no punctuation that target-language
typography would respace or replace (brackets, ``#``, ``_``, French spaces before ``:``)."""

PLACEHOLDER_FOUND = re.compile(r"Z\s*Q\s*X\s*[-_]?\s*(\d{1,3})", re.IGNORECASE)
"""A placeholder as it may come back: in another case, split by spaces, or with a hyphen."""


@dataclass(frozen=True, slots=True)
class Masked:
    text: str
    """The sentence with ``ZQX1``, ``ZQX2``… in place of the glossary terms it holds."""
    terms: tuple[Term, ...] = ()
    """``terms[i]`` is the term behind placeholder ``i + 1``."""


def mask(text: str, glossary: Glossary) -> Masked:
    """Replace the glossary terms in a German sentence with numbered placeholders.

    >>> from pipeline.glossary import Term
    >>> mask("Verkor baut in Dunkerque.", Glossary((Term("Verkor", {}), Term("Dunkerque", {})))).text
    'ZQX1 baut in ZQX2.'
    """
    found = glossary.find(text)
    if not found or PLACEHOLDER_FOUND.search(text):  # a text that looks masked already is left alone
        return Masked(text)
    parts, last = [], 0
    for number, (_, start, end) in enumerate(found, start=1):
        parts += [text[last:start], PLACEHOLDER.format(number)]
        last = end
    parts.append(text[last:])
    return Masked("".join(parts), tuple(term for term, _, _ in found))


def restore(translation: str, masked: Masked, lang: str, glossary: Glossary) -> str:
    """Put each term's rendering for ``lang`` where the engine left its placeholder.

    A lost placeholder leaves the draft without the term (``pipeline check`` reports it); one the
    engine invented is left as it is, for the reviewer to see. A rendering in lower case that starts
    the translation is capitalised (``gigafactory``), unless the German form is lower case too
    (``iPhone``).

    >>> from pipeline.glossary import Term
    >>> terms = Glossary((Term("Dunkerque", {"en": "Dunkirk"}),))
    >>> restore("near zqx 1.", mask("bei Dunkerque.", terms), "en", terms)
    'near Dunkirk.'
    """
    if not masked.terms:
        return translation

    def rendering(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(masked.terms):
            return match.group(0)
        term = masked.terms[number - 1]
        text = glossary.rendering(term, lang)
        if match.start() == 0 and text[:1].islower() and term.source[:1].isupper():
            return text[:1].upper() + text[1:]
        return text

    return PLACEHOLDER_FOUND.sub(rendering, translation)


# --- the catalogs a run works on -----------------------------------------------------------------


@dataclass(slots=True, eq=False)
class OpenCatalog:
    """A language catalog read for drafting; its drafts are written back by :func:`save_dirty`."""

    lang: str
    slug: str
    path: Path
    po: Any
    """The catalog as :func:`pipeline.catalogs.read_catalog` returns it."""
    stamp: tuple[int, int] | None = None
    """(mtime, size) of the file when ``po`` was read or last written."""
    drafts: dict[tuple[str | None, str], tuple[str, str]] = field(default_factory=dict)
    """Drafts not yet saved: entry key → (translation, provenance)."""

    def draft(self, entry: Any, translation: str, provenance: str) -> None:
        catalogs.set_machine_draft(entry, translation, provenance)
        self.drafts[catalogs.entry_key(entry)] = (translation, provenance)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_mtime_ns, status.st_size)


def open_catalogs(project: Project, *, langs: Sequence[str] | None = None) -> list[OpenCatalog]:
    """Every existing catalog of the project's articles in ``langs`` (default: the project's
    languages); run after extraction."""
    opened = []
    for article in project.article_paths():
        for lang in project.langs if langs is None else langs:
            path = project.catalog_path(lang, article.stem)
            if path.exists():
                stamp = _stamp(path)
                opened.append(OpenCatalog(lang=lang, slug=article.stem, path=path,
                                          po=catalogs.read_catalog(path), stamp=stamp))
    return opened


def waiting_langs(project: Project, langs: Iterable[str]) -> list[str]:
    """The languages with a catalog that may hold an untranslated entry, judged from the text: when
    there is nothing to draft, `translate` parses no catalog a second time after extraction."""
    paths = project.article_paths()
    return [lang for lang in langs if any(
        catalog.exists() and catalogs.may_have_untranslated(catalog.read_bytes())
        for catalog in (project.catalog_path(lang, path.stem) for path in paths))]


def save_dirty(opened: Sequence[OpenCatalog], *, clock: Callable = catalogs.now) -> list[Path]:
    """Write the catalogs that received drafts. A catalog a translator saved meanwhile (Poedit is
    not stopped by our lock) is read again and gets only the drafts its entries still lack, so
    their work is never overwritten with the copy read at the start."""
    written = []
    for catalog in opened:
        if not catalog.drafts:
            continue
        if _stamp(catalog.path) != catalog.stamp:
            catalog.po = catalogs.read_catalog(catalog.path)
        _redraft(catalog.po, catalog.drafts)
        catalogs.save_if_changed(catalog.po, None, catalog.path, date_fields=("PO-Revision-Date",), now=clock())
        catalog.stamp = _stamp(catalog.path)
        catalog.drafts.clear()
        written.append(catalog.path)
    return written


def _redraft(po: Any, drafts: Mapping[tuple[str | None, str], tuple[str, str]]) -> None:
    """Put the drafts into the entries of ``po`` that are still empty (after a re-read)."""
    for entry in catalogs.active_entries(po):
        found = drafts.get(catalogs.entry_key(entry))
        if found and catalogs.entry_state(entry) is EntryState.UNTRANSLATED:
            catalogs.set_machine_draft(entry, *found)


# --- drafting ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairRun:
    pair: Pair
    sentences: int
    """Distinct sentences sent to the engine for this pair."""
    batches: int
    seconds: float


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


@dataclass(frozen=True, slots=True)
class DraftReport:
    languages: tuple[LanguageDrafts, ...]
    pairs: tuple[PairRun, ...]
    written: tuple[Path, ...]


class ProgressBar(Protocol):
    def update(self, n_steps: int) -> None: ...


Progress = Callable[[Pair, int], ContextManager[ProgressBar]]
"""``progress(pair, total)``: a context whose value's ``update(n)`` is called after each batch of
``n`` sentences; ``click.progressbar(length=total)`` is one."""


class _NoBar:
    def update(self, n_steps: int) -> None:
        pass


@contextlib.contextmanager
def no_progress(pair: Pair, total: int) -> Iterator[ProgressBar]:
    yield _NoBar()


@dataclass(slots=True)
class _Run:
    """The state of one :func:`draft` call."""

    opened: Sequence[OpenCatalog]
    translator: Translator
    routes: Mapping[str, tuple[Pair, ...]]
    glossary: Glossary
    clock: Callable
    pending: dict[str, dict[str, list[tuple[OpenCatalog, Any]]]] = field(default_factory=dict)
    """lang → msgid → the empty entries (with their catalogs) waiting for its translation."""
    masked: dict[str, Masked] = field(default_factory=dict)
    done: dict[tuple[Pair, str], str] = field(default_factory=dict)
    """(pair, input) → output, inputs and outputs masked."""
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    written: set[Path] = field(default_factory=set)


def draft(opened: Sequence[OpenCatalog], translator: Translator, routes: Mapping[str, Sequence[Pair]], *,
          glossary: Glossary = Glossary(), save_every: int = DEFAULT_SAVE_EVERY,
          progress: Progress = no_progress, clock: Callable = catalogs.now) -> DraftReport:
    """Fill the empty entries of ``opened`` for every language ``routes`` names.

    ``routes[lang]`` is the chain of pairs from the source language to ``lang`` (one pair, or two
    through a pivot). Catalogs of other languages are left alone. Results are saved after each batch
    of ``save_every`` sentences, so an interruption keeps what was finished.
    """
    if save_every < 1:
        raise ValueError(f"save_every must be at least 1, not {save_every}")
    run = _Run(opened, translator, {lang: tuple(route) for lang, route in routes.items()}, glossary, clock)
    _collect_pending(run)
    _fill_from_memory(run)
    run.written.update(save_dirty(opened, clock=clock))
    pair_runs = [_translate_pair(run, pair, save_every, progress) for pair in _pair_order(run.routes)]
    languages = tuple(
        LanguageDrafts(lang=lang, route=route, provenance=_provenance(translator, route), **run.counts[lang])
        for lang, route in run.routes.items())
    return DraftReport(languages=languages, pairs=tuple(pair_runs), written=tuple(sorted(run.written)))


def _collect_pending(run: _Run) -> None:
    for lang in run.routes:
        run.pending[lang] = {}
        run.counts[lang] = {"machine": 0, "memory": 0, "empty": 0}
    for catalog in run.opened:
        waiting = run.pending.get(catalog.lang)
        if waiting is None:
            continue
        for entry in catalogs.active_entries(catalog.po):
            if catalogs.entry_state(entry) is EntryState.UNTRANSLATED:
                waiting.setdefault(entry.msgid, []).append((catalog, entry))


def _fill_from_memory(run: _Run) -> None:
    """Reuse reviewed translations of the same sentence, from any article, as drafts."""
    for lang, waiting in run.pending.items():
        memory: dict[str, tuple[str, str]] = {}
        for catalog in run.opened:
            if catalog.lang != lang:
                continue
            for entry in catalogs.active_entries(catalog.po):
                if entry.msgid in waiting and catalogs.entry_state(entry) is EntryState.REVIEWED:
                    memory.setdefault(entry.msgid, (entry.msgstr, catalog.slug))
        for msgid, (translation, slug) in memory.items():
            for catalog, entry in waiting.pop(msgid):
                catalog.draft(entry, translation, TRANSLATION_MEMORY + slug)
                run.counts[lang]["memory"] += 1


def _pair_order(routes: Mapping[str, tuple[Pair, ...]]) -> list[Pair]:
    """Pairs in the order their inputs become available: first steps of every route, then second."""
    order: list[Pair] = []
    for depth in range(max((len(route) for route in routes.values()), default=0)):
        for route in routes.values():
            if depth < len(route) and route[depth] not in order:
                order.append(route[depth])
    return order


def _input(run: _Run, msgid: str, route: tuple[Pair, ...], depth: int) -> str | None:
    """What step ``depth`` of ``route`` translates for ``msgid``; None while an earlier step is due."""
    if msgid not in run.masked:
        run.masked[msgid] = mask(msgid, run.glossary)
    text = run.masked[msgid].text
    for step in route[:depth]:
        text = run.done.get((step, text))
        if text is None:
            return None
    return text


def _translate_pair(run: _Run, pair: Pair, save_every: int, progress: Progress) -> PairRun:
    """Translate what every route needs from ``pair``, filling finished entries batch by batch."""
    inputs: dict[str, None] = {}
    for lang, route in run.routes.items():
        for depth in (i for i, step in enumerate(route) if step == pair):
            for msgid in run.pending[lang]:
                text = _input(run, msgid, route, depth)
                if text == "":  # an earlier step gave nothing: there is nothing to translate
                    run.done[(pair, text)] = ""
                elif text is not None and (pair, text) not in run.done:
                    inputs[text] = None
    todo = list(inputs)
    started, batches = time.monotonic(), 0
    with progress(pair, len(todo)) as bar:
        for start in range(0, len(todo), save_every):
            batch = todo[start:start + save_every]
            outputs = run.translator.translate(pair, batch)
            if len(outputs) != len(batch):
                raise RuntimeError(f"{run.translator.name} returned {len(outputs)} translations "
                                   f"for {len(batch)} sentences")
            run.done.update(((pair, text), output) for text, output in zip(batch, outputs))
            batches += 1
            _fill_finished(run, pair)
            run.written.update(save_dirty(run.opened, clock=run.clock))
            bar.update(len(batch))
    _fill_finished(run, pair)  # entries whose translation was known before this run of the pair
    run.written.update(save_dirty(run.opened, clock=run.clock))
    return PairRun(pair=pair, sentences=len(todo), batches=batches, seconds=time.monotonic() - started)


def _fill_finished(run: _Run, pair: Pair) -> None:
    """Draft every pending entry of the languages whose route ends with ``pair`` and is now done."""
    for lang, route in run.routes.items():
        if route[-1] != pair:
            continue
        provenance = _provenance(run.translator, route)
        waiting = run.pending[lang]
        for msgid in list(waiting):
            text = _input(run, msgid, route, len(route))
            if text is None:
                continue
            translation = restore(text, run.masked[msgid], lang, run.glossary).strip()
            for catalog, entry in waiting.pop(msgid):
                if translation:
                    catalog.draft(entry, translation, provenance)
                run.counts[lang]["machine" if translation else "empty"] += 1


def _provenance(translator: Translator, route: tuple[Pair, ...]) -> str:
    steps = " → ".join(translator.label(pair) for pair in route)
    return f"{translator.name} {steps}" + (" (pivot)" if len(route) > 1 else "")


@dataclass(frozen=True, slots=True)
class ProjectDrafts:
    """What ``pipeline translate`` did after extraction."""

    report: DraftReport | None
    """None when no language had its packages."""
    routes: Mapping[str, Route]
    warnings: tuple[str, ...] = ()

    @property
    def missing(self) -> str | None:
        """One line naming the missing packages and how to install them; None when nothing is missing."""
        if all(route.available for route in self.routes.values()):
            return None
        return argos_packages.missing_message(self.routes)


EngineFactory = Callable[[Mapping[Pair, InstalledPackage], "EngineOptions"], Translator]
"""Builds the engine from the packages a run uses: :class:`ArgosTranslator` here, or
``functools.partial(pipeline.cluster.DaskTranslator, client)`` on a Dask cluster."""


def draft_project(project: Project, *, glossary: Glossary = Glossary(), options: EngineOptions | None = None,
                  save_every: int = DEFAULT_SAVE_EVERY, progress: Progress = no_progress,
                  make_engine: EngineFactory | None = None) -> ProjectDrafts:
    """Draft every language whose Argos packages are installed, with the newest package of each pair;
    languages without packages are left for :attr:`ProjectDrafts.missing` to report."""
    installed = argos_packages.newest_by_pair(argos_packages.installed_packages())
    routes = argos_packages.plan_routes(project.source_lang, project.langs, installed)
    ready = {lang: route.steps for lang, route in routes.items() if route.available}
    if not ready:
        return ProjectDrafts(report=None, routes=routes)
    packages = {pair: installed[pair] for steps in ready.values() for pair in steps}
    engine = (make_engine or ArgosTranslator)(packages, options or EngineOptions())
    report = draft(open_catalogs(project, langs=waiting_langs(project, ready)), engine, ready,
                   glossary=glossary, save_every=save_every, progress=progress)
    return ProjectDrafts(report=report, routes=routes, warnings=tuple(getattr(engine, "warnings", ())))


# --- engines -------------------------------------------------------------------------------------


class FakeTranslator:
    """A deterministic stand-in: ``"Satz." → "Satz. [en]"``; records every call.

    ``fail_after`` raises KeyboardInterrupt on the call after that many, as Ctrl-C would.
    """

    name = "Fake"

    def __init__(self, *, fail_after: int | None = None):
        self.calls: list[tuple[Pair, tuple[str, ...]]] = []
        self.fail_after = fail_after

    def label(self, pair: Pair) -> str:
        return f"{pair} 0.0"

    def translate(self, pair: Pair, sentences: Sequence[str]) -> list[str]:
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise KeyboardInterrupt
        self.calls.append((pair, tuple(sentences)))
        return [f"{sentence} [{pair.target}]" for sentence in sentences]

    def sentences(self, pair: Pair) -> list[str]:
        """Every sentence sent for ``pair``, in order."""
        return [sentence for called, batch in self.calls if called == pair for sentence in batch]


def default_threads() -> tuple[int, int]:
    """(inter_threads, intra_threads): one single-threaded batch per core, up to four at once.

    On two cores, two batches side by side (2, 1) beat one batch on two threads (1, 2); see
    ``bench/bench_translation.py``.
    """
    cores = os.cpu_count() or 1
    inter = max(1, min(cores, 4))
    return inter, max(1, cores // inter)


@dataclass(frozen=True, slots=True)
class EngineOptions:
    beam_size: int = 4
    """Argos's own default: drafts read as Argos's users know them. 2 is about 1.8 times faster."""
    max_batch_size: int = 32
    """Sentences per CTranslate2 batch (batch_type "examples")."""
    inter_threads: int = field(default_factory=lambda: default_threads()[0])
    intra_threads: int = field(default_factory=lambda: default_threads()[1])
    compute_type: str = "default"
    """CTranslate2's compute type; "default" keeps the package's (int8 for published packages)."""
    device: str = "cpu"
    """``cpu`` or ``cuda`` (see :mod:`pipeline.devices`); on a cluster also ``auto``, decided by each worker."""

    def decoding(self, target_prefix: str = "") -> batching.Decoding:
        return batching.Decoding(self.beam_size, self.max_batch_size, target_prefix)

    def batches(self, parts: Sequence[Sequence[str]]) -> list[list[int]]:
        """How ``parts`` are cut into batches, wherever they run: the same settings give the same
        batches locally and on a cluster, hence the same drafts."""
        return batching.plan_batches(parts, max_batch_size=self.max_batch_size, workers=self.inter_threads)


@dataclass(slots=True)
class _LoadedModel:
    translator: Any
    tokenizer: Any
    target_prefix: str


class ArgosTranslator:
    """Argos Translate packages run through CTranslate2 in batches; one CTranslate2 Translator per pair.

    Sentences go through the package's tokenizer (``pkg.tokenizer.encode``), are sorted by length and
    cut into batches of ``max_batch_size``, and every batch is queued at once (``asynchronous=True``)
    so that ``inter_threads`` workers stay busy; each batch gets an output limit proportional to its
    longest input. Inputs over :data:`MAX_INPUT_TOKENS` are translated in parts, and a warning is
    added to :attr:`warnings`.
    """

    name = "Argos Translate"

    def __init__(self, packages: Mapping[Pair, InstalledPackage], options: EngineOptions = EngineOptions()):
        self.packages = dict(packages)
        self.options = options
        self.warnings: list[str] = []
        self._models: dict[Pair, _LoadedModel] = {}

    def label(self, pair: Pair) -> str:
        return f"{pair} {self.packages[pair].version}".rstrip()

    def translate(self, pair: Pair, sentences: Sequence[str]) -> list[str]:
        model = self._model(pair)
        encoded = batching.encode(model.tokenizer, sentences, limit=MAX_INPUT_TOKENS)
        self.warnings += batching.split_warnings(pair, sentences, encoded, MAX_INPUT_TOKENS)
        decoding = self.options.decoding(model.target_prefix)
        jobs = [(group, batching.start_batch(model.translator, [encoded.parts[i] for i in group], decoding))
                for group in self.options.batches(encoded.parts)]  # all queued: inter_threads stay busy
        outputs: list[list[str] | None] = [None] * len(encoded.parts)
        for group, results in jobs:
            for index, result in zip(group, results):
                outputs[index] = batching.output_tokens(result, decoding)
        return batching.join(model.tokenizer, encoded, outputs, len(sentences), model.target_prefix)

    def _model(self, pair: Pair) -> _LoadedModel:
        if pair not in self._models:
            import ctranslate2
            from argostranslate.package import Package

            path = self.packages[pair].path
            try:
                package = Package(path)
                translator = ctranslate2.Translator(
                    str(path / "model"), device=self.options.device,
                    inter_threads=self.options.inter_threads, intra_threads=self.options.intra_threads,
                    compute_type=self.options.compute_type)
            except (RuntimeError, OSError, ValueError) as error:
                raise ModelError(f"cannot load the {pair} package ({argos_packages.first_line(error)}); reinstall "
                                 "it with `pipeline models install FILE.argosmodel`", path=path) from None
            self._models[pair] = _LoadedModel(translator, package.tokenizer, package.target_prefix)
        return self._models[pair]
