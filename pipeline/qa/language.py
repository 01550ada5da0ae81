"""Whether a translation is written in its catalog's language at all.

An English sentence pasted into the French catalog, or a draft left in German, passes every check
that compares the two texts. wordfreq's word lists, which :mod:`pipeline.qa.lexicon` already loads,
tell the languages apart word by word: "the" and "which" are far more frequent in English than in
French, "les" and "dont" the other way round.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipeline.qa import lexicon

if TYPE_CHECKING:
    from pipeline.qa.context import Context

CANDIDATES = ("en", "fr", "de")
"""Languages a translation may wrongly be in: the source's and the other editions' (the word lists
:mod:`pipeline.qa.lexicon` loads anyway)."""
LEAD_ZIPF = 1.5
"""A word is a vote for a language when it is this much more frequent there than in the other
(Zipf scale: a factor of about 30)."""
FEWEST_VOTES = 3
"""Fewer votes for another language than this prove nothing (a quoted English phrase in French)."""
SHARE = 0.6
"""The share of the votes another language must win to be taken for the translation's language."""
LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German"}


def wrong_language(source: str, translation: str, context: Context) -> Iterator[str]:
    """Translation in another language than the catalog's

    Each lower-case word of the translation that the source does not have (names and copied terms
    are left out) votes for the language where wordfreq finds it far more frequent than in the
    catalog's language. Reported when another language wins most of the votes.
    """
    lang = context.lang.split("_")[0]
    if lang not in CANDIDATES:
        return
    votes = _votes(source, translation, lang)
    other, count = max(((name, votes[name]) for name in CANDIDATES if name != lang), key=lambda item: item[1])
    decided = sum(votes.values())
    if count >= FEWEST_VOTES and count >= SHARE * decided:
        yield (
            f"the translation reads as {LANGUAGE_NAMES[other]} ({count} of {decided} telling words), "
            f"not {LANGUAGE_NAMES[lang]}"
        )


def _votes(source: str, translation: str, lang: str) -> Counter[str]:
    in_source = {word.casefold() for word in re.findall(r"[^\W\d_]+", source)}
    votes: Counter[str] = Counter()
    for word in re.findall(r"[^\W\d_]+", translation):
        if not word.islower() or word in in_source:
            continue
        own = lexicon.zipf(word, lang)
        others = {name: lexicon.zipf(word, name) for name in CANDIDATES if name != lang}
        best = max(others, key=others.__getitem__)
        if others[best] - own >= LEAD_ZIPF:
            votes[best] += 1
        elif own - others[best] >= LEAD_ZIPF:
            votes[lang] += 1
    return votes
