"""Routes between languages, direct or through a pivot language: no engine is imported here.

Routes
    Every target language needs a package from the source language. Argos's index has de→en and
    en→fr but no de→fr, so a language without a direct package goes through English (de→en→fr), and
    the route is recorded with each draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PIVOT_LANGUAGE = "en"
"""The language a pair without a direct package is translated through."""


@dataclass(frozen=True, slots=True, order=True)
class Pair:
    """A translation direction between two language codes."""

    source: str
    target: str

    def __str__(self) -> str:
        return f"{self.source}→{self.target}"


@dataclass(frozen=True, slots=True)
class Route:
    """How one target language is reached from the source language, and what is missing for it."""

    target: str
    steps: tuple[Pair, ...]
    missing: tuple[Pair, ...] = ()

    @property
    def available(self) -> bool:
        return not self.missing

    @property
    def kind(self) -> str:
        return "pivot" if len(self.steps) > 1 else "direct"

    def __str__(self) -> str:
        """``de→en`` or ``de→en→fr``."""
        return "→".join([self.steps[0].source, *(step.target for step in self.steps)])


def plan_route(source: str, target: str, installed: Iterable[Pair]) -> Route:
    """The direct route if its package is installed, else the pivot through English if both legs are;
    otherwise the route to install (the pivot, as Argos's index offers no de→fr), with what is missing.

    Argos's packages are per language (``fr``, ``de``; ``zt`` and ``pb`` for traditional Chinese and
    Brazilian Portuguese), the project's codes may name a region (``fr_FR``, a ``de_AT`` source): each
    route takes the first installed pair between the codes Argos may use for them (:func:`argos_codes`,
    most specific first), else the pair between the most general ones (what the index offers).
    """
    installed = set(installed)
    direct = direct_route(source, target, installed)
    pivot = pivot_route(source, target, installed)
    return direct if direct.available or pivot is None else pivot


def direct_route(source: str, target: str, installed: Iterable[Pair]) -> Route:
    """The route from ``source`` to ``target`` in one package (installed or not)."""
    installed = set(installed)
    return _first_installed(
        [Route(target, (pair,), () if pair in installed else (pair,)) for pair in _code_pairs(source, target)]
    )


def pivot_route(source: str, target: str, installed: Iterable[Pair]) -> Route | None:
    """The route through English (installed or not); None when either language is English."""
    installed = set(installed)
    routes = []
    for pair in _code_pairs(source, target):
        if PIVOT_LANGUAGE not in (pair.source, pair.target):
            legs = (Pair(pair.source, PIVOT_LANGUAGE), Pair(PIVOT_LANGUAGE, pair.target))
            routes.append(Route(target, legs, tuple(leg for leg in legs if leg not in installed)))
    return _first_installed(routes) if routes else None


def _code_pairs(source: str, target: str) -> list[Pair]:
    return [Pair(start, end) for start in argos_codes(source) for end in argos_codes(target)]


def _first_installed(routes: list[Route]) -> Route:
    return next((route for route in routes if route.available), routes[-1])


ARGOS_OWN_CODES = {"zh_Hant": "zt", "pt_BR": "pb"}
"""Locales Argos's packages name with codes of their own (its ``sbd.py`` maps them back)."""


def argos_codes(code: str) -> list[str]:
    """The codes an Argos package may use for ``code``, most specific first: itself, Argos's own code,
    its language (not for traditional Chinese: ``zh`` packages write simplified Chinese).

    >>> argos_codes("fr_FR"), argos_codes("pt_BR"), argos_codes("zh_Hant_TW"), argos_codes("de")
    (['fr_FR', 'fr'], ['pt_BR', 'pb', 'pt'], ['zh_Hant_TW', 'zt'], ['de'])
    """
    own = next(
        (argos for locale, argos in ARGOS_OWN_CODES.items() if code == locale or code.startswith(locale + "_")), None
    )
    language = None if own == "zt" else re.split(r"[_-]", code, maxsplit=1)[0]
    return list(dict.fromkeys(item for item in (code, own, language) if item))


def plan_routes(source: str, langs: Sequence[str], installed: Iterable[Pair]) -> dict[str, Route]:
    installed = set(installed)
    return {lang: plan_route(source, lang, installed) for lang in langs if lang != source}


def useful_pairs(source: str, langs: Sequence[str]) -> set[Pair]:
    """Pairs a route of the project could use: the direct ones and the legs of pivots through English."""
    pairs = set()
    for lang in (lang for lang in langs if lang != source):
        for pair in _code_pairs(source, lang):
            pairs.add(pair)
            if PIVOT_LANGUAGE not in (pair.source, pair.target):
                pairs |= {Pair(pair.source, PIVOT_LANGUAGE), Pair(PIVOT_LANGUAGE, pair.target)}
    return pairs
