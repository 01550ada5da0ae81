"""The engine's confidence in a machine draft: what the figure is, where it is kept, how it is read.

What the figure is
    CTranslate2 scores a hypothesis by the sum of its tokens' log-probabilities divided by
    ``length ** length_penalty``; Argos decodes with a penalty of 0.2, so the raw score grows with the
    sentence's length and cannot be compared across sentences. :mod:`pipeline.mt.batching` recovers the
    sum, and :func:`token_confidence` divides it by the number of tokens: the mean log-probability per
    token, given as its exponential, the geometric mean of the tokens' probabilities (0 to 1; 0.82
    means the model gave its chosen tokens 82 % on average). Sequence log-probability is a useful
    unsupervised predictor of quality (Fomicheva et al. 2020, "Unsupervised Quality Estimation for
    Neural Machine Translation").
A pivot route
    Its legs' confidences multiply (:func:`route_confidence`): a draft through English is as sure as
    the German→English step times the English→French one.
Where it is kept
    In the free provenance text of the draft's translator comment, which msgmerge and PO editors keep:
    ``# machine translation: Argos Translate de→en 1.9 (confidence 0.82) [draft 1a2b3c4d]``
    (:func:`with_confidence`, read back by :func:`draft_confidence`, whatever line breaks a tool put
    into the comment). A draft a translator edited, a reviewed translation or a translation-memory
    draft has no confidence: the figure speaks of the engine's words only.
How good a predictor it is
    ``pipeline evaluate`` reports :func:`rank_correlation` (Spearman's) between the confidence and
    each sentence's chrF on reviewed text, so that a newsroom can see whether its own models' figures
    are worth ordering work by.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from pipeline.po import provenance
from pipeline.po.views import Catalog, Entry, EntryState

LOW_CONFIDENCE = 0.5
"""Default of ``--low-confidence``: drafts below it are counted by ``status`` and put first for review."""
VERY_LOW_CONFIDENCE = 0.2
"""Below this, ``check`` reports a draft (as info): the model was unsure of most of its words."""

CONFIDENCE_NOTE = re.compile(r"\(confidence\s+([01](?:\.\d+)?)\)")
"""``(confidence 0.82)`` in a provenance text."""


def token_confidence(log_prob: float, tokens: int) -> float | None:
    """The geometric mean of the probabilities of ``tokens`` tokens whose log-probabilities add up to
    ``log_prob``; None when nothing was scored.

    >>> round(token_confidence(2 * math.log(0.5), 2), 3)
    0.5
    >>> token_confidence(0.0, 0) is None
    True
    """
    if tokens <= 0:
        return None
    return min(1.0, math.exp(log_prob / tokens))


def route_confidence(legs: Iterable[float | None]) -> float | None:
    """The confidence of a draft made along several steps: the product of theirs; None when a step
    has none.

    >>> route_confidence([0.8, 0.5])
    0.4
    >>> route_confidence([0.8, None]) is None
    True
    """
    product = 1.0
    for leg in legs:
        if leg is None:
            return None
        product *= leg
    return product


def format_confidence(confidence: float) -> str:
    """Two significant digits, never in exponent notation: drafts far below any threshold (a poor
    model through a pivot) keep their order too.

    >>> [format_confidence(value) for value in (0.8234, 0.5, 1.0, 0.0012345, 0.0)]
    ['0.82', '0.5', '1', '0.0012', '0']
    """
    return format(Decimal(f"{confidence:.2g}"), "f")


def with_confidence(provenance: str, confidence: float | None) -> str:
    """``provenance`` with the confidence noted after it (:func:`format_confidence`).

    >>> with_confidence("Argos Translate de→en 1.9", 0.8234)
    'Argos Translate de→en 1.9 (confidence 0.82)'
    >>> with_confidence("Argos Translate de→en 1.9", None)
    'Argos Translate de→en 1.9'
    """
    return provenance if confidence is None else f"{provenance} (confidence {format_confidence(confidence)})"


def draft_confidence(comment: str) -> float | None:
    """The confidence noted in the machine-translation provenance of a translator comment; None
    without one. The provenance is read by :func:`pipeline.po.provenance.read`, so line breaks a tool
    put inside it (polib wraps comments at 78 columns) do not matter.

    >>> draft_confidence("machine translation: Argos Translate de→en 1.9 (confidence\\n0.82) [draft 1a2b3c4d]")
    0.82
    >>> draft_confidence("machine translation: translation memory: nord [draft 1a2b3c4d]") is None
    True
    """
    found = provenance.read(comment)
    match = CONFIDENCE_NOTE.search(found.text) if found else None
    return float(match.group(1)) if match else None


def entry_confidence(entry: Entry) -> float | None:
    """The engine's confidence in an entry that is still the machine draft it wrote; None for any
    other entry (the figure says nothing of a translator's words)."""
    return draft_confidence(entry.tcomment) if entry.state is EntryState.MACHINE_DRAFT else None


def draft_confidences(catalog: Catalog) -> tuple[float, ...]:
    """The confidence of every active machine draft of ``catalog`` that has one, in file order."""
    found = (entry_confidence(entry) for entry in catalog.active())
    return tuple(value for value in found if value is not None)


def is_low(confidence: float | None, threshold: float) -> bool:
    """Below ``threshold``; an unknown confidence is not low."""
    return confidence is not None and confidence < threshold


# --- how well it predicts quality ----------------------------------------------------------------


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties given the mean of the ranks they share.

    >>> ranks([0.3, 0.1, 0.3, 0.9])
    [2.5, 1.0, 2.5, 4.0]
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for i in order[start : end + 1]:
            result[i] = (start + end) / 2 + 1
        start = end + 1
    return result


def rank_correlation(first: Sequence[float], second: Sequence[float]) -> float | None:
    """Spearman's rank correlation (Pearson's on tie-averaged ranks, as ``scipy.stats.spearmanr``);
    None for fewer than three pairs or a constant side, where it means nothing.

    >>> rank_correlation([0.1, 0.5, 0.9], [10.0, 40.0, 35.0])
    0.5
    >>> rank_correlation([0.1, 0.1, 0.1], [1.0, 2.0, 3.0]) is None
    True
    """
    if len(first) != len(second):
        raise ValueError(f"{len(first)} values against {len(second)}")
    if len(first) < 3:
        return None
    x, y = ranks(first), ranks(second)
    mean_x, mean_y = sum(x) / len(x), sum(y) / len(y)
    covariance = sum((a - mean_x) * (b - mean_y) for a, b in zip(x, y, strict=True))
    spread = math.sqrt(sum((a - mean_x) ** 2 for a in x) * sum((b - mean_y) ** 2 for b in y))
    return None if spread == 0 else covariance / spread
