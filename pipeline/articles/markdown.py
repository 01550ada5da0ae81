"""Markdown (CommonMark) articles: their translatable units, and the markup that must survive translation.

A ``seeds/<slug>.md`` article is parsed with `markdown-it-py <https://markdown-it-py.readthedocs.io>`_
(front matter with ``mdit-py-plugins``), never with regular expressions, into the same
:class:`~pipeline.articles.model.Article` model as a text article:

- the units are the text of paragraphs, headings, list items and block-quote paragraphs, split into
  sentences as text paragraphs are, and the alt text of an image that stands alone in its paragraph;
- everything else (block markers such as ``#`` or ``> ``, front matter, code blocks, HTML blocks,
  thematic breaks, link reference definitions, blank lines) is kept verbatim between the units, so
  that assembling the msgids gives the file back byte for byte;
- inline markup stays in the msgid as the author wrote it (``**bold**``, ``*em*``, `` `code` ``,
  ``[text](url)``, ``[text][ref]``, ``<https://…>``), readable and movable by a translator, as mdpo
  and po4a keep it; a sentence that runs over several lines is shown on one (the lines joined by a
  space) and written back as it was. A block's ``#:`` line is its first line (``token.map``).

A sentence boundary is kept only where cutting there leaves the markup as it was (the two halves
render to the same HTML as the whole), so a sentence never ends inside a link, an emphasis or a code
span; a hard line break is a boundary too. Link destinations, code spans, autolinks and inline HTML
are "protected spans": typography leaves them alone and machine translation sees a placeholder instead
(with the rest of the inline markup, :mod:`pipeline.mt.markup_drafts`), so URLs come back byte for byte.

The spans come from markdown-it-py's own inline rules, wrapped to note where each construct starts and
ends (the tokens carry no inline positions); hand-written patterns would disagree with the parser
on nesting, escapes and reference links.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.front_matter import front_matter_plugin

from pipeline.articles import front_matter, gfm, link_titles, markdown_cuts, typography
from pipeline.articles.model import (
    IMAGE_TITLE,
    LINK_TITLE,
    MARKDOWN,
    TITLE_CONTEXTS,
    Article,
    Paragraph,
    Sentence,
    Unit,
)
from pipeline.articles.segmentation import LANGUAGE, split_sentences
from pipeline.errors import ArticleError
from pipeline.glossary import Term

SUFFIX = ".md"
SPANS = "pipeline_protected_spans"
"""Key of the markdown-it ``env`` list where the wrapped inline rules note the protected spans."""
PROTECTED_RULES = ("backticks", "autolink", "html_inline", "entity", "link", "image", "footnote_ref")
BLOCK_UNITS = {"paragraph_open", "heading_open"}
PLACEHOLDERS = range(0xE100, 0xF8FF)
"""Private-use characters standing for protected spans while typography runs."""
PLACEHOLDER = re.compile(f"[{chr(PLACEHOLDERS[0])}-{chr(PLACEHOLDERS[-1])}]")
MARKUP_CHARACTERS = re.compile(r"[\\`*_\[\]<>!&~]")


class AnyReference(dict):
    """A reference table in which every label is defined: outside its document a sentence's
    ``[text][ref]`` still parses as a link, so its parts are found and protected."""

    def get(self, key: object, default: object = None) -> dict[str, str] | None:
        return {"href": "", "title": ""} if key in self else None

    def __contains__(self, key: object) -> bool:
        return not str(key).startswith("^")  # ``[^1]`` is a footnote reference (pipeline.articles.gfm)


# --- the parsers ---------------------------------------------------------------------------------


def with_front_matter(md: MarkdownIt) -> MarkdownIt:
    """``md`` reading YAML front matter (``---``, mdit-py-plugins) and TOML front matter (``+++``)."""
    md.use(front_matter_plugin)
    md.block.ruler.before(
        "front_matter",
        "toml_front_matter",
        _toml_front_matter,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    return md


TOML_FENCE = "+++"


def _toml_front_matter(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Hugo's TOML front matter: a ``+++`` first line up to the next ``+++`` line, as one
    ``front_matter`` token. Written here because mdit-py-plugins' rule knows only ``---``; a ``+++``
    with no closing line is text."""
    if start_line != 0 or _line(state, 0) != TOML_FENCE:
        return False
    closing = next((line for line in range(1, end_line) if _line(state, line) == TOML_FENCE), None)
    if closing is None:
        return False
    if not silent:
        token = state.push("front_matter", "", 0)
        token.hidden, token.block, token.markup = True, True, TOML_FENCE
        token.content = state.src[state.bMarks[1] : state.eMarks[closing - 1]] if closing > 1 else ""
        token.map = [start_line, closing + 1]
    state.line = closing + 1
    return True


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] : state.eMarks[line]].rstrip(" \t")


