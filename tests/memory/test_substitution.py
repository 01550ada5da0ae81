"""Adapting a fuzzy memory match (pipeline.memory.substitution): numbers and glossary terms of the new sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.glossary import Glossary, Term
from pipeline.memory.substitution import Adapted, adapt

TERMS = Glossary(
    (Term("Verkor", {}), Term("ACC", {}), Term("Dünkirchen", {"fr": "Dunkerque", "en": "Dunkirk"}), Term("Calais", {}))
)


def adapted(old: str, new: str, translation: str, lang: str = "en") -> Adapted | None:
    return adapt(old, new, translation, source_lang="de", lang=lang, glossary=TERMS)


@pytest.mark.parametrize(
    "old, new, translation, lang, expected, replaced",
    [
        ("Es sind 16 GWh.", "Es sind 18 GWh.", "It is 16 GWh.", "en", "It is 18 GWh.", [("16", "18")]),
        (
            "Es sind 1,5 Milliarden.",
            "Es sind 2,5 Milliarden.",
            "It is 1.5 billion.",
            "en",
            "It is 2.5 billion.",
            [("1.5", "2.5")],
        ),
        (
            "Es sind 1,5 Milliarden.",
            "Es sind 2,5 Milliarden.",
            "C'est 1,5 milliard.",
            "fr",
            "C'est 2,5 milliard.",
            [("1,5", "2,5")],
        ),
        (
            "Vor 1.200 Gästen.",
            "Vor 1.500 Gästen.",
            "Devant 1\u202f200 invités.",
            "fr",
            "Devant 1\u202f500 invités.",
            [("1\u202f200", "1\u202f500")],
        ),
        (
            "Vor 1.200 Gästen.",
            "Vor 1.500 Gästen.",
            "Before 1,200 guests.",
            "en",
            "Before 1,500 guests.",
            [("1,200", "1,500")],
        ),
        (
            "Am 3. Mai und am 5. Juni.",
            "Am 5. Mai und am 3. Juni.",
            "On 3 May and 5 June.",
            "en",
            "On 5 May and 3 June.",
            [("3", "5"), ("5", "3")],
        ),
        (
            "Verkor baut in Dünkirchen.",
            "ACC baut in Calais.",
            "Verkor builds in Dunkirk.",
            "en",
            "ACC builds in Calais.",
            [("Verkor", "ACC"), ("Dunkirk", "Calais")],
        ),
        ("Verkor baut.", "Verkor baut.", "Verkor builds.", "en", "Verkor builds.", []),
    ],
)
def test_numbers_and_terms_of_the_new_sentence_replace_the_old_ones(old, new, translation, lang, expected, replaced):
    found = adapted(old, new, translation, lang)
    assert found == Adapted(expected, tuple(replaced))


@pytest.mark.parametrize(
    "old, new, translation",
    [
        ("Es sind 16 GWh.", "Es sind 16 oder 18 GWh.", "It is 16 GWh."),  # a number more
        ("Es sind 16 und 16.", "Es sind 18 und 16.", "It is 16 and 16."),  # the old one written twice
        ("Es sind sechzehn, also 16.", "Es sind sechzehn, also 18.", "Sixteen."),  # not written as a figure
        ("Verkor baut.", "Verkor und ACC bauen.", "Verkor builds."),  # a term more
        ("Verkor baut in Dünkirchen.", "Verkor baut in Calais.", "Verkor builds there."),  # term not rendered
    ],
)
def test_a_difference_that_cannot_be_put_in_safely_leaves_the_match_to_the_engine(old, new, translation):
    assert adapted(old, new, translation) is None


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_the_new_figure_replaces_the_old_one_and_nothing_else(old, new):
    translation = f"Sales reached {old} units."
    found = adapted(f"Der Absatz erreichte {old} Stück.", f"Der Absatz erreichte {new} Stück.", translation)
    assert found is not None
    assert found.translation == f"Sales reached {new} units."
    assert found.replaced == (() if old == new else ((str(old), str(new)),))
