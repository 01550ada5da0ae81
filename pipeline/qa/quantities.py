"""Numbers read with their scale and unit, as one quantity: ``1,5 Milliarden Euro`` is 1.5 × 10⁹ euros,
"€1.5bn" too, "1,5 million d'euros" a thousand times less.

:func:`pipeline.qa.checks.numbers` compares the figures; this module compares what they count. The words
are those of each language's newsrooms: scale words (``Mio.``, ``Mrd.``, "bn", ``milliard``; note
that ``Billion`` and French ``billion`` are 10¹², English "billion" 10⁹), currencies (symbols, ISO
codes and names), units of energy, power, length, mass, shares and time. Each is a small table
here: CLDR (babel) names currencies and units, but not in the running-text forms news uses
("Gigawattstunden", "€1.5bn").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from babel.numbers import get_decimal_symbol

if TYPE_CHECKING:
    from pipeline.qa.context import Context

NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[.,\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d+)?(?![\d])"  # 1.200, 1 200,5
    r"|(?<![\w.,])\d+(?:[.,]\d+)?"
)  # 16, 1,5
LETTER_AFTER = r"(?![^\W\d_])"

SCALES = {
    "de": {
        "tausend": 3,
        "tsd": 3,
        "mio": 6,
        "million": 6,
        "millionen": 6,
        "mrd": 9,
        "milliarde": 9,
        "milliarden": 9,
        "billion": 12,
        "billionen": 12,
    },
    "fr": {
        "mille": 3,
        "k": 3,
        "million": 6,
        "millions": 6,
        "m": 6,
        "md": 9,
        "mds": 9,
        "mrd": 9,
        "milliard": 9,
        "milliards": 9,
        "billion": 12,
        "billions": 12,
    },
    "en": {
        "thousand": 3,
        "k": 3,
        "million": 6,
        "millions": 6,
        "m": 6,
        "mn": 6,
        "mln": 6,
        "billion": 9,
        "billions": 9,
        "bn": 9,
        "b": 9,
        "trillion": 12,
        "trillions": 12,
        "tn": 12,
    },
}
"""Scale words per language, as powers of ten; a one-letter scale ("m", "k", "b") counts only after
a currency ("€3m"), where it cannot be a unit (3 m is three metres)."""

PREFIXES = {"": 0, "k": 3, "kilo": 3, "m": 6, "mega": 6, "méga": 6, "g": 9, "giga": 9, "t": 12, "tera": 12, "téra": 12}
UNITS: list[tuple[str, str, str]] = [
    # (pattern, dimension, prefix group or a fixed prefix); matched case-insensitively, longest first
    (r"(?P<p>kilo|mega|méga|giga|tera|téra)?watt(?:s)?[- ]?(?:stunden?|hours?|heures?)", "energy", ""),
    (r"(?P<p>[kKMGT])Wh", "energy", ""),
    (r"(?P<p>kilo|mega|méga|giga|tera|téra)?watts?", "power", ""),
    (r"(?P<p>[kKMGT])W", "power", ""),
    (r"km|kilometer[ns]?|kilomètres?|kilometres?|kilometers?", "length", "k"),
    (r"meilen|miles?", "mile", ""),
    (r"tonnen|tonnes?|tons?", "mass", "k"),
    (r"kg|kilogramm|kilogrammes?|kilograms?", "mass", ""),
    (r"prozentpunkte?n?|points? de pourcentage|percentage points?|points?", "percentage point", ""),
    (r"%|prozent|pour ?cent|per ?cent", "percent", ""),
    (r"€|euros?|eur", "currency EUR", ""),
    (r"us-dollars?|\$|us\$|dollars?|usd", "currency USD", ""),
    (r"£|pfund|pounds?(?: sterling)?|livres?(?: sterling)?|gbp", "currency GBP", ""),
    (r"chf|franken|francs? suisses?|swiss francs?", "currency CHF", ""),
    (r"yuans?|renminbi|cny", "currency CNY", ""),
    (r"yens?|jpy", "currency JPY", ""),
    (r"sekunden?|secondes?|seconds?", "time second", ""),
    (r"minuten?|minutes?", "time minute", ""),
    (r"stunden?|heures?|hours?", "time hour", ""),
    (r"tagen?|tage|jours?|days?", "time day", ""),
    (r"wochen?|semaines?|weeks?", "time week", ""),
    (r"monaten?|monate|mois|months?", "time month", ""),
    (r"jahrzehnten?|jahrzehnte|décennies?|decades?", "time decade", ""),
    (r"jahren?|jahre|ans|années?|years?", "time year", ""),
]
"""Units in German, French and English with their dimension; the unit of a prefix (kilo, mega …) is
part of the value, so 16 GWh and 16 000 MWh are the same energy."""
CURRENCY_BEFORE = re.compile(r"(€|US\$|\$|£|EUR|USD|GBP|CHF)\s?$")
CURRENCY_REACH = 8
"""How far before a number :data:`CURRENCY_BEFORE` is looked for (its longest match is 4 characters):
searching all the text before every number took time quadratic in the number of numbers."""
CONNECTOR = re.compile(r"\s*(?:de |d['’]|of |an |\s)?\s*")
"""Between a scale word and its unit: "1,5 milliard d'euros", "1.5 billion of"."""


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    number: Decimal
    scale: int = 0
    """Power of ten of the scale word (6 for Millionen)."""
    dimension: str | None = None
    prefix: int = 0
    """Power of ten of the unit's prefix (9 for Gigawattstunden)."""

    @property
    def amount(self) -> Decimal:
        return self.number.scaleb(self.scale + self.prefix)

    @property
    def counted(self) -> bool:
        """Whether the number has a scale word or a unit to compare."""
        return bool(self.scale or self.dimension)

    def agrees_with(self, other: Quantity) -> bool:
        """Same amount, and the same dimension where both name one (a unit may be left out)."""
        dimensions_agree = self.dimension is None or other.dimension is None or self.dimension == other.dimension
        return dimensions_agree and self.amount == other.amount


