"""Inline Markdown markup as numbered codes, so that a CAT tool protects it as XLIFF inline codes.

A sentence of a Markdown article keeps its inline markup in the msgid (``**fett**``,
``[Text](https://…)``, `` `code` ``). For an exchange file the sentence becomes a sequence of
*pieces*: plain text, and :class:`Code` objects numbered in source order that stand for one piece
of markup each, as written. The codes are the protected spans
(:func:`pipeline.articles.markdown.protected_spans`: link destinations, code spans, autolinks,
inline HTML, entities, URLs) and the delimiters between them (emphasis runs, link brackets,
backslash escapes). A sentence of a plain-text article has no codes: its characters are text.

Mapping back takes each code's text from the *source* by number, never from the returned file, so
a CAT tool cannot change a URL; a translation that lost a code is refused (:func:`missing_codes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.articles.markdown import protected_spans

DELIMITERS = re.compile(r"!?\[|\]|\*+|~~|(?<![^\W_])_+|_+(?![^\W_])|\\[!-/:-@\[-`{-~]")
"""Markup between the protected spans: link and image brackets, emphasis runs (``_`` only where
it is not inside a word, as CommonMark reads it), strikethrough and backslash escapes."""


@dataclass(frozen=True, slots=True)
class Code:
    """One piece of inline markup: ``id`` numbers it within its sentence ("1", "2", …)."""

    id: str
    text: str


Piece = str | Code


def markup_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every piece of inline markup in a Markdown sentence, in order.

    >>> [("x **fett** [a](u)"[s:e]) for s, e in markup_spans("x **fett** [a](u)")]
    ['**', '**', '[', ']', '(u)']
    """
    protected = protected_spans(text)
    spans, last = [], 0
    for start, end in [*protected, (len(text), len(text))]:
        spans += [(last + match.start(), last + match.end()) for match in DELIMITERS.finditer(text[last:start])]
        if end > start:
            spans.append((start, end))
        last = end
    return spans


def split_codes(text: str, *, markdown: bool) -> tuple[Piece, ...]:
    """``text`` as pieces: the codes numbered from 1 in order.

    >>> split_codes("Siehe [hier](https://x.de).", markdown=True)
    ('Siehe ', Code(id='1', text='['), 'hier', Code(id='2', text=']'), Code(id='3', text='(https://x.de)'), '.')
    """
    if not markdown:
        return (text,) if text else ()
    pieces: list[Piece] = []
    last = 0
    for number, (start, end) in enumerate(markup_spans(text), start=1):
        if start > last:
            pieces.append(text[last:start])
        pieces.append(Code(str(number), text[start:end]))
        last = end
    if last < len(text):
        pieces.append(text[last:])
    return tuple(pieces)


def split_like(text: str, source: Sequence[Piece], *, markdown: bool) -> tuple[Piece, ...]:
    """A translation as pieces whose codes are the source's: each piece of markup that matches a
    source code not used yet (same text, first in order) takes its number; other markup stays text.

    >>> split_like("Voir **ici**.", split_codes("Siehe **hier**.", markdown=True), markdown=True)
    ('Voir ', Code(id='1', text='**'), 'ici', Code(id='2', text='**'), '.')
    """
    unused = [piece for piece in source if isinstance(piece, Code)]
    pieces: list[Piece] = []
    for piece in split_codes(text, markdown=markdown):
        match = next((code for code in unused if isinstance(piece, Code) and code.text == piece.text), None)
        if match is not None:
            unused.remove(match)
            pieces.append(match)
        else:
            pieces.append(piece.text if isinstance(piece, Code) else piece)
    return merge_text(pieces)


def merge_text(pieces: Iterable[Piece]) -> tuple[Piece, ...]:
    """Adjacent text pieces joined, empty ones dropped."""
    merged: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        elif piece != "":
            merged.append(piece)
    return tuple(merged)


def join_codes(pieces: Iterable[Piece], source: Sequence[Piece]) -> str:
    """The text of ``pieces`` with each code written as the source's code of the same number.

    Raises ``KeyError`` for a code number the source does not have.
    """
    by_id = {piece.id: piece.text for piece in source if isinstance(piece, Code)}
    return "".join(piece if isinstance(piece, str) else by_id[piece.id] for piece in pieces)


def missing_codes(pieces: Iterable[Piece], source: Sequence[Piece]) -> list[Code]:
    """The source's codes that ``pieces`` lacks."""
    present = {piece.id for piece in pieces if isinstance(piece, Code)}
    return [piece for piece in source if isinstance(piece, Code) and piece.id not in present]
