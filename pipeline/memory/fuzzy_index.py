"""Finding the most similar sentence among many: a word index to pick candidates, RapidFuzz to score them.

Similarity is RapidFuzz's ``fuzz.ratio`` (normalised Indel similarity, 0–100) on the sentences as
written (``processor=None``: case, digits and punctuation count, since a translation differs with
them), with an explicit ``score_cutoff``; ``extractOne``'s defaults (``WRatio``, no cutoff) are never
relied on.

Scoring every stored sentence would take minutes for a memory of a million sentences, so each
lookup scores at most :data:`MAX_CANDIDATES` of them, found in two steps:

1. **Length pruning** (exact): sentences are stored sorted by length, and a ratio of at least ``t``
   (a fraction) is impossible unless the lengths are within ``t / (2 - t)`` and ``(2 - t) / t`` of
   each other (the Indel distance is at least the difference of the lengths), so only a contiguous
   slice of the store is looked at.
2. **Shared words** (a heuristic, as translation-memory tools pick candidates through a full-text
   index): words are lower-cased and cut to their first :data:`WORD_PREFIX` letters, so that German
   inflections (``Gesetz``, ``Gesetzes``) count as one. The sentence's words are taken rarest first
   while their postings in the length slice stay within :data:`POSTINGS_BUDGET`; the stored
   sentences sharing the most of them are the candidates. A sentence similar enough to be offered
   shares most of its words, so the best match is among them in practice (``bench/bench_memory.py``
   measures how often against a full scan).
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

WORD = re.compile(r"\w+")
WORD_PREFIX = 5
"""Letters of a word that the index keeps: German endings (-es, -en, -ung) fall off."""
MAX_CANDIDATES = 64
"""Most stored sentences scored per lookup."""
POSTINGS_BUDGET = 50_000
"""Most index postings read per lookup: the rarest word is always read, then rarer words first."""


@dataclass(frozen=True, slots=True)
class Found:
    index: int
    """Position of the sentence in the sequence the index was built from."""
    score: float
    """``fuzz.ratio``, 0–100."""


def index_words(text: str) -> set[str]:
    """The words a sentence is indexed under.

    >>> sorted(index_words("Das Gesetzes-Paket kommt 2026."))
    ['2026', 'das', 'geset', 'kommt', 'paket']
    """
    return {word.lower()[:WORD_PREFIX] for word in WORD.findall(text)}


def length_window(length: int, threshold: float) -> tuple[int, int]:
    """The lengths a sentence of ``length`` characters can have to reach ``threshold`` (0–100).

    >>> length_window(100, 85)
    (74, 135)
    """
    share = threshold / 100
    if share <= 0:
        return 0, sys.maxsize  # every length
    return math.ceil(length * share / (2 - share) - 1e-9), math.floor(length * (2 - share) / share + 1e-9)


class FuzzyIndex:
    """An index of ``texts`` answering "which one is most similar to this sentence, if any?"."""

    def __init__(self, texts: Sequence[str]) -> None:
        order = sorted(range(len(texts)), key=lambda position: len(texts[position]))
        self._texts = [texts[position] for position in order]
        self._original = np.asarray(order, dtype=np.int64)
        self._lengths = np.fromiter((len(text) for text in self._texts), dtype=np.int64, count=len(order))
        self._words: dict[str, int] = {}
        words, places = array("i"), array("i")
        for place, text in enumerate(self._texts):
            for word in index_words(text):
                words.append(self._words.setdefault(word, len(self._words)))
                places.append(place)
        word_ids = np.frombuffer(words, dtype=np.int32)
        by_word = np.argsort(word_ids, kind="stable")  # stable: each word's places stay in order
        self._postings = np.frombuffer(places, dtype=np.int32)[by_word]
        self._starts = np.zeros(len(self._words) + 1, dtype=np.int64)
        np.cumsum(np.bincount(word_ids, minlength=len(self._words)), out=self._starts[1:])
        self.scored = 0
        """Sentences scored so far, over every lookup: the work done, bounded by :data:`MAX_CANDIDATES` each."""

    def __len__(self) -> int:
        return len(self._texts)

    def best(self, query: str, threshold: float) -> Found | None:
        """The stored sentence most similar to ``query`` with a ratio of at least ``threshold``
        (0–100); on a tie, the one sharing more words, then the shorter. None when there is none."""
        low, high = length_window(len(query), threshold)
        start = int(np.searchsorted(self._lengths, low, side="left"))
        stop = int(np.searchsorted(self._lengths, high, side="right"))
        candidates = self._candidates(query, start, stop)
        if not len(candidates):
            return None
        self.scored += len(candidates)
        choices = [self._texts[place] for place in candidates]
        found = process.extractOne(query, choices, scorer=fuzz.ratio, processor=None, score_cutoff=threshold)
        if found is None:
            return None
        return Found(index=int(self._original[candidates[found[2]]]), score=found[1])

    def _candidates(self, query: str, start: int, stop: int) -> np.ndarray:
        """Places in ``[start, stop)`` sharing the most index words with ``query``, best first."""
        slices = []
        for word in index_words(query):
            word_id = self._words.get(word)
            if word_id is None:
                continue
            postings = self._postings[self._starts[word_id] : self._starts[word_id + 1]]
            first, last = np.searchsorted(postings, (start, stop))
            if last > first:
                slices.append(postings[first:last])
        slices.sort(key=len)
        taken: list[np.ndarray] = []
        read = 0
        for postings in slices:
            if taken and read + len(postings) > POSTINGS_BUDGET:
                break
            taken.append(postings)
            read += len(postings)
        if not taken:
            return np.empty(0, dtype=np.int64)
        places, counts = np.unique(np.concatenate(taken), return_counts=True)
        if len(places) > MAX_CANDIDATES:
            places, counts = _most_shared(places, counts)
        return places[np.lexsort((places, -counts))]


def _most_shared(places: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The :data:`MAX_CANDIDATES` places with the highest counts; among equal counts at the cut, the
    first places (the shorter sentences), so that the choice never depends on the sort algorithm."""
    cut = np.partition(counts, len(counts) - MAX_CANDIDATES)[len(counts) - MAX_CANDIDATES]
    above = np.flatnonzero(counts > cut)
    at_cut = np.flatnonzero(counts == cut)[: MAX_CANDIDATES - len(above)]
    keep = np.concatenate((above, at_cut))
    return places[keep], counts[keep]
