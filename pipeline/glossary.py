"""The newsroom glossary: names that must not be translated and terms with a fixed rendering.

``glossary.toml`` (at the project root) is read with :mod:`tomllib`; its own comments document the
format. Two stages use it: machine translation masks the terms it finds before sending a sentence
to the engine and puts the rendering back afterwards (:func:`mask`, :func:`restore`, here), and
``pipeline check`` reports translations that do not use the rendering.

Matching is deliberately simple and predictable: German forms are matched exactly (case and all),
as whole words (a neighbouring letter or digit prevents a match, a hyphen or a space does not, so
``Renault-Modelle`` contains ``Renault``), longest term first, without overlaps. Inflected forms
(``Frankreichs``) are separate German forms of the same term, listed in the file.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from pipeline.articles.model import BOM
from pipeline.errors import PipelineError
from pipeline.input_files import MAX_GLOSSARY_BYTES, read_regular_file

DEFAULT_PATH = Path("glossary.toml")
"""Where the CLI looks for the glossary, relative to the working directory."""

LANGUAGE_KEY = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2}|_[A-Z][a-z]{3})?")
"""A rendering's key: a language code as the project uses it (``fr``, ``en``, ``pt_BR``)."""

TERM_KEYS = {"de", "note"}
TOP_LEVEL_KEYS = {"keep", "term"}


@dataclass(frozen=True, slots=True)
class Term:
    source: str
    """The German form as it appears in articles, e.g. ``"Dunkerque"``."""
    renderings: Mapping[str, str] = field(hash=False)
    """Language code -> rendering; empty for a name that is never translated."""
    note: str = ""

    def __post_init__(self) -> None:
        # A read-only copy: terms are shared by every stage and must not change under them.
        object.__setattr__(self, "renderings", MappingProxyType(dict(self.renderings)))


