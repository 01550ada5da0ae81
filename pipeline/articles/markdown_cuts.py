"""Where a Markdown paragraph may be cut into sentences without changing what its markup means, in
time linear in the paragraph's length.

A cut between two sentences is safe unless an inline construct (emphasis, a code span, a link, inline
HTML…) starts before it and ends after it. markdown-it's inline tokens carry no source positions, so
the source parser's rules note them while the paragraph is parsed once
(:func:`note_extent`, :func:`noting_delimiters`); pairing emphasis delimiters is markdown-it's own
work (``balance_pairs``), read back from the tokens it turned into ``em_open``/``em_close``.

The result is then verified as a whole: the groups' renderings, joined by their gaps, must be the
paragraph's rendering (one more parse). Where they are not (a delimiter that pairs differently once
the paragraph is cut, which positions cannot show), the cuts are decided as before, by rendering
both sides of each cut, for paragraphs of at most :data:`MAX_RENDERED_CUTS` cuts; a longer one
stays whole.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

EXTENTS = "pipeline_construct_extents"
"""``env`` key of the list of (start, end) source spans of the constructs noted while parsing."""
DELIMITERS = "pipeline_delimiter_positions"
"""``env`` key of the list of (token, start, end) of emphasis and strikethrough delimiter tokens."""

MAX_RENDERED_CUTS = 32
"""The rendering fallback costs a parse of the paragraph per cut: bounded, so it stays linear."""

Span = tuple[int, int]


def note_extent(state: StateInline, start: int, silent: bool) -> None:
    """Note the construct a rule just parsed, from ``start`` to ``state.pos``, when asked to."""
    extents = state.env.get(EXTENTS)
    if not silent and extents is not None:
        extents.append((start, state.pos))


def noting_delimiters(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """``rule`` (emphasis, strikethrough) noting the source span of each delimiter token it pushes."""

    def noting(state: StateInline, silent: bool) -> bool:
        start, pushed = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        found = state.env.get(DELIMITERS)
        if found is not None:
            found.extend((token, start, state.pos) for token in state.tokens[pushed:])
        return True

    return noting


def keep_markup_whole(md: MarkdownIt, flat: str, spans: list[Span], env: dict) -> list[Span]:
    """``spans`` (sentences of ``flat``, in order) joined where a cut between them would change what
    the markup means."""
    first, last = spans[0][0], spans[-1][1]
    parsing = {**env, EXTENTS: [], DELIMITERS: []}
    tokens = md.parseInline(flat[first:last], parsing)
    whole = md.renderer.render(tokens, md.options, parsing)
    constructs = parsing[EXTENTS] + _paired(tokens, parsing[DELIMITERS])
    crossed = _crossed_cuts([(start - first, end - first) for start, end in spans], constructs)
    kept = _join(spans, crossed)
    if _rendering(md, flat, kept, env) == whole:
        return kept
    if len(spans) - 1 <= MAX_RENDERED_CUTS:
        return _by_rendering(md, flat, spans, env, whole)
    return [(first, last)]


def _paired(tokens: list[Token], delimiters: list[tuple[Token, int, int]]) -> list[Span]:
    """The source spans of the emphasis (and strikethrough) pairs markdown-it made."""
    where = {id(token): (start, end) for token, start, end in delimiters}
    pairs, opened = [], []
    for token in (child for line in tokens for child in (line.children or [])):
        if token.nesting == 1:
            opened.append(token)
        elif token.nesting == -1 and opened:
            opening = opened.pop()
            if id(opening) in where and id(token) in where:
                pairs.append((where[id(opening)][0], where[id(token)][1]))
    return pairs


def _crossed_cuts(spans: list[Span], constructs: list[Span]) -> list[bool]:
    """For each cut (between ``spans[i]`` and ``spans[i + 1]``), whether a construct starts before it
    and ends after it; a difference array over the cuts, so linear in spans and constructs."""
    ends = [end for _, end in spans[:-1]]  # cut i is after ends[i] ...
    starts = [start for start, _ in spans[1:]]  # ... and before starts[i]
    marks = [0] * (len(ends) + 1)
    for start, end in constructs:
        low = bisect.bisect_right(ends, start)  # first cut after the construct's start
        high = bisect.bisect_left(starts, end)  # cuts before the construct's end
        if low < high:
            marks[low] += 1
            marks[high] -= 1
    crossed, running = [], 0
    for mark in marks[:-1]:
        running += mark
        crossed.append(running > 0)
    return crossed


def _join(spans: list[Span], crossed: list[bool]) -> list[Span]:
    kept = [spans[0]]
    for (start, end), joined in zip(spans[1:], crossed, strict=True):
        kept[-1:] = [(kept[-1][0], end)] if joined else [kept[-1], (start, end)]
    return kept


def _rendering(md: MarkdownIt, flat: str, kept: list[Span], env: dict) -> str:
    """The groups rendered one by one, joined by their gaps rendered as text."""
    parts = [md.renderInline(flat[kept[0][0] : kept[0][1]], env)]
    for (_, end), (start, next_end) in itertools.pairwise(kept):
        parts.append(md.renderInline("a" + flat[end:start] + "a", env)[1:-1])
        parts.append(md.renderInline(flat[start:next_end], env))
    return "".join(parts)


def _by_rendering(md: MarkdownIt, flat: str, spans: list[Span], env: dict, whole: str) -> list[Span]:
    """Each cut kept if both sides, rendered apart, make the whole: a parse per cut."""
    first, last = spans[0][0], spans[-1][1]
    kept = [spans[0]]
    for (_, end), (start, next_end) in itertools.pairwise(spans):
        gap = md.renderInline("a" + flat[end:start] + "a", env)[1:-1]
        if md.renderInline(flat[first:end], env) + gap + md.renderInline(flat[start:last], env) == whole:
            kept.append((start, next_end))
        else:
            kept[-1] = (kept[-1][0], next_end)
    return kept