@functools.lru_cache(maxsize=1)
def source_parser() -> MarkdownIt:
    """CommonMark with front matter, its inline rules noting protected spans in ``env[SPANS]``."""
    md = with_front_matter(gfm.with_gfm(MarkdownIt("commonmark"), source=True))
    rules = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    for name in PROTECTED_RULES:
        md.inline.ruler.at(name, _noting_spans(rules[name], name))
    for name in ("emphasis", "strikethrough"):
        md.inline.ruler.at(name, markdown_cuts.noting_delimiters(rules[name]))
    return md


@functools.lru_cache(maxsize=1)
def html_parser() -> MarkdownIt:
    """CommonMark for the editions: an HTML block of the seed (which only the author writes: a
    translation cannot start a block, :func:`as_block_text`) is kept; an inline HTML tag is kept
    only if the author wrote it in the article (``env[AUTHOR_HTML]``, :func:`inline_html`), any
    other, which only a translation can hold, is shown as text (a ``<script>`` is never run)."""
    md = with_front_matter(gfm.with_gfm(MarkdownIt("commonmark"), source=False))
    md.add_render_rule("html_inline", _render_inline_html)
    md.add_render_rule("image", _render_image)
    return md


AUTHOR_HTML = "pipeline_author_html"
"""Key of the markdown-it ``env`` entry holding the inline HTML tags the article's author wrote."""


def _render_inline_html(self: object, tokens: Sequence[Token], index: int, options: object, env: dict) -> str:
    tag = tokens[index].content
    return tag if tag in env.get(AUTHOR_HTML, ()) or gfm.is_task_checkbox(tokens, index) else escapeHtml(tag)


UNTRANSLATED_LANG = "pipeline_untranslated_lang"
"""Key of the markdown-it ``env`` entry holding the language of sentences left untranslated."""


def _render_image(self: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: dict) -> str:
    """An image whose whole alt text was left in the source language says so: ``lang="de"``."""
    opening, closing = UNTRANSLATED
    alt = self.renderInlineAsText(tokens[index].children or [], options, env)
    if env.get(UNTRANSLATED_LANG) and alt.startswith(opening) and alt.endswith(closing):
        tokens[index].attrSet("lang", env[UNTRANSLATED_LANG])
    return self.image(tokens, index, options, env)


def inline_html(texts: Iterable[str]) -> frozenset[str]:
    """The inline HTML tags (``<em>``, ``<br>``, ``</abbr>``) of these sentences, as written.

    >>> sorted(inline_html(["Die <em>Zelle</em>.", "`<b>` ist Code."]))
    ['</em>', '<em>']
    """
    found: set[str] = set()
    for text in texts:
        if "<" in text:
            found.update(text[start:end] for start, end, name in _parse_inline(text)[1] if name == "html_inline")
    return frozenset(found)


def _parse_inline(text: str) -> tuple[list[Token], list[tuple[int, int, str]]]:
    """The inline tokens of ``text`` (every reference label taken as defined) and its protected spans
    as the wrapped rules noted them: ``(start, end, rule name)``."""
    spans: list[tuple[int, int, str]] = []
    env = {"references": AnyReference(), SPANS: spans}
    return source_parser().parseInline(text, env), spans


