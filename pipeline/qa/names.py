"""Names a translation must carry over: months, weekdays, "yesterday" and "tomorrow", countries and
regions, and other proper nouns.

Month, weekday and territory names come from CLDR through babel (``Locale('fr').months``,
``.days``, ``.territories``), in the source's and the translation's language, so a month is the
same month in German and French whatever its spelling. Only the words for the days around today
("gestern", "demain") are listed here: CLDR's relative-date phrases ("tomorrow") are not words a
sentence uses.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from pipeline.qa import lexicon

if TYPE_CHECKING:
    from pipeline.qa.context import Context

NOT_LETTER_BEFORE, NOT_LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"
CAPITALISED_MONTHS = frozenset({"en", "de"})
"""Languages whose month and day names always start with a capital: in English "may" and "march"
in lower case are verbs, in German "morgen" is tomorrow and "Morgen" the morning."""
RELATIVE_DAYS = {
    "de": {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2},
    "fr": {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2},
    "en": {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1, "the day after tomorrow": 2},
}
"""The days around today, per language; lower case (German "Morgen" is the morning)."""


SEASONS = {
    "de": {"frühjahr": 1, "frühling": 1, "sommer": 2, "herbst": 3, "winter": 4},
    "fr": {"printemps": 1, "l'été": 2, "cet été": 2, "en été": 2, "d'été": 2, "automne": 3, "hiver": 4},
    "en": {"spring": 1, "summer": 2, "autumn": 3, "the fall": 3, "this fall": 3, "winter": 4},
}
"""The seasons (CLDR names none); French "été" only as a noun (not "a été"), English "fall" only after
"the" or "this"."""


def dates(source: str, translation: str, context: Context) -> Iterator[str]:
    """Month, weekday or day changed

    The months and weekdays the source names (babel's CLDR names in the source's and the
    translation's language) must be the ones the translation names: ``Dezember`` is "December" or
    ``décembre``, never "novembre"; a month dropped or added is reported too. "yesterday",
    "today" and "tomorrow", and the seasons, are compared only when both texts have one: ``die
    Fabrik von morgen`` may become "the factory of the future", not "d'hier".
    """
    lang, german = context.lang.split("_")[0], context.source_lang.split("_")[0]
    for kind in ("months", "days"):
        named, in_translation = _named(source, german, kind), _named(translation, lang, kind)
        in_translation -= _named(source, lang, kind) - named  # a name the source has too ("Theresa May")
        if named != in_translation:
            names = _names(lang, kind)
            missing = ", ".join(names[key] for key in sorted(named - in_translation))
            added = ", ".join(names[key] for key in sorted(in_translation - named))
            yield (
                f"{kind[:-1]} names differ: "
                + "; ".join(
                    part for part in (missing and f"{missing} missing", added and f"{added} not in the source") if part
                )
            )
    days, translated_days = _relative(source, german), _relative(translation, lang)
    if days and translated_days and not translated_days <= days:
        yield "the source and the translation speak of different days (yesterday, today, tomorrow)"
    seasons, translated_seasons = _relative(source, german, "seasons"), _relative(translation, lang, "seasons")
    if seasons and translated_seasons and not translated_seasons <= seasons:
        yield "the source and the translation speak of different seasons"


def _named(text: str, lang: str, kind: str) -> set[int]:
    """Keys (1–12 for months, 0–6 for days) of the ``kind`` names found in ``text``."""
    return {key for key, pattern in _name_patterns(lang, kind) if pattern.search(text)}


@functools.cache
def _names(lang: str, kind: str) -> dict[int, str]:
    """CLDR's wide names of ``kind`` ("months", "days") in ``lang``, for messages."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    return dict(getattr(locale, kind)["format"]["wide"].items())


@functools.cache
def _name_patterns(lang: str, kind: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return ()
    spellings: dict[int, set[str]] = {}
    for context in ("format", "stand-alone"):
        for key, name in getattr(locale, kind)[context]["wide"].items():
            spellings.setdefault(key, set()).update({name, name[:1].upper() + name[1:]})
    flags = 0 if lang in CAPITALISED_MONTHS else re.IGNORECASE
    return tuple(
        (
            key,
            re.compile(
                NOT_LETTER_BEFORE
                + "(?:"
                + "|".join(re.escape(name) for name in sorted(names) if name[:1].isupper() or flags)
                + ")"
                + NOT_LETTER_AFTER,
                flags,
            ),
        )
        for key, names in spellings.items()
    )


def _relative(text: str, lang: str, kind: str = "days") -> set[int]:
    """The days around today (or the seasons) that ``text`` names, in any case but German "Morgen"
    (the morning)."""
    folded = text.replace("’", "'")
    return {day for pattern, day in _relative_patterns(lang, kind) if pattern.search(folded)}


@functools.cache
def _relative_patterns(lang: str, kind: str) -> tuple[tuple[re.Pattern[str], int], ...]:
    """Each word of :data:`RELATIVE_DAYS` (``kind`` "days") or :data:`SEASONS` for ``lang``, compiled once."""
    words = {"days": RELATIVE_DAYS, "seasons": SEASONS}[kind]
    return tuple(
        (
            re.compile(
                NOT_LETTER_BEFORE + re.escape(word) + NOT_LETTER_AFTER,
                0 if (lang, word) == ("de", "morgen") else re.IGNORECASE,
            ),
            day,
        )
        for word, day in words.get(lang, {}).items()
    )


# --- countries and proper nouns ------------------------------------------------------------------

REGIONS = frozenset({"002", "009", "019", "142", "150"})
"""CLDR's continents (Africa, Oceania, the Americas, Asia, Europe); the smaller regions ("Northern
Europe") and the world ("Welt") are left out."""
STEM = 4
"""Letters of a country's name that an adjective shares with it (Frankreich, französisch; Chine,
chinois): a translation that says "l'automobile française" for "Frankreichs Autowelt" keeps the
country."""
RARE_NAME_ZIPF = 3.0
"""A capitalised word this rare in the translation's language and in English (wordfreq) is a name
("Husum", "Scholz") that the source must have, or a word like it: translations change the names
of places ("Saxony" for ``Sachsen``, "Hanovre" for ``Hannover``)."""
LIKE_A_SOURCE_WORD = 0.45
"""difflib's ratio from which a name with the same first letter is taken for a source word in
another spelling ("saxony", "sachsen": 0.46; "thuringia", "thuringen": 0.78); a name swapped for
another seldom starts alike and is further off ("scholz", "merz": 0.2)."""
NAME_WORD_ZIPF = 3.0
"""Next to a name of the source ("Peter Karlsson" for "Peter Carlsson"), a capitalised word rarer
than this is part of the name, not a title ("Chancellor", "Minister")."""


def names(source: str, translation: str, context: Context) -> Iterator[str]:
    """Country or name changed

    Country and continent names (babel's CLDR territories in both languages) of the source must be
    in the translation, as a name or an adjective ("Japan", ``japonais``), and the translation must
    name no country the source does not ("Taiwan" for ``Japan``). A rare name in the translation
    (a capitalised word inside the sentence that wordfreq hardly knows) must be in the source too.
    """
    lang, german = context.lang.split("_")[0], context.source_lang.split("_")[0]
    in_source, in_translation = _territories(source, german), _territories(translation, lang)
    names_here = _territory_names(lang)
    copied = _territories(translation, german)  # a German name kept as it is ("Deutsche Bank")
    missing = [
        names_here[code]
        for code in sorted(in_source - in_translation - copied)
        if code in names_here and not _has_stem(translation, names_here[code])
    ]
    added = [
        names_here[code]
        for code in sorted(in_translation - in_source)
        if in_source and not _has_stem(source, _territory_names(german).get(code, ""))
    ]
    if missing or added:
        yield "countries differ: " + "; ".join(
            part
            for part in (missing and f"{', '.join(missing)} missing", added and f"{', '.join(added)} not in the source")
            if part
        )
    new = _new_names(source, translation, context)
    if new:
        yield f"{', '.join(new)} not in the source (a name changed?)"


@functools.cache
def _territory_names(lang: str) -> dict[str, str]:
    """Code → name of every country and continent in ``lang``, from babel's CLDR data."""
    from babel import Locale, UnknownLocaleError

    try:
        territories = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        return {}
    return {
        code: name
        for code, name in territories.items()
        if (code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "ZZ"}) or code in REGIONS
    }


@functools.cache
def _territory_pattern(lang: str) -> re.Pattern[str] | None:
    by_name = {name: code for code, name in _territory_names(lang).items()}
    if not by_name:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(by_name, key=len, reverse=True))
    return re.compile(f"{NOT_LETTER_BEFORE}({alternatives})(?:s|es|’s|'s)?{NOT_LETTER_AFTER}")


