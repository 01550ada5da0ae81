"""GitHub Flavored Markdown in articles: tables, footnotes, strikethrough and task lists.

The constructs come from markdown-it-py's own rules (``table``, ``strikethrough``) and from
mdit-py-plugins (``footnote``, ``tasklists``), never from regular expressions, so that the units
agree with what every renderer shows:

- each table cell (the header row's too) is a unit of its own; the pipes, the alignment row and the
  spacing stay as written, so the table comes back with the source's shape and alignment;
- a footnote definition's text is a unit; its label (``[^1]:``) is Markdown kept around the unit, so
  typography never sees it (French would turn ``[^1]:`` into ``[^1] :``, which defines nothing);
  a reference ``[^1]`` in a sentence is a protected span, like a link target;
- ``~~struck~~`` is inline markup like emphasis; a task-list item's ``[ ]``/``[x]`` stays out of its unit (the tasklists plugin
  takes it out of the item's text).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

CELLS = ("th_open", "td_open")


def with_gfm(md: MarkdownIt, *, source: bool) -> MarkdownIt:
    """``md`` reading GFM tables, strikethrough, footnotes and task lists.

    The ``source`` parser (units, spans, segmentation) keeps footnote definitions where they stand
    and takes any ``[^label]`` as a reference, so that a sentence parsed on its own still shows its
    references; it renders a reference as its label (the numbering of a real render would change
    with every parse). The edition's parser renders footnotes as GFM does, at the end of the page.
    """
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin, inline=False, move_to_end=not source, always_match_refs=source)
    md.use(tasklists_plugin)
    if source:
        md.add_render_rule("footnote_ref", _footnote_label)
    return md


def _footnote_label(self: object, tokens: Sequence[Token], index: int, options: object, env: dict) -> str:
    return f"<sup>[^{tokens[index].meta['label']}]</sup>"


def cell_spans(tokens: Sequence[Token], text: str, line_starts: list[int]) -> dict[int, tuple[int, int]]:
    """File offsets ``(start, end)`` of each table cell's text, keyed by ``id()`` of its inline token.

    markdown-it-py gives a cell's text stripped and with ``\\|`` unescaped, and only the row's line:
    the cells are found in their row from left to right, each after the one before."""
    found: dict[int, tuple[int, int]] = {}
    position = 0
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "tr_open" and opening.map:
            position = line_starts[opening.map[0]]
        elif opening.type in CELLS and inline.type == "inline" and inline.content:
            located = _find_cell(text, inline.content, position)
            if located is not None:
                found[id(inline)] = located
                position = located[1]
    return found


def _find_cell(text: str, content: str, position: int) -> tuple[int, int] | None:
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else line_end
    for written in dict.fromkeys((content.replace("|", "\\|"), content)):
        start = text.find(written, position, line_end)
        if start >= 0:
            return start, start + len(written)
    return None


TASK_CHECKBOX = '<input class="task-list-item-checkbox" '


def is_task_checkbox(tokens: Sequence[Token], index: int) -> bool:
    """Whether ``tokens[index]`` is the checkbox the tasklists plugin put first in a task item (HTML
    the page may show, though no author wrote it)."""
    return index == 0 and tokens[index].type == "html_inline" and tokens[index].content.startswith(TASK_CHECKBOX)


STYLESHEET = """table { border-collapse: collapse; margin: 1em 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: .3em .6em; vertical-align: top; }
th { background: #f1efe8; }
pre { overflow-x: auto; background: #f4f2ec; padding: .6em .8em; }
.footnotes { font-size: .9em; color: #333; }
.task-list-item { list-style: none; }
"""
"""The HTML edition's styles for GFM: wide tables and long code lines scroll inside their block."""


def escaped_pipes(text: str, protected: Sequence[tuple[int, int]]) -> str:
    r"""``text`` with each ``|`` outside the ``protected`` spans (code, URLs) written ``\|``: in a
    table cell a bare pipe would start a new cell, elsewhere ``\|`` shows as ``|`` all the same.

    >>> escaped_pipes("A | B \\| C `x|y`", [(11, 16)])
    'A \\| B \\| C `x|y`'
    """
    parts, last = [], 0
    for start, end in [*protected, (len(text), len(text))]:
        parts.append(re.sub(r"(?<!\\)((?:\\\\)*)\|", r"\1\\|", text[last:start]))
        parts.append(text[start:end])
        last = end
    return "".join(parts)


def as_plain_blocks(tokens: Sequence[Token]) -> list[Token]:
    """``tokens`` (of the edition's parser) as the plain-text edition reads them: a table row's cells
    made one inline token, their text joined by ``" | "``; a footnote reference written ``[1]`` and a
    footnote's text starting with its number."""
    result: list[Token] = []
    row: list[Token] | None = None
    footnote: str | None = None
    for token in tokens:
        if token.type == "inline":
            token.children = [
                _text(f"[{child.meta['id'] + 1}]") if child.type == "footnote_ref" else child
                for child in token.children or []
            ]
            if footnote:
                token.children.insert(0, _text(footnote))
                footnote = None
        if token.type == "footnote_open":
            footnote = f"[{token.meta['id'] + 1}] "
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            result.append(_joined(row))
            row = None
        elif row is not None:
            row += [token] if token.type == "inline" else []
        else:
            result.append(token)
    return result


def _joined(cells: Sequence[Token]) -> Token:
    line = Token("inline", "", 0)
    line.children = [
        child
        for number, cell in enumerate(cells)
        for child in ([_text(" | ")] if number else []) + list(cell.children or [])
    ]
    return line


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
