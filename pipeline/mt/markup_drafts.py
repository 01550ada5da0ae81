"""Machine drafts of Markdown sentences that keep exactly the source's inline markup.

Every piece of a sentence's inline markup reaches the engine as a placeholder (``ZQX1``, the glossary's
stand-in): link and image brackets with their targets (``[`` and ``](https://…)``), emphasis, strong
and strikethrough delimiters, code spans, footnote references, autolinks, inline HTML, entities and
backslash escapes. Touching pieces share one placeholder (``**[`` is one), so the engine sees few.

The engine's answer is taken only if it gives back every placeholder exactly once and in the source's
order; the spaces around each are then made what they were in the source (``ZQX1 the study ZQX2``
becomes ``ZQX1the studyZQX2``, or ``[ the study ]`` would be no link). Otherwise the draft falls back
to translating the runs of text between the pieces on their own and putting them back between the
source's pieces, so a dropped, doubled or moved placeholder never costs the draft a link.

Last, the finished draft must show the same markup as its source (:func:`pipeline.articles.markdown.markup_of`,
what ``check`` compares); text the engine wrote that would read as markup (a stray ``*`` or ``[``) is
escaped, and a draft that still differs is not written at all (the entry stays empty, the edition
shows the source sentence).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from pipeline.articles import gfm, markdown
from pipeline.glossary import PLACEHOLDER, PLACEHOLDER_FOUND, Glossary, Masked, Term, restore
from pipeline.mt.engines import Engine, ScoredTranslation, translate_checked, translate_scored
from pipeline.mt.routes import Pair

PIECES = "pipeline_markup_pieces"
"""Key of the markdown-it ``env`` list where the wrapped rules note the markup they read."""
SOURCE = "pipeline_markup_source"
"""Key of the ``env`` entry holding the sentence: a rule run on another text (an alt text) notes nothing."""
ALT_MARKUP = re.compile(r"[*_~`\\\[<&]")
DELIMITERS = "pipeline_markup_delimiters"
"""Key of the ``env`` list of delimiter runs not yet known to be markup."""
DELIMITER_RULES = ("emphasis", "strikethrough")
BRACKET_RULES = ("link", "image")
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>~&|])")
"""Characters that could start inline markup in text the engine wrote."""


# --- finding the markup --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """GFM inline Markdown whose rules note where each piece of markup stands (tokens carry no positions)."""
    md = gfm.with_gfm(MarkdownIt("commonmark"), source=True)
    rules = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    for name in DELIMITER_RULES:
        md.inline.ruler.at(name, _noting_delimiters(rules[name]))
    for name in BRACKET_RULES:
        md.inline.ruler.at(name, _noting_brackets(rules[name], name))
    md.inline.ruler.at("escape", _noting_escapes(rules["escape"]))
    md.inline.ruler2.before("fragments_join", "pipeline_markup_delimiters", _deciding)
    return md


Rule = Callable[[StateInline, bool], bool]


def _noting_delimiters(rule: Rule) -> Rule:
    """Note each delimiter token with its position; whether it became markup is decided after
    the pairs are matched (:func:`_deciding`)."""

    def noting(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if state.src != state.env.get(SOURCE):
            return True
        end = state.pos  # the run's tokens are the last ones (after any pending text)
        for token in reversed(state.tokens):
            if end <= start:
                break
            state.env[DELIMITERS].append((end - len(token.content), end, token))
            end -= len(token.content)
        return True

    return noting


def _deciding(state: StateInline) -> None:
    """After emphasis and strikethrough matched their delimiters, before text tokens are joined: a
    delimiter is markup if its token became ``em_open``… or, the second half of ``**``, lost its text."""
    if state.src != state.env.get(SOURCE):
        return
    for start, end, token in state.env[DELIMITERS]:
        if token.type != "text" or not token.content:
            state.env[PIECES].append((start, end))


def _noting_brackets(rule: Rule, name: str) -> Rule:
    """Note a link's (an image's) opening bracket and what follows its text: ``](url)``, ``][ref]``;
    a ``[shortcut]`` reference is one piece, its text being its label, and so is an image whose alt
    text holds markup (markdown-it reads an alt text apart, where positions are not the sentence's)."""

    def noting(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent and state.src == state.env.get(SOURCE):
            opening = start + (1 if name == "link" else 2)
            label_end = state.md.helpers.parseLinkLabel(state, opening - 1, name == "link")
            nested = name == "image" and ALT_MARKUP.search(state.src, opening, max(label_end, opening))
            if label_end < 0 or nested or state.src[label_end + 1 : state.pos] in ("", "[]"):
                state.env[PIECES].append((start, state.pos))
            else:
                state.env[PIECES] += [(start, opening), (label_end, state.pos)]
        return True

    return noting


def _noting_escapes(rule: Rule) -> Rule:
    def noting(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent and state.src == state.env.get(SOURCE) and state.src[start + 1 : start + 2] not in ("", "\n"):
            state.env[PIECES].append((start, state.pos))
        return True

    return noting


def markup_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of every piece of inline markup in ``text``, touching pieces joined, in order.

    >>> text = "Die **[Studie](https://x.org)** sagt `a`."
    >>> [text[start:end] for start, end in markup_pieces(text)]
    ['**[', '](https://x.org)**', '`a`']
    """
    env: dict = {"references": markdown.AnyReference(), PIECES: [], DELIMITERS: [], SOURCE: text}
    _parser().parseInline(text, env)
    found = env[PIECES] + markdown.protected_spans(text)
    joined: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        elif end > start:
            joined.append((start, end))
    return joined


def mask_markdown(text: str, glossary: Glossary) -> Masked:
    """``text`` as the engine gets it: every markup piece and every glossary term outside the markup
    as a numbered placeholder (a piece renders as itself in every language)."""
    if PLACEHOLDER_FOUND.search(text):  # a text that looks masked already is left alone
        return Masked(text)
    pieces = [(start, end, Term(text[start:end], {})) for start, end in markup_pieces(text)]
    terms = [
        (start, end, term)
        for term, start, end in glossary.find(text)
        if not any(start < other_end and other_start < end for other_start, other_end, _ in pieces)
    ]
    found = sorted(pieces + terms, key=lambda item: item[0])
    parts, last = [], 0
    for number, (start, end, _) in enumerate(found, start=1):
        parts += [text[last:start], PLACEHOLDER.format(number)]
        last = end
    parts.append(text[last:])
    return Masked("".join(parts), tuple(term for _, _, term in found))


# --- translating ---------------------------------------------------------------------------------


def translate_keeping_markup(engine: Engine, pair: Pair, texts: Sequence[str], *, guarded: set[str]) -> list[str]:
    """:func:`translate_scored_keeping_markup`, the translations only."""
    return [output.text for output in translate_scored_keeping_markup(engine, pair, texts, guarded=guarded)]


def translate_scored_keeping_markup(
    engine: Engine, pair: Pair, texts: Sequence[str], *, guarded: set[str]
) -> list[ScoredTranslation]:
    """``engine``'s translations of ``texts`` (masked sentences); those in ``guarded`` come back with
    every placeholder exactly once, in order and spaced as in the input: taken from the engine's
    answer where it allows, else put together from the runs between them, translated on their own.
    The outputs of guarded texts join ``guarded`` (through a pivot they are the next step's input).
    Each keeps the engine's confidence (:mod:`pipeline.po.confidence`), except one put together from
    runs: no single translation of it was scored."""
    scored = translate_scored(engine, pair, texts)
    outputs = [output.text for output in scored]
    repaired = [
        repair(text, output) if text in guarded else output for text, output in zip(texts, outputs, strict=True)
    ]
    broken = [index for index, output in enumerate(repaired) if output is None]
    if broken:
        rebuilt = _by_runs(engine, pair, [texts[index] for index in broken])
        for index, output in zip(broken, rebuilt, strict=True):
            repaired[index] = output
    final = [output or "" for output in repaired]
    guarded.update(output for text, output in zip(texts, final, strict=True) if text in guarded)
    return [
        ScoredTranslation(text, None if index in broken else output.confidence)
        for index, (text, output) in enumerate(zip(final, scored, strict=True))
    ]


def placeholders(text: str) -> list[re.Match[str]]:
    return list(PLACEHOLDER_FOUND.finditer(text))


def repair(source: str, output: str) -> str | None:
    """``output`` with its placeholders written as in ``source`` and the whitespace on each side of
    one as it is in ``source``; None if a placeholder is missing, repeated, invented or moved, or if
    text between two placeholders was lost."""
    wanted, found = placeholders(source), placeholders(output)
    if [match.group(1) for match in wanted] != [match.group(1) for match in found]:
        return None
    segments = _between(output, found)
    for number, match in enumerate(wanted):
        space_before = match.start() == 0 or source[match.start() - 1].isspace()
        space_after = match.end() == len(source) or source[match.end()].isspace()
        segments[number] = _spaced_end(segments[number], space_before, first=number == 0)
        segments[number + 1] = _spaced_start(segments[number + 1], space_after, last=number + 1 == len(wanted))
    texts_between = _between(source, wanted)[1:-1]
    if any(text.strip() and not segment.strip() for text, segment in zip(texts_between, segments[1:-1], strict=True)):
        return None
    return _join(segments, [match.group(0) for match in wanted])


def _between(text: str, matches: Sequence[re.Match[str]]) -> list[str]:
    """The text before, between and after ``matches`` (one more part than matches)."""
    edges = [0, *(edge for match in matches for edge in match.span()), len(text)]
    return [text[start:end] for start, end in zip(edges[::2], edges[1::2], strict=True)]


def _spaced_end(segment: str, space: bool, *, first: bool) -> str:
    if not space:
        return segment.rstrip()
    return segment if not segment or segment[-1].isspace() or (first and not segment.strip()) else segment + " "


def _spaced_start(segment: str, space: bool, *, last: bool) -> str:
    if not space:
        return segment.lstrip()
    return segment if not segment or segment[0].isspace() or (last and not segment.strip()) else " " + segment


def _join(segments: Sequence[str], pieces: Sequence[str]) -> str:
    parts = [segments[0]]
    for piece, segment in zip(pieces, segments[1:], strict=True):
        parts += [piece, segment]
    return "".join(parts)


WORD = re.compile(r"\w")


def _by_runs(engine: Engine, pair: Pair, texts: Sequence[str]) -> list[str]:
    """Each text with the runs between its placeholders translated on their own (one batch for all),
    each keeping the whitespace around it, and the placeholders where the source has them."""
    runs = {run.strip(): None for text in texts for run in _between(text, placeholders(text)) if WORD.search(run)}
    todo = list(runs)
    translated = dict(zip(todo, translate_checked(engine, pair, todo), strict=True)) if todo else {}
    rebuilt = []
    for text in texts:
        found = placeholders(text)
        segments = [_run_translation(segment, translated) for segment in _between(text, found)]
        rebuilt.append(_join(segments, [match.group(0) for match in found]))
    return rebuilt


def _run_translation(run: str, translated: dict[str, str]) -> str:
    """``run`` translated, with the whitespace it had around it; a run the engine gave back empty
    (or that holds no word) stays as written. Placeholders the engine invented are dropped."""
    core = run.strip()
    if not WORD.search(core):
        return run
    translation = PLACEHOLDER_FOUND.sub("", translated.get(core, "")).strip()
    if not translation:
        return run
    if translation[-1:] in ".!?" and core[-1:] not in ".!?":  # engines end a fragment as a sentence
        translation = translation[:-1].rstrip()
    start = run[: len(run) - len(run.lstrip())]
    return start + (translation or core) + run[len(run.rstrip()) :]


# --- the finished draft --------------------------------------------------------------------------


def finished_draft(source: str, output: str, masked: Masked, lang: str, glossary: Glossary) -> str:
    """The draft of the Markdown sentence ``source`` from the engine's ``output`` (placeholders in
    place): with the source's markup, text the engine wrote escaped where it would read as markup;
    ``""`` (no draft) if the markup still differs."""
    wanted = markdown.markup_of(source)
    for text in (output, _escaped_outside_placeholders(output)):
        draft = restore(text, masked, lang, glossary).strip()
        if markdown.markup_of(draft) == wanted:
            return draft
    return ""


def _escaped_outside_placeholders(text: str) -> str:
    found = placeholders(text)
    segments = [INLINE_SPECIAL.sub(r"\\\1", segment) for segment in _between(text, found)]
    return _join(segments, [match.group(0) for match in found])
