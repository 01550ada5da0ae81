"""Reading seed articles (text or Markdown files) into the shared model, refusing what is no article.

Paragraph model
---------------
A seed is UTF-8 text. Every line that is not blank (empty or whitespace only) is a paragraph, which
covers both the one-paragraph-per-line layout of the seeds and blank-line-separated text. Nothing but
sentences is translated, and everything else is kept so that the file can be rebuilt byte for byte
(``encode(article, assemble(article, lambda unit: unit.text))`` gives back the source):

- ``Paragraph.line`` is the 1-based line number; the line's leading whitespace is its ``indent``;
- ``Sentence.trailing`` holds the whitespace after a sentence: up to the next sentence, or to the end
  of the line (trailing spaces) for the last one;
- ``Paragraph.separator`` holds the newline that ends the line plus any blank or whitespace-only lines
  after it; the last paragraph's separator holds the file's trailing newlines, and is ``""`` when the
  file does not end with a newline;
- ``Article.preamble`` holds the blank lines before the first paragraph.

A UTF-8 BOM is removed and remembered in ``Article.bom``. A text containing ``"\\r\\n"`` is a CRLF
text: ``Article.newline`` is ``"\\r\\n"`` and the model uses ``"\\n"``. A file that mixes CRLF with
bare LF endings comes back with CRLF endings throughout (the only case that is not byte-exact);
a bare CR is an ordinary whitespace character.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Sequence
from pathlib import Path

from pipeline.articles.model import BOM, Article, Paragraph, Sentence
from pipeline.articles.segmentation import LANGUAGE, sentence_spans
from pipeline.errors import ArticleError
from pipeline.project import Project, file_kind

MAX_ARTICLE_BYTES = 2_000_000
"""Far above any news article (the seed is 8 kB); larger files are refused, not half-processed."""
MAX_PARAGRAPH_CHARS = 20_000
MAX_SENTENCE_CHARS = 2_000
"""A sentence longer than this is a missing full stop, not prose; translation models accept a few
hundred tokens at most, so it would be cut off anyway."""


def segment_text(
    text: str,
    *,
    slug: str,
    source: str,
    markdown: bool = False,
    language: str = LANGUAGE,
    front_matter_keys: Sequence[str] | None = None,
) -> Article:
    """Build an Article from decoded text, which may still start with a BOM and use CRLF endings.

    Sets ``bom`` and ``newline`` so that :func:`pipeline.articles.model.encode` restores them; the model
    itself always uses ``"\\n"``. A ``markdown`` text is read by :mod:`pipeline.articles.markdown`
    (``front_matter_keys``: the front matter values that are units, None for the default ones).
    """
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in text else "\n"
    if markdown:
        from pipeline.articles.markdown import parse_markdown  # markdown-it-py only for Markdown seeds

        keys = {} if front_matter_keys is None else {"front_matter_keys": front_matter_keys}
        return parse_markdown(
            text.replace("\r\n", "\n"), slug=slug, source=source, newline=newline, bom=bom, language=language, **keys
        )
    preamble, paragraphs = _paragraphs(text.replace("\r\n", "\n").split("\n"), language)
    return Article(slug=slug, source=source, paragraphs=paragraphs, preamble=preamble, newline=newline, bom=bom)


def read_project_article(project: Project, path: Path) -> Article:
    """The article at ``path`` read with ``project``'s settings (its source language and front matter
    keys), named as the project names files: the one reading every command shares, so that a new
    article setting reaches ``extract``, the state store and ``build`` alike."""
    return read_article(
        path, source=project.reference(path), language=project.source_lang, front_matter_keys=project.front_matter_keys
    )


def read_article(
    path: Path, *, source: str | None = None, language: str = LANGUAGE, front_matter_keys: Sequence[str] | None = None
) -> Article:
    """Read a seed file in ``language``: the slug is the file's stem, the source ``source`` or the
    path as given.

    Raises :class:`ArticleError` naming the file (and line) for what the author must fix: a file
    that cannot be read, binary data, bytes that are not UTF-8, an article without text.
    """
    data = _read_bytes(path)
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{len(data) / 1e6:.1f} MB is not an article (the limit is {MAX_ARTICLE_BYTES // 1_000_000} MB); "
            "split it into several files",
            path=path,
        )
    text = _decode(data, path)
    _check_control_characters(text, path)
    _check_line_lengths(text, path)
    article = segment_text(
        text,
        slug=path.stem,
        source=source or str(path),
        markdown=path.suffix == ".md",
        language=language,
        front_matter_keys=front_matter_keys,
    )
    _check_sentence_lengths(article, path)
    if not article.paragraphs:
        raise ArticleError(
            "the article has no text (the file is empty or only whitespace); write one paragraph per line",
            path=path,
        )
    return article


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")


def _check_control_characters(text: str, path: Path) -> None:
    """Control characters (other than tab and newlines) are invisible in an editor and some cannot
    stand in a gettext catalog at all (U+0004 separates msgctxt from msgid in compiled catalogs)."""
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - text.rfind("\n", 0, found.start())
        raise ArticleError(
            f"control character U+{ord(found.group()):04X} at column {column}; remove it", path=path, line=line
        )


def _check_line_lengths(text: str, path: Path) -> None:
    """Refuse absurd paragraphs before segmenting them (sentencex slows down on some of them)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_PARAGRAPH_CHARS:
            raise ArticleError(
                f"paragraph of {len(line):,} characters (the limit is {MAX_PARAGRAPH_CHARS:,}); "
                "is a line break missing?",
                path=path,
                line=number,
            )


