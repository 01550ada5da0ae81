"""Reading seed articles into the shared model, and splitting German paragraphs into sentences.

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

Sentence boundaries
-------------------
`sentencex <https://github.com/wikimedia/sentencex>`_ (Wikimedia, written in Rust, already a
dependency) proposes the boundaries: it returns exact substrings, keeps a quotation that spans several
sentences in one piece, and handles the common abbreviations, initials, dates and numbers. On the
tricky cases of ``tests/test_segmentation.py`` it was right in 47 of 63, pysbd (``char_span=True``)
in 46 (one of its misses, a sentence that starts with digits, is right where this module is not), at
0.1 ms against 30 ms per seed article. These data tables correct what sentencex gets wrong, for
0.5 ms per seed article in all:

``SHOWN_TO_SENTENCEX``
    Characters sentencex does not know, shown to it as ones it does (one character for one, so the
    offsets still fit the original): ``…`` as ``.`` (sentencex never ends a sentence at ``…``), and
    brackets and German single quotes as ``»«`` (sentencex misses the end in ``Er ging (schnell.)
    Dann`` and cuts ``‚Ja.|‘ Dann``, but handles guillemets as quotation marks).
``ABBREVIATIONS``
    Abbreviations missing from sentencex's German list (``Tel.``, ``Abb.``, ``inkl.``, ``Hrsg.`` …);
    no sentence ends after one. Case matters: ``Max.`` may end a sentence, ``max.`` does not.
``ORDINAL_NOUNS``, ``ORDINAL_DETERMINERS``
    sentencex ends a sentence after any number with a period (``im 21. | Jahrhundert``). A number of
    up to three digits is an ordinal, and the sentence goes on, when a month or one of these nouns
    follows (``3. Oktober``, ``21. Jahrhundert``, ``2. Mal``) or when one of these words precedes it
    (``am 3.``, ``der 2. Standort``). Otherwise a number may end a sentence: ``bis zu 50. Das …``,
    ``ab 2035. Kritiker …``, ``auf S. 3. Industrie …``, ``am 14.11. Danach …``.

A sentence ends only before whitespace, so boundaries sentencex puts inside a word (``Dipl.|-Ing.``,
``gut.|Das``) are dropped; this also keeps URLs and e-mail addresses whole. An opening quotation mark
or bracket that sentencex leaves at the end of a sentence (``Er kam. »|Siehe``, where the quotation
is not closed) goes to the sentence it opens.

Known limits, all erring on the side of longer units (a fragment translates worse than two sentences
in one unit): a sentence that starts with digits or a lowercase letter stays with the one before
(German style spells out numbers at the start of a sentence); an abbreviation that ends a sentence
(``… usw. Dann``) does not end it; a quotation or bracket is one piece however many sentences it
holds. sentencex's time grows with the square of the number of unclosed quotation marks (half a
second for a 60,000-character paragraph of them); other long paragraphs take linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import sentencex

from pipeline.article import BOM, Article, Paragraph, Sentence
from pipeline.errors import ArticleError

LANGUAGE = "de"

MAX_ARTICLE_BYTES = 2_000_000
"""Far above any news article (the seed is 8 kB); larger files are refused, not half-processed."""
MAX_PARAGRAPH_CHARS = 20_000
MAX_SENTENCE_CHARS = 2_000
"""A sentence longer than this is a missing full stop, not prose; translation models accept a few
hundred tokens at most, so it would be cut off anyway."""

SHOWN_TO_SENTENCEX = {"…": ".", "(": "»", ")": "«", "[": "»", "]": "«", "‚": "»", "‘": "«"}

ABBREVIATIONS = frozenset(
    """
    Abb. Abs. Anm. Aufl. Ausg. Bd. Bsp. bspw. Dez. Dipl.-Ing. Do. dt. ebd. ehem. einschl. engl.
    entspr. europ. exkl. Fa. Forts. franz. frz. geb. Gebr. gegr. gem. ggü. Hbf. Hrsg. Inh. inkl.
    insb. Inst. Jh. Jhd. jew. jur. Kap. Mär. max. Mi. Mill. mind. mtl. Nachf. näml. nat. Okt.
    österr. phil. rer. schweiz. stellv. Tab. tägl. Tel. Tsd. urspr. Verf. wg. Ziff. zzgl.
    """.split()
)

ORDINAL_NOUNS = frozenset(
    """
    Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember
    Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez
    Jahrhundert Jahrhunderts Jahrtausend Jahrtausends Jh Jhd Jahrestag Geburtstag Jubiläum
    Mal Platz Rang Stelle Stock Stockwerk Etage Klasse Liga Bundesliga Runde Spieltag Tag Woche
    Kalenderwoche KW Quartal Quartals Halbjahr Halbjahres Auflage Kapitel Generation Weltkrieg
    Weltkriegs Advent Staffel Folge Teil Ausgabe
    """.split()
)

ORDINAL_DETERMINERS = frozenset(
    """
    am im vom zum zur beim der die das dem den des ein eine einem einen einer eines
    jeder jede jedes jedem jeden sein seine seinem seinen seiner seines ihr ihre ihrem ihren ihrer
    ihres unser unsere unserem unseren unserer dieser diese dieses diesem diesen
    """.split()
)

_ORDINAL = re.compile(r"\d{1,3}\.")
_OPENING_MARKS = "„“\"»«‚‘'(["
_TRAILING_PUNCTUATION = ".,;:!?…“”\"»«‘’')]"


def split_sentences(paragraph: str) -> list[str]:
    """German-aware sentence split of one paragraph (one line, no newline).

    Returns the sentences as exact substrings of ``paragraph``, stripped of surrounding whitespace,
    non-empty, in order; only whitespace lies between and around them, so the line can be rebuilt.

    >>> split_sentences("Industrie im 21. Jahrhundert eben. Ein Artikel von M. Legrand")
    ['Industrie im 21. Jahrhundert eben.', 'Ein Artikel von M. Legrand']
    """
    return [paragraph[start:end] for start, end in _sentence_spans(paragraph)]


def segment_text(text: str, *, slug: str, source: str, markdown: bool = False) -> Article:
    """Build an Article from decoded text, which may still start with a BOM and use CRLF endings.

    Sets ``bom`` and ``newline`` so that :func:`pipeline.article.encode` restores them; the model
    itself always uses ``"\\n"``. A ``markdown`` text is read by :mod:`pipeline.markdown_article`.
    """
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in text else "\n"
    if markdown:
        from pipeline.markdown_article import parse_markdown  # it splits with this module's sentences

        return parse_markdown(text.replace("\r\n", "\n"), slug=slug, source=source, newline=newline, bom=bom)
    preamble, paragraphs = _paragraphs(text.replace("\r\n", "\n").split("\n"))
    return Article(
        slug=slug, source=source, paragraphs=paragraphs, preamble=preamble, newline=newline, bom=bom
    )


def read_article(path: Path, *, source: str | None = None) -> Article:
    """Read a seed file: the slug is the file's stem, the source ``source`` or the path as given.

    Raises :class:`ArticleError` naming the file (and line) for what the author must fix: a file
    that cannot be read, binary data, bytes that are not UTF-8, an article without text.
    """
    data = _read_bytes(path)
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{len(data) / 1e6:.1f} MB is not an article (the limit is {MAX_ARTICLE_BYTES // 1_000_000} MB); "
            "split it into several files", path=path)
    text = _decode(data, path)
    _check_control_characters(text, path)
    _check_line_lengths(text, path)
    article = segment_text(text, slug=path.stem, source=source or str(path), markdown=path.suffix == ".md")
    _check_sentence_lengths(article, path)
    if not article.paragraphs:
        raise ArticleError(
            "the article has no text (the file is empty or only whitespace); "
            "write one paragraph per line",
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
        raise ArticleError(f"control character U+{ord(found.group()):04X} at column {column}; remove it",
                           path=path, line=line)


def _check_line_lengths(text: str, path: Path) -> None:
    """Refuse absurd paragraphs before segmenting them (sentencex slows down on some of them)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_PARAGRAPH_CHARS:
            raise ArticleError(
                f"paragraph of {len(line):,} characters (the limit is {MAX_PARAGRAPH_CHARS:,}); "
                "is a line break missing?", path=path, line=number)


