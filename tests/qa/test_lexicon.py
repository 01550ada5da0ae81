"""What the QA checks know about words: German residue, numbers in words, sentences of a translation."""

from __future__ import annotations

import pytest

from pipeline.qa import lexicon


@pytest.mark.parametrize(
    "word, lang",
    [
        ("zulieferer", "en"),
        ("steuereinnahmen", "fr"),
        ("wiederverwertung", "en"),  # compounds in no other list
        ("kohle", "en"),
        ("jahrhundert", "fr"),
        ("geschichte", "en"),  # far more frequent in German
        ("dieselkrise", "fr"),
        ("autozulieferung", "en"),  # compounds in no list at all
        ("große", "fr"),
        ("und", "en"),
        ("nicht", "fr"),  # umlauts, function words
    ],
)
def test_german_words(word, lang):
    assert lexicon.is_german(word, lang)


@pytest.mark.parametrize(
    "word, lang",
    [
        ("diesel", "en"),
        ("design", "fr"),
        ("newsletter", "fr"),
        ("region", "en"),
        ("industrie", "fr"),
        ("legrand", "en"),
        ("wolfsburg", "en"),
        ("ingolstadt", "fr"),
        ("habeck", "fr"),
        ("salzgitter", "en"),
        ("stellantis", "en"),
        ("totalenergies", "fr"),
        ("verkor", "en"),
        ("die", "en"),
        ("hier", "fr"),
    ],
)
def test_words_and_names_other_languages_use_too(word, lang):
    assert not lexicon.is_german(word, lang)


def test_a_lower_case_source_word_is_no_name():
    assert not lexicon.is_german("abstrakt", "en"), "written with a capital it might be a name"
    assert lexicon.is_german("abstrakt", "en", lower_case=True)


@pytest.mark.parametrize(
    "number, text, lang",
    [
        (16, "seize gigawattheures", "fr"),
        (16, "sixteen gigawatt hours", "en"),
        (21, "le XXIe siècle", "fr"),
        (21, "the twenty-first century", "en"),
        (21, "le vingt-et-unième siècle", "fr"),
        (1000, "a thousand jobs", "en"),
        (1000, "mille emplois", "fr"),
        (1, "une usine", "fr"),
        (1, "au Ier siècle", "fr"),
        (131, "cent trente et un", "fr"),
        (21, "le XXIᵉ siècle", "fr"),
        (1, "le Iᵉʳ siècle", "fr"),
    ],
)
def test_numbers_written_in_words(number, text, lang):
    assert lexicon.written_in_words(number, text, lang)


@pytest.mark.parametrize(
    "number, text, lang",
    [
        (30, "thirty-one", "en"),
        (130, "cent trente et un", "fr"),
        (16, "one hundred sixteen", "en"),
        (1, "I think so", "en"),
        (1000, "M. Legrand", "fr"),
        (16, "dix-sept", "fr"),
    ],
)
def test_other_numbers_or_letters_are_not_the_number(number, text, lang):
    assert not lexicon.written_in_words(number, text, lang)


@pytest.mark.parametrize(
    "text, lang, count",
    [
        ("Un article de M. Legrand. Il est court.", "fr", 2),
        ("Le 21. siècle. Fin.", "fr", 2),
        ("Dr. Weber spoke on 3 Oct. It was good.", "en", 2),
        ("Verkor voit grand. Verkor voit grand.", "fr", 2),
        ("Ein Satz", "de", 1),
    ],
)
def test_sentences_of_a_translation(text, lang, count):
    assert len(lexicon.sentences(text, lang)) == count


@pytest.mark.parametrize("word, lang", [("fabrik", "en"), ("zelle", "fr")])
def test_a_capitalised_word_after_an_indefinite_article_is_no_name(word, lang):
    assert not lexicon.is_german(word, lang), "alone it might be a name: German nouns have capitals too"
    assert lexicon.is_german(word, lang, after_article=True)


@pytest.mark.parametrize("brand", ["porsche", "opel", "audi"])
def test_brands_after_an_article_stay_names(brand):
    assert not lexicon.is_german(brand, "fr", after_article=True)


@pytest.mark.parametrize(
    "word, german",
    [
        ("müller", False),
        ("düsseldorf", False),
        ("zürich", False),
        ("bäcker", True),
        ("öl", True),
        ("südkorea", True),
        ("straße", True),
    ],
)
def test_umlaut_words_that_travel_are_names(word, german):
    assert lexicon.is_german(word, "en") is german


def test_after_indefinite_article():
    assert lexicon.after_indefinite_article("Une Fabrik, des Zulieferer et une usine à Douai.", "fr") == {
        "Fabrik",
        "Zulieferer",
    }
    assert lexicon.after_indefinite_article("A Fabrik.", "ko") == set()


@pytest.mark.parametrize(
    "text, values",
    [
        ("Über tausend Arbeitsplätze", {1000}),
        ("in zehn, zwanzig Jahren", {10, 20}),
        ("die zweiten Lieferungen", {2}),
        ("ein Projekt", {1}),
        ("zweitausend Stellen", {2000}),
        ("1,5 Milliarden", {10**9}),
        ("Hunderttausende", set()),
        ("dreimal, ein Fünfjahresplan", {1, 3, 5}),
    ],
)
def test_numbers_named_in_words_of_the_source(text, values):
    assert lexicon.numbers_named_in_words(text, "de") == values


@pytest.mark.parametrize(
    "text, lang, values",
    [
        ("dix ou trente ans", "fr", {10, 30}),
        ("un bâtiment neuf, 5 pour cent", "fr", set()),
        ("soixante et onze usines", "fr", {71}),
        ("deux cents usines", "fr", set()),
        ("more than a hundred jobs", "en", {100}),
        ("one hundred and two plants", "en", set()),
        ("a decade or two", "en", set()),
        ("hundreds of thousands of cars", "en", set()),
        ("between thirty and fifty", "en", {30, 50}),
    ],
)
def test_numbers_written_in_words_of_a_translation(text, lang, values):
    assert lexicon.numbers_written_in_words(text, lang) == values


@pytest.mark.parametrize(
    "source, translation, lang, nouns",
    [
        ("Im Dezember öffnete, eine Fabrik ihre Tore.", "In December a Fabrik opened its doors.", "en", {"Fabrik"}),
        (
            "Ein Stahlwerk in Duisburg, das Salzgitter gehört.",
            "A Duisburg steelworks owned by a Salzgitter company.",
            "en",
            set(),
        ),
        ("Aber Schritt für Schritt, Zelle für Zelle.", "Mais pas à pas, une Zelle après l’autre.", "fr", {"Zelle"}),
    ],
)
def test_common_nouns_are_told_by_articles(source, translation, lang, nouns):
    """English puts names before nouns ("a Duisburg steelworks"): the source's article must agree."""
    assert lexicon.common_nouns(source, translation, lang) == nouns


def test_a_source_language_without_number_words_finds_none():
    """num2words knows no Swahili: no number words are looked for, instead of an empty pattern that
    matches every word (it crashed `pipeline check` for such a source language)."""
    assert lexicon.numbers_named_in_words("Habari 5 za leo", "sw") == set()
