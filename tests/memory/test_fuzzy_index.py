"""The fuzzy index (pipeline.memory.fuzzy_index): length pruning, candidates by shared words, RapidFuzz scoring."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from pipeline.memory.fuzzy_index import MAX_CANDIDATES, FuzzyIndex, index_words, length_window

BENCH = Path(__file__).resolve().parent.parent.parent / "bench"


def test_the_most_similar_sentence_above_the_threshold_is_found():
    stored = ["Der Preis stieg um 16 Prozent.", "Am Montag kam der Minister.", "Ganz anders hier."]
    index = FuzzyIndex(stored)
    found = index.best("Der Preis stieg um 18 Prozent.", 85)
    assert found is not None and found.index == 0
    assert found.score == fuzz.ratio("Der Preis stieg um 18 Prozent.", stored[0])
    assert index.best("Der Preis stieg um 18 Prozent.", found.score + 0.01) is None
    assert index.best("Etwas völlig anderes steht hier.", 85) is None


def test_case_and_punctuation_count():
    """processor=None: a sentence differing only in case is no exact match, and scores below 100."""
    found = FuzzyIndex(["Der Preis stieg."]).best("der preis stieg.", 50)
    assert found is not None and found.score < 100


def test_the_length_window_is_exact():
    """A ratio of t needs lengths within t/(2-t) and (2-t)/t of each other: the bounds are reachable."""
    for length in (10, 37, 100):
        low, high = length_window(length, 85)
        assert fuzz.ratio("a" * length, "a" * low) >= 85 > fuzz.ratio("a" * length, "a" * (low - 1))
        assert fuzz.ratio("a" * length, "a" * high) >= 85 > fuzz.ratio("a" * length, "a" * (high + 1))


def test_no_lookup_scores_more_than_the_candidate_bound():
    stored = [f"Die Regierung plant {number} neue Gesetze für das Land." for number in range(1000)]
    index = FuzzyIndex(stored)
    for number in range(20):
        assert index.best(f"Die Regierung plant {number}1 neue Gesetze für das Land.", 85) is not None
    assert index.scored <= 20 * MAX_CANDIDATES


WORDS = st.sampled_from(
    [
        "Regierung",
        "Gesetz",
        "Gesetzes",
        "neue",
        "der",
        "die",
        "plant",
        "Land",
        "16",
        "18",
        "2026",
        "Minister",
        "kommt",
        "nicht",
        "heute",
        "Fabrik",
        "Arbeit",
    ]
)
SENTENCES = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(SENTENCES, min_size=1, max_size=MAX_CANDIDATES), SENTENCES, st.sampled_from([60, 75, 85, 95]))
def test_a_small_memory_answers_as_a_full_scan(stored, query, threshold):
    """Up to MAX_CANDIDATES stored sentences, every one sharing a word with the query is scored: the
    index finds the full scan's best score, unless that sentence shares no indexed word."""
    found = FuzzyIndex(stored).best(query, threshold)
    sharing = [fuzz.ratio(query, text) for text in stored if index_words(text) & index_words(query)]
    best = max((score for score in sharing if score >= threshold), default=None)
    assert (None if found is None else found.score) == best


def test_the_quick_benchmark_finds_what_a_full_scan_finds():
    """bench/bench_memory.py --quick: 10,000 sentences, 100 queries, every one also answered by a full scan."""
    sys.path.insert(0, str(BENCH))
    try:
        import bench_memory
    finally:
        sys.path.remove(str(BENCH))
    figures = bench_memory.run(*bench_memory.QUICK)
    assert figures.agreed == figures.scanned == figures.queries
    assert figures.matched >= figures.queries * 0.4  # the edited half, less edits that leave less than 85 %
    assert figures.scored <= figures.queries * MAX_CANDIDATES
