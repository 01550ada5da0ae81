"""Quotation marks that sentencex can never pair, hidden from it so that its time stays linear.

sentencex finds quotations with a regex, ``OPEN(\\n|.)*?CLOSE`` for each pair of marks, searched
through the paragraph (``find_iter``). From an opening mark that no closing mark follows, that search
reads to the end of the paragraph, and it does so again from the next such mark: a paragraph of
``„Ja. `` repeated 48,000 times took 2.4 s, twice that 9 s, and a 2 MB article minutes.

A written paragraph leaves a few quotations open at most, and costs sentencex a few readings of it:
it is shown as it is. Past :data:`MAX_UNPAIRED` such marks, :func:`hide_unpaired_quotes` shows
sentencex, in their place, characters that open nothing, of the same length in UTF-8 (sentencex
reads the next word in a window of 30 bytes). A mark is hidden where it can neither open a quotation
(no closing mark of its pair follows it) nor close one (no mark it closes stands since the last mark
like it, as each opening mark is closed by the first closing mark after it), however sentencex orders
its search. Such a paragraph may then be cut differently where a hidden mark also closes quotations
(``«`` after a full stop stays with that sentence), but in time linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

SENTENCEX_QUOTE_PAIRS = {
    '"': '"',
    " '": "'",  # a space first, so that the apostrophe of "don't" opens nothing
    "«": "»",
    "»": "«",
    "‹": "›",
    "„": "“",
    "“": "”",
    "‚": "‚",
    "‘": "’",
    "‛": "‛",
    "‟": "‟",
    "《": "》",
    "「": "」",
}
"""The pairs German sentencex (1.0) treats as quotations, found by trying every pair of marks."""

SEARCHED_TO_THE_END = frozenset(opening for opening, closing in SENTENCEX_QUOTE_PAIRS.items() if closing not in opening)
"""Opening marks that may be left unclosed many times over: a mark that closes itself (``"``, and
`` '`` closed by its own apostrophe) is unclosed at most once."""

MAX_UNPAIRED = 64
"""Marks that open and close nothing that a paragraph is shown with: at most this many readings of
the paragraph, against one per mark of a pathological one."""

HIDDEN = {mark: "¤" if len(mark.encode()) == 2 else "₠" for mark in SEARCHED_TO_THE_END}

CLOSED_BY = {
    mark: frozenset(opening for opening, closing in SENTENCEX_QUOTE_PAIRS.items() if closing == mark)
    for mark in SEARCHED_TO_THE_END
}
"""For each mark, the marks it closes (``«`` closes ``»``, ``“`` closes ``„``)."""

_HIDEABLE = re.compile(f"[{''.join(sorted(SEARCHED_TO_THE_END))}]")
_MARKS = re.compile(f"[{''.join(sorted(SEARCHED_TO_THE_END.union(*CLOSED_BY.values())))}]")


def hide_unpaired_quotes(text: str) -> str:
    """``text``, or, where more than :data:`MAX_UNPAIRED` of its marks open and close no quotation,
    ``text`` with those marks hidden, one character for one."""
    if not _HIDEABLE.search(text):
        return text
    unpaired = list(unpaired_marks(text))
    if len(unpaired) <= MAX_UNPAIRED:
        return text
    hidden = list(text)
    for position in unpaired:
        hidden[position] = HIDDEN[text[position]]
    return "".join(hidden)


def unpaired_marks(text: str) -> Iterator[int]:
    """Offsets of the marks that no closing mark follows and that close no mark before them."""
    last = {mark: text.rfind(SENTENCEX_QUOTE_PAIRS[mark]) for mark in SEARCHED_TO_THE_END}
    open_since = dict.fromkeys(SEARCHED_TO_THE_END, False)  # a mark it closes, since the last one
    for found in _MARKS.finditer(text):
        mark, position = found.group(), found.start()
        if mark in SEARCHED_TO_THE_END:
            if last[mark] <= position and not open_since[mark]:
                yield position
            open_since[mark] = False
        for closing, openings in CLOSED_BY.items():
            if mark in openings:
                open_since[closing] = True