def quantities(source: str, translation: str, context: Context) -> Iterator[str]:
    """Scale or unit of a number changed

    A number is read with its scale word and unit (``1,5 Milliarden Euro``, "€1.5bn", ``16 GWh``)
    and compared as a value: the same figure with a scale a thousand times off ("1,5 million"), in
    another currency ("£1.5bn"), or in another unit ("16 gigawatts" for ``16 Gigawattstunden``,
    "16 mégawattheures") is reported, and so is a rate turned into another ("pro Tag", "a week"). A
    figure the translation does not have at all is left to the numbers check, and a unit or a rate
    the translation leaves out is not reported.
    """
    lang = context.lang.split("_")[0]
    german = context.source_lang.split("_")[0]
    if lang not in SCALES or german not in SCALES:
        return
    source_quantities = read_quantities(source, german)
    translation_quantities = read_quantities(translation, lang)
    reported = set()
    for first, second, side in (
        (source_quantities, translation_quantities, 0),
        (translation_quantities, source_quantities, 1),
    ):
        for quantity in first:
            other = _disagreeing(quantity, second)
            if other is not None:
                pair = (other, quantity) if side else (quantity, other)
                if pair not in reported:
                    reported.add(pair)
                    yield f"{pair[0].text!r} in the source is {pair[1].text!r} in the translation"
    rates, translated_rates = _rates(source, german), _rates(translation, lang)
    if rates and translated_rates and not translated_rates <= rates:
        yield (
            f"per {', '.join(sorted(rates))} in the source, per {', '.join(sorted(translated_rates - rates))} "
            "in the translation"
        )


RATES = {
    "de": {
        "hour": r"pro stunde|stündlich",
        "day": r"pro tag|am tag|täglich",
        "week": r"pro woche|wöchentlich",
        "month": r"pro monat|im monat|monatlich",
        "year": r"pro jahr|im jahr(?! \d)|jährlich",
    },
    "fr": {
        "hour": r"par heure|à l'heure",
        "day": r"par jour|quotidien\w*|chaque jour",
        "week": r"par semaine|hebdomadaire\w*|chaque semaine",
        "month": r"par mois|mensuel\w*|chaque mois",
        "year": r"par an|par année|annuel\w*|chaque année",
    },
    "en": {
        "hour": r"an hour|per hour|hourly",
        "day": r"a day|per day|daily|each day|every day",
        "week": r"a week|per week|weekly|each week|every week",
        "month": r"a month|per month|monthly|each month",
        "year": r"a year|per year|annual\w*|yearly|each year|every year|per annum",
    },
}
"""How often: "16 GWh pro Jahr" is not "16 GWh a month". ``im Jahr 2025`` is a date, not a rate."""