def _check_sentence_lengths(article: Article, path: Path) -> None:
    """Refuse sentences no translator (and no translation model) can handle in one piece."""
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            if len(sentence.text) > MAX_SENTENCE_CHARS:
                raise ArticleError(
                    f"sentence of {len(sentence.text):,} characters without a sentence end "
                    f"(the limit is {MAX_SENTENCE_CHARS:,}); add the missing punctuation",
                    path=path, line=paragraph.line)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing or unreadable file is the author's to fix, so an ArticleError."""
    try:
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


def _paragraphs(lines: list[str]) -> tuple[str, tuple[Paragraph, ...]]:
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
    paragraphs = tuple(_paragraph(number, line, "".join(separator)) for number, line, separator in found)
    return "".join(preamble), paragraphs


def _paragraph(number: int, line: str, separator: str) -> Paragraph:
    """A non-blank line as a paragraph, its whitespace kept in ``indent`` and ``trailing``."""
    spans = _sentence_spans(line)
    next_starts = [start for start, _ in spans[1:]] + [len(line)]
    sentences = tuple(
        Sentence(text=line[start:end], trailing=line[end:next_start])
        for (start, end), next_start in zip(spans, next_starts)
    )
    return Paragraph(line=number, sentences=sentences, indent=line[: spans[0][0]], separator=separator)


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences: sentencex's boundaries less those the tables veto."""
    cuts = [cut for cut in _sentencex_cuts(paragraph) if not _joins_across(paragraph, cut)]
    bounds = [0, *cuts, len(paragraph)]
    spans = []
    for start, end in zip(bounds, bounds[1:]):
        piece = paragraph[start:end]
        stripped = piece.lstrip()
        if stripped:
            start += len(piece) - len(stripped)
            spans.append((start, start + len(stripped.rstrip())))
    return spans