@dataclass(frozen=True, slots=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def find(self, text: str) -> list[tuple[Term, int, int]]:
        """Occurrences ``(term, start, end)`` of the glossary's German forms in ``text``.

        Longer terms are claimed first, so ``Mercedes Benz`` wins over a shorter ``Benz``; the
        occurrences never overlap and come in text order.

        >>> names = Glossary((Term("Vallée de la batterie", {}), Term("Vallée", {"en": "Valley"})))
        >>> [(term.source, start) for term, start, end in names.find("Die Vallée de la batterie.")]
        [('Vallée de la batterie', 4)]
        """
        claimed: list[tuple[Term, int, int]] = []
        for term in sorted(self.terms, key=lambda term: (-len(term.source), term.source)):
            if term.source not in text:  # cheap test before the regular expression
                continue
            for match in _pattern(term.source).finditer(text):
                start, end = match.span()
                if not any(start < other_end and other_start < end for _, other_start, other_end in claimed):
                    claimed.append((term, start, end))
        return sorted(claimed, key=lambda found: found[1])

    def rendering(self, term: Term, lang: str) -> str:
        """How ``term`` is written in ``lang``: its rendering, or the German form itself for a name
        that is kept (no renderings, or none for this language)."""
        return term.renderings.get(lang, term.source)


def written_as(text: str, rendering: str) -> list[str]:
    """Each occurrence of ``rendering`` in ``text`` as a whole word, as it is written there (any case)."""
    pattern = r"(?<!\w)" + re.escape(rendering) + r"(?!\w)"
    return [match.group() for match in re.finditer(pattern, text, re.IGNORECASE)]


def keeps_case(written: str, rendering: str) -> bool:
    """``written`` is ``rendering`` exactly, or with its first letter raised to a capital (a term may
    start a sentence): the glossary's case is part of a name.

    >>> keeps_case("Gigafactory", "gigafactory"), keeps_case("Prologium", "ProLogium")
    (True, False)
    """
    return written == rendering or written == rendering[:1].upper() + rendering[1:]


def holds_rendering(text: str, rendering: str) -> bool:
    """Whether ``text`` has ``rendering`` as a whole word, in the glossary's case."""
    return any(keeps_case(written, rendering) for written in written_as(text, rendering))


@functools.lru_cache(maxsize=1024)
def _pattern(source: str) -> re.Pattern[str]:
    """Whole words: a term that starts (ends) with a letter or digit must not continue a word.
    A term that starts or ends with other characters (a Markdown code span, ``<em>``, ``&nbsp;``,
    masked by :mod:`pipeline.mt.markup_drafts`) is found wherever it is written."""
    before = r"(?<!\w)" if re.match(r"\w", source) else ""
    after = r"(?!\w)" if re.search(r"\w$", source) else ""
    return re.compile(before + re.escape(source) + after)


# --- loading -------------------------------------------------------------------------------------


def load_glossary(path: Path) -> Glossary:
    """The glossary in ``path``; a missing file is an empty glossary (nothing is protected).

    Invalid TOML or an entry that does not follow the format is a :class:`PipelineError` naming the
    file, and the line where it can be told.
    """
    try:
        text = read_regular_file(path, what="glossary", limit=MAX_GLOSSARY_BYTES).decode("utf-8")
    except FileNotFoundError:
        return Glossary()
    except UnicodeDecodeError:
        raise PipelineError("glossary is not UTF-8", path=path) from None
    return parse_glossary(text, path=path)


def parse_glossary(text: str, *, path: Path | str = DEFAULT_PATH) -> Glossary:
    """The glossary written in ``text`` (the content of ``glossary.toml``)."""
    try:
        data = tomllib.loads(text.removeprefix(BOM))
    except tomllib.TOMLDecodeError as error:
        message, line = _split_location(str(error))
        raise PipelineError(f"invalid TOML: {message}", path=path, line=line) from None
    unknown = sorted(set(data) - TOP_LEVEL_KEYS)
    if unknown:
        raise _entry_error(f"unknown key {unknown[0]!r} (expected 'keep' and [[term]] tables)", text, unknown[0], path)
    terms = [*_kept_names(data.get("keep", []), text, path), *_terms(data.get("term", []), text, path)]
    _check_unique(terms, text, path)
    return Glossary(tuple(terms))


def _kept_names(names: object, text: str, path: Path | str) -> list[Term]:
    if not isinstance(names, list):
        raise _entry_error("'keep' must be a list of names", text, "keep", path)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise _entry_error(f"'keep' holds {name!r}; each name must be a non-empty string", text, str(name), path)
    return [Term(name, {}) for name in names]


def _terms(tables: object, text: str, path: Path | str) -> list[Term]:
    if not isinstance(tables, list):
        raise _entry_error("'term' must be written as [[term]] tables", text, "term", path)
    terms = []
    for number, table in enumerate(tables, start=1):
        terms.extend(_term(table, number, text, path))
    return terms


def _term(table: dict, number: int, text: str, path: Path | str) -> list[Term]:
    """The Terms of one ``[[term]]`` table: one per German form, sharing renderings and note."""
    if not isinstance(table, dict):
        raise _entry_error("'term' must be written as [[term]] tables", text, "term", path)
    forms = table.get("de")
    forms = [forms] if isinstance(forms, str) else forms if isinstance(forms, list) else None
    where = repr(forms[0]) if forms and isinstance(forms[0], str) else f"number {number}"
    if not forms or not all(isinstance(form, str) and form.strip() for form in forms):
        raise _entry_error(
            f'[[term]] {where} needs de = "German form" (or a list of forms)', text, "[[term]]", path, occurrence=number
        )
    renderings = {}
    for key, value in table.items():
        if key in TERM_KEYS:
            continue
        if not LANGUAGE_KEY.fullmatch(key):
            raise _entry_error(
                f"[[term]] {where}: unknown key {key!r} (expected de, note and language codes such as fr, en)",
                text,
                forms[0],
                path,
            )
        if not isinstance(value, str) or not value.strip():
            raise _entry_error(f"[[term]] {where}: {key} must be a non-empty string", text, forms[0], path)
        renderings[key] = value
    note = table.get("note", "")
    if not isinstance(note, str):
        raise _entry_error(f"[[term]] {where}: note must be a string", text, forms[0], path)
    return [Term(form, renderings, note) for form in forms]


def _check_unique(terms: list[Term], text: str, path: Path | str) -> None:
    seen: set[str] = set()
    for term in terms:
        if term.source in seen:
            raise _entry_error(f"{term.source!r} is listed twice", text, term.source, path, occurrence=2)
        seen.add(term.source)


def _split_location(message: str) -> tuple[str, int | None]:
    """``"Invalid value (at line 2, column 5)"`` -> ``("Invalid value (column 5)", 2)``."""
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if not match:
        return message, None
    return message[: match.start()] + f" (column {match.group(2)})" + message[match.end() :], int(match.group(1))


def _entry_error(message: str, text: str, needle: str, path: Path | str, *, occurrence: int = 1) -> PipelineError:
    """An error located at the ``occurrence``-th line mentioning ``needle`` (tomllib gives no line
    for well-formed TOML that breaks our format)."""
    lines = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if needle in line and not line.lstrip().startswith("#")
    ]
    line = lines[occurrence - 1] if len(lines) >= occurrence else (lines[0] if lines else None)
    return PipelineError(message, path=path, line=line)


