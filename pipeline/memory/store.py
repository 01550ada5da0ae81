"""The translation memory: every reviewed translation of a language, for exact and fuzzy matches.

What it holds, for one target language (first found wins where a sentence has several):

1. the reviewed entries of the catalogs being drafted (every article's catalog of the language);
2. the reviewed entries of *orphaned* catalogs, ``locales/<lang>/LC_MESSAGES/<slug>.po`` whose seed
   is gone (a renamed or deleted article): the desk's work is not lost with the seed;
3. imported memories, ``locales/<MEMORIES>/*.tmx`` (``pipeline tm import``), in name order.

A sentence to draft first looks for the same sentence (an exact match, provenance
``translation memory: <slug>``), then for the most similar one, scored by
:mod:`pipeline.memory.fuzzy_index`: at or above the threshold (default :data:`DEFAULT_THRESHOLD` %), its
translation is offered with provenance ``translation memory 92 % (<slug>:<line>)`` and the old
sentence as ``#| msgid``, once its numbers and glossary terms are those of the new sentence
(:mod:`pipeline.memory.substitution`; a match that cannot be adapted is left to the engine).
``<line>`` is the line of the sentence in its seed article (the catalog entry's reference), or of
the ``<tu>`` in an imported memory. Everything from the memory is a fuzzy draft for a translator to
review, never a reviewed translation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.articles.markdown import markup_terms
from pipeline.glossary import Glossary
from pipeline.memory import tmx
from pipeline.memory.fuzzy_index import FuzzyIndex
from pipeline.memory.substitution import adapt
from pipeline.po import catalogs
from pipeline.po.views import Catalog, EntryState
from pipeline.project import SOURCE_LANGUAGE, Project

DEFAULT_THRESHOLD = 85.0
"""Least similarity (RapidFuzz ratio, %) for a reviewed translation of another sentence to be offered:
news repeats sentences with a date or a figure changed, which stay above it."""
MEMORIES = "memories"
"""Folder of imported memories, inside the catalogs folder: committed with the project like the catalogs."""
TRANSLATION_MEMORY = "translation memory: "
"""Start of the provenance of an exact match."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One reviewed pair of the memory."""

    source: str
    target: str
    origin: str
    """The article's slug, or the imported memory's file name."""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Match:
    segment: Segment
    score: float
    """100 for the same sentence, else RapidFuzz's ratio."""
    translation: str
    """The segment's translation with the new sentence's numbers and terms."""
    replaced: tuple[tuple[str, str], ...] = ()

    @property
    def exact(self) -> bool:
        return self.score >= 100 and not self.replaced

    @property
    def previous_source(self) -> str | None:
        """The sentence the translation was made for, when it is not the one drafted (``#|``)."""
        return None if self.exact else self.segment.source

    @property
    def provenance(self) -> str:
        """``translation memory: slug`` or ``translation memory 92 % (slug:12), 16 → 18``."""
        if self.exact:
            return TRANSLATION_MEMORY + self.segment.origin
        where = self.segment.origin if self.segment.line is None else f"{self.segment.origin}:{self.segment.line}"
        changes = "".join(f", {old} → {new}" for old, new in self.replaced)
        return f"translation memory {math.floor(self.score)} % ({where}){changes}"


SegmentReader = Callable[[Path, str], list[Segment]]
"""Reads the reviewed pairs of the catalog at a path, with the given origin (its slug)."""


def read_segments(path: Path, origin: str) -> list[Segment]:
    return list(catalog_segments(catalogs.read_view(path), origin))


@dataclass(frozen=True, slots=True)
class MemorySources:
    """Where a language's memory comes from besides the catalogs being drafted."""

    locales: Path | None = None
    """The catalogs folder: orphaned catalogs and imported memories are found there; None for none."""
    articles: frozenset[str] = frozenset()
    """Slugs of the articles that have a seed: their catalogs are not orphans."""
    source_lang: str = SOURCE_LANGUAGE
    threshold: float = DEFAULT_THRESHOLD
    """Least similarity (%) of a fuzzy match; 100 turns fuzzy matches off."""
    catalogs: Mapping[str, tuple[tuple[str, Path], ...]] = field(default_factory=dict)
    """Language → (slug, path) of every article's catalog, in the articles' order: the memory holds
    them all, the catalogs a run has not opened (nothing to draft in them) read through ``reader``.
    Empty: the memory holds the catalogs being drafted only."""
    reader: SegmentReader = read_segments
    """How a catalog the run has not opened is read (:func:`pipeline.stages.incremental.memory_reader`
    recalls an unchanged one from the state store)."""

    @classmethod
    def of(
        cls, project: Project, threshold: float = DEFAULT_THRESHOLD, reader: SegmentReader = read_segments
    ) -> MemorySources:
        articles = project.article_paths()
        return cls(
            locales=project.locales,
            articles=frozenset(path.stem for path in articles),
            source_lang=project.source_lang,
            threshold=threshold,
            catalogs={
                lang: tuple((path.stem, project.catalog_path(lang, path.stem)) for path in articles)
                for lang in project.langs
            },
            reader=reader,
        )


