"""sentencex in windows: every paragraph a person writes as before, any paragraph in linear time."""

from __future__ import annotations

import pytest

from pipeline.articles import sentencex_windows
from pipeline.articles.seeds import read_article
from pipeline.articles.segmentation import sentence_spans, split_sentences
from tests.conftest import SEED


class ShownToSentencex:
    """Counts what sentencex is given: calls, and the squares of their lengths (a bound on the work of
    its regexes that are quadratic in their text)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.calls, self.work = 0, 0
        segment = sentencex_windows.sentencex.segment

        def counting(language, text):
            self.calls += 1
            self.work += len(text) ** 2
            return segment(language, text)

        monkeypatch.setattr(sentencex_windows.sentencex, "segment", counting)


def seed_paragraph() -> str:
    """Every sentence of the seed article, twice, in one paragraph: about 15,000 characters."""
    return " ".join(
        2 * [sentence.text for paragraph in read_article(SEED).paragraphs for sentence in paragraph.sentences]
    )


def test_a_paragraph_up_to_a_window_is_given_whole(monkeypatch):
    paragraph = seed_paragraph()[: sentencex_windows.WINDOW]
    shown = ShownToSentencex(monkeypatch)
    split_sentences(paragraph)
    assert shown.calls == 1


def test_a_long_paragraph_of_real_sentences_is_cut_as_it_is_whole(monkeypatch):
    paragraph = seed_paragraph()
    assert len(paragraph) > 2 * sentencex_windows.WINDOW
    windowed = sentence_spans(paragraph)
    monkeypatch.setattr(sentencex_windows, "WINDOW", 10 * len(paragraph))
    assert windowed == sentence_spans(paragraph)


@pytest.mark.parametrize("unit", ["`", "'", "„Ja. ", "(Ja. ", "» ", "x", "Ja. ", "« »Ja. "])
def test_any_paragraph_costs_sentencex_work_linear_in_its_length(unit, monkeypatch):
    """Unclosed quotation marks, runs of backticks or apostrophes took sentencex time quadratic in
    the paragraph (40,000 backticks 0.4 s, a 2 MB article minutes): its work is bounded here by the
    squares of the lengths it is given, which double with the paragraph."""
    shown = ShownToSentencex(monkeypatch)
    size = 4 * sentencex_windows.WINDOW // len(unit)
    split_sentences(unit * size)
    single, shown.work = shown.work, 0
    text = unit * 2 * size
    assert " ".join(split_sentences(text)) == " ".join(text.split())
    assert shown.work <= 2.3 * single, (single, shown.work)  # quadratic work would give about 4


def test_other_languages_are_given_in_windows_too(monkeypatch):
    shown = ShownToSentencex(monkeypatch)
    text = "Dr. Smith came. He left. " * 1_000
    spans = sentence_spans(text, language="en")
    assert shown.calls > 1 and len(spans) == 2_000
