"""Whether a sentence's facts changed since its translation was made: numbers, links, glossary terms.

A fuzzy translation with ``#| msgid`` translates an older wording. When the current sentence differs
from that wording only in style, the old translation is still true enough to publish as unreviewed;
when a number (``16`` → ``18``, ``sechzehn`` → ``achtzehn``), a link, an image, a code span or a
glossary term changed, it states something the article no longer says, and no policy may publish it
(:func:`pipeline.editions.build.plan_edition` shows the current source sentence instead, with a notice).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.articles.markdown import markup_of
from pipeline.glossary import Glossary
from pipeline.qa.lexicon import numbers_named_in_words

NUMBER = re.compile(r"\d+(?:[.,'\u202f\u00a0 ]\d+)*")
BARE_URL = re.compile(r"(?:https?://|www\.|mailto:)[^\s<>()\[\]]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Facts:
    numbers: Counter
    """Each number written in figures (its digits, separators left out) or named in words."""
    targets: Counter
    """Link and image destinations, code spans and bare URLs, as written."""
    terms: Counter
    """Glossary terms, by their source form."""


def facts_of(text: str, lang: str, glossary: Glossary) -> Facts:
    figures = [re.sub(r"\D", "", number) for number in NUMBER.findall(text)]
    words = [str(number) for number in numbers_named_in_words(text, lang)]
    markup = markup_of(text)
    return Facts(
        numbers=Counter(figures + words),
        targets=Counter([*markup.targets, *markup.code, *BARE_URL.findall(text)]),
        terms=Counter(term.source for term, _, _ in glossary.find(text)),
    )


def facts_changed(old_source: str, new_source: str, lang: str, glossary: Glossary = Glossary()) -> bool:
    """Whether ``new_source`` differs from ``old_source`` in a number, link, code span or glossary term.

    >>> facts_changed("Die Fabrik liefert 16 Gigawattstunden.", "Die Fabrik liefert 18 Gigawattstunden.", "de")
    True
    >>> facts_changed("Die Fabrik liefert 16 Gigawattstunden.", "Die Fabrik liefert nun 16 Gigawattstunden.", "de")
    False
    """
    return facts_of(old_source, lang, glossary) != facts_of(new_source, lang, glossary)


def still_stale(old_source: str, new_source: str, translation: str, lang: str, glossary: Glossary = Glossary()) -> bool:
    """Whether ``translation`` (of ``old_source``) still states the old facts of a changed sentence.

    A translation a translator already updated (it holds the new numbers and none of the old ones, in
    figures) is not stale, even if its ``#|`` and ``fuzzy`` are still there; a changed link, code span
    or glossary term always is (the translation's own words for it cannot be checked here).

    >>> still_stale("Es sind 16 GWh.", "Es sind 18 GWh.", "Ce sont 16 GWh.", "de")
    True
    >>> still_stale("Es sind 16 GWh.", "Es sind 18 GWh.", "Ce sont 18 GWh.", "de")
    False
    """
    old, new = facts_of(old_source, lang, glossary), facts_of(new_source, lang, glossary)
    if old.targets != new.targets or old.terms != new.terms:
        return True
    shown = Counter(re.sub(r"\D", "", number) for number in NUMBER.findall(translation))
    gone, added = old.numbers - new.numbers, new.numbers - old.numbers
    return any(number in shown for number in gone) or any(number not in shown for number in added)
