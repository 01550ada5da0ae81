"""`check` works in time linear in a translation's length, measured by counting executed lines (an
operation count, not a clock): a text twice as long costs about twice the work."""

from __future__ import annotations

import pytest

from pipeline.glossary import Glossary
from pipeline.qa.checks import Context, check_entry
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
