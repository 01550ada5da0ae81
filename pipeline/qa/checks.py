"""Quality checks on translated catalogs, in the spirit of Translate Toolkit's ``pofilter``.

Each check is one short function named after its concern; the first line of its docstring is the
title users see (``pipeline check --list``). Entry checks take plain data (the German source, the
translation and a :class:`Context`) and yield messages; the edge (:func:`check_project`) reads
the files, picks the entries to check and turns messages into :class:`Problem` records with the
file, the line of the entry's ``msgid`` and a severity.

Which entries are checked, and how severe a finding is:

* reviewed entries (no ``fuzzy``): the check's ``reviewed`` severity (see :data:`CHECKS`);
* machine drafts and source-changed entries (``fuzzy``): the check's ``draft`` severity, never an
  error: a draft is expected to need work, the finding tells its reviewer where to look, and it
  must not block ``make check``;
* untranslated and obsolete entries are not checked (``pipeline status`` counts them).

Catalog checks (header, duplicates, obsolete entries, ``msgfmt -c``) run once per file.

Silencing: a translator comment ``# qa-ignore: numbers, length`` (or ``# qa-ignore: all``) above an
entry turns those entry checks off for it. A comment is used rather than a flag such as
``#, no-qa`` because GNU ``msgmerge`` and PO editors drop flags they do not know, while translator
comments survive every update.

What the checks know about words (German residue, numbers in words, sentences of a translation) is
in :mod:`pipeline.qa.lexicon`, loaded on first use. Known limitations: a name that wordfreq knows in German only,
and that the source does not visibly use as a name, is taken for German residue until the glossary keeps it; words with an umlaut are always taken for
German; numbers in words are recognised for whole numbers in num2words' languages.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path

from babel.numbers import NumberFormatError, format_decimal, get_decimal_symbol, get_group_symbol, parse_decimal

import pipeline.qa.names
from pipeline.articles.markdown import SUFFIX, from_markdown_article, markup_of, without_markup
from pipeline.articles.model import BOM
from pipeline.articles.numbers import GROUPED_NUMBER, NUMBER
from pipeline.articles.segmentation import split_sentences
from pipeline.editions import local_files
from pipeline.errors import CatalogError, PipelineError, location, os_error
from pipeline.glossary import Glossary, keeps_case, written_as
from pipeline.input_files import MAX_CATALOG_BYTES, read_regular_file
from pipeline.po import catalogs, confidence
from pipeline.po.template_match import read_template_of, template_mismatches, template_of
from pipeline.po.views import Catalog, Entry, EntryState
from pipeline.project import SOURCE_LANGUAGE, Project, english_language_name
from pipeline.qa import lexicon, meaning, quantities
from pipeline.qa.context import Context
from pipeline.qa.language import wrong_language
from pipeline.qa.source_changes import word_diff


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int | None
    check: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        """``path:line: [check] message``, the form editors and ``msgfmt`` use."""
        return f"{location(self.path, self.line)}: [{self.check}] {self.message}"


# --- entry checks --------------------------------------------------------------------------------


def low_confidence(source: str, translation: str, context: Context) -> Iterator[str]:
    """The engine was unsure of this draft"""
    if context.confidence is not None and context.confidence < confidence.VERY_LOW_CONFIDENCE:
        yield (
            f"the engine's confidence in it is {confidence.format_confidence(context.confidence)} (below "
            f"{confidence.VERY_LOW_CONFIDENCE:g}): review it first"
        )


SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")


def numbers(source: str, translation: str, context: Context) -> Iterator[str]:
    """Numbers missing from the translation, or not in the source

    Numbers are compared as values, each read with its language's separators (babel), so German
    ``1,5`` is English ``1.5`` and German ``1.200`` is French ``1 200``. A whole number may also be
    written in words (``16`` → "seize", "sixteen"; ``21.`` → "twenty-first") or as a Roman numeral
    (``21. Jahrhundert`` → "XXIe siècle"). A number of the translation, in figures or in words
    ("thirty"), must be in the source, in figures or in words ("tausend" may be ``1 000``).
    """
    translation_numbers, source_numbers = NUMBER.findall(translation), NUMBER.findall(source)
    found = {_number_value(text, context.lang) for text in translation_numbers}
    found |= {SPACES.sub("", text) for text in translation_numbers}  # numbers read as text match as text
    source_values = {_number_value(text, context.source_lang) for text in source_numbers}
    missing = list(_numbers_missing(source_numbers, translation, found, context))
    in_source = source_values | lexicon.numbers_named_in_words(source, context.source_lang)
    written = {_digits(text) for text in source_numbers}  # reported as missing if read otherwise
    added = _numbers_added(translation, in_source, written, context.lang)
    if missing and added:  # one finding for a number changed
        missing[-1] += f"; the translation has {added} instead"
    elif added:
        missing.append(f"{added} not in the source (a wrong number?)")
    yield from missing


def _numbers_missing(source_numbers: list[str], translation: str, found: set, context: Context) -> Iterator[str]:
    reported = set()
    for text in source_numbers:
        value = _number_value(text, context.source_lang)
        if value in found or value in reported or _written_in_words(value, translation, context.lang):
            continue
        reported.add(value)
        expected = _format_number(value, context.lang, grouped=bool(re.fullmatch(GROUPED_NUMBER, text)))
        hint = f" (written {expected!r} in {context.lang})" if expected != text else ""
        yield f"{text!r} is missing from the translation{hint}"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


NUMBER_IN_NAME = re.compile(r"(?<=[^\W\d_])\d")
"""A figure glued to a letter before it is part of a name or formula ("CO2", "A4", "ID.3")."""


def _numbers_added(translation: str, in_source: set, written: set[str], lang: str) -> str:
    """Numbers of the translation, in figures or in words, that the source does not have (quoted,
    separated by commas; empty when there are none).

    Figures with the source's digits (``1.200`` copied into English, where it reads 1.2) are left
    to the missing number's message; figures glued to a letter are names (``CO2``, ``A4``).
    """
    added = []
    for match in NUMBER.finditer(translation):
        text, start = match.group(), match.start()
        if (
            _number_value(text, lang) not in in_source
            and _digits(text) not in written
            and text not in added
            and not NUMBER_IN_NAME.match(translation, start)
        ):
            added.append(text)
    added += [
        str(value)
        for value in sorted(lexicon.numbers_written_in_words(translation, lang))
        if Decimal(value) not in in_source
    ]
    return ", ".join(repr(text) for text in added)


def _number_value(text: str, lang: str) -> Decimal | str:
    """The value of a number as written in ``lang``; the text itself if babel cannot read it, if it
    uses a separator that ``lang`` does not (babel reads French ``1.5`` as 1.5, but French writes
    ``1,5``), or if its group separator groups no thousands (German ``4.0`` is a version, not 40)."""
    compact = SPACES.sub("", text)  # spaces only ever group digits
    try:
        decimal_symbol, group_symbol = _separators(lang)
        if any(not character.isdigit() and character not in (decimal_symbol, group_symbol) for character in compact):
            return compact
        if group_symbol in compact and not re.fullmatch(GROUPED_NUMBER, text):
            return compact
        return parse_decimal(compact, locale=lang)
    except (NumberFormatError, ValueError):
        return compact


@functools.cache
def _separators(lang: str) -> tuple[str, str]:
    """``lang``'s decimal and group symbols, looked up once per language (each babel call parses the
    locale again)."""
    return get_decimal_symbol(lang), get_group_symbol(lang)


def _written_in_words(value: Decimal | str, translation: str, lang: str) -> bool:
    whole = isinstance(value, Decimal) and value == value.to_integral_value()
    return whole and lexicon.written_in_words(int(value), translation, lang)


def _format_number(value: Decimal | str, lang: str, *, grouped: bool) -> str:
    """How ``lang`` writes the value, digits grouped only where the source grouped them (years are not)."""
    if isinstance(value, str):
        return value
    return format_decimal(value, locale=lang, group_separator=grouped, decimal_quantization=False)


def glossary(source: str, translation: str, context: Context) -> Iterator[str]:
    """Glossary terms not rendered as the glossary says

    Each protected German term found in the source must appear, in its rendering for the
    translation's language, in the translation, as a whole word and with the glossary's case
    (``Prologium`` for ``ProLogium`` is wrong). Only the first letter may be raised to a capital,
    so that ``gigafactory`` may start a sentence; one correct occurrence suffices, since the same
    letters in another case may be an ordinary word ("Orange" the company, "orange" the colour).
    """
    seen = set()
    for term, _, _ in context.glossary.find(source):
        rendering = context.glossary.rendering(term, context.lang)
        if rendering in seen:
            continue
        seen.add(rendering)
        written = written_as(translation, rendering)
        if not written:
            note = f" ({term.note})" if term.note else ""
            yield f"{term.source!r} must be rendered as {rendering!r}{note}"
        elif not any(keeps_case(text, rendering) for text in written):
            yield f"{rendering!r} is written {written[0]!r}; the glossary's case is part of the name"


BRACKETS = ("()", "[]", "{}")
DOUBLE_QUOTES = '"„“”«»‟＂'
"""Double quotation marks of German, English and French. Single ones (‚‘’‹›') are left out: ’ and '
are apostrophes too. Opening and closing marks differ between languages (German “ closes, English
“ opens), so balance is judged by the number of marks, not by their shape."""


def brackets(source: str, translation: str, context: Context) -> Iterator[str]:
    """Unbalanced brackets or quotation marks

    Compared with the source rather than judged alone, because a sentence may start or end inside
    a quotation that spans several sentences.
    """
    for pair in BRACKETS:
        opened, closed = pair[0], pair[1]
        if source.count(opened) - source.count(closed) != translation.count(opened) - translation.count(closed):
            yield f"brackets {pair} are balanced differently than in the source"
    source_quotes = sum(source.count(mark) for mark in DOUBLE_QUOTES)
    translation_quotes = sum(translation.count(mark) for mark in DOUBLE_QUOTES)
    if source_quotes % 2 != translation_quotes % 2:
        yield (f"quotation marks are unbalanced: the source has {source_quotes}, the translation {translation_quotes}")
    elif source_quotes % 2 == 0 and source.count("‚") == source.count("‘") and _single_quote_left_open(translation):
        yield "a single quotation mark ‘ is opened and not closed"


APOSTROPHE = re.compile(r"’(?=[^\W\d_])")
"""’ followed by a letter is an apostrophe ("something’s", "l’usine"), not a closing quotation mark."""


def _single_quote_left_open(translation: str) -> bool:
    """More ‘ than closing ’ in an English or French translation (where ‘ only ever opens).

    A ’ before a letter is an apostrophe; one after a word ("the editors’ newsletter") may be either,
    so it is counted as closing: a translation is only reported when it cannot be balanced.

    >>> _single_quote_left_open("‘The main thing is that something’s happening.")
    True
    >>> _single_quote_left_open("‘Yes’, he said.")
    False
    """
    return translation.count("‘") > translation.count("’") - len(APOSTROPHE.findall(translation))


CLOSING = " \t\n\u00a0\u202f\u2009" + DOUBLE_QUOTES + "‚‘’‹›')]}"
ENDINGS = {
    "?": "question mark",
    "？": "question mark",
    "!": "exclamation mark",
    "！": "exclamation mark",
    ".": "full stop",
    "…": "full stop",
    "。": "full stop",
    ":": "colon",
    ";": "semicolon",
}


def endpunc(source: str, translation: str, context: Context) -> Iterator[str]:
    """Sentence-final punctuation changed

    A question stays a question, an exclamation an exclamation, a statement ends with a full stop
    (or an ellipsis). Closing quotes and brackets, and French spaces before ``?``/``!``, do not
    matter.
    """
    expected, found = _ending(source), _ending(translation)
    if expected != found:
        yield f"the source ends with {expected}, the translation with {found}"


def _ending(text: str) -> str:
    stripped = text.rstrip(CLOSING)
    return ENDINGS.get(stripped[-1:], "no punctuation") if stripped else "no punctuation"


def empty(source: str, translation: str, context: Context) -> Iterator[str]:
    """Empty translation

    A translation of only spaces (or newlines) counts as translated for gettext but prints nothing.
    """
    if source.strip() and not translation.strip():
        yield "the translation is empty or only whitespace"


def unchanged(source: str, translation: str, context: Context) -> Iterator[str]:
    """Translation identical to the source

    Allowed when the source is only names and numbers (glossary terms, figures, punctuation), or,
    in a Markdown article, what stays as written (code spans, link targets, autolinks).
    """
    text = without_markup(source) if context.markdown else source
    if translation.strip() == source.strip() and not _only_names(text, context.glossary):
        yield "the translation is identical to the German source"


def _only_names(text: str, glossary: Glossary) -> bool:
    for _, start, end in reversed(glossary.find(text)):
        text = text[:start] + text[end:]
    return not re.search(r"[^\W\d_]", text)


LENGTH_RATIO = (0.5, 2.0)
"""Least and greatest length of a translation relative to its source (in characters)."""
LENGTH_MIN_SOURCE = 20
"""Sources shorter than this (titles, "Ja.") vary too much in length to judge."""


def length(source: str, translation: str, context: Context) -> Iterator[str]:
    """Suspicious length

    Much shorter than the source usually means a part is missing (a truncated machine draft);
    much longer, that something was added or repeated.
    """
    if len(source.strip()) < LENGTH_MIN_SOURCE or not translation.strip():
        return
    ratio = len(translation.strip()) / len(source.strip())
    least, greatest = LENGTH_RATIO
    if not least <= ratio <= greatest:
        yield f"the translation is {ratio:.1f} times as long as the source (expected {least}–{greatest})"


REPEAT_RUN = 3
"""A word or phrase repeated this many times in a row is machine output gone into a loop."""
REPEAT_LONGEST = 6
WORD_RUN = re.compile(r"\w+")
"""A run of letters and digits, the unit QA compares (not :data:`pipeline.stages.status.COUNTED_WORD`,
which joins ``E-Fahrzeug`` into one word for counting work)."""


def repeated(source: str, translation: str, context: Context) -> Iterator[str]:
    """Words or phrases repeated in a loop

    Neural machine translation sometimes repeats a word or phrase over and over
    (argos-translate issues #428, #522).
    """
    run = _longest_repetition(WORD_RUN.findall(translation.casefold()))
    if run and not _longest_repetition(WORD_RUN.findall(source.casefold())):
        phrase, times = run
        yield f"{phrase!r} is repeated {times} times in a row"


def _longest_repetition(words: list[str]) -> tuple[str, int] | None:
    """The phrase of up to :data:`REPEAT_LONGEST` words repeated most often in a row, if at least
    :data:`REPEAT_RUN` times.

    >>> _longest_repetition("the battery the battery the battery is".split())
    ('the battery', 3)
    """
    best: tuple[str, int] | None = None
    for size in range(1, REPEAT_LONGEST + 1):
        matching = _matching_run(words, size)
        for start in range(len(words) - size * REPEAT_RUN + 1):
            times = 1 + matching[start] // size
            if times >= REPEAT_RUN and (best is None or times > best[1]):
                best = (" ".join(words[start : start + size]), times)
    return best


def _matching_run(words: list[str], distance: int) -> list[int]:
    """For each position ``i``, how many words from ``i`` on equal the words ``distance`` further:
    one pass from the end, so that finding repetitions is linear, not quadratic, in the words
    (6,000 repetitions of one phrase took 12 s).

    >>> _matching_run("a b a b a c".split(), 2)
    [3, 2, 1, 0, 0, 0]
    """
    run = [0] * (len(words) + 1)
    for index in range(len(words) - distance - 1, -1, -1):
        run[index] = run[index + 1] + 1 if words[index] == words[index + distance] else 0
    return run[: len(words)]


ADDRESS = re.compile(
    r"(?<!\S)[^\s@]++@\S+\.\w+|(?:https?://|www\.)\S+|[#@]\w+"
    r"|(?<![\w.-])(?:[\w-]++\.)+(?:de|com|org|net|eu|fr|at|ch)\b"
)
"""Web and e-mail addresses, hashtags and handles: copied as they are, never German residue.

An e-mail address or a domain is only looked for where a run of its characters starts, and a run is
read once (possessive ``++``): tried from every character of a long word, as before, the search took
time quadratic in its length (a 12,000-letter word 0.1 s, a hostile ``a-b-`` run seconds)."""


def untranslated_words(source: str, translation: str, context: Context) -> Iterator[str]:
    """German words left in the translation

    Words of the source that reappear in the translation (glossary terms do not count) and are
    German rather than words of the target language: German function words, words with an umlaut
    or ß, and longer words that are much more frequent in German than in the target language
    according to wordfreq's word lists (so ``Zulieferer``, ``Steuereinnahmen``, ``Kohle``, but not
    ``Diesel`` or a name such as ``Legrand`` that both languages use). Capitals are no sign of a
    name: every German noun has one; but a capitalised word rare in German that the source uses as
    a name ("in Papenburg", "Markus Krebber", "der Zulieferer Hülskamp") is one (see
    :func:`pipeline.qa.lexicon.names`). Any other name that the word lists take for German belongs in
    the glossary. In a Markdown article, what must stay as written (code spans, link targets) is not
    looked at.
    """
    protected = {
        word.casefold() for term, _, _ in context.glossary.find(source) for word in WORD_RUN.findall(term.source)
    }
    if context.markdown:  # code spans, URLs and reference labels stay as written
        source, translation = without_markup(source), without_markup(translation)
    source, translation = ADDRESS.sub(" ", source), ADDRESS.sub(" ", translation)
    source_words = {word.casefold() for word in WORD_RUN.findall(source)}
    lower_case = {word for word in WORD_RUN.findall(source) if word.islower()}
    after_article = lexicon.common_nouns(source, translation, context.lang)
    names = lexicon.names(source, translation, context.lang)
    left = []
    for word in re.findall(r"[^\W\d_]+", translation):
        folded = word.casefold()
        if (
            folded in source_words
            and folded not in protected
            and word not in left
            and word not in names
            and lexicon.is_german(
                word.lower(), context.lang, lower_case=word.lower() in lower_case, after_article=word in after_article
            )
        ):
            left.append(word)
    if left:
        yield f"German left in the translation: {', '.join(left[:5])}" + (" …" if len(left) > 5 else "")


DOUBLED_SIMILARITY = 0.75
"""Two sentences of a translation this similar (difflib's ratio) say the same thing twice."""
DOUBLED_LENGTH = 1.6
"""A translation with an extra sentence and this many times the source's length has added content
(sources of :data:`LENGTH_MIN_SOURCE` characters or more: "Ja." may become "Oui. Tout à fait.")."""
DOUBLED_REPEAT_LENGTH = 1.2
"""An extra sentence that repeats another counts from this length ratio on: a translator who splits
"Nicht blind, nicht naiv." into "Not blind. Not naive." writes no more than the source."""
DOUBLED_RUN = 6
"""A run of this many words that occurs twice in the translation (and not in the source) is doubled."""
DOUBLED_LONGEST = 64
"""The longest run :func:`_twice_in_a_row` looks for, so that its work is linear in the words: a
longer one holds a run of :data:`DOUBLED_RUN` words said twice, which :func:`doubled` reports first."""
DOUBLED_SHORTEST = 3
"""In a translation of under 12 words, a run of half its words said twice is doubled ("An article by
M. Legrand An article by M. Legrand"), down to this many; the source must not repeat it too."""


def doubled(source: str, translation: str, context: Context) -> Iterator[str]:
    """Content said twice

    Machine translation sometimes renders a sentence twice, a hurried editor pastes it twice. The
    result is under twice the source's length, so :func:`length` misses it. Counted in sentences
    (German split as the article is; the translation by sentencex, ordinals and initials joined):
    an extra sentence that repeats another one, or that makes the translation much longer, is
    reported; so is any run of words said twice that the source does not repeat.
    """
    if not translation.strip():
        return
    ratio = len(translation.strip()) / max(len(source.strip()), 1)
    sentences = lexicon.sentences(translation, context.lang) if ratio >= DOUBLED_REPEAT_LENGTH else []
    source_count = len(split_sentences(" ".join(source.split()), language=context.source_lang)) if sentences else 0
    if len(sentences) > source_count:
        much_longer = ratio >= DOUBLED_LENGTH and len(source.strip()) >= LENGTH_MIN_SOURCE
        if much_longer or _repeats_a_sentence(sentences):
            yield (
                f"the translation has {len(sentences)} sentences where the source has {source_count}: "
                "is something said twice?"
            )
            return
    words = WORD_RUN.findall(translation.casefold())
    source_words = WORD_RUN.findall(source.casefold())
    size = max(DOUBLED_SHORTEST, min(DOUBLED_RUN, len(words) // 2))
    run = _twice_said(words, size)
    if run and not _twice_said(source_words, size):
        yield f"{run!r} occurs twice in the translation"
        return
    run = _twice_in_a_row(words)
    if run and not _twice_in_a_row(source_words):
        yield f"{run!r} is said twice in a row"


DOUBLED_COMPARED = 8
"""Each sentence is compared for near repetition with this many sentences after it (a translation
doubled by a machine or a paste repeats what is near), so a long text costs linear, not quadratic,
time; exact repetitions are found anywhere."""
DOUBLED_COMPARED_CHARS = 1_000
"""Sentences longer than this are compared for exact repetition only (difflib is quadratic)."""


def _repeats_a_sentence(sentences: list[str]) -> bool:
    """Whether two of the sentences say nearly the same words (:data:`DOUBLED_SIMILARITY`)."""
    folded = [" ".join(WORD_RUN.findall(sentence.casefold())) for sentence in sentences]
    if len(set(folded)) < len(folded):
        return True
    return any(
        SequenceMatcher(None, first, second).ratio() >= DOUBLED_SIMILARITY
        for index, first in enumerate(folded)
        if len(first) <= DOUBLED_COMPARED_CHARS
        for second in folded[index + 1 : index + 1 + DOUBLED_COMPARED]
        if len(second) <= DOUBLED_COMPARED_CHARS
    )


def _twice_in_a_row(words: list[str]) -> str | None:
    """The first run of :data:`DOUBLED_SHORTEST` words or more followed at once by itself: prose does
    not do that ("step by step" is three different words), a machine stuttering over the end of a
    sentence does.

    >>> _twice_in_a_row("the flat plains outside dunkirk the flat plains outside dunkirk".split())
    'the flat plains outside dunkirk'
    """
    for size in range(min(len(words) // 2, DOUBLED_LONGEST), DOUBLED_SHORTEST - 1, -1):
        matching = _matching_run(words, size)
        start = next((start for start in range(len(words) - 2 * size + 1) if matching[start] >= size), None)
        if start is not None:
            return " ".join(words[start : start + size])
    return None


def _twice_said(words: list[str], size: int) -> str | None:
    """The first run of ``size`` words that occurs twice without overlapping itself.

    >>> _twice_said("an article by m legrand an article by m legrand".split(), 5)
    'an article by m legrand'
    """
    first_seen: dict[tuple[str, ...], int] = {}
    for start in range(len(words) - size + 1):
        run = tuple(words[start : start + size])
        if run in first_seen and start - first_seen[run] >= size:
            return " ".join(run)
        first_seen.setdefault(run, start)
    return None


ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});", re.IGNORECASE)
TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.IGNORECASE)
ENGINE_MARKS = {"⁇": "the unknown-token mark ⁇", "\u2581": "SentencePiece's word mark ▁"}
"""What SentencePiece/CTranslate2 write for a piece they could not decode or detokenize."""


def markup(source: str, translation: str, context: Context) -> Iterator[str]:
    """HTML entities, tags or engine marks the source does not have

    Catalog text is plain text and is escaped when an edition is built, so ``&quot;`` prints as
    ``&quot;`` and ``<b>`` as ``<b>``. ``⁇`` is what the machine translation engine writes for a
    word it could not produce.
    """
    found = [match for pattern in (ENTITY, TAG) for match in pattern.findall(translation) if match not in source]
    found += [name for mark, name in ENGINE_MARKS.items() if mark in translation and mark not in source]
    if found:
        yield f"markup or escapes the source does not have: {', '.join(dict.fromkeys(found))}"


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Unicode's control characters (category Cc, NEL included) and its line and paragraph separators."""


def control_characters(source: str, translation: str, context: Context) -> Iterator[str]:
    """Line breaks or control characters the source does not have

    A sentence is one line of its paragraph: a line break in its translation would start a new
    paragraph in the text edition, or a heading in Markdown, and other control characters print as
    garbage.
    """
    if not translation.strip():
        return  # only whitespace: the empty check says so
    extra = sorted({character for character in CONTROL.findall(translation) if character not in source})
    if extra:
        names = ", ".join(
            f"U+{ord(character):04X}" + (" (line break)" if character in "\n\r" else "") for character in extra
        )
        yield (
            f"the translation contains {names}, which the one-line source does not: a translation "
            "cannot change the edition's paragraphs"
        )


def inline_markup(source: str, translation: str, context: Context) -> Iterator[str]:
    """Markdown markup differs from the source's (links, emphasis, code spans, footnotes, table cells)

    A translation must keep its sentence's link targets and image paths (as written), as many
    emphasis, strong and strikethrough spans, its code spans unchanged and its footnote references
    (``[^1]``); otherwise the edition loses a link or a footnote or shows stray asterisks. A bare
    ``|`` would split a table cell. Only sentences of Markdown articles are checked.
    """
    if not context.markdown:
        return
    before, after = markup_of(source), markup_of(translation)
    if before.targets != after.targets:
        missing = sorted(set(before.targets) - set(after.targets))
        yield (
            f"link targets differ from the source's: {', '.join(missing)} missing"
            if missing
            else "link targets differ from the source's (added or repeated)"
        )
    for name, count, found in (
        ("emphasis", before.emphasis, after.emphasis),
        ("strong", before.strong, after.strong),
        ("strikethrough", before.struck, after.struck),
    ):
        if count != found:
            yield f"{count} {name} span(s) in the source, {found} in the translation"
    if before.code != after.code:
        changed = sorted(set(before.code) - set(after.code))
        yield (
            "code spans must stay as written: " + ", ".join(f"`{code}`" for code in changed)
            if changed
            else "code spans differ from the source's (added or repeated)"
        )
    if before.footnotes != after.footnotes:
        yield (
            f"footnote references differ from the source's: {' '.join(before.footnotes) or 'none'} in the "
            f"source, {' '.join(after.footnotes) or 'none'} in the translation"
        )
    if after.pipes > before.pipes:
        yield "a bare | would split a table cell: write \\|"


EntryCheck = Callable[[str, str, Context], Iterable[str]]


@dataclass(frozen=True, slots=True)
class Check:
    function: EntryCheck
    reviewed: Severity
    """Severity of a finding in a reviewed translation."""
    draft: Severity
    """Severity of a finding in a machine draft or a source-changed (fuzzy) entry."""

    @property
    def name(self) -> str:
        return self.function.__name__

    @property
    def title(self) -> str:
        return (self.function.__doc__ or self.name).strip().splitlines()[0]


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

CHECKS = [
    Check(empty, reviewed=ERROR, draft=WARNING),
    Check(numbers, reviewed=ERROR, draft=WARNING),
    Check(glossary, reviewed=ERROR, draft=WARNING),
    Check(brackets, reviewed=ERROR, draft=WARNING),
    Check(unchanged, reviewed=ERROR, draft=WARNING),
    Check(repeated, reviewed=ERROR, draft=WARNING),
    Check(doubled, reviewed=ERROR, draft=WARNING),
    Check(control_characters, reviewed=ERROR, draft=WARNING),
    Check(markup, reviewed=ERROR, draft=WARNING),
    Check(untranslated_words, reviewed=WARNING, draft=WARNING),
    Check(endpunc, reviewed=WARNING, draft=INFO),
    Check(length, reviewed=WARNING, draft=WARNING),
    Check(low_confidence, reviewed=INFO, draft=INFO),
    Check(inline_markup, reviewed=ERROR, draft=WARNING),
    # meaning: the translation reads well but says something else (issue 27)
    Check(wrong_language, reviewed=ERROR, draft=WARNING),
    Check(quantities.quantities, reviewed=ERROR, draft=WARNING),
    Check(pipeline.qa.names.dates, reviewed=ERROR, draft=WARNING),
    Check(pipeline.qa.names.names, reviewed=WARNING, draft=WARNING),
    Check(meaning.negation, reviewed=WARNING, draft=WARNING),
    Check(meaning.direction, reviewed=WARNING, draft=WARNING),
    Check(meaning.modality, reviewed=WARNING, draft=INFO),
    Check(meaning.truncated, reviewed=WARNING, draft=WARNING),
]
"""Every entry check, in the order findings are reported for an entry."""

CHECK_NAMES = frozenset(check.name for check in CHECKS)


def check_entry(
    source: str, translation: str, context: Context, *, draft: bool, ignore: Iterable[str] = ()
) -> Iterator[tuple[Check, Severity, str]]:
    """Every finding of the entry checks for one translation, with its severity."""
    ignored = set(ignore)
    for check in CHECKS:
        if check.name in ignored or "all" in ignored:
            continue
        for message in check.function(source, translation, context):
            yield check, (check.draft if draft else check.reviewed), message


QA_IGNORE = re.compile(r"^\s*qa-ignore\s*:(.*)$")


def ignored_checks(comment: str) -> list[str]:
    """Check names listed in ``qa-ignore:`` lines of a translator comment.

    >>> ignored_checks("reviewed by A.\\nqa-ignore: numbers, length")
    ['numbers', 'length']
    """
    names: list[str] = []
    for line in comment.splitlines():
        match = QA_IGNORE.match(line)
        if match:
            names.extend(name for name in re.split(r"[,\s]+", match.group(1)) if name)
    return names


# --- catalog checks ------------------------------------------------------------------------------


def language(metadata: Mapping[str, str], lang: str) -> Iterator[str]:
    """Language header that does not match the catalog's folder"""
    declared = metadata.get("Language", "").strip()
    if not declared:
        yield f"the header has no Language (expected {lang!r})"
    elif declared.replace("-", "_") != lang:
        yield f"the header says Language: {declared}, but the catalog is in the {lang!r} folder"


def charset(metadata: Mapping[str, str], lang: str) -> Iterator[str]:
    """Charset other than UTF-8"""
    charset = catalogs.declared_charset(metadata)
    if not charset:
        yield "the header's Content-Type names no charset (expected text/plain; charset=UTF-8)"
    elif not catalogs.is_utf8(charset):
        yield f"the header says charset={charset}; catalogs must be UTF-8"


def plural_forms(metadata: Mapping[str, str], lang: str) -> Iterator[str]:
    """Plural-Forms header missing"""
    if not metadata.get("Plural-Forms", "").strip():
        yield "the header has no Plural-Forms (run `pipeline extract` to restore it)"


HEADER_CHECKS = [
    (language, Severity.ERROR),
    (charset, Severity.ERROR),
    (plural_forms, Severity.WARNING),
]


def duplicates(keys: Iterable[tuple[str | None, str, int | None]]) -> Iterator[tuple[int | None, str]]:
    """Duplicate msgids

    ``keys`` are ``(msgctxt, msgid, line)`` of the active entries; yields ``(line, message)``.
    """
    first: dict[tuple[str | None, str], int | None] = {}
    for context, msgid, line in keys:
        if (context, msgid) in first:
            yield line, f"{catalogs.shorten(msgid, 50)!r} is already defined at line {first[(context, msgid)]}"
        else:
            first[(context, msgid)] = line


def obsolete(msgids: list[tuple[str, int | None]], current: set[str]) -> Iterator[tuple[int | None, str]]:
    """Obsolete entries whose sentence is gone

    ``msgids`` are the obsolete entries' ``(msgid, line)``; ``current`` the sentences of every
    checked catalog. Reported once per file, at the first such entry.
    """
    gone = [(msgid, line) for msgid, line in msgids if msgid not in current]
    if gone:
        counted = (
            "1 obsolete entry no longer matches" if len(gone) == 1 else f"{len(gone)} obsolete entries no longer match"
        )
        yield (
            gone[0][1],
            (f"{counted} any sentence; kept in case a sentence comes back (`msgattrib --no-obsolete` removes them)"),
        )


MSGFMT_LINE = re.compile(r"^(?P<line>\d+):(?:(?P<column>\d+):)? (?P<message>.*)$")


def msgfmt(path: Path) -> Iterator[tuple[Severity, int | None, str]]:
    """Problems found by GNU ``msgfmt -c``

    Skipped when gettext is not installed. Messages starting ``warning:`` are warnings, the
    others errors; "...this is the location of the first definition" is folded into the message
    it explains.
    """
    executable = shutil.which("msgfmt")
    if executable is None:
        return
    completed = subprocess.run(
        [executable, "-c", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
    )
    prefix = f"{path}:"
    findings: list[tuple[Severity, int | None, str]] = []
    for raw in completed.stderr.splitlines():
        match = MSGFMT_LINE.match(raw[len(prefix) :]) if raw.startswith(prefix) else None
        line, message = (int(match["line"]), match["message"]) if match else (None, raw)
        if message.startswith("...") and findings:
            severity, first_line, first_message = findings[-1]
            findings[-1] = (
                severity,
                first_line,
                (f"{first_message.rstrip('.')} ({message.strip('.')} at line {line})"),
            )
        elif re.match(r"(\S*/)?msgfmt: found \d+ fatal errors?$", message):
            continue
        elif message.startswith("warning: "):
            findings.append((Severity.WARNING, line, message.removeprefix("warning: ")))
        else:
            findings.append((Severity.ERROR, line, re.sub(r"^(\S*/)?msgfmt: ", "", message)))
    if completed.returncode != 0 and not any(severity is Severity.ERROR for severity, _, _ in findings):
        findings.append((Severity.ERROR, None, f"msgfmt -c failed with exit code {completed.returncode}"))
    yield from findings


# --- reading catalogs and running the checks (the edge) ------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    catalogs: tuple[Path, ...]
    problems: tuple[Problem, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for problem in self.problems if problem.severity is severity)

    @property
    def failed(self) -> bool:
        """True when an error-level finding exists: ``pipeline check`` then exits with 3."""
        return self.count(Severity.ERROR) > 0


@dataclass(slots=True)
class _Catalog:
    """A catalog as read for checking: its text lines and parsed entries, or why it can't be read."""

    path: Path
    lang: str
    lines: list[str] = field(default_factory=list)
    catalog: Catalog | None = None
    """The parsed catalog, or None when it cannot be read."""
    problems: list[Problem] = field(default_factory=list)


def catalog_paths(project: Project) -> list[Path]:
    """Every ``.po`` of the project's languages, sorted."""
    paths = []
    for lang in project.langs:
        pattern = project.catalog_path(lang, "*")
        paths.extend(sorted(pattern.parent.glob(pattern.name)))
    if not paths:
        raise PipelineError("no catalogs to check; run `pipeline extract` first", path=project.locales)
    return paths


def check_project(project: Project, glossary: Glossary, paths: Iterable[Path] | None = None) -> Report:
    """Check ``paths`` (by default every catalog of the project); the language of a catalog is its
    folder's name (``<lang>/LC_MESSAGES/``), or its Language header elsewhere.

    Catalogs are checked one at a time, an article's languages together (its template read once), and
    nothing of a catalog but its obsolete entries is kept after it: memory stays flat however many
    articles there are. Whether an obsolete entry's sentence is gone is answered at the end, when the
    sentences of every checked catalog are known."""
    whole = paths is None
    checked = catalog_paths(project) if paths is None else list(paths)
    current: set[str] = set()
    gone: list[tuple[str, list[tuple[str, int | None]]]] = []
    template: tuple[Path | None, tuple[Catalog | None, str | None]] = (None, (None, None))
    problems: list[Problem] = []
    for path in sorted(checked, key=template_of):
        item = _load(path)
        problems.extend(item.problems)
        if item.catalog is None:
            continue
        if template[0] != template_of(path):
            template = (template_of(path), read_template_of(path))
        problems.extend(_check_catalog(item, template[1], glossary, source_lang=project.source_lang))
        current.update(entry.msgid for entry in item.catalog.active())
        gone.append((str(path), [(entry.msgid, entry.line) for entry in item.catalog if entry.obsolete]))
    for gone_path, msgids in gone:
        problems.extend(
            Problem(gone_path, line, "obsolete", Severity.INFO, message) for line, message in obsolete(msgids, current)
        )
    if whole and project.seeds.is_dir():
        problems.extend(local_file_problems(project, project.article_paths()))
    return Report(catalogs=tuple(checked), problems=tuple(problems))


def local_file_problems(project: Project, seeds: Iterable[Path]) -> Iterator[Problem]:
    """Images and files the Markdown articles among ``seeds`` refer to that their editions cannot show
    (:mod:`pipeline.editions.local_files`)."""
    for seed in seeds:
        if seed.suffix == SUFFIX:
            for reference, why in local_files.problems(seed, seed.read_bytes().decode("utf-8-sig", "replace")):
                yield Problem(
                    project.reference(seed),
                    reference.line,
                    "local_files",
                    Severity.WARNING,
                    f"{reference.target}: {why}",
                )


CATALOG_SUFFIXES = (".po", ".pot")


def _load(path: Path) -> _Catalog:
    item = _Catalog(path=path, lang=path.parent.parent.name if path.parent.name == "LC_MESSAGES" else "")
    if path.suffix not in CATALOG_SUFFIXES:
        raise PipelineError(
            "not a catalog: check reads gettext catalogs (*.po, *.pot); an article is "
            "checked through its catalogs (`pipeline check` checks them all)",
            path=path,
        )
    try:
        data = read_regular_file(path, what="catalog", limit=MAX_CATALOG_BYTES)
    except OSError as error:
        raise os_error(error, "cannot read", path) from None
    try:
        catalogs.check_not_empty(data, path)
    except CatalogError as error:
        item.problems.append(Problem(str(path), None, "empty_file", Severity.ERROR, error.message))
        return item
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        item.problems.append(
            Problem(
                str(path),
                data[: error.start].count(b"\n") + 1,
                "charset",
                Severity.ERROR,
                "not UTF-8; convert it with `msgconv -t UTF-8`",
            )
        )
        return item
    item.lines = text.removeprefix(BOM).replace("\r\n", "\n").split("\n")
    try:
        item.catalog = catalogs.parse_view(text, path=path, allow_duplicates=True)
    except CatalogError as error:
        item.problems.append(Problem(str(path), error.line, "syntax", Severity.ERROR, error.message))
        return item
    item.lang = item.lang or item.catalog.metadata.get("Language", "").strip().replace("-", "_")
    try:
        english_language_name(item.lang)
    except PipelineError as error:
        item.problems.append(
            Problem(
                str(path),
                _header_line(item.lines),
                "language",
                Severity.ERROR,
                f"cannot tell the catalog's language from its folder or header: {error.message}",
            )
        )
        item.catalog = None
    return item


def _check_catalog(
    item: _Catalog,
    template_read: tuple[Catalog | None, str | None],
    glossary: Glossary,
    *,
    source_lang: str = SOURCE_LANGUAGE,
) -> Iterator[Problem]:
    """The problems of one loaded catalog but its obsolete entries (:func:`check_project` checks those);
    ``template_read`` is :func:`read_template_of`'s answer."""
    path, catalog = str(item.path), item.catalog
    if catalog is None:  # not loaded: _load's problems say why
        return
    header_line = _header_line(item.lines)
    for function, severity in HEADER_CHECKS:
        if function is plural_forms and item.path.suffix == ".pot":
            continue  # a template has none: msginit and msgmerge take each language's from its .po
        for message in function(catalog.metadata, item.lang):
            yield Problem(path, header_line, function.__name__, severity, message)
    for severity, line, message in msgfmt(item.path):
        yield Problem(path, line, "msgfmt", severity, message)

    template, trouble = template_read
    if trouble and (item.path.parent.name == "LC_MESSAGES" or template_of(item.path).exists()):
        yield Problem(path, header_line, "template", Severity.ERROR, trouble)
    for mismatch in template_mismatches(catalog, template):
        yield Problem(path, mismatch.line, "template", Severity.ERROR, mismatch.message)

    active = list(catalog.active())
    keys = ((entry.msgctxt, entry.msgid, entry.line) for entry in active)
    for line, message in duplicates(keys):
        yield Problem(path, line, "duplicates", Severity.ERROR, message)
    markdown = any(from_markdown_article(entry.occurrences) for entry in active)
    context = Context(lang=item.lang, glossary=glossary, markdown=markdown, source_lang=source_lang)
    for entry in active:
        yield from _check_one(entry, context, path)


def _check_one(entry: Entry, context: Context, path: str) -> Iterator[Problem]:
    state, line = entry.state, entry.line
    if state not in {EntryState.REVIEWED, EntryState.MACHINE_DRAFT, EntryState.EDITED_DRAFT, EntryState.SOURCE_CHANGED}:
        return
    ignore = ignored_checks(entry.tcomment or "")
    for name in ignore:
        if name != "all" and name not in CHECK_NAMES:
            yield Problem(
                path,
                line,
                "qa-ignore",
                Severity.WARNING,
                f"unknown check {name!r} (known: all, {', '.join(sorted(CHECK_NAMES))})",
            )
    if "fuzzy" in entry.flags and entry.previous_msgid is not None:
        yield Problem(
            path,
            line,
            "source_changed",
            Severity.INFO,
            "the source sentence changed since this "
            f"translation; review it: {word_diff(entry.previous_msgid, entry.msgid)}",
        )
    draft = state is not EntryState.REVIEWED
    context = dataclasses.replace(context, confidence=confidence.entry_confidence(entry))
    for check, severity, message in check_entry(entry.msgid, entry.msgstr, context, draft=draft, ignore=ignore):
        label = f"{state.value}: " if draft else ""
        yield Problem(path, line, check.name, severity, label + message)


def _header_line(lines: list[str]) -> int | None:
    return next((number for number, text in enumerate(lines, start=1) if text.startswith('msgid ""')), None)


def by_severity(problems: Iterable[Problem]) -> dict[Severity, list[Problem]]:
    """Problems grouped error, warning, info; within a group by file and line."""
    groups: dict[Severity, list[Problem]] = {severity: [] for severity in Severity}
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0)):
        groups[problem.severity].append(problem)
    return groups
