"""Checks for meaning that a fluent translation can lose: negation, modality, direction, an ending
cut off.

Each check compares small sets of marker words between the German source and the translation. The
markers are the closed-class words of each language (negation particles, modal verbs, words of
rise and fall, articles and prepositions), which no word-frequency list or CLDR table provides, so
they are listed here, per language. Every check stays silent for a language it has no markers for.

The checks are deliberately one-sided where translators rephrase freely: a direction is reported
only when the translation says the opposite of the source (not when it drops the word), a modality
only when the source hedges and the translation has no hedge of any kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.qa.context import Context


def _words(text: str) -> list[str]:
    """Lower-case words and numbers, with ’ as '; an elided article keeps its apostrophe ("n'", "d'")."""
    text = text.replace("’", "'")
    return [word.casefold() for word in re.findall(r"[^\W_]+'?", text)]


def _matches(words: list[str], text: str, markers: tuple[frozenset[str], tuple[str, ...], re.Pattern | None]) -> bool:
    exact, prefixes, pattern = markers
    return any(word in exact or word.startswith(prefixes) for word in words) or bool(
        pattern and pattern.search(text.replace("’", "'"))
    )


def _marker_set(words: str, prefixes: str = "", pattern: str | None = None):
    """Markers as (exact words, word prefixes, a pattern for phrases)."""
    return (frozenset(words.split()), tuple(prefixes.split()), re.compile(pattern, re.IGNORECASE) if pattern else None)


def _lang(context: Context) -> str:
    return context.lang.split("_")[0]


# --- negation ------------------------------------------------------------------------------------

NEGATION = {
    "de": _marker_set(
        "nicht nichts kein keine keinen keinem keiner keines nie niemals niemand nirgends "
        "nirgendwo ohne weder kaum keineswegs keinesfalls mitnichten"
    ),
    "fr": _marker_set(
        "pas jamais aucun aucune aucuns aucunes sans rien ni non guère nullement hors peu zéro rare rares rarement",
        pattern=r"\bne\b|\bn'\w|\bs'en pass|\bse pass\w* d|\bà peine\b|\b(?:faute|à défaut) d",
    ),
    "en": _marker_set(
        "not no never without nothing none nor neither nobody nowhere cannot hardly barely "
        "scarcely rarely seldom little few zero lack lacks lacked lacking unless absent",
        pattern=r"n't\b|\bfar from\b|\w-free\b|\bfree of\b",
    ),
}
"""Words that deny. ``kaum`` counts on the German side so that "hardly" or "ne … guère" match it;
French ``ne`` (with ``n'`` before a verb) counts alone, since spoken French may drop ``pas`` but
written French never drops ``ne``; so do "hors (du commun)", "se passer de" (do without), "faute
de", and "far from alone", which is how English says "nicht allein", and "unless" for ``ohne``."""
NOT_NEGATION = re.compile(
    r"\bpas à pas\b|\bne\s+\S+\s+que\b|\b(?:nicht|not|non|pas) (?:nur|only|just|seulement|"
    r"uniquement)\b|\bnicht (?:zuletzt|selten|umsonst|wenige)\b|\bohne (?:zweifel|frage)\b"
    r"|\bnicht (?:mehr|weniger) als\b",
    re.IGNORECASE,
)
"""What looks negative but is not: "pas à pas" (step by step), "ne … que" (only), and idioms whose
negation translators drop: "nicht nur" (not only: "non seulement", "but also"), "nicht zuletzt"
(notably), "nicht selten" (often), "ohne Zweifel" (undoubtedly), "nicht mehr als" (at most).
Removed from both texts."""


NEVER = re.compile(r"(?!)")
STRONG_NEGATION = {"en": re.compile(r"\bnot\b|n't\b|\bnever\b|\bno longer\b", re.IGNORECASE)}
"""A translation's own negation of a verb, where the source negates nothing: "is not", "never".
French is left out: its translators turn a German noun or adjective into a negated clause ("ne
pardonne pas" for "unforgiving", "ne pourrait pas suivre" for "Überforderung") in the seed itself."""