def _rates(text: str, lang: str) -> set[str]:
    folded = text.casefold().replace("’", "'")
    return {
        period for period, pattern in RATES.get(lang, {}).items() if re.search(rf"(?<!\w)(?:{pattern})(?!\w)", folded)
    }


def _disagreeing(quantity: Quantity, others: list[Quantity]) -> Quantity | None:
    """The quantity of ``others`` with the same figure or amount that disagrees in scale or unit, if
    none agrees."""
    if not quantity.counted:
        return None
    same = [other for other in others if other.number == quantity.number or other.amount == quantity.amount]
    if not same or any(quantity.agrees_with(other) for other in same):
        return None
    return same[0]


def read_quantities(text: str, lang: str) -> list[Quantity]:
    """Every number of ``text`` with the scale word and unit around it.

    >>> [(q.number, q.scale, q.dimension) for q in read_quantities("Investment of €1.5bn", "en")]
    [(Decimal('1.5'), 9, 'currency EUR')]
    """
    found = []
    for match in NUMBER.finditer(text):
        number = _value(match.group(), lang)
        if number is None:
            continue
        currency = CURRENCY_BEFORE.search(text, max(0, match.start() - CURRENCY_REACH), match.start())
        scale, position = _scale(text, match.end(), lang, after_currency=currency is not None)
        dimension, prefix, end = _unit(text, position)
        if dimension is None and currency:
            dimension, prefix, end = _unit(currency.group(1), 0)[0], 0, position
        start = currency.start() if currency else match.start()
        found.append(Quantity(text[start : max(end, position, match.end())].strip(), number, scale, dimension, prefix))
    return found


def _scale(text: str, position: int, lang: str, *, after_currency: bool) -> tuple[int, int]:
    """The scale word at ``position`` (power of ten) and where it ends; (0, position) if none."""
    match = re.compile(r"[\s\u00a0\u202f]?([^\W\d_]+)\.?" + LETTER_AFTER).match(text, position)
    if not match:
        return 0, position
    word = match.group(1).casefold()
    power = SCALES[lang].get(word, 0)
    if power and (len(word) > 1 or after_currency):
        return power, match.end()
    return 0, position


def _unit(text: str, position: int) -> tuple[str | None, int, int]:
    """The unit at ``position`` (after spaces and "de", "of"): its dimension, prefix power and end."""
    connector = CONNECTOR.match(text, position)  # matches, if only the empty string
    start = connector.end() if connector else position
    for pattern, dimension, fixed in _unit_patterns():
        match = pattern.match(text, start)
        if match:
            prefix = (match.groupdict().get("p") or fixed).casefold()
            return dimension, PREFIXES.get(prefix, 0), match.end()
    return None, 0, position


@functools.cache
def _unit_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    """:data:`UNITS` compiled; symbols with a one-letter prefix (kW, MW, GWh) keep their case."""
    return [
        (re.compile(f"(?:{pattern}){LETTER_AFTER}", 0 if "(?P<p>[" in pattern else re.IGNORECASE), dimension, fixed)
        for pattern, dimension, fixed in UNITS
    ]


@functools.cache
def _decimal_mark(lang: str) -> str:
    return get_decimal_symbol(lang)


def _value(text: str, lang: str) -> Decimal | None:
    """The number as ``lang`` writes it: its decimal mark is the decimal point, the rest group digits."""
    decimal_mark = _decimal_mark(lang)
    compact = re.sub(r"[\s\u00a0\u202f\u2009]", "", text)
    whole, _, fraction = compact.rpartition(decimal_mark) if decimal_mark in compact else (compact, "", "")
    try:
        return Decimal(re.sub(r"\D", "", whole) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        return None