@functools.cache
def _territory_codes(lang: str) -> dict[str, str]:
    """Territory name → code, in ``lang``."""
    return {name: code for code, name in _territory_names(lang).items()}


def _territories(text: str, lang: str) -> set[str]:
    """Codes of the countries and continents ``text`` names, by name or by adjective."""
    pattern = _territory_pattern(lang)
    if pattern is None:
        return set()
    by_name = _territory_codes(lang)
    adjectives = _adjectives(lang)
    return {by_name[match.group(1)] for match in pattern.finditer(text)} | {
        adjectives[word.casefold()]
        for word in re.findall(r"[^\W\d_]+", text)
        if word.casefold() in adjectives and (lang not in CAPITALISED_ADJECTIVES or word[:1].isupper())
    }


ADJECTIVE_ENDINGS = {"de": ("", "e", "en", "er", "es", "em"), "fr": ("", "e", "s", "es", "ne", "nes")}
"""Inflections of an adjective of nationality ("polnisches", "coréenne"); English has none."""
CAPITALISED_ADJECTIVES = frozenset({"en"})
"""Languages that write adjectives of nationality with a capital ("Polish", not "polish")."""
NOT_NATIONAL = frozenset({"en", "ar", "pt", "la", "sa", "eo", "ia", "ie", "io", "vo", "cu", "pi", "ae"})
"""Languages whose name says nothing of one country: spoken in many (English, Arabic, Portuguese,
whose likeliest country in CLDR is the United States, Egypt, Brazil), or in none (Latin, Esperanto)."""