def _sentencex_cuts(paragraph: str) -> Iterator[int]:
    """Offsets where sentencex starts a new sentence (after the whitespace that ends the last one)."""
    shown = paragraph
    for character, replacement in SHOWN_TO_SENTENCEX.items():
        shown = shown.replace(character, replacement)  # str.translate would cost 30 µs a paragraph
    offset = 0
    for piece in sentencex.segment(LANGUAGE, shown):
        offset += len(piece)
        if 0 < offset < len(paragraph):
            yield _before_opening_marks(paragraph, offset)


def _before_opening_marks(paragraph: str, cut: int) -> int:
    """``cut`` moved before the opening quotes or brackets that sentencex left on the sentence before.

    Where a quotation is not closed, sentencex ends the sentence after its opening mark
    (``Er kam. »|Siehe unten.``); the mark belongs to the sentence it opens.
    """
    start = cut
    while start > 0 and paragraph[start - 1] in _OPENING_MARKS:
        start -= 1
    return start if start < cut and (start == 0 or paragraph[start - 1].isspace()) else cut


def _joins_across(paragraph: str, cut: int) -> bool:
    """Whether the sentence goes on across sentencex's boundary at ``cut`` (see the tables)."""
    if not paragraph[cut - 1].isspace():
        return True
    earlier, before, after = _words_around(paragraph, cut)
    return before in ABBREVIATIONS or _is_ordinal(earlier, before, after)


def _is_ordinal(earlier: str, number: str, after: str) -> bool:
    """Whether ``number`` (e.g. ``"21."``) is an ordinal inside the sentence, not its last word.

    >>> _is_ordinal("im", "21.", "Jahrhundert"), _is_ordinal("zu", "50.", "Das")
    (True, False)
    """
    if not _ORDINAL.fullmatch(number):
        return False
    return after.rstrip(_TRAILING_PUNCTUATION) in ORDINAL_NOUNS or earlier.lower() in ORDINAL_DETERMINERS


def _words_around(paragraph: str, cut: int) -> tuple[str, str, str]:
    """The two words before ``cut`` and the one after it, without opening quotes or brackets."""
    before_start, before_end = _word_before(paragraph, cut)
    earlier_start, earlier_end = _word_before(paragraph, before_start)
    after_start, after_end = _word_after(paragraph, cut)
    return (
        paragraph[earlier_start:earlier_end].lstrip(_OPENING_MARKS),
        paragraph[before_start:before_end].lstrip(_OPENING_MARKS),
        paragraph[after_start:after_end].lstrip(_OPENING_MARKS),
    )


def _word_before(text: str, end: int) -> tuple[int, int]:
    """Span of the last whitespace-delimited word in ``text[:end]`` (empty at the start)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start, end


def _word_after(text: str, start: int) -> tuple[int, int]:
    """Span of the first whitespace-delimited word in ``text[start:]`` (empty at the end)."""
    while start < len(text) and text[start].isspace():
        start += 1
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
