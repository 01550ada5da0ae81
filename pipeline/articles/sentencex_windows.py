"""sentencex on a paragraph of any length in time linear in its length.

Some of sentencex's regexes take time quadratic in the text they search: its quotation regex
(``OPEN(\\n|.)*?CLOSE`` for each pair of marks) reads to the end of the text again from every opening
mark that nothing closes, and runs of backticks or apostrophes cost the same. A paragraph of
``„Ja. `` repeated 48,000 times took 2.4 s, 40,000 backticks 0.4 s; a 2 MB article would take
minutes. No paragraph a person writes comes near :data:`WINDOW` characters, and those are given to
sentencex whole, as before. A longer one is given in windows of that size: each window's sentence
ends are taken up to :data:`MARGIN` characters before its end (sentencex looks at the next word to
decide), and the next window starts at the last end taken. Each window costs at most a constant, and
each advances by at least ``WINDOW - MARGIN`` characters every two windows.

The price, in such a paragraph only: a quotation that spans two windows is not known to the second,
so a sentence end inside it may be taken; and a sentence longer than a window is read from a window
that starts inside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate

import sentencex

WINDOW = 5_000
"""Most characters sentencex is given at once: about three times the longest paragraph of the test
corpus's newsroom articles."""
MARGIN = 200
"""Sentence ends this close to a window's end are left to the next window, which sees what follows."""


def sentence_ends(language: str, text: str) -> Iterator[int]:
    """The offsets (``0 < offset < len(text)``) where sentencex starts a new sentence of ``text``."""
    if len(text) <= WINDOW:
        yield from _ends(language, text)
        return
    start = 0
    while len(text) - start > WINDOW:
        end = start + WINDOW
        taken = [start + offset for offset in _ends(language, text[start:end]) if start + offset <= end - MARGIN]
        yield from taken
        start = taken[-1] if taken else end - MARGIN
    yield from (start + offset for offset in _ends(language, text[start:]))


def _ends(language: str, text: str) -> Iterator[int]:
    return (offset for offset in accumulate(map(len, sentencex.segment(language, text))) if offset < len(text))
