"""`check` works in time linear in a translation's length, measured by counting executed lines (an
operation count, not a clock): a text twice as long costs about twice the work."""

from __future__ import annotations

import re

import pytest

from pipeline.glossary import Glossary
from pipeline.qa import lexicon, quantities
from pipeline.qa.checks import ADDRESS, Context, check_entry
from tests import operation_counts

CONTEXT = Context(lang="fr", glossary=Glossary(), source_lang="de")
SOURCE = "Die Region hofft auf Arbeit."


def executed_lines(translation: str) -> int:
    """Python lines run by every entry check on ``translation``."""
    list(check_entry(SOURCE, "Oui.", CONTEXT, draft=True, ignore=[]))  # load word lists first
    return operation_counts.executed_lines(
        lambda: list(check_entry(SOURCE, translation, CONTEXT, draft=True, ignore=[]))
    )


@pytest.mark.parametrize("unit", ["la batterie ", "Oui. ", "La région espère du travail. ", "{i} "])
def test_checking_a_long_repetitive_translation_is_linear(unit):
    def text(n: int) -> str:
        return "".join(unit.format(i=f"w{i}") for i in range(n))

    single, double = executed_lines(text(150)), executed_lines(text(300))
    assert double <= 2.3 * single, (single, double)  # quadratic work would give about 4


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Schreiben Sie an kontakt@firma.de heute.", "Schreiben Sie an   heute."),
        ("Mehr auf https://www.kfw.de/foerderung und www.bmwk.de.", "Mehr auf   und  "),
        ("Siehe kfw.de, bundesregierung.de und foo-bar.example.com.", "Siehe  ,   und  ."),
        ("(kontakt@firma.de) #Energiewende @verkor", " )    "),
        ("Der Bericht example.de.backup bleibt.", "Der Bericht  .backup bleibt."),
    ],
)
def test_addresses_are_found_where_they_start(text, kept):
    """The address pattern reads each run of characters once (it took time quadratic in a long
    word: bench/bench_linear_time.py): it still finds every address of ordinary text."""
    assert ADDRESS.sub(" ", text) == kept


class CountingPattern:
    """A compiled pattern whose searches count the characters they are given to read."""

    def __init__(self, pattern: re.Pattern):
        self.pattern, self.read = pattern, 0

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        self.read += end - pos
        return self.pattern.search(text, pos, end)


@pytest.mark.parametrize("unit", ["Dr. ", "M. ", "21. ", "etc. "])
def test_gluing_abbreviations_reads_each_segment_a_bounded_number_of_times(unit, monkeypatch):
    """Segments ending in an abbreviation are glued to the next: looking for one in the whole
    glued text after every segment read it again each time (``Dr. `` 3,000 times: 2.6 s)."""
    counting = CountingPattern(lexicon.SENTENCE_GLUE)
    monkeypatch.setattr(lexicon, "SENTENCE_GLUE", counting)
    lexicon.sentences(unit * 500, "fr")
    single, counting.read = counting.read, 0
    assert len(lexicon.sentences(unit * 1000, "fr")) <= 1
    assert counting.read <= 2.2 * single, (single, counting.read)


def test_a_currency_is_looked_for_just_before_each_number(monkeypatch):
    """All the text before every number was searched for a currency sign (5,000 figures: 0.9 s)."""
    counting = CountingPattern(quantities.CURRENCY_BEFORE)
    monkeypatch.setattr(quantities, "CURRENCY_BEFORE", counting)
    assert [q.dimension for q in quantities.read_quantities("Es kostet € 5 und 3 kg.", "de")] == [
        "currency EUR",
        "mass",
    ]
    counting.read = 0
    quantities.read_quantities("1,5 " * 1000, "de")
    single, counting.read = counting.read, 0
    quantities.read_quantities("1,5 " * 2000, "de")
    assert counting.read <= 2.2 * single, (single, counting.read)