def negation(source: str, translation: str, context: Context) -> Iterator[str]:
    """Negation lost or added

    A source with a negation (``nicht``, ``kein``, ``nie``, ``ohne``, ``kaum``) needs one in the
    translation (``ne … pas``, ``jamais``, ``aucun``, ``sans``; "not", "no", "never", "without"), and
    a translation should not deny what the source affirms. French "ne … que" (only) and "pas à pas"
    are no negation.
    """
    target = NEGATION.get(_lang(context))
    german = NEGATION.get(context.source_lang.split("_")[0])
    if not target or not german:
        return
    cleaned, source = NOT_NEGATION.sub(" ", translation), NOT_NEGATION.sub(" ", source)
    in_source = _matches(_words(source), source, german)
    in_translation = _matches(_words(cleaned), cleaned, target)
    if in_source and not in_translation:
        yield "the source is negated (nicht, kein, nie, ohne …), the translation is not"
    elif not in_source and STRONG_NEGATION.get(_lang(context), NEVER).search(cleaned.replace("’", "'")):
        yield "the translation is negated (not, never), the source is not"


# --- modality ------------------------------------------------------------------------------------

MODALITY = {
    "de": _marker_set(
        "soll sollen sollte sollten solle sollst dürfte dürften könnte könnten möchte möchten "
        "müsste müssten will wollen wolle wollte wollten plant planen plante planten geplant "
        "vermutlich wahrscheinlich voraussichtlich möglicherweise vielleicht angeblich womöglich "
        "eventuell",
        "erwäg überleg",
    ),
    "fr": _marker_set(
        "doit doivent devait devaient devra devront dû censé censée censés censées peut peuvent "
        "pourra pourront veut veulent voulait voulaient voudrait entend entendent projet projets "
        "envisage envisagent compte comptent vise visent ambitionne ambitionnent souhaite "
        "souhaitent espère espèrent probablement possible possiblement vraisemblablement "
        "peut-être semble semblent paraît objectif objectifs cherche cherchent tente tentent si",
        "prév projett programm éventuel réfléchi étudi",
        pattern=r"\b\w{2,}(?:rait|raient|ra|ront)\b|\bd'ici\b|\bsans doute\b|\bà terme\b"
        r"|\bs'ils?\b|\bappelée?s? à\b",
    ),
    "en": _marker_set(
        "will would could might may must should shall can plan plans planned planning intend "
        "intends intended aim aims aimed expect expects expected likely probably possibly perhaps "
        "reportedly allegedly alleged apparently presumably supposedly maybe want wants wanted hope "
        "hopes hoped seek seeks try tries target targets due set meant supposed going envisage envisages "
        "projected scheduled slated poised if unless whether consider considers considering weigh weighs "
        "weighing mulls mulling",
        pattern=r"'ll\b|'d\b|\b(?:is|are|was|were|be|been) (?:\w+ )?(?:to|said|thought|believed)\b",
    ),
}
"""Words that hedge or plan: German modal verbs and adverbs; French modal verbs, the conditional and
the future (``-rait``, ``-ra``), verbs and nouns of planning; English modal verbs, "is to", "due to",
verbs of planning. Generous on the translation side: the check only asks whether there is any."""


PLANNING = frozenset({"plant", "planen", "plante", "planten"})
PLANS_SOMETHING = re.compile(r"\b(?:plant|planen|plante|planten)(?:[\s\u00a0]+[^\W\d_]+){2}", re.IGNORECASE)
"""``plant`` announces when it plans something ("plant eine zweite Fabrik"); "Verkor plant ambitioniert"
(plans boldly) says how the company plans, which "Verkor voit grand" renders as a fact, rightly."""


HEARSAY = {
    "de": _marker_set("soll sollen solle angeblich laut zufolge"),
    "fr": _marker_set(
        "selon affirme affirment indique indiquent estime estiment déclare déclarent assure assurent",
        pattern=r"\bd'après\b|\baux dires\b",
    ),
    "en": _marker_set("according said says say claims claimed reported reportedly allegedly alleged"),
}
"""Words that report what others say: German ``soll`` of hearsay ("Er soll … haben"), ``laut``,
``zufolge``; "according to", "selon", "said". A report may be rendered as a report, but a possibility
(``könnte``) or a plan is not rendered by "analysts say"."""


def _announces(source: str, markers) -> bool:
    words = [word for word in _words(source) if word not in PLANNING]
    return _matches(words, source, markers) or bool(PLANS_SOMETHING.search(source))