# --- masking terms for machine translation -----------------------------------------------------

PLACEHOLDER = "ZQX{}"
"""A protected term's stand-in. SentencePiece splits it into ``▁Z Q X 1``, pieces every vocabulary
holds (no ``<unk>``), and models trained on news and subtitles copy such capital-and-digit codes the
way they copy product names and flight numbers (A380, COVID-19); it is no word in German, English or
French, so there is nothing to translate or inflect, and it holds no punctuation that target-language
typography would respace or replace (brackets, ``#``, ``_``, French spaces before ``:``)."""

PLACEHOLDER_FOUND = re.compile(r"Z\s*Q\s*X\s*[-_]?\s*(\d{1,3})", re.IGNORECASE)
"""A placeholder as it may come back: in another case, split by spaces, or with a hyphen."""


@dataclass(frozen=True, slots=True)
class Masked:
    text: str
    """The sentence with ``ZQX1``, ``ZQX2``… in place of the glossary terms it holds."""
    terms: tuple[Term, ...] = ()
    """``terms[i]`` is the term behind placeholder ``i + 1``."""


def mask(text: str, glossary: Glossary) -> Masked:
    """Replace the glossary terms in a German sentence with numbered placeholders.

    >>> mask("Verkor baut in Dunkerque.", Glossary((Term("Verkor", {}), Term("Dunkerque", {})))).text
    'ZQX1 baut in ZQX2.'
    """
    found = glossary.find(text)
    if not found or PLACEHOLDER_FOUND.search(text):  # a text that looks masked already is left alone
        return Masked(text)
    parts, last = [], 0
    for number, (_, start, end) in enumerate(found, start=1):
        parts += [text[last:start], PLACEHOLDER.format(number)]
        last = end
    parts.append(text[last:])
    return Masked("".join(parts), tuple(term for term, _, _ in found))


def restore(translation: str, masked: Masked, lang: str, glossary: Glossary) -> str:
    """Put each term's rendering for ``lang`` where the engine left its placeholder.

    A lost placeholder leaves the draft without the term (``pipeline check`` reports it); one the
    engine invented is left as it is, for the reviewer to see. A rendering in lower case that starts
    the translation is capitalised (``gigafactory``), unless the German form is lower case too
    (``iPhone``).

    >>> terms = Glossary((Term("Dunkerque", {"en": "Dunkirk"}),))
    >>> restore("near zqx 1.", mask("bei Dunkerque.", terms), "en", terms)
    'near Dunkirk.'
    """
    if not masked.terms:
        return translation

    def rendering(match: re.Match[str]) -> str:
        digits = match.group(1)
        # A term followed by a number (Markdown's <abbr>50Hertz) glues it to its placeholder:
        # ZQX150 is ZQX1 and 50 when there is no 150th term.
        cut = next((cut for cut in range(len(digits), 0, -1) if 1 <= int(digits[:cut]) <= len(masked.terms)), 0)
        if not cut:
            return match.group(0)
        term = masked.terms[int(digits[:cut]) - 1]
        text = glossary.rendering(term, lang)
        if match.start() == 0 and text[:1].islower() and term.source[:1].isupper():
            text = text[:1].upper() + text[1:]
        return text + digits[cut:]

    return PLACEHOLDER_FOUND.sub(rendering, translation)
