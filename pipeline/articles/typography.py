"""Locale typography for editions: quotation marks and the spaces some languages put around punctuation.

Translators and machine drafts write quotes however their keyboard or the German source suggests
(``„…“``, ``"…"``, ``«…»``); editions should show each language's own. The ``.po`` text is left as
written: this module is applied by the edition writer only, and only to target languages (the source
edition must equal the seed byte for byte).

The rules are data, one :class:`Typography` per locale in :data:`TYPOGRAPHY`:

``fr``
    Outer quotes ``« … »``, inner quotes ``“ … ”``. Inside guillemets and before ``; ! ?`` a
    U+202F NARROW NO-BREAK SPACE (the *espace fine insécable*), before ``:`` a U+00A0 NO-BREAK SPACE
    (the colon takes a full-width space), as the Imprimerie nationale's *Lexique des règles
    typographiques* and Unicode's French guidance recommend; both keep the mark on the line of its
    word. A no-break space the translator already typed (either kind) is kept.
``en``
    Outer quotes ``“ … ”``, inner quotes ``‘ … ’``, no spaces inside them.

Both use ``’`` for the apostrophe. Other languages (and the source language) are left as written:
babel's CLDR data has no quotation marks, so there is nothing to derive them from.

Which marks open and which close is decided from the characters around each mark (as SmartyPants
does), and the nesting depth decides outer or inner, so a quotation that spans several sentences
(units of the catalog) still comes out right when a whole paragraph is set at once with
:func:`typeset_units`. URLs and e-mail addresses are never touched, nor are colons that are not
followed by a space (``9:30``, ``https:``). Applying the rules twice gives the same text as once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

NBSP = "\u00a0"
NNBSP = "\u202f"


@dataclass(frozen=True, slots=True)
class Typography:
    """How one locale writes quotations and the space before punctuation."""

    quotes: tuple[str, str]
    inner_quotes: tuple[str, str]
    quote_space: str = ""
    """Space inside the outer quotes (``""``: none, and any space there is removed)."""
    space_before: tuple[tuple[str, str], ...] = ()
    """(punctuation, no-break space required before it) pairs."""
    apostrophe: str = "’"


TYPOGRAPHY: dict[str, Typography] = {
    "fr": Typography(
        quotes=("«", "»"),
        inner_quotes=("“", "”"),
        quote_space=NNBSP,
        space_before=((";", NNBSP), ("!", NNBSP), ("?", NNBSP), (":", NBSP)),
    ),
    "en": Typography(quotes=("“", "”"), inner_quotes=("‘", "’")),
}

QUOTE_ROLES: dict[str, str] = {
    "„": "open",
    "‚": "open",
    "«": "open",
    "‹": "open",
    "”": "close",
    "»": "close",
    "›": "close",
    "“": "either",
    "‘": "either",
    '"': "either",
    "'": "either",
    "’": "either",
}
"""What each quotation mark in a translation may be: German ``„…“``, English ``“…”``, straight
quotes, guillemets (French orientation). ``either`` is decided by context."""

SINGLE_QUOTES = "‘’'"
OPENING_CONTEXT = "([{—–-/" + "„‚«‹“‘\"'" + "*_"
"""Characters after which an ambiguous mark opens a quotation (besides spaces and the start); ``*``
and ``_`` open Markdown emphasis (``*"Ja"*``)."""
SEPARATOR = "\ue000"
"""Joins the units of a paragraph for :func:`typeset_units`; a private-use character no text has."""

PROTECTED = re.compile(
    r"(?:[a-z][a-z0-9+.-]{0,31}://|www\.)[^\s"
    + SEPARATOR
    + r"]*[^\s.,;:!?)\]»”“\"'’"
    + SEPARATOR
    + r"]|[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
"""URLs and e-mail addresses, whose characters typography must leave alone. A scheme is at most 32
characters long and the part of an address before its ``@`` at most 64 (RFC 5321): unbounded, the
search went from every character of a long word to its end (16,000 letters: 5 s)."""
SPACES = f" {NBSP}{NNBSP}"
GUILLEMET_SPACES = re.compile(f"[«‹][{SPACES}]+|[{SPACES}]+[»›]")
"""French-style spaces inside guillemets, removed for locales whose quotes have none."""
QUOTE_MARK = re.compile("[" + re.escape("".join(QUOTE_ROLES)) + "]")


def rules_for(lang: str) -> Typography | None:
    """The rules of ``lang`` (``pt_BR`` falls back to ``pt``), or ``None`` to leave text as written."""
    return TYPOGRAPHY.get(lang) or TYPOGRAPHY.get(re.split(r"[_-]", lang)[0])


def typeset(text: str, rules: Typography | None) -> str:
    """``text`` with the locale's quotation marks and punctuation spaces.

    >>> typeset('Il a dit „oui“: c\\'est fini!', TYPOGRAPHY["fr"])
    'Il a dit «\\u202foui\\u202f»\\xa0: c’est fini\\u202f!'
    >>> typeset("„Ja“, sagte er um 9:30.", TYPOGRAPHY["en"])
    '“Ja”, sagte er um 9:30.'
    """
    return typeset_units([text], rules)[0]


def typeset_units(texts: Sequence[str], rules: Typography | None, *, between: Sequence[str] = ()) -> list[str]:
    """Set the sentences of one paragraph together, so that quotations may span them.

    ``between[i]`` is the text between ``texts[i]`` and ``texts[i + 1]`` (a space, by default).
    """
    if rules is None or not texts:
        return list(texts)
    if any(SEPARATOR in text for text in texts):  # cannot be joined and split safely: leave as written
        return list(texts)
    gaps = list(between) + [" "] * (len(texts) - 1 - len(between))
    joined = "".join(text + SEPARATOR + gap for text, gap in zip(texts, [*gaps, ""], strict=False))
    if not rules.quote_space:
        joined = GUILLEMET_SPACES.sub(lambda match: match.group().strip(SPACES), joined)
    joined = _spaces_before_punctuation(_quote_spaces(_quotes(joined, rules), rules), rules)
    pieces = joined.split(SEPARATOR)
    return [pieces[0]] + [piece.removeprefix(gap) for piece, gap in zip(pieces[1:-1], gaps, strict=False)]


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in PROTECTED.finditer(text)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _is_boundary(character: str) -> bool:
    return character == "" or character.isspace() or character == SEPARATOR


def _quotes(text: str, rules: Typography) -> str:
    """Replace every quotation mark by the locale's, tracking how deep the quotations nest."""
    spans = _protected_spans(text)
    opened: list[bool] = []
    """One entry per open quotation: whether a single-quote mark opened it (or shows it), so that a
    single mark after a word closes it instead of being an apostrophe."""

    def replace(match: re.Match[str]) -> str:
        mark, at = match.group(), match.start()
        if _inside(at, spans):
            return mark
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        role = _role(mark, before, after, single_open=bool(opened) and opened[-1])
        if role == "apostrophe":
            return rules.apostrophe
        if role == "open":
            shown = (rules.quotes if not opened else rules.inner_quotes)[0]
            opened.append(mark in SINGLE_QUOTES + "‚‹" or shown in SINGLE_QUOTES + "‚‹")
            return shown
        if role == "close":
            pair = rules.quotes if len(opened) <= 1 else rules.inner_quotes
            if opened:
                opened.pop()
            return pair[1]
        return mark

    return QUOTE_MARK.sub(replace, text)


def _role(mark: str, before: str, after: str, *, single_open: bool) -> str:
    """``open``, ``close``, ``apostrophe`` or ``keep`` for one mark between ``before`` and ``after``."""
    role = QUOTE_ROLES[mark]
    single = mark in SINGLE_QUOTES
    if single and before.isalnum() and after.isalnum():
        return "apostrophe"  # c'est, don't, l’usine
    if mark in "'’" and (_is_boundary(before) or before in OPENING_CONTEXT) and after.isdigit():
        return "apostrophe"  # ’90s
    if role != "either":
        return role
    if (_is_boundary(before) or before in OPENING_CONTEXT) and not (_is_boundary(after) or after in ".,;:!?)]}"):
        return "open"
    if not _is_boundary(before) and not after.isalnum():
        if single and not single_open:
            return "apostrophe" if mark != "‘" else "keep"  # the students' books
        return "close"
    return "keep"


def _quote_spaces(text: str, rules: Typography) -> str:
    """The space the locale wants inside its outer quotes (a no-break space already there stays);
    none inside inner quotes."""
    text = _set_space(text, rules.inner_quotes, "", closing_too=rules.inner_quotes[1] != rules.apostrophe)
    return _set_space(text, rules.quotes, rules.quote_space)


def _set_space(text: str, marks: tuple[str, str], space: str, *, closing_too: bool = True) -> str:
    """Put ``space`` inside each pair of ``marks`` (an opening mark after a word, or a closing one
    before a word, is something else: an apostrophe or a stray mark, and is left alone)."""
    opening, closing = (f"(?<!\\w){re.escape(marks[0])}", f"{re.escape(marks[1])}(?!\\w)")
    if space:
        text = re.sub(f"{opening} *(?=[^\\s{SEPARATOR}])", marks[0] + space, text)
        return re.sub(f"(?<=[^\\s{SEPARATOR}]) *{closing}", space + marks[1], text)
    text = re.sub(f"{opening}[ {NBSP}{NNBSP}]+(?=[^\\s{SEPARATOR}])", marks[0], text)
    spaces = f"[ {NBSP}{NNBSP}]" if closing_too else f"[{NBSP}{NNBSP}]"  # ’ is also the apostrophe: rock ’n’ roll
    return re.sub(f"(?<=[^\\s{SEPARATOR}]){spaces}+{closing}", marks[1], text)


def _spaces_before_punctuation(text: str, rules: Typography) -> str:
    """A no-break space before ``; : ! ?`` where the locale wants one, unless one is there already.

    Only punctuation that ends a word counts (followed by a space, the end, a closing mark, the
    ``*``/``_`` closing a Markdown emphasis, or more punctuation), so ``9:30``, ``https://`` and
    ``?q=1`` stay as they are.
    """
    if not rules.space_before:
        return text
    spaces = dict(rules.space_before)
    marks = re.escape("".join(spaces))
    closers = re.escape("»”’)]›*_" + rules.quotes[1] + rules.inner_quotes[1])  # *_: Markdown **Zitat:**
    pattern = re.compile(f"(?<=[^\\s{marks}{SEPARATOR}]) ?([{marks}])(?=$|[\\s{SEPARATOR}{marks}{closers}])")
    spans = _protected_spans(text)

    def replace(match: re.Match[str]) -> str:
        if _inside(match.start(1), spans):
            return match.group()
        return spaces[match.group(1)] + match.group(1)

    return pattern.sub(replace, text)
