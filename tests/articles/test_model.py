"""Properties of the article model over generated German-ish articles.

Whatever the layout (blank lines, indentation, trailing spaces, final newlines or none, LF or CRLF,
BOM or not), segmenting and reassembling gives back the source bytes, and catalog identities stay
stable when the article around a sentence changes.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.articles.model import Article, assemble, encode, units
from pipeline.articles.seeds import segment_text
from pipeline.articles.segmentation import split_sentences

FAST = settings(max_examples=60, deadline=None)
"""Enough examples to find layout bugs while keeping this file at a few seconds."""

WORDS = (
    "Verkor baut in Bourbourg eine Fabrik für Batterien und die Region hofft auf neue Arbeit "
    "Öl Übergang Straße größer Dr. Prof. z. B. u. a. bzw. ca. Mio. Mrd. Nr. S. usw. etc. Jh. "
    "am 3. Oktober im 21. Jahrhundert 14.11.2026 9.30 Uhr 1.200 2,5 M. Legrand J. P. Renard "
    "www.example.com/a.b max@example.de „Los.“ »Ja!« (vgl. S. 3) – … : ; ,"
).split()
ENDINGS = (".", "?", "!", "…", "", "?!", ".“", "!«", ".)")
SPACES = st.text(alphabet=" \t\u00a0", max_size=3)


@st.composite
def sentences(draw) -> str:
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
    return text[:1].upper() + text[1:] + draw(st.sampled_from(ENDINGS))


@st.composite
def paragraphs(draw) -> str:
    parts = draw(st.lists(sentences(), min_size=1, max_size=4))
    gaps = [draw(st.sampled_from([" ", "  ", "\t", "\u00a0"])) for _ in parts[1:]]
    body = parts[0] + "".join(gap + part for gap, part in zip(gaps, parts[1:], strict=True))
    return draw(SPACES) + body + draw(SPACES)


@st.composite
def article_texts(draw) -> str:
    """A seed file's decoded text: paragraphs between blank lines, in LF or CRLF, maybe with a BOM."""
    lines = draw(st.lists(st.one_of(paragraphs(), SPACES), min_size=1, max_size=8))
    text = "\n".join(lines) + "\n" * draw(st.integers(0, 3))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if draw(st.booleans()) else "") + text


ANY_TEXT = st.text(st.characters(exclude_characters="\r", exclude_categories=["Cs"]))
"""Unicode text of any kind; without CR so that no line ending is mixed (mixed ones become CRLF)."""


def segment(text: str) -> Article:
    return segment_text(text, slug="nord", source="seeds/nord.txt")


def round_trip(text: str) -> bytes:
    article = segment(text)
    return encode(article, assemble(article, lambda unit: unit.text))


@FAST
@given(article_texts())
def test_round_trip_reproduces_the_source_bytes(text):
    assert round_trip(text) == text.encode("utf-8")


@FAST
@given(ANY_TEXT, st.booleans())
def test_round_trip_holds_for_any_text(text, crlf):
    if crlf:
        text = text.replace("\n", "\r\n")
    assert round_trip(text) == text.encode("utf-8")


@FAST
@given(st.one_of(article_texts(), ANY_TEXT))
def test_sentences_are_exact_stripped_substrings(text):
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    for paragraph in segment(text).paragraphs:
        line = lines[paragraph.line - 1]
        assert line.strip()
        assert paragraph.indent + "".join(s.text + s.trailing for s in paragraph.sentences) == line
        assert not paragraph.indent.strip()
        for sentence in paragraph.sentences:
            assert sentence.text and sentence.text == sentence.text.strip()
            assert not sentence.trailing.strip()
        assert split_sentences(line) == [sentence.text for sentence in paragraph.sentences]


PLAIN = [f"Satz Nummer {word} steht hier." for word in "eins zwei drei vier fünf sechs".split()]


@FAST
@given(st.lists(st.lists(st.sampled_from(PLAIN), min_size=1, max_size=3), min_size=1, max_size=6))
def test_repeated_sentences_are_told_apart_by_occurrence(layout):
    article = segment("\n".join(" ".join(paragraph) for paragraph in layout) + "\n")
    found = list(units(article))
    assert [unit.text for unit in found] == [sentence for paragraph in layout for sentence in paragraph]
    for sentence in set(PLAIN):
        contexts = [unit.context for unit in found if unit.text == sentence]
        assert contexts == [None if n == 1 else f"occurrence {n}" for n in range(1, len(contexts) + 1)]


@FAST
@given(article_texts(), st.data())
def test_inserting_a_paragraph_keeps_the_keys_of_other_sentences(text, data):
    before = list(units(segment(text)))
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    position = data.draw(st.integers(0, len(lines) - 1), label="insert before line")
    inserted = "Eine neue Zeile kommt hinzu. Sie wiederholt nichts!"
    after = list(units(segment("\n".join([*lines[:position], inserted, *lines[position:]]))))
    counts = Counter(unit.text for unit in before)
    after_keys = {unit.key for unit in after}
    assert all(unit.key in after_keys for unit in before if counts[unit.text] == 1)
    new = set(split_sentences(inserted))
    assert [unit.text for unit in after if unit.text not in new] == [unit.text for unit in before]