@functools.cache
def _adjectives(lang: str) -> dict[str, str]:
    """Adjective of nationality → country code, from babel's CLDR language names ("polnisch",
    "polonais", "Polish" name the language of Poland, CLDR's likeliest country for ``pl``); names of
    four letters or more ("turc"), so that no short name ("Ga", "Ewe") is taken for a word."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        languages = Locale.parse(lang).languages
    except (UnknownLocaleError, ValueError):
        return {}
    likely = get_global("likely_subtags")
    adjectives: dict[str, str] = {}
    for code, name in languages.items():
        country = likely.get(code, "").rsplit("_", 1)[-1]
        if len(code) == 2 and code not in NOT_NATIONAL and country.isalpha() and len(name) >= 4 and " " not in name:
            for ending in ADJECTIVE_ENDINGS.get(lang, ("",)):
                adjectives.setdefault(name.casefold() + ending, country)
    return adjectives


def _has_stem(text: str, name: str) -> bool:
    """Whether a word of ``text`` has the first :data:`STEM` letters of ``name`` (accents aside; one
    letter fewer for a short name: ``Asie``, ``asiatique``)."""
    plain = _plain(name)
    stem = plain[: min(STEM, len(plain) - 1)]
    return len(stem) >= STEM - 1 and any(stem in _plain(word) for word in re.findall(r"[^\W\d_]+", text))


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


NAME = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]{2,}(?:[\s\u00a0-]+[A-ZÀ-Þ][a-zß-ÿ]{2,})*" + NOT_LETTER_AFTER)
"""A capitalised word, or several in a row (a person's full name); not acronyms or units ("GWh")."""


def _new_names(source: str, translation: str, context: Context) -> list[str]:
    """Capitalised words of the translation that the source lacks and that are names: rare words
    (:data:`RARE_NAME_ZIPF`) inside a sentence unlike any word of the source, or rare ones next to a
    name the source has."""
    lang = context.lang.split("_")[0]
    source_plain = _plain(source)
    source_words = {_plain(word).removesuffix("s") for word in re.findall(r"[^\W\d_]+", source)}
    known = " ".join(
        [context.glossary.rendering(term, lang) for term, _, _ in context.glossary.find(source)]
        + list(_territory_names(lang).values())
    )
    found = []
    for match in NAME.finditer(translation):
        words = re.split(r"[\s\u00a0-]+", match.group())
        if _renders_a_compound_name(match.group(), words, source):
            continue
        new = [word for word in words if _plain(word) not in source_plain and word not in known]
        inside = match.start() > 0 and not re.search(r"[.!?:«“\"]\s*$", translation[: match.start()])
        for word in new:
            rarity = max(lexicon.zipf(word.casefold(), name) for name in (lang, "en"))
            beside_a_name = rarity < NAME_WORD_ZIPF and any(
                _plain(other).removesuffix("s") in source_words for other in words if other not in new
            )
            if (
                beside_a_name or (inside and rarity < RARE_NAME_ZIPF and not _like_a_word_of(word, source))
            ) and word not in found:
                found.append(word)
    return found


COMPOUND_NAME = re.compile(r"\b[A-ZÀ-Þ][^\W\d_]+(?:-[A-ZÀ-Þ][^\W\d_]+)+")
"""A name of hyphenated capitalised parts ("Sachsen-Anhalt", "Rheinland-Pfalz")."""


def _renders_a_compound_name(name: str, words: list[str], source: str) -> bool:
    """Whether a hyphenated name of the translation renders one of the source, part by part: one of
    its parts is a part of the source's name, or like one ("Saxony-Anhalt" for ``Sachsen-Anhalt``,
    "Rhénanie-Palatinat" for ``Rheinland-Pfalz``); the other parts are then translated, not changed."""
    return "-" in name and any(
        any(_plain(word) in _plain(compound) or _like_a_word_of(word, compound) for word in words)
        for compound in COMPOUND_NAME.findall(source)
    )


def _like_a_word_of(word: str, source: str) -> bool:
    """Whether ``word`` is a capitalised word of the source, or a part of one (a compound: "Saxony" in
    ``Niedersachsen``, "Rhénanie" in ``Nordrhein``), in another spelling: the same first letter, and
    alike (:data:`LIKE_A_SOURCE_WORD`)."""
    plain = _plain(word)
    for other in {_plain(name) for name in re.findall(r"\b[A-ZÀ-Þ][^\W\d_]{2,}", source)}:
        for start in range(len(other)):
            if (
                other[start] == plain[0]
                and SequenceMatcher(None, plain, other[start : start + len(plain) + 1]).ratio() >= LIKE_A_SOURCE_WORD
            ):
                return True
    return False