def modality(source: str, translation: str, context: Context) -> Iterator[str]:
    """Plan, claim or possibility rendered as a fact

    A source that says something is planned, expected, claimed or possible (``soll``, ``plant``,
    ``könnte``, ``dürfte``, ``will``, ``voraussichtlich``) needs a modal word, a conditional, a future
    or a verb of planning in the translation; otherwise the translation states as a fact what the
    source only announces. What the source reports (``soll`` of hearsay, ``laut``, ``zufolge``) may
    be rendered as a report instead ("according to", ``selon``).
    """
    lang, german_lang = _lang(context), context.source_lang.split("_")[0]
    target, german = MODALITY.get(lang), MODALITY.get(german_lang)
    if not target or not german:
        return
    words = _words(translation)
    hedged = _matches(words, translation, target) or (
        _matches(_words(source), source, HEARSAY[german_lang]) and _matches(words, translation, HEARSAY[lang])
    )
    if (_announces(source, german) or _matches(_words(source), source, HEARSAY[german_lang])) and not hedged:
        yield "the source hedges or announces (soll, plant, könnte …), the translation states a fact"


# --- direction -----------------------------------------------------------------------------------

RISE = {
    "de": _marker_set(
        "mehr höher höhere höheren höherer größer gewinnt gewinnen gewann gewannen gewonnen",
        "steig stieg gestiegen anstieg wachs wächst wuchs gewachsen zuwachs zunehm zugenommen erhöh "
        "verdoppel verdreifach aufschwung zuleg zugelegt teurer verteuer kletter",
        pattern=r"\b(?:nimmt|nehmen|nahm|nahmen|legt|legen|legte|legten)\b[^,.;:]*\bzu\b",
    ),
    "fr": _marker_set(
        "plus davantage supérieur supérieure supérieurs supérieures monte montent monté montée montés montées monter",
        "hauss augment croî croiss croît accroî accru progress doubl tripl grimp envol gagn bond rebond flamb renchéri",
    ),
    "en": _marker_set(
        "more higher greater",
        "rise rose risen rising rais increas grow grew grown growth gain "
        "doubl tripl climb soar surg jump leap rebound dearer",
    ),
}
FALL = {
    "de": _marker_set(
        "weniger niedriger niedrigere niedrigeren geringer geringere geringeren minus",
        "sink sank gesunken rückgang schrumpf verringer reduzier senk gesenkt abnehm abgenommen "
        "halbier einbruch eingebrochen brach mindert minder verlier verlor billiger günstiger verbillig "
        "stürz absturz abgestürzt",
        pattern=r"\b(?:nimmt|nehmen|nahm|nahmen)\b[^,.;:]*\bab\b"
        r"|\b(?:geht|gehen|ging|gingen)\b[^,.;:]*\bzurück\b"
        r"|\b(?:gibt|geben|gab|gaben)\b[^,.;:]*\bnach\b",
    ),
    "fr": _marker_set(
        "moins inférieur inférieure inférieurs inférieures",
        "baiss diminu recul chut rédui réduct contract effondr divis perd tomb plong dégringol",
    ),
    "en": _marker_set(
        "less fewer lower",
        "fall fell fallen falling declin drop decreas shrink shrank "
        "shrunk reduc cut halv slump plung lose losing lost sink sank sunk plummet tumbl cheaper",
    ),
}
"""Words of rise and fall, gain and loss (stems match inflected forms); German separable verbs
("nahm … zu", "ging … zurück") by their prefix at the end of the clause."""
NOT_DIRECTION = re.compile(
    r"\b(?:au|du|pour le) moins\b|\bat least\b|\bne\s+\S+\s+plus\b|\bnicht mehr\b"
    r"|\bno longer\b|\bnéanmoins\b|\bde plus\b|\ben plus\b|\bnon plus\b",
    re.IGNORECASE,
)
PLACE_NAMES = re.compile(r"\b(?:Lower|Upper|Greater|Basse|Haute|Grand)[- ][A-Z]\w*")
"""Lower Saxony, Haute-Savoie: names, not directions."""
""""au moins" (at least) and "ne … plus" (no longer) are no direction."""


