"""Hiding the quotation marks sentencex cannot pair from pathological paragraphs: linear time,
every written paragraph as it was."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.articles.quote_pairing import (
    MAX_UNPAIRED,
    SEARCHED_TO_THE_END,
    SENTENCEX_QUOTE_PAIRS,
    hide_unpaired_quotes,
    unpaired_marks,
)
from pipeline.articles.segmentation import SHOWN_TO_SENTENCEX, split_sentences
from tests.operation_counts import executed_lines

MARKS = sorted({mark for pair in SENTENCEX_QUOTE_PAIRS.items() for marks in pair for mark in marks.strip()})
PIECES = st.sampled_from([*MARKS, "(", ")", "[", "]", "…", " ", ". ", "! ", "? ", "Ja", "er", "Dann", "usw.", "3."])
SHOWN = str.maketrans(SHOWN_TO_SENTENCEX)


@given(st.lists(PIECES, max_size=200).map("".join))
def test_hiding_keeps_the_length_and_touches_only_marks(text):
    hidden = hide_unpaired_quotes(text)
    assert len(hidden) == len(text) and len(hidden.encode()) == len(text.encode())
    assert all(a == b or (a in SEARCHED_TO_THE_END and b in "¤₠") for a, b in zip(text, hidden, strict=True))


@pytest.mark.parametrize(
    "paragraph",
    [
        "„Ja. „Nein.“ Gut. " * (MAX_UNPAIRED + 1),  # every mark closed by the next „ … “
        "»Ja.« »Nein. »Gut. " + "Er sagt: »Ja. " * (MAX_UNPAIRED - 2),
        "„Ja“ und „Nein“. " * 200,
    ],
)
def test_a_written_paragraph_is_shown_as_it_is(paragraph):
    assert hide_unpaired_quotes(paragraph) == paragraph


def test_past_the_limit_only_marks_that_open_and_close_nothing_are_hidden():
    paragraph = "»Ja.« »Nein. „Gut.“ " + "„Ja. " * MAX_UNPAIRED + "»Gut"
    expected = "»Ja.« »Nein. „Gut.“ " + "₠Ja. " * MAX_UNPAIRED + "¤Gut"  # the first » may close «
    assert hide_unpaired_quotes(paragraph) == expected


@pytest.mark.parametrize("unit", ["„Ja. ", "»Ja. ", "(Ja. ", "« »Ja. ", "“ „Ja. ", "„Ja“ „Nein. ", "» "])
def test_unclosed_quotations_are_split_in_linear_time(unit):
    """Each mark that opens and closes nothing cost sentencex a search to the paragraph's end: 9 s
    for 480,000 characters. That work is in Rust, where executed lines cannot see it (the bench
    bench/bench_linear_time.py times it); what is counted is ours, and what is checked is that
    sentencex is shown at most MAX_UNPAIRED such marks."""
    single = executed_lines(lambda: split_sentences(unit * 200))
    double = executed_lines(lambda: split_sentences(unit * 400))
    assert double <= 2.3 * single
    shown = hide_unpaired_quotes((unit * 400).translate(SHOWN))
    assert len(list(unpaired_marks(shown))) <= MAX_UNPAIRED
    assert " ".join(split_sentences(unit * 400)) == " ".join((unit * 400).split())
