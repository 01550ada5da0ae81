"""The order a reviewer should take an article's entries in: the drafts the engine was least sure of first.

Order (stable: file order within each step):

1. machine drafts the engine scored, lowest confidence first (those below the threshold are flagged);
2. machine drafts without a confidence (translation-memory drafts, drafts of an engine that does not
   score, drafts written before confidences were recorded);
3. source changed: a translation to compare with its new source (``#|``);
4. edited drafts: a translator's text waiting for its ``fuzzy`` flag to be cleared;
5. untranslated entries, to translate rather than review.

Reviewed and obsolete entries are not listed. ``pipeline review-order`` prints this list; the review
sheet (:mod:`pipeline.editions.build`) heads its table with the flagged drafts (:func:`review_first`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.po import catalogs
from pipeline.po.catalogs import Translation
from pipeline.po.confidence import draft_confidence, entry_confidence, is_low
from pipeline.po.views import Catalog, EntryState, Key
from pipeline.project import Project, pipeline_command

STEPS = (EntryState.MACHINE_DRAFT, EntryState.SOURCE_CHANGED, EntryState.EDITED_DRAFT, EntryState.UNTRANSLATED)
"""The states listed, in the order they are taken."""
UNSCORED = 2.0
"""Sort key of a machine draft without a confidence: after every scored one (confidences are 0 to 1)."""


@dataclass(frozen=True, slots=True)
class ReviewItem:
    line: int | None
    """Line of the entry's ``msgid`` in the catalog."""
    msgid: str
    msgstr: str
    state: EntryState
    confidence: float | None
    """The engine's confidence in a machine draft; None for any other entry."""
    low: bool
    """A machine draft whose confidence is below the threshold: review it first."""


@dataclass(frozen=True, slots=True)
class ReviewOrder:
    path: Path
    lang: str
    threshold: float
    items: tuple[ReviewItem, ...]

    @property
    def low(self) -> int:
        return sum(1 for item in self.items if item.low)


def review_order(catalog: Catalog, *, threshold: float) -> list[ReviewItem]:
    """The entries of ``catalog`` that ask something of a reviewer, in the order to take them."""
    items = []
    for entry in catalog.active():
        state = entry.state
        if state in STEPS:
            confidence = entry_confidence(entry)
            items.append(
                ReviewItem(entry.line, entry.msgid, entry.msgstr, state, confidence, is_low(confidence, threshold))
            )
    return sorted(items, key=_priority)


def _priority(item: ReviewItem) -> tuple[int, float]:
    if item.state is EntryState.MACHINE_DRAFT:
        return 0, UNSCORED if item.confidence is None else item.confidence
    return STEPS.index(item.state), 0.0


def article_review_order(project: Project, slug: str, lang: str, *, threshold: float) -> ReviewOrder:
    """:func:`review_order` of the catalog of article ``slug`` in ``lang``."""
    path = project.catalog_path(lang, slug)
    if not path.is_file():
        raise PipelineError(
            f"no such catalog; check the article's name, or run `{pipeline_command()} extract`", path=path
        )
    items = review_order(catalogs.read_view(path), threshold=threshold)
    return ReviewOrder(path=path, lang=lang, threshold=threshold, items=tuple(items))


def translation_confidence(found: Translation | None) -> float | None:
    """The engine's confidence in a sentence of an edition's lookup, if it is an untouched machine draft."""
    if found is None or found.state is not EntryState.MACHINE_DRAFT:
        return None
    return draft_confidence(found.comment)


def review_first(
    keys: Iterable[Key], translations: Mapping[Key, Translation], *, threshold: float
) -> list[tuple[int, float]]:
    """(sentence number from 1, confidence) of the machine drafts below ``threshold`` among ``keys``
    (an article's sentences in order), lowest confidence first."""
    found = []
    for number, key in enumerate(keys, start=1):
        confidence = translation_confidence(translations.get(key))
        if confidence is not None and confidence < threshold:
            found.append((number, confidence))
    return sorted(found, key=lambda item: item[1])