NORTH = {"de": _marker_set("", "nord nörd"), "fr": _marker_set("nord"), "en": _marker_set("", "north")}
SOUTH = {"de": _marker_set("", "süd"), "fr": _marker_set("sud"), "en": _marker_set("", "south")}
EAST = {"de": _marker_set("", "ost öst"), "fr": _marker_set("", pattern=r"\bl'est\b"), "en": _marker_set("", "east")}
WEST = {"de": _marker_set("", "west"), "fr": _marker_set("ouest"), "en": _marker_set("", "west")}
"""Points of the compass; French "est" only after "l'" (otherwise it is "is")."""
PAST = {
    "de": _marker_set("", "letzt vergangen vorig"),
    "fr": _marker_set("", "derni passé"),
    "en": _marker_set("last past previous"),
}
FUTURE = {
    "de": _marker_set("", "nächst kommend"),
    "fr": _marker_set("", "prochain", pattern=r"\bà venir\b"),
    "en": _marker_set("next coming upcoming"),
}
"""The last and the next (year, week, quarter)."""
OPPOSITES = (
    (RISE, FALL, "a rise (mehr, steigen …)", "a fall (weniger, sinken …)"),
    (NORTH, SOUTH, "the north", "the south"),
    (EAST, WEST, "the east", "the west"),
    (PAST, FUTURE, "the past (letzte, vergangene)", "the future (nächste, kommende)"),
)


def direction(source: str, translation: str, context: Context) -> Iterator[str]:
    """Rise and fall, north and south, last and next swapped

    A source that speaks only of growth (``mehr``, ``steigen``, ``wachsen``, ``höher``) must not be
    rendered with words of decline only ("less", "fall", ``baisse``, ``moins``), nor the other way
    round; the same holds for the points of the compass (``südlich`` is not "north") and for the
    last and the next (``im vergangenen Jahr`` is not "next year"). A translation that drops the
    word, or says both, is left alone.
    """
    lang, german = _lang(context), context.source_lang.split("_")[0]
    if lang not in RISE or german not in RISE:
        return
    source = NOT_DIRECTION.sub(" ", PLACE_NAMES.sub(" ", source))
    translation = NOT_DIRECTION.sub(" ", PLACE_NAMES.sub(" ", translation))
    source_words, translation_words = _words(source), _words(translation)
    for one, other, one_name, other_name in OPPOSITES:
        source_one = _matches(source_words, source, one[german])
        source_other = _matches(source_words, source, other[german])
        said_one = _matches(translation_words, translation, one[lang])
        said_other = _matches(translation_words, translation, other[lang])
        if source_one and not source_other and said_other and not said_one:
            yield f"the source speaks of {one_name}, the translation of {other_name}"
        elif source_other and not source_one and said_one and not said_other:
            yield f"the source speaks of {other_name}, the translation of {one_name}"


# --- a translation cut off -----------------------------------------------------------------------

DANGLING = {
    "fr": frozenset("le la les l' un des du de d' au aux à et ou mais que qu' dont ni".split()),
    "en": frozenset(
        "the a an of and or but nor than its their his our my your whose into onto between among "
        "because although whether".split()
    ),
}
"""Words a sentence cannot end on: articles, prepositions that need a noun, conjunctions."""
HYPHENATED_END = re.compile(r"-\w+\W*$")
"""A pronoun after a hyphen ends an imperative: "Faites-le !"."""
FEWEST_WORDS = {"fr": 0.65, "en": 0.55}
"""The fewest words a complete translation has per word of its German source (of eight words or
more): the seed's and the evaluation sets' correct translations have at least 0.85 in French, 0.7 in
English."""
SHORTEST_SOURCE = 8
"""Sources of fewer words ("Ja.", a title) vary too much in length to judge."""


def truncated(source: str, translation: str, context: Context) -> Iterator[str]:
    """Translation cut off or missing a part

    A translation that ends on an article, a preposition or a conjunction ("… investit dans la.",
    "… and the.") stops inside a phrase, even with a full stop after it. One with far fewer words
    than its source needs (:data:`FEWEST_WORDS` per source word) has lost a clause.
    """
    lang = _lang(context)
    words = _words(translation)
    if lang not in DANGLING or not words:
        return
    if words[-1] in DANGLING[lang] and not HYPHENATED_END.search(translation):
        yield f"the translation ends on {words[-1]!r}: is it cut off?"
        return
    source_words = len(_words(source))
    if source_words >= SHORTEST_SOURCE and len(words) < FEWEST_WORDS[lang] * source_words:
        yield (f"the translation has {len(words)} words for the source's {source_words}: is a clause missing?")