def _noting_spans(rule: Callable[[StateInline, bool], bool], name: str) -> Callable[[StateInline, bool], bool]:
    def noting(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        markdown_cuts.note_extent(state, start, silent)
        spans = state.env.get(SPANS)
        if not silent and spans is not None:
            spans.append((*_protected_part(state, name, start), name))
        return True

    return noting


def _protected_part(state: StateInline, name: str, start: int) -> tuple[int, int]:
    """The part of the construct at ``start`` that must not change: all of it, except a link's or an
    image's text (``[text](url)`` protects ``(url)``; a ``[shortcut]`` reference protects itself)."""
    end = state.pos
    if name not in ("link", "image"):
        return start, end
    label_start = start + (1 if name == "link" else 2)
    label_end = state.md.helpers.parseLinkLabel(state, label_start - 1, name == "link")
    rest = state.src[label_end + 1 : end]
    if label_end < 0 or rest in ("", "[]"):
        return start, end
    return label_end + 1, end


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the link destinations, code spans, autolinks, entities and inline HTML of
    ``text`` (inline Markdown), and of the URLs and e-mail addresses written out in its text
    (CommonMark makes no links of them, but they must not change either), sorted and merged.

    >>> protected_spans("Siehe [die Studie](https://x.org/a.pdf) und `a=1`.")
    [(18, 39), (44, 49)]
    """
    spans = [(*match.span(), "bare") for match in typography.PROTECTED.finditer(text)]
    if MARKUP_CHARACTERS.search(text):
        spans += _parse_inline(text)[1]
    merged: list[tuple[int, int]] = []
    for start, end, _ in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


@functools.lru_cache(maxsize=4096)
def markup_spans(text: str, *, markdown: bool = True) -> tuple[tuple[str, str], ...]:
    """(kind, text as written) of each protected span of ``text`` in order: ``bare`` for a URL or
    e-mail address written out, and, in Markdown, the rule that made the span (``link``, ``image``,
    ``autolink``, ``html_inline``, ``backticks``, ``entity``). Cached: every edition asks for each
    sentence's and translation's spans several times."""
    spans = [(*match.span(), "bare") for match in typography.PROTECTED.finditer(text)]
    if markdown and MARKUP_CHARACTERS.search(text):
        parsed = _parse_inline(text)[1]
        spans = [span for span in spans if not any(start <= span[0] < end for start, end, _ in parsed)] + parsed
    return tuple((name, text[start:end]) for start, end, name in sorted(spans))


# --- reading an article --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Located:
    """A sentence with its offsets in the file."""

    start: int
    end: int
    text: str
    context: str | None = None


def without_markup(text: str) -> str:
    """``text`` with its protected spans (:func:`protected_spans`) blanked out: the words a
    translator translates, for checks that compare the words of a source and its translation.

    >>> without_markup("Der Befehl `ls` und [hier](https://x.de).")
    'Der Befehl      und [hier]              .'
    """
    parts, last = [], 0
    for start, end in protected_spans(text):
        parts += [text[last:start], " " * (end - start)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def parse_markdown(
    text: str,
    *,
    slug: str,
    source: str,
    newline: str = "\n",
    bom: bool = False,
    language: str = LANGUAGE,
    front_matter_keys: Sequence[str] = front_matter.DEFAULT_KEYS,
) -> Article:
    """The article written in ``text`` (``"\\n"`` newlines, no BOM) in ``language``: its units and the
    Markdown kept around them, so that assembling the msgids gives ``text`` back. The values of
    ``front_matter_keys`` are units too (:mod:`pipeline.articles.front_matter`)."""
    env: dict = {}
    parser = source_parser()
    tokens = parser.parse(text, env)
    _check_nesting(tokens, parser.options["maxNesting"], source)
    line_starts = _line_starts(text)
    blocks = [
        *_front_matter_units(tokens, text, line_starts, front_matter_keys),
        *((token_line, found) for token_line, found in _units(tokens, text, line_starts, env, language) if found),
        *_definition_title_units(parser, tokens, text, line_starts),
    ]
    blocks.sort(key=lambda block: block[1][0].start)
    paragraphs = []
    for number, (line, found) in enumerate(blocks):
        following = blocks[number + 1][1][0].start if number + 1 < len(blocks) else len(text)
        sentences = tuple(
            Sentence(
                text=item.text,
                trailing=text[item.end : after.start] if after else "",
                line=bisect.bisect_right(line_starts, item.start),
                raw="" if text[item.start : item.end] == item.text else text[item.start : item.end],
                context=item.context,
            )
            for item, after in zip(found, [*found[1:], None], strict=False)
        )
        paragraphs.append(Paragraph(line=line, sentences=sentences, separator=text[found[-1].end : following]))
    preamble = text[: blocks[0][1][0].start] if blocks else text
    return Article(
        slug=slug,
        source=source,
        paragraphs=tuple(paragraphs),
        preamble=preamble,
        newline=newline,
        bom=bom,
        syntax=MARKDOWN,
    )


def _check_nesting(tokens: Sequence[Token], most: int, source: str) -> None:
    """Refuse block quotes and lists nested so deep that markdown-it stops reading them (its
    ``maxNesting``: it skips the rest of the article without a word), rather than let their text go
    missing from the catalogs and the editions while ``status`` says 100 %."""
    for token in tokens:
        if token.nesting == 1 and token.level >= most - 1 and token.type not in BLOCK_UNITS and token.map:
            raise ArticleError(
                f"block quotes or lists nested too deeply (Markdown is read {most} levels deep, "
                "a list taking two): the text inside cannot be translated and would be "
                "missing from every edition; nest them less deeply",
                path=source,
                line=token.map[0] + 1,
            )


def _line_starts(text: str) -> list[int]:
    """Where each line starts, counting lines as markdown-it does (a bare CR ends a line too)."""
    return [0, *(match.end() for match in re.finditer("[\r\n]", text))]


def _front_matter_units(
    tokens: list[Token], text: str, line_starts: list[int], keys: Sequence[str]
) -> list[tuple[int, list[_Located]]]:
    """(1-based line, [value]) of each front matter value readers see."""
    if not keys or not tokens:
        return []
    token = tokens[0]
    if token.type != "front_matter" or not token.map:
        return []
    offset = line_starts[token.map[0] + 1] if token.map[0] + 1 < len(line_starts) else len(text)
    if text[offset : offset + len(token.content)] != token.content:
        return []
    return [
        (
            bisect.bisect_right(line_starts, offset + value.start),
            [_Located(offset + value.start, offset + value.end, value.text, context=value.key)],
        )
        for value in front_matter.values(token.content, token.markup, keys)
    ]


def _definition_title_units(
    parser: MarkdownIt, tokens: list[Token], text: str, line_starts: list[int]
) -> list[tuple[int, list[_Located]]]:
    """(1-based line, [title]) of each link reference definition's title (:mod:`pipeline.articles.link_titles`)."""
    return [
        (bisect.bisect_right(line_starts, start), [_Located(start, end, text[start:end], context=LINK_TITLE)])
        for start, end in link_titles.definition_titles(parser, tokens, text, line_starts)
    ]


def _units(
    tokens: list[Token], text: str, line_starts: list[int], env: dict, language: str
) -> Iterator[tuple[int, list[_Located]]]:
    """(1-based line, sentences) of each block whose text is translated, in reading order; a table
    cell (:mod:`pipeline.articles.gfm`) is one unit."""
    cells = gfm.cell_spans(tokens, text, line_starts)
    for opening, inline in itertools.pairwise(tokens):
        if id(inline) in cells and inline.map:
            start, end = cells[id(inline)]
            yield inline.map[0] + 1, [_Located(start, end, one_spelling(text[start:end], env))]
            continue
        if opening.type not in BLOCK_UNITS or inline.type != "inline" or not opening.map:
            continue
        pieces = _content_lines(inline.content, text, line_starts, opening.map[0])
        if pieces is None:
            continue
        alt = _lone_image_alt(inline, pieces)
        if alt is not None:
            yield opening.map[0] + 1, alt
        else:
            yield opening.map[0] + 1, _sentences(pieces, text, env, language)


def _content_lines(content: str, text: str, line_starts: list[int], first: int) -> list[tuple[int, int]] | None:
    """File offset and length of each line of a block's inline ``content`` (which markdown-it gives
    without the container markers, indentation and an ATX heading's closing ``#``); ``None`` if a line
    cannot be found (then the block is kept untranslated rather than rebuilt wrongly)."""
    offsets = []
    for number, line in enumerate(content.split("\n")):
        if first + number >= len(line_starts):
            return None
        start = line_starts[first + number]
        end = line_starts[first + number + 1] - 1 if first + number + 1 < len(line_starts) else len(text)
        raw, wanted = text[start:end], line.lstrip(" \t")
        at = len(raw.rstrip(" \t")) - len(wanted.rstrip(" \t"))
        if not raw.rstrip(" \t").endswith(wanted.rstrip(" \t")):
            at = raw.find(wanted)  # an ATX heading's closing #s follow its text
        if at < 0 or not wanted:
            return None
        offsets.append((start + at, len(wanted)))
    return offsets


def _lone_image_alt(inline: Token, offsets: list[tuple[int, int]]) -> list[_Located] | None:
    """An image alone in its paragraph: its alt text and its title are the units (``[]`` if it has
    neither)."""
    children = [child for child in inline.children or [] if not (child.type == "text" and not child.content.strip())]
    if len(children) != 1 or children[0].type != "image" or len(offsets) != 1:
        return None
    label = children[0].content
    if not inline.content.startswith("![" + label + "]"):
        return None
    start = offsets[0][0] + 2
    stripped = label.strip()
    start += len(label) - len(label.lstrip())
    units = [_Located(start, start + len(stripped), stripped)] if stripped else []
    title = str(children[0].attrGet("title") or "")
    span = link_titles.title_span(inline.content, title, len(label) + 3)
    if span is not None:
        begin, end = offsets[0][0] + span[0], offsets[0][0] + span[1]
        units.append(_Located(begin, end, title, context=IMAGE_TITLE))
    return units


HARD_BREAK = re.compile(r"(?: {2,}|\\)$")


def _sentences(located: list[tuple[int, int]], text: str, env: dict, language: str) -> list[_Located]:
    """The sentences of a block whose lines are at ``located`` (offset, length): split at hard line
    breaks and as a text paragraph is, keeping only the cuts that leave the markup intact."""
    offsets = [start for start, _ in located]
    lines = [text[start : start + length] for start, length in located]
    lines[-1] = lines[-1].rstrip(" \t")
    flat = "\n".join(lines)  # the block's text, offsets map line by line
    spans = []
    for chunk_start, chunk in _chunks(flat, lines):
        spans += [(chunk_start + start, chunk_start + end) for start, end in _chunk_sentences(chunk, language)]
    spans = _keep_markup_whole(flat, spans, env)
    return [
        _Located(
            _to_file(s, offsets, lines), _to_file(e - 1, offsets, lines) + 1, one_spelling(_one_line(flat[s:e]), env)
        )
        for s, e in spans
    ]


EMPHASIS_DELIMITERS = re.compile(r"[*_~]+")


def _chunk_sentences(chunk: str, language: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a text without hard breaks. The splitter is shown emphasis
    delimiters and footnote references as spaces (it would not end a sentence before ``**Berlin.**
    Die`` or ``lang.[^1] Die``); each sentence then takes back the delimiters and references that
    touch it, and a cut with no whitespace is dropped."""
    references = _footnote_references(chunk)
    shown = EMPHASIS_DELIMITERS.sub(lambda match: " " * len(match.group()), chunk.replace("\n", " "))
    for start, end in references.items():
        shown = shown[:start] + " " * (end - start) + shown[end:]
    spans: list[tuple[int, int]] = []
    searched = 0
    for sentence in split_sentences(shown, language=language):
        start = shown.index(sentence, searched)
        end = searched = start + len(sentence)
        floor = spans[-1][1] if spans else 0
        while start > floor and chunk[start - 1] in "*_~":
            start -= 1
        while end < len(chunk) and (chunk[end] in "*_~" or end in references):
            end = references.get(end, end + 1)
        gap = chunk[spans[-1][1] : start] if spans else " "
        if not gap or gap.strip():  # no whitespace between them: one sentence
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _footnote_references(chunk: str) -> dict[int, int]:
    """start → end of each footnote reference (``[^1]``) in ``chunk``."""
    if "[^" not in chunk:
        return {}
    return {start: end for start, end, name in _parse_inline(chunk)[1] if name == "footnote_ref"}


def _chunks(flat: str, lines: list[str]) -> Iterator[tuple[int, str]]:
    """The parts of ``flat`` between hard line breaks, without the break's marker."""
    start = offset = 0
    for line in lines[:-1]:
        offset += len(line) + 1
        if marker := HARD_BREAK.search(line):
            yield start, flat[start : offset - 1 - len(marker.group())]
            start = offset
    yield start, flat[start:]


def _keep_markup_whole(flat: str, spans: list[tuple[int, int]], env: dict) -> list[tuple[int, int]]:
    """``spans`` joined where a cut between them would change what the markup means."""
    if len(spans) < 2 or not MARKUP_CHARACTERS.search(flat):
        return spans
    return markdown_cuts.keep_markup_whole(source_parser(), flat, spans, env)


def _to_file(position: int, offsets: list[int], lines: list[str]) -> int:
    """The file offset of ``position`` in the block's joined lines."""
    for start, line in zip(offsets, lines, strict=True):
        if position <= len(line):
            return start + position
        position -= len(line) + 1
    raise ValueError("position beyond the block")


def _one_line(text: str) -> str:
    r"""A sentence as the catalog shows it: its line breaks (and a hard break's marker) as one space.

    >>> _one_line("zwei\nZeilen  \nund drei")
    'zwei Zeilen und drei'
    """
    return re.sub(r"(?:\\(?=\n))?[ \t]*\n[ \t]*", " ", text)


MAX_UNDERSCORE_RUNS = 40


def one_spelling(text: str, env: dict | None = None) -> str:
    """``text`` with emphasis written ``*em*`` and ``**strong**`` where the author wrote ``_em_`` or
    ``__strong__``, so a catalog spells markup one way (as mdpo does). A pair of underscore runs is
    swapped only where the result renders to the same HTML (never in code, URLs or ``snake_case``);
    the file keeps the author's spelling (``Sentence.raw``).

    >>> one_spelling("Ein _kurzer_ und __fetter__ Text mit `a_b_c` und snake_case_name.")
    'Ein *kurzer* und **fetter** Text mit `a_b_c` und snake_case_name.'
    """
    if "_" not in text:
        return text
    env = {"references": AnyReference()} if env is None else env
    md = source_parser()
    wanted = md.renderInline(text, env)
    runs = [match.span() for match in re.finditer("_+", text)]
    if len(runs) > MAX_UNDERSCORE_RUNS:  # pairs are tried one by one: leave such a sentence as written
        return text
    for first, (start, end) in enumerate(runs):
        for other_start, other_end in runs[first + 1 :]:
            if other_end - other_start != end - start or text[start] != "_" or text[other_start] != "_":
                continue
            swapped = (
                text[:start] + "*" * (end - start) + text[end:other_start] + "*" * (end - start) + text[other_end:]
            )
            if md.renderInline(swapped, env) == wanted:
                text = swapped
                break
    return text


# --- editions ------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str]:
    """``text`` as (front matter with its closing line, the rest)."""
    tokens = source_parser().parse(text)
    if not tokens or tokens[0].type != "front_matter" or not tokens[0].map:
        return "", text
    end = _line_starts(text + "\n")[tokens[0].map[1]]
    return text[:end], text[end:]


def as_block_text(text: str, unit: Unit) -> str:
    """A translated sentence ready to stand where its source stood: on one line, and unable to start
    a block (a leading ``#``, ``-``, ``>``, ``1.`` is escaped), so it cannot add a heading or a list.
    The source sentence itself is left as it is."""
    if text == unit.text:
        return text
    text = " ".join(text.splitlines()) if "\n" in text or "\r" in text else text
    if unit.context in TITLE_CONTEXTS:
        return link_titles.written_title(text)
    if front_matter.is_key_context(unit.context):
        return front_matter.written_value(text)
    if "|" in text:  # would end a table cell
        text = gfm.escaped_pipes(text, protected_spans(text))
    if closing := CLOSING_HASHES.search(text):  # would be taken as an ATX heading's closing #s
        text = text[: closing.start(1)] + "\\" + text[closing.start(1) :]
    if _stays_inline(text):
        return text
    digits = re.match(r"\d+(?=[.)])", text)
    return text[: digits.end()] + "\\" + text[digits.end() :] if digits else "\\" + text


CLOSING_HASHES = re.compile(r"(?:^|[ \t])(#+)[ \t]*$")


def _stays_inline(text: str) -> bool:
    """Whether ``text`` reads as paragraph text both at the start of a block and on the line after
    one (where ``===`` would make a heading of the line before)."""
    return all(
        [token.type for token in html_parser().parse(before + text)] == ["paragraph_open", "inline", "paragraph_close"]
        for before in ("", "x\n")
    )


UNTRANSLATED = ("\u2e02", "\u2e03")
"""Marks around a sentence left in the source language, shown as ``<span class="untranslated">`` in
HTML. Punctuation to CommonMark (so emphasis next to them parses as next to a quotation mark) and
found in no German text: ⸂ ⸃, the substitution brackets of critical editions."""


def to_html(text: str, *, untranslated_lang: str = "", author_html: frozenset[str] = frozenset()) -> str:
    """The Markdown ``text`` as HTML; unsafe link schemes are dropped, inline HTML is shown as text
    unless it is one of the tags of ``author_html`` (those the seed's author wrote, :func:`inline_html`).

    Sentences between :data:`UNTRANSLATED` marks are wrapped in ``<span class="untranslated">`` (in
    an alt text, which cannot hold markup, the marks are dropped). A text that holds the marks of its
    own is rendered without them being read as marks.
    """
    opening, closing = UNTRANSLATED
    rendered = html_parser().render(text, {AUTHOR_HTML: author_html, UNTRANSLATED_LANG: untranslated_lang})
    if not untranslated_lang or text.count(opening) != text.count(closing):
        return rendered
    rendered = re.sub(
        r'(?<= )([a-z]+=")([^"]*)"', lambda m: m[1] + m[2].replace(opening, "").replace(closing, "") + '"', rendered
    )
    span = f'<span class="untranslated" lang="{escapeHtml(untranslated_lang)}">'
    return rendered.replace(opening, span).replace(closing, "</span>")


def plain_text(text: str) -> str:
    """The Markdown ``text`` as plain text: a blank line between blocks, list items on their own
    lines after their marker (``-`` or their number, nested lists indented under their item), code
    blocks as they are, a table's row on a line, footnotes numbered, front matter and link
    definitions left out."""
    parts: list[str] = []
    markers: list[str] = []  # the marker of each open list item, the innermost last
    item_starts = in_list = False
    for token in gfm.as_plain_blocks(html_parser().parse(text)):
        if token.type == "list_item_open":
            markers.append(f"{token.info}{token.markup} " if token.info else "- ")
            item_starts = True
        elif token.type == "list_item_close":
            markers.pop()
        elif token.type in ("inline", "fence", "code_block"):
            shown = plain_inline_tokens(token.children or []) if token.type == "inline" else token.content.rstrip("\n")
            if not shown.strip():  # an image without alt text: nothing to read
                continue
            indent = "".join(" " * len(marker) for marker in markers[:-1])
            first = indent + (markers[-1] if item_starts else " " * len(markers[-1])) if markers else ""
            if parts:
                parts.append("\n" if item_starts and in_list else "\n\n")
            parts.append(first + shown.replace("\n", "\n" + " " * len(first)))
            in_list, item_starts = bool(markers), False
    return "".join(parts) + "\n" if parts else ""


def plain_inline(text: str) -> str:
    """Inline Markdown as plain text: ``**Hallo** [Welt](u)`` → ``Hallo Welt``."""
    tokens = html_parser().parseInline(text, {"references": AnyReference()})
    return plain_inline_tokens(tokens[0].children or []) if tokens else text


def plain_inline_tokens(children: Sequence[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(plain_inline_tokens(child.children or []))
    return "".join(parts)


def typeset_units(
    texts: Sequence[str], rules: typography.Typography | None, *, between: Sequence[str] = ()
) -> list[str]:
    """:func:`pipeline.articles.typography.typeset_units` for inline Markdown: code spans, URLs, autolinks and
    inline HTML are replaced by private-use characters while the rules run, so they stay as written.
    ``between`` is accepted for the same signature; the sentences are set as if one space separated them."""
    if rules is None:
        return list(texts)
    masked: list[str] = []
    hidden: list[str] = []
    for text in texts:
        spans = protected_spans(text)
        if PLACEHOLDER.search(text) or len(hidden) + len(spans) > len(PLACEHOLDERS):
            return list(texts)
        parts, last = [], 0
        for start, end in spans:
            parts += [text[last:start], chr(PLACEHOLDERS[len(hidden)])]
            hidden.append(text[start:end])
            last = end
        masked.append("".join(parts) + text[last:])
    typeset = typography.typeset_units(masked, rules)  # the gaps may hold "> " or a hard break: spaces will do
    return [PLACEHOLDER.sub(lambda match: hidden[ord(match.group()) - PLACEHOLDERS[0]], text) for text in typeset]


# --- machine translation and QA ------------------------------------------------------------------


def from_markdown_article(occurrences: Sequence[tuple[str, str]]) -> bool:
    """Whether an entry with these ``#:`` references is a sentence of a Markdown article (its inline
    markup is then markup, not text)."""
    return any(file.endswith(SUFFIX) for file, _ in occurrences)


def markup_terms(text: str) -> tuple[Term, ...]:
    """The protected spans of a sentence (link targets, image paths, code) as glossary terms kept as
    written: a translation-memory match adapts them as it adapts names, so an old URL is never offered
    for a new one (:mod:`pipeline.memory.store`)."""
    return tuple(Term(text[start:end], {}) for start, end in protected_spans(text))


@dataclass(frozen=True, slots=True)
class Markup:
    """What a translation must keep of its source's inline markup."""

    targets: tuple[str, ...]
    """Link destinations, reference labels, image paths and autolinks, as written, sorted."""
    emphasis: int
    strong: int
    code: tuple[str, ...]
    """Code spans as written, sorted."""
    struck: int = 0
    """``~~strikethrough~~`` spans."""
    footnotes: tuple[str, ...] = ()
    """Footnote references (``[^1]``), sorted."""
    pipes: int = 0
    """``|`` outside code and URLs and not escaped: each would start a new cell in a table row."""


def markup_of(text: str) -> Markup:
    tokens, spans = _parse_inline(text)
    children = list(_walk(tokens[0].children or [])) if tokens else []
    code = sorted(child.content for child in children if child.type == "code_inline")
    targets = sorted(_as_label(text[start:end]) for start, end, name in spans if name in ("link", "image", "autolink"))
    footnotes = sorted(text[start:end] for start, end, name in spans if name == "footnote_ref")
    return Markup(
        targets=tuple(targets),
        emphasis=sum(child.type == "em_open" for child in children),
        strong=sum(child.type == "strong_open" for child in children),
        code=tuple(code),
        struck=sum(child.type == "s_open" for child in children),
        footnotes=tuple(footnotes),
        pipes=_bare_pipes(text) if "|" in text else 0,
    )


def _bare_pipes(text: str) -> int:
    """How many ``|`` of ``text`` :func:`pipeline.articles.gfm.escaped_pipes` would escape."""
    return gfm.escaped_pipes(text, protected_spans(text)).count("\\|") - text.count("\\|")


COLLAPSED_REFERENCE = re.compile(r"!?(\[.*\])\[\]", re.DOTALL)


def _as_label(target: str) -> str:
    """A collapsed reference ``[Dossier][]`` as the label it uses, ``[Dossier]``, so that a
    translation may give the link its own text: ``[le dossier][Dossier]``."""
    collapsed = COLLAPSED_REFERENCE.fullmatch(target)
    return collapsed.group(1) if collapsed else target


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children or [])