def _check_sentence_lengths(article: Article, path: Path) -> None:
    """Refuse sentences no translator (and no translation model) can handle in one piece."""
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            if len(sentence.text) > MAX_SENTENCE_CHARS:
                raise ArticleError(
                    f"sentence of {len(sentence.text):,} characters without a sentence end "
                    f"(the limit is {MAX_SENTENCE_CHARS:,}); add the missing punctuation",
                    path=path,
                    line=paragraph.line,
                )


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing or unreadable file is the author's to fix, so an ArticleError.

    Only a regular file is opened: opening a FIFO for reading waits for a writer, forever."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise ArticleError(f"not an article: {file_kind(mode)}, not a regular file", path=path)
        return path.read_bytes()
    except OSError as error:
        raise ArticleError(f"cannot read the article ({error.strerror or error})", path=path) from None


def _decode(data: bytes, path: Path) -> str:
    """The text of ``data``, or an error pointing at the first byte that makes it no UTF-8 text."""
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _location(data, nul)
        raise ArticleError(
            f"binary data, not text (NUL byte at column {column}; UTF-16 files have them too); "
            "save the article as UTF-8",
            path=path,
            line=line,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _location(data, error.start)
        raise ArticleError(
            f"not UTF-8 (byte 0x{data[error.start]:02x} at column {column}); save the article as UTF-8",
            path=path,
            line=line,
        ) from None


def _location(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as editors count) of the byte at ``offset``."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _paragraphs(lines: list[str], language: str = LANGUAGE) -> tuple[str, tuple[Paragraph, ...]]:
    """The preamble and the paragraphs of the text whose lines (split at ``"\\n"``) are ``lines``.

    Blank lines are attached to the paragraph before them (its separator), or to the preamble.
    """
    preamble: list[str] = []
    found: list[tuple[int, str, list[str]]] = []
    for number, line in enumerate(lines, start=1):
        ending = "\n" if number < len(lines) else ""
        if line.strip():
            found.append((number, line, [ending]))
        else:
            (found[-1][2] if found else preamble).append(line + ending)
    paragraphs = tuple(_paragraph(number, line, "".join(separator), language) for number, line, separator in found)
    return "".join(preamble), paragraphs


def _paragraph(number: int, line: str, separator: str, language: str = LANGUAGE) -> Paragraph:
    """A non-blank line as a paragraph, its whitespace kept in ``indent`` and ``trailing``."""
    spans = sentence_spans(line, language=language)
    next_starts = [start for start, _ in spans[1:]] + [len(line)]
    sentences = tuple(
        Sentence(text=line[start:end], trailing=line[end:next_start])
        for (start, end), next_start in zip(spans, next_starts, strict=False)
    )
    return Paragraph(line=number, sentences=sentences, indent=line[: spans[0][0]], separator=separator)
