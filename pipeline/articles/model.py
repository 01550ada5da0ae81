"""The article model shared by every stage: paragraphs of sentences, and how to put them back together.

An :class:`Article` keeps every byte of its source that is not a sentence (indentation, the spaces
between sentences, blank lines, trailing newlines, the newline style and a UTF-8 BOM), so that
``assemble(article, lambda unit: unit.text)`` followed by :func:`encode` gives back the original file.
Editions use the same walk with the translations in place of the sentences.

A Markdown article (:data:`MARKDOWN`, read by :mod:`pipeline.articles.markdown`) uses the same model:
its "paragraphs" are the blocks whose text is translated (paragraphs, headings, list items, image alt
texts), and the Markdown around them (block markers, front matter, code blocks) is kept in
``preamble``, ``indent``, ``trailing`` and ``separator`` like the whitespace of a text article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

BOM = "\ufeff"
TEXT = "text"
MARKDOWN = "markdown"
"""The two syntaxes of a seed (``Article.syntax``): plain text (``.txt``) and CommonMark (``.md``)."""


LINK_TITLE = "link title"
"""msgctxt of the title of a Markdown link reference definition (``[kfw]: https://… "Förderbank"``)."""
IMAGE_TITLE = "image title"
"""msgctxt of the title of a Markdown image that stands alone in its paragraph."""
TITLE_CONTEXTS = frozenset({LINK_TITLE, IMAGE_TITLE})


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    """The sentence exactly as in the source, without surrounding whitespace; never empty."""
    trailing: str = ""
    """Whitespace between this sentence and the next one, or the end of the line."""
    raw: str = ""
    """The sentence as the file writes it, when that differs from ``text``: a Markdown sentence that
    runs over several lines (``text`` joins them with a space, as the catalog shows it)."""
    line: int = 0
    """1-based line where the sentence starts, when it is not its paragraph's first line (Markdown)."""
    context: str | None = None
    """The unit's msgctxt when the text is not a sentence of the body: a front matter key (``title``),
    or :data:`LINK_TITLE`, :data:`IMAGE_TITLE`."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    line: int
    """1-based line number of the paragraph in the source file."""
    sentences: tuple[Sentence, ...]
    indent: str = ""
    """Whitespace before the first sentence."""
    separator: str = "\n"
    """Everything after the paragraph up to the next one: its newline and any blank lines."""


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    source: str
    """Path of the seed file as catalogs should reference it, e.g. ``seeds/<slug>.txt``."""
    paragraphs: tuple[Paragraph, ...]
    preamble: str = ""
    """Blank lines before the first paragraph."""
    newline: str = "\n"
    """``"\\r\\n"`` when the source used CRLF line endings; the model itself always uses ``"\\n"``."""
    bom: bool = False
    syntax: str = TEXT
    """:data:`TEXT` or :data:`MARKDOWN`: how the editions read the sentences' markup."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable sentence, with the identity it has in the catalogs and where it stands."""

    text: str
    context: str | None
    """``None`` for the first occurrence of a sentence in the article, ``"occurrence N"`` for the
    N-th repetition. Counting repetitions (not positions) keeps identities stable when paragraphs
    are inserted or removed elsewhere in the article."""
    line: int
    paragraph: int
    """1-based paragraph number."""
    position: int
    """1-based sentence number within the paragraph."""

    @property
    def key(self) -> tuple[str | None, str]:
        """The (msgctxt, msgid) pair that identifies this sentence in a catalog."""
        return (self.context, self.text)


def occurrence_context(occurrence: int) -> str | None:
    """The msgctxt that keeps the ``occurrence``-th copy of a repeated sentence apart."""
    return None if occurrence == 1 else f"occurrence {occurrence}"


def units(article: Article) -> Iterator[Unit]:
    """Every sentence of the article in reading order, with its catalog identity."""
    seen: Counter[str] = Counter()
    for number, paragraph in enumerate(article.paragraphs, start=1):
        for position, sentence in enumerate(paragraph.sentences, start=1):
            if sentence.context is None:
                seen[sentence.text] += 1
            yield Unit(
                text=sentence.text,
                context=sentence.context or occurrence_context(seen[sentence.text]),
                line=sentence.line or paragraph.line,
                paragraph=number,
                position=position,
            )


def assemble(article: Article, render: Callable[[Unit], str]) -> str:
    """The article's text with each sentence replaced by ``render(unit)``; newlines are ``"\\n"``.

    A sentence rendered as its own ``text`` is written as the file had it (``raw``), line breaks and all.
    """
    sentence_units = units(article)
    parts = [article.preamble]
    for paragraph in article.paragraphs:
        parts.append(paragraph.indent)
        for sentence in paragraph.sentences:
            shown = render(next(sentence_units))
            parts.append(sentence.raw if sentence.raw and shown == sentence.text else shown)
            parts.append(sentence.trailing)
        parts.append(paragraph.separator)
    return "".join(parts)


def encode(article: Article, text: str) -> bytes:
    """``text`` (as made by :func:`assemble`) in the source file's newline style and BOM."""
    if article.newline != "\n":
        text = text.replace("\n", article.newline)
    return ((BOM if article.bom else "") + text).encode("utf-8")
