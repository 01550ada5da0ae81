"""Titles readers see outside any sentence: of a link reference definition
(``[kfw]: https://www.kfw.de "Förderbank"``) and of an image alone in its paragraph
(``![Halle](halle.jpg "Die neue Halle")``). A browser shows them as a tooltip, a screen reader reads
them; each is a unit of its own (msgctxt ``link title`` / ``image title``).

markdown-it keeps a definition's title in ``env["references"]`` and an image's in its token, without
their place in the file: the place is found in the written text, and a title written otherwise than
it reads (with escapes, entities or over several lines) stays as written, untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

_TITLE_SPECIALS = re.compile(r"""[\\"'()]""")


def title_span(written: str, title: str, start: int = 0) -> tuple[int, int] | None:
    """Offsets of ``title`` in ``written`` (from ``start``) between its delimiters (``"…"``,
    ``'…'`` or ``(…)``), the first place it stands so; None if it stands nowhere so as it reads."""
    if not title.strip() or "\n" in title or "\r" in title:
        return None
    found = [
        at for opening, closing in ('""', "''", "()") if (at := written.find(opening + title + closing, start)) >= 0
    ]
    if not found:
        return None
    begin = min(found) + 1
    return begin, begin + len(title)


def definition_titles(
    parser: MarkdownIt, tokens: Sequence[Token], text: str, line_starts: list[int]
) -> Iterator[tuple[int, int]]:
    """Offsets of the title of each top-level link reference definition of ``text`` (parsed as
    ``tokens``) that has one. Definitions are the non-blank lines that no block covers: each run of
    them is parsed on its own, and each title found after the one before."""
    covered: set[int] = set()
    for token in tokens:
        if token.level == 0 and token.map and token.nesting >= 0:
            covered.update(range(*token.map))
    lines = len(line_starts)
    number = 0
    while number < lines:
        if number in covered or not _line(text, line_starts, number).strip():
            number += 1
            continue
        first = number
        while number < lines and number not in covered and _line(text, line_starts, number).strip():
            number += 1
        yield from _titles_in(parser, text, line_starts[first], line_starts[number] if number < lines else len(text))


def _titles_in(parser: MarkdownIt, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    env: dict = {}
    written = text[start:end]
    parser.parse(written, env)
    cursor = 0
    for reference in env.get("references", {}).values():
        span = title_span(written, reference.get("title") or "", cursor)
        if span is not None:
            yield start + span[0], start + span[1]
            cursor = span[1] + 1


def _line(text: str, line_starts: list[int], number: int) -> str:
    end = line_starts[number + 1] if number + 1 < len(line_starts) else len(text)
    return text[line_starts[number] : end]


def written_title(text: str) -> str:
    """A translated title as the Markdown writes it between its delimiters, whichever they are:
    backslashes, quotes and parentheses escaped.

    >>> written_title('La « banque » (KfW) "publique"')
    'La « banque » \\\\(KfW\\\\) \\\\"publique\\\\"'
    """
    return _TITLE_SPECIALS.sub(lambda special: "\\" + special.group(), text)
