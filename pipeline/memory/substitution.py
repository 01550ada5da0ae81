"""Adapting a fuzzy memory match: the numbers and glossary terms of the new sentence put in its translation.

News repeats a sentence with another figure or another name: ``16 Gigawattstunden`` becomes ``18``,
``Verkor`` becomes ``ACC``. The reviewed translation of the old sentence then says the old figure,
and a reviewer skimming a 95 % match easily misses it. So, before a fuzzy match is offered, the
numbers and glossary terms of both German sentences are compared, in order:

* the same in both: nothing to do;
* as many in both, some different: each old one is looked up in the translation (a number as written
  in the German sentence, or as the target language writes its value, ``1,5`` → ``1.5``; a term in its
  glossary rendering) and replaced by the new one written the same way. Where an old one is not found
  exactly once (written in words, or twice), the match is not offered;
* a different count: the match is not offered.

A match that is not offered is left to the engine. What was replaced is listed in the provenance.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from pipeline.articles.numbers import GROUPED_NUMBER, NUMBER
from pipeline.glossary import Glossary


@dataclass(frozen=True, slots=True)
class Adapted:
    translation: str
    replaced: tuple[tuple[str, str], ...] = ()
    """(old, new) as written in the translation, in the order of the sentence."""


def adapt(
    old_source: str, new_source: str, translation: str, *, source_lang: str, lang: str, glossary: Glossary
) -> Adapted | None:
    """``translation`` (of ``old_source``) with the numbers and glossary terms of ``new_source``;
    None when they cannot be put in safely.

    >>> adapt("Es sind 16 Prozent.", "Es sind 18 Prozent.", "It is 16 per cent.", source_lang="de",
    ...       lang="en", glossary=Glossary())
    Adapted(translation='It is 18 per cent.', replaced=(('16', '18'),))
    """
    changes = _number_changes(old_source, new_source, translation, source_lang, lang, glossary)
    terms = _term_changes(old_source, new_source, translation, lang, glossary)
    if changes is None or terms is None:
        return None
    spans = sorted(changes + terms)
    if any(end > start for (_, end, _, _), (start, _, _, _) in itertools.pairwise(spans)):
        return None  # a number inside a term, or two changes at one place
    parts, last = [], 0
    for start, end, _, new in spans:
        parts += [translation[last:start], new]
        last = end
    parts.append(translation[last:])
    return Adapted("".join(parts), tuple((old, new) for _, _, old, new in spans))


Change = tuple[int, int, str, str]
"""(start, end, old text, new text) in the translation."""


def _paired(old: Sequence, new: Sequence) -> list[tuple] | None:
    """The pairs that differ, in order; None when the counts differ."""
    if len(old) != len(new):
        return None
    return [(before, after) for before, after in zip(old, new, strict=True) if before != after]


def _numbers(source: str, glossary: Glossary) -> list[str]:
    """The numbers of a sentence outside its glossary terms (``4.0`` in a name, a year in a URL)."""
    terms = [(start, end) for _, start, end in glossary.find(source)]
    return [
        match.group()
        for match in NUMBER.finditer(source)
        if not any(start < match.end() and match.start() < end for start, end in terms)
    ]


def _number_changes(
    old_source: str, new_source: str, translation: str, source_lang: str, lang: str, glossary: Glossary
) -> list[Change] | None:
    pairs = _paired(_numbers(old_source, glossary), _numbers(new_source, glossary))
    if pairs is None:
        return None
    changes = []
    for old, new in pairs:
        found = _written_once(
            translation, {old: new, _in_language(old, source_lang, lang): _in_language(new, source_lang, lang)}
        )
        if found is None:
            return None
        changes.append(found)
    return changes


def _in_language(number: str, source_lang: str, lang: str) -> str:
    """A German number as ``lang`` writes its value (``1,5`` → ``1.5``); as written when unreadable."""
    try:
        value: Decimal = parse_decimal(re.sub(r"\s", "", number), locale=source_lang, strict=True)
    except (NumberFormatError, ValueError):
        return number
    return format_decimal(
        value, locale=lang, group_separator=bool(re.fullmatch(GROUPED_NUMBER, number)), decimal_quantization=False
    )


def _written_once(translation: str, spellings: dict[str, str]) -> Change | None:
    """Where one of ``spellings`` (old → new) stands in ``translation``, if it stands there exactly once."""
    found = []
    for old, new in spellings.items():
        pattern = r"(?<![\w.,])" + re.escape(old) + r"(?![\w]|[.,]\d)"
        found += [(match.start(), match.end(), old, new) for match in re.finditer(pattern, translation)]
    return found[0] if len({(start, end) for start, end, _, _ in found}) == 1 else None


def _term_changes(
    old_source: str, new_source: str, translation: str, lang: str, glossary: Glossary
) -> list[Change] | None:
    pairs = _paired(
        [term for term, _, _ in glossary.find(old_source)], [term for term, _, _ in glossary.find(new_source)]
    )
    if pairs is None:
        return None
    changes = []
    for old, new in pairs:
        before, after = glossary.rendering(old, lang), glossary.rendering(new, lang)
        found = _written_once(
            translation, {before: after, before[:1].upper() + before[1:]: after[:1].upper() + after[1:]}
        )
        if found is None:
            return None
        changes.append(found)
    return changes