class TranslationMemory:
    """The reviewed pairs of one language, looked up by sentence; the first of several pairs with
    the same source wins."""

    def __init__(self, lang: str, segments: Iterable[Segment], source_lang: str = SOURCE_LANGUAGE) -> None:
        self.lang, self.source_lang = lang, source_lang
        self._exact: dict[str, Segment] = {}
        for segment in segments:
            self._exact.setdefault(segment.source, segment)
        self._sources = list(self._exact)
        self._index: FuzzyIndex | None = None

    def __len__(self) -> int:
        return len(self._exact)

    def match(
        self, source: str, *, threshold: float, glossary: Glossary = Glossary(), markdown: bool = False
    ) -> Match | None:
        """The same sentence, else the most similar one at or above ``threshold`` (%) adapted to
        ``source``; None when there is none, or the best cannot be adapted. In a sentence of a
        Markdown article (``markdown``), link targets, image paths and code spans are adapted as
        glossary terms kept as written, so that an old URL is never offered for a new one."""
        same = self._exact.get(source)
        if same is not None:
            return Match(segment=same, score=100.0, translation=same.target)
        if threshold >= 100 or not self._sources:
            return None
        if self._index is None:
            self._index = FuzzyIndex(self._sources)  # built on the first fuzzy lookup only
        found = self._index.best(source, threshold)
        if found is None:
            return None
        segment = self._exact[self._sources[found.index]]
        if markdown:
            glossary = Glossary((*glossary.terms, *markup_terms(segment.source), *markup_terms(source)))
        adapted = adapt(
            segment.source, source, segment.target, source_lang=self.source_lang, lang=self.lang, glossary=glossary
        )
        if adapted is None:
            return None
        return Match(segment=segment, score=found.score, translation=adapted.translation, replaced=adapted.replaced)


# --- gathering -----------------------------------------------------------------------------------


def build_memory(lang: str, drafted: Iterable[tuple[str, Catalog]], sources: MemorySources) -> TranslationMemory:
    """The memory of ``lang``: every article's catalog (those being drafted as ``drafted`` holds them,
    (slug, catalog)), orphaned catalogs, imported memories."""
    segments = [
        *article_segments(lang, dict(drafted), sources),
        *orphan_segments(lang, sources),
        *imported_segments(lang, sources),
    ]
    return TranslationMemory(lang=lang, segments=segments, source_lang=sources.source_lang)


def article_segments(lang: str, opened: Mapping[str, Catalog], sources: MemorySources) -> Iterator[Segment]:
    """The reviewed pairs of every article's catalog of ``lang`` in the articles' order, the catalogs
    being drafted (``opened``, by slug) as the run holds them."""
    listed = sources.catalogs.get(lang)
    if listed is None:
        for slug, catalog in opened.items():
            yield from catalog_segments(catalog, slug)
        return
    for slug, path in listed:
        if slug in opened:
            yield from catalog_segments(opened[slug], slug)
        elif path.is_file():
            yield from sources.reader(path, slug)


def catalog_segments(catalog: Catalog, origin: str) -> Iterator[Segment]:
    """The reviewed pairs of a catalog (singular entries with a msgstr and without ``fuzzy``)."""
    for entry in catalog.active():
        if entry.state is EntryState.REVIEWED and entry.msgid and not entry.msgid_plural:
            yield Segment(source=entry.msgid, target=entry.msgstr, origin=origin, line=_seed_line(entry.occurrences))


def _seed_line(occurrences: tuple[tuple[str, str], ...]) -> int | None:
    """The line of the sentence in its article, from the entry's first reference."""
    return int(occurrences[0][1]) if occurrences and occurrences[0][1].isdigit() else None


def orphan_paths(lang: str, sources: MemorySources) -> list[Path]:
    """Catalogs of ``lang`` whose article has no seed any more, sorted."""
    if sources.locales is None:
        return []
    folder = sources.locales / lang / "LC_MESSAGES"
    return sorted(path for path in folder.glob("*.po") if path.stem not in sources.articles)


def orphan_segments(lang: str, sources: MemorySources) -> Iterator[Segment]:
    for path in orphan_paths(lang, sources):
        yield from sources.reader(path, path.stem)


def memory_paths(locales: Path) -> list[Path]:
    """The imported memories of a project, in name order."""
    return sorted((locales / MEMORIES).glob("*.tmx"))


def imported_segments(lang: str, sources: MemorySources) -> Iterator[Segment]:
    if sources.locales is None:
        return
    for path in memory_paths(sources.locales):
        for pair in tmx.pairs(tmx.read_tmx(path), sources.source_lang, (lang,)):
            yield Segment(source=pair.source, target=pair.target, origin=path.name, line=pair.line)
