"""pipeline.exchange.inline_codes: inline Markdown markup as numbered codes and back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.exchange.inline_codes import Code, join_codes, missing_codes, split_codes, split_like

MARKDOWN_TEXT = st.lists(
    st.sampled_from([*"ab _*[]()<>`!\\~&;:/.é", "https://x.de", "**", "&amp;", "<b>"]), max_size=30
).map("".join)


@given(MARKDOWN_TEXT)
def test_codes_map_back_to_the_text(text: str) -> None:
    pieces = split_codes(text, markdown=True)
    assert join_codes(pieces, pieces) == text
    assert [piece.id for piece in pieces if isinstance(piece, Code)] == [
        str(number) for number in range(1, 1 + sum(isinstance(piece, Code) for piece in pieces))
    ]


@given(MARKDOWN_TEXT)
def test_a_translation_that_keeps_the_markup_keeps_every_code(text: str) -> None:
    source = split_codes(text, markdown=True)
    assert split_like(text, source, markdown=True) == source
    assert missing_codes(source, source) == []


def test_a_plain_text_sentence_has_no_codes() -> None:
    assert split_codes("Preis: 3 * 4 [ca.] _x_", markdown=False) == ("Preis: 3 * 4 [ca.] _x_",)


def test_underscores_inside_words_are_text() -> None:
    assert split_codes("Die Datei snake_case_name.txt", markdown=True) == ("Die Datei snake_case_name.txt",)


def test_markup_a_translation_added_stays_text_and_a_dropped_code_is_missing() -> None:
    source = split_codes("Das ist **wichtig**.", markdown=True)
    target = split_like("C'est *important*.", source, markdown=True)
    assert target == ("C'est *important*.",)
    assert missing_codes(target, source) == [Code("1", "**"), Code("2", "**")]


def test_codes_map_back_by_number_whatever_the_returned_content() -> None:
    source = split_codes("Siehe [hier](https://x.de).", markdown=True)
    assert (
        join_codes(("Voir ", Code("1", "?"), "ici", Code("2", ""), Code("3", "(https://evil)"), "."), source)
        == "Voir [ici](https://x.de)."
    )
