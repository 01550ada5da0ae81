"""Publishable editions: each article rebuilt in each language from its catalog, and a review sheet.

An edition is the source article's structure with every sentence looked up by its catalog identity
(:attr:`Unit.key`) and an explicit fallback, as Translate Toolkit's ``po2txt`` does: paragraphs,
blank lines and spacing come from the seed, sentences from ``locales/<lang>/LC_MESSAGES/<slug>.po``.
The source language is rebuilt the same way from the template's msgids, and its plain-text edition
is the seed byte for byte (the round-trip invariant through the real catalogs).

What goes in is a policy, like po4a's ``--keep`` threshold but explicit:

``draft`` (default)
    Reviewed translations, else the fuzzy translation (a machine draft, or a translation of a
    sentence that has changed since), else the German sentence. Unreviewed and German sentences are
    announced by a notice at the top of the edition and listed in the result.
``reviewed``
    Reviewed translations only. An article with fewer than ``min_reviewed`` percent of its sentences
    reviewed is not built, and the edition published before stays as it was (never deleted or
    overwritten); the result says which sentences are missing. Above a threshold lower than 100,
    the missing sentences stay in German, with a notice, and are listed.

Files: ``editions/<lang>/<slug>.{txt,md,html}`` and, on request, ``editions/review/<slug>.html``.
They are written atomically and only when their bytes change, and they contain nothing that changes
on its own: the date shown is the day the edition's text last changed (see
:mod:`pipeline.editions.dates`). Typography is applied here, per locale
(:mod:`pipeline.articles.typography`), never to the catalogs.

Each language is planned and typeset once (:func:`typeset_edition` gives a :class:`Page`), and the
three renderers lay that page out. A Markdown article's ``.md`` edition is its own file with each
sentence replaced, and its ``.html`` and ``.txt`` are rendered from that Markdown
(:mod:`pipeline.articles.markdown`).
"""

from __future__ import annotations

import dataclasses
import enum
import html
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from babel.dates import format_date
from babel.numbers import format_decimal

import pipeline.articles.markdown
from pipeline import dates
from pipeline.articles import front_matter, gfm
from pipeline.articles.model import MARKDOWN, Article, Unit, assemble, encode, units
from pipeline.articles.seeds import read_project_article
from pipeline.articles.typography import rules_for, typeset_units
from pipeline.editions import local_files
from pipeline.editions.dates import new_date, published_date
from pipeline.editions.review_order import review_first, translation_confidence
from pipeline.editions.source_markup import added_markup, carried_over, with_source_targets, without_added_html
from pipeline.editions.stale import remove, stale_editions
from pipeline.editions.stale_facts import still_stale
from pipeline.errors import PipelineError
from pipeline.files import FileResult, write_if_changed
from pipeline.glossary import Glossary
from pipeline.po import catalogs, views
from pipeline.po.catalogs import Translation, Translations
from pipeline.po.confidence import LOW_CONFIDENCE, format_confidence, is_low
from pipeline.po.template_match import TemplateMismatchError, check_against_template, check_language
from pipeline.po.views import EntryState
from pipeline.project import Project, locale_of
from pipeline.qa.source_changes import word_changes

FORMATS = ("txt", "md", "html")
REVIEW_FOLDER = "review"


class Policy(enum.Enum):
    DRAFT = "draft"
    REVIEWED = "reviewed"


class Use(enum.Enum):
    """Where the text an edition shows for one sentence comes from."""

    SOURCE = "source"
    REVIEWED = "reviewed"
    UNREVIEWED = "unreviewed"
    """A fuzzy msgstr: a machine draft, or the translation of a sentence that has changed since."""
    SOURCE_TEXT = "left in the source language"


@dataclass(frozen=True, slots=True)
class Choice:
    unit: Unit
    text: str
    use: Use
    state: EntryState | None
    """The catalog entry's state; ``None`` when the catalog has no entry for the sentence."""
    stale: bool = False
    """Left in the source language because the catalog's translation is of an older wording whose
    numbers, links or glossary terms differ from the current sentence's (:mod:`pipeline.editions.stale_facts`)."""
    unsafe: str | None = None
    """Left in the source language because the translation holds markup, a URL or raw HTML its source
    sentence has not (:func:`pipeline.editions.source_markup.added_markup`): what it adds."""
    normalised: bool = False
    """The translation held line breaks, control characters or surrounding spaces its source has
    not; they were replaced by spaces or taken off, so that it cannot add a paragraph, a heading, a
    list item or a code block."""


@dataclass(frozen=True, slots=True)
class Edition:
    article: Article
    lang: str
    source_lang: str
    langs: tuple[str, ...]
    """Every language the article is published in, the source first: the alternates to link to."""
    choices: tuple[Choice, ...]
    revised: date | None
    locale: str | None = None
    """The regional locale of its date (``en_GB``; see :mod:`pipeline.editions.dates`); None: ``lang``'s own."""

    @property
    def is_source(self) -> bool:
        return self.lang == self.source_lang

    def using(self, use: Use) -> tuple[Choice, ...]:
        return tuple(choice for choice in self.choices if choice.use is use)


@dataclass(frozen=True, slots=True)
class EditionResult:
    slug: str
    source: str
    """The seed's path, for ``path:line:`` messages."""
    lang: str
    total: int
    reviewed: int
    files: tuple[FileResult, ...] = ()
    unreviewed: int = 0
    """Sentences published as unreviewed (fuzzy) translation: a count, as a build reports it (a
    no-op build recalls it from the state store without one record per sentence)."""
    left_in_source: tuple[Choice, ...] = ()
    """Sentences published untranslated, in the source language."""
    normalised: tuple[Choice, ...] = ()
    """Sentences whose translation was put on one line (:attr:`Choice.normalised`)."""
    refused: str | None = None
    """Why the policy refused to build this edition; the previous files (``kept``) stay as they were."""
    missing: tuple[Choice, ...] = ()
    """With ``refused``: the sentences without a reviewed translation."""
    kept: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class BuildResult:
    editions: tuple[EditionResult, ...]
    review_sheets: tuple[FileResult, ...] = ()
    damaged: tuple[TemplateMismatchError, ...] = ()
    """Articles refused because a catalog does not belong to its template (a hand-edited msgid or
    msgctxt): publishing them would show German for the translator's sentence."""
    removed: tuple[Path, ...] = ()
    """Editions and review sheets of articles whose seed is gone, deleted (:mod:`pipeline.editions.stale`)."""
    local_files: tuple[str, ...] = ()
    """References of Markdown articles to files that could not be published (:mod:`pipeline.editions.local_files`)."""

    @property
    def refused(self) -> tuple[EditionResult, ...]:
        return tuple(result for result in self.editions if result.refused)


# --- choosing what each sentence shows -----------------------------------------------------------


def choose(unit: Unit, found: Translation | None, policy: Policy) -> Choice:
    """The text of one sentence under ``policy``, falling back explicitly to the source sentence."""
    state = found.state if found else None
    if found and (state is EntryState.REVIEWED or (found.text and policy is Policy.DRAFT)):
        text, normalised = on_source_lines(found.text, unit.text)
        use = Use.REVIEWED if state is EntryState.REVIEWED else Use.UNREVIEWED
        return Choice(unit, text, use, state, normalised=normalised)
    return Choice(unit, unit.text, Use.SOURCE_TEXT, state)


LINE_BREAKING = re.compile(r"\s*[\x00-\x1f\x7f\x85\u2028\u2029]+\s*")
"""Line breaks (``\\n``, ``\\r``, U+2028…) and other control characters, with the spaces around them."""


def on_source_lines(translation: str, source: str) -> tuple[str, bool]:
    """``translation`` laid out as its source: the line breaks and control characters the source has
    not replaced by a space, and spaces around it that the source has not taken off (an edition keeps
    the source's paragraphs; four leading spaces would make a Markdown code block); and whether
    anything was changed.

    >>> on_source_lines("Oui.\\n# Non", "Ja.")
    ('Oui. # Non', True)
    >>> on_source_lines("    Oui.", "Ja.")
    ('Oui.', True)
    """
    laid_out = translation
    if not LINE_BREAKING.search(source):
        laid_out = LINE_BREAKING.sub(" ", laid_out)
    if source == source.strip():
        laid_out = laid_out.strip()
    return laid_out, laid_out != translation


def plan_edition(
    article: Article,
    translations: Translations,
    *,
    lang: str,
    langs: Sequence[str],
    source_lang: str,
    policy: Policy,
    glossary: Glossary = Glossary(),
) -> Edition:
    """The edition of ``article`` in ``lang``; the source language reads the template's msgids."""
    if lang == source_lang:
        choices = tuple(
            Choice(unit, translations.entries[unit.key].text, Use.SOURCE, EntryState.REVIEWED)
            for unit in units(article)
        )
    else:
        markdown = article.syntax == MARKDOWN
        choices = tuple(
            _from_current_source(
                choose(unit, translations.entries.get(unit.key), policy),
                translations.entries.get(unit.key),
                source_lang,
                glossary,
                markdown,
            )
            for unit in units(article)
        )
    revised = translations.revision_date
    return Edition(
        article=article,
        lang=lang,
        source_lang=source_lang,
        langs=tuple(langs),
        choices=choices,
        revised=revised.date() if revised else None,
    )


def _from_current_source(
    choice: Choice, found: Translation | None, source_lang: str, glossary: Glossary, markdown: bool
) -> Choice:
    """``choice`` as the current source allows it (:mod:`pipeline.editions.source_markup`,
    :mod:`pipeline.editions.stale_facts`): URLs, image paths and code from the current sentence; the source
    sentence instead of a translation of an older wording (``#|``) whose numbers, links or glossary
    terms differ, or of one that adds markup, a URL or raw HTML. Under any policy, an edition must
    not state what the current article does not; the catalog keeps the translation for the translator."""
    if choice.use not in (Use.REVIEWED, Use.UNREVIEWED) or found is None:
        return choice
    source, text = choice.unit.text, choice.text
    if found.previous_source is not None:
        carried = carried_over(found.previous_source, source, text, markdown=markdown)
        old_source = carried_over(found.previous_source, source, found.previous_source, markdown=markdown)
        if carried is None or old_source is None or still_stale(old_source, source, carried, source_lang, glossary):
            return Choice(choice.unit, source, Use.SOURCE_TEXT, choice.state, stale=True)
        text = carried
    text = with_source_targets(source, text, markdown=markdown)
    text = without_added_html(source, text) if markdown else text
    if added := added_markup(source, text, markdown=markdown):
        return Choice(choice.unit, source, Use.SOURCE_TEXT, choice.state, unsafe=added)
    return dataclasses.replace(choice, text=text) if text != choice.text else choice


def refusal(edition: Edition, *, policy: Policy, min_reviewed: float) -> str | None:
    """Why ``policy`` does not let ``edition`` be published, or ``None``."""
    if policy is not Policy.REVIEWED or edition.is_source:
        return None
    total = len(edition.choices)
    reviewed = len(edition.using(Use.REVIEWED))
    if reviewed * 100 >= min_reviewed * total:
        return None
    share = 100 * reviewed / total if total else 100.0
    return f"{reviewed} of {total} sentences reviewed ({share:.0f} %), below --min-reviewed {min_reviewed:g}"


# --- locale data ---------------------------------------------------------------------------------

LABELS: dict[str, dict[str, str | dict[str, str]]] = {
    "en": {
        "updated": "Updated {date}",
        "notice": "Notice:",
        "unreviewed": "this edition contains unreviewed machine translation "
        "({count} of {total} sentences not yet checked by an editor).",
        "untranslated": {
            "one": "{count} of {total} sentences is not translated yet and appears in {language}.",
            "other": "{count} of {total} sentences are not translated yet and appear in {language}.",
        },
        "awaiting review": {
            "one": "{count} of {total} sentences is a translator's translation awaiting review "
            "(not yet checked by an editor).",
            "other": "{count} of {total} sentences are a translator's translations awaiting review "
            "(not yet checked by an editor).",
        },
        "stale": {
            "one": "{count} of {total} sentences has changed since it was translated and appears in {language} "
            "until its translation is updated.",
            "other": "{count} of {total} sentences have changed since they were translated and appear in "
            "{language} until their translations are updated.",
        },
        "unsafe": {
            "one": "{count} of {total} sentences appears in {language}: its translation held markup or a link "
            "the original has not.",
            "other": "{count} of {total} sentences appear in {language}: their translations held markup or "
            "links the original has not.",
        },
        "languages": "Other languages",
    },
    "fr": {
        "updated": "Mis à jour le {date}",
        "notice": "Avertissement :",
        "unreviewed": {
            "one": "cette édition contient une traduction automatique non relue "
            "({count} phrase sur {total} pas encore vérifiée par la rédaction).",
            "other": "cette édition contient une traduction automatique non relue "
            "({count} phrases sur {total} pas encore vérifiées par la rédaction).",
        },
        "untranslated": {
            "one": "{count} phrase sur {total} n'est pas encore traduite et reste en {language}.",
            "other": "{count} phrases sur {total} ne sont pas encore traduites et restent en {language}.",
        },
        "awaiting review": {
            "one": "{count} phrase sur {total} est une traduction humaine en attente de relecture "
            "(pas encore vérifiée par la rédaction).",
            "other": "{count} phrases sur {total} sont des traductions humaines en attente de relecture "
            "(pas encore vérifiées par la rédaction).",
        },
        "stale": {
            "one": "{count} phrase sur {total} a changé depuis sa traduction et reste en {language} "
            "jusqu'à la mise à jour de celle-ci.",
            "other": "{count} phrases sur {total} ont changé depuis leur traduction et restent en {language} "
            "jusqu'à la mise à jour de celle-ci.",
        },
        "unsafe": {
            "one": "{count} phrase sur {total} reste en {language} : sa traduction contenait un balisage ou un "
            "lien absent de l'original.",
            "other": "{count} phrases sur {total} restent en {language} : leurs traductions contenaient un "
            "balisage ou des liens absents de l'original.",
        },
        "languages": "Autres langues",
    },
    "de": {
        "updated": "Aktualisiert am {date}",
        "notice": "Hinweis:",
        "unreviewed": "Diese Ausgabe enthält ungeprüfte maschinelle Übersetzung "
        "({count} von {total} Sätzen noch nicht redigiert).",
        "untranslated": {
            "one": "{count} von {total} Sätzen ist noch nicht übersetzt und steht auf {language}.",
            "other": "{count} von {total} Sätzen sind noch nicht übersetzt und stehen auf {language}.",
        },
        "awaiting review": "{count} von {total} Sätzen sind menschliche Übersetzungen, die noch "
        "redigiert werden müssen.",
        "stale": "{count} von {total} Sätzen haben sich seit ihrer Übersetzung geändert und stehen auf "
        "{language}, bis die Übersetzung aktualisiert ist.",
        "unsafe": "{count} von {total} Sätzen stehen auf {language}: ihre Übersetzung enthielt Auszeichnungen "
        "oder Links, die das Original nicht hat.",
        "languages": "Andere Sprachen",
    },
}
"""The few words an edition adds around the article, per language (English where one is missing).
A text that depends on a count is keyed by CLDR plural category (babel's ``Locale.plural_form``)."""


def label(lang: str, key: str, *, count: int | None = None, **values: str | int) -> str:
    """A label in ``lang``, with the locale's plural form, number format and typography."""
    table = LABELS.get(lang) or LABELS.get(re.split(r"[_-]", lang)[0]) or LABELS["en"]
    text = table[key]
    locale = locale_of(lang)
    if isinstance(text, dict):
        text = text.get(locale.plural_form(count or 0), text["other"])
    numbers = {name: format_decimal(value, locale=locale) for name, value in values.items() if isinstance(value, int)}
    if count is not None:
        numbers["count"] = format_decimal(count, locale=locale)
    return typeset_units([text.format(**{**values, **numbers})], rules_for(lang))[0]


def language_name(lang: str, *, in_lang: str) -> str:
    """``de`` as ``allemand`` in French; babel's CLDR data."""
    return locale_of(lang).get_display_name(locale_of(in_lang)) or lang


def own_language_name(lang: str) -> str:
    """A language's name as its speakers write it, capitalised for a link: ``Français``."""
    name = language_name(lang, in_lang=lang)
    return name[:1].upper() + name[1:]


def bcp47(lang: str) -> str:
    """``pt_BR`` as HTML's ``lang`` and ``hreflang`` want it: ``pt-BR``."""
    return lang.replace("_", "-")


def date_line(edition: Edition) -> str | None:
    if edition.revised is None:
        return None
    shown = format_date(edition.revised, format="long", locale=locale_of(edition.locale or edition.lang))
    return label(edition.lang, "updated", date=shown)


def notices(edition: Edition) -> list[str]:
    """The warnings a reader must see before the text: unreviewed and untranslated sentences."""
    total = len(edition.choices)
    found = []
    unreviewed = edition.using(Use.UNREVIEWED)
    language = language_name(edition.source_lang, in_lang=edition.lang)
    if machine := sum(1 for choice in unreviewed if choice.state is EntryState.MACHINE_DRAFT):
        found.append(label(edition.lang, "unreviewed", count=machine, total=total))
    if human := len(unreviewed) - machine:
        found.append(label(edition.lang, "awaiting review", count=human, total=total))
    left = edition.using(Use.SOURCE_TEXT)
    stale, unsafe = sum(1 for choice in left if choice.stale), sum(1 for choice in left if choice.unsafe)
    if untranslated := len(left) - stale - unsafe:
        found.append(label(edition.lang, "untranslated", count=untranslated, total=total, language=language))
    if stale:
        found.append(label(edition.lang, "stale", count=stale, total=total, language=language))
    if unsafe:
        found.append(label(edition.lang, "unsafe", count=unsafe, total=total, language=language))
    return [label(edition.lang, "notice") + " " + text for text in found]


# --- the text of an edition ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    """The sentence as shown: typography applied, unless it is left in the source language."""
    choice: Choice


@dataclass(frozen=True, slots=True)
class Page:
    """An edition typeset once: what every format is rendered from.

    Planning the sentences, setting their typography, the date and the notices happen here, once per
    language; the renderers only lay these pieces out, so the three formats cannot disagree.
    """

    edition: Edition
    paragraphs: tuple[tuple[Piece, ...], ...]
    """The sentences of each paragraph of the article, in the article's order."""
    date_line: str | None
    notices: tuple[str, ...]

    @property
    def pieces(self) -> Iterator[Piece]:
        return (piece for paragraph in self.paragraphs for piece in paragraph)

    @property
    def body(self) -> tuple[tuple[Piece, ...], ...]:
        """The paragraphs less a Markdown article's front matter values (:mod:`pipeline.articles.front_matter`)."""
        return tuple(
            paragraph
            for paragraph in self.paragraphs
            if not (paragraph and front_matter.is_key_context(paragraph[0].choice.unit.context))
        )

    @property
    def headline(self) -> str | None:
        """The first paragraph, when it is a single sentence followed by more text."""
        body = self.body
        if len(body) > 1 and len(body[0]) == 1:
            return body[0][0].text
        return None

    def title(self, *, width: int = 90) -> str:
        """The headline, or the first sentence shortened at a word boundary."""
        body = self.body
        first = body[0][0].text if body and body[0] else self.edition.article.slug
        text = self.headline or first
        if len(text) <= width:
            return text
        return text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:–—- ") + "…"


def typeset_edition(edition: Edition) -> Page:
    """The edition's sentences set with the locale's typography a paragraph at a time (so that a
    quotation spanning several sentences gets matching marks), with its date line and notices."""
    rules = None if edition.is_source else rules_for(edition.lang)
    choices = iter(edition.choices)
    typeset_paragraph = typesetter(edition.article)
    result = []
    for paragraph in edition.article.paragraphs:
        chosen = [next(choices) for _ in paragraph.sentences]
        between = [sentence.trailing for sentence in paragraph.sentences[:-1]]
        texts = typeset_paragraph([choice.text for choice in chosen], rules, between=between)
        result.append(
            tuple(
                Piece(choice.text if choice.use is Use.SOURCE_TEXT else text, choice)
                for text, choice in zip(texts, chosen, strict=True)
            )
        )
    return Page(
        edition=edition, paragraphs=tuple(result), date_line=date_line(edition), notices=tuple(notices(edition))
    )


def typesetter(article: Article) -> Callable[..., list[str]]:
    """:func:`typeset_units`, or its Markdown-aware form that leaves code spans and URLs alone."""
    if article.syntax == MARKDOWN:
        return pipeline.articles.markdown.typeset_units
    return typeset_units


def edition_path(folder: Path, lang: str, slug: str, suffix: str) -> Path:
    return folder / lang / f"{slug}.{suffix}"


# --- renderers: each yields the text of one format -----------------------------------------------


def render_txt(page: Page) -> Iterator[str]:
    """The article as plain text. The source edition of a text article is the seed itself; a
    translation starts with its date and notices."""
    edition = page.edition
    if not edition.is_source:
        header = [line for line in [page.date_line, *page.notices] if line]
        if header:
            yield "\n".join(header) + "\n\n"
    if edition.article.syntax == MARKDOWN:
        yield pipeline.articles.markdown.plain_text(_markdown_body(page))
        return
    pieces = page.pieces
    yield assemble(edition.article, lambda unit: next(pieces).text)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#]|&(?=#?\w+;))")
MARKDOWN_BLOCK_START = re.compile(r"^(?:([+=-])|(\d{1,9})([.)]))")


def escape_markdown(text: str) -> str:
    r"""``text`` as literal Markdown (CommonMark) text, even at the start of a paragraph.

    >>> escape_markdown("1. *Achtung* <b>[x]</b>")
    '1\\. \\*Achtung\\* \\<b\\>\\[x\\]\\</b\\>'
    """
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return MARKDOWN_BLOCK_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], text)


def render_md(page: Page) -> Iterator[str]:
    edition = page.edition
    if edition.article.syntax == MARKDOWN:
        yield from _render_markdown_article(page)
        return
    paragraphs = page.paragraphs
    if heading := page.headline:
        yield f"# {escape_markdown(heading)}\n\n"
        paragraphs = paragraphs[1:]
    yield from _markdown_header(page)
    for paragraph in paragraphs:
        yield " ".join(escape_markdown(piece.text) for piece in paragraph) + "\n\n"
    yield from _markdown_footer(edition)


def _markdown_header(page: Page) -> Iterator[str]:
    if page.date_line:
        yield f"*{escape_markdown(page.date_line)}*\n\n"
    for notice in page.notices:
        yield f"> {escape_markdown(notice)}\n\n"


def _markdown_footer(edition: Edition) -> Iterator[str]:
    links = [
        f"[{escape_markdown(own_language_name(lang))}]({edition_href(lang, edition.article.slug, suffix='.md')})"
        for lang in edition.langs
        if lang != edition.lang
    ]
    if links:
        name = typeset_units([label(edition.lang, "languages") + ":"], rules_for(edition.lang))[0]
        yield f"---\n\n{escape_markdown(name)} " + " · ".join(links) + "\n"


def _markdown_body(page: Page, *, mark_untranslated: bool = False) -> str:
    """A Markdown article with each sentence replaced by the edition's (newlines are ``"\\n"``);
    with ``mark_untranslated``, the sentences left in the source language between
    :data:`markdown.UNTRANSLATED` marks."""
    pieces = page.pieces
    opening, closing = pipeline.articles.markdown.UNTRANSLATED

    def shown(unit: Unit) -> str:
        piece = next(pieces)
        if mark_untranslated and piece.choice.use is Use.SOURCE_TEXT and not page.edition.is_source:
            return opening + pipeline.articles.markdown.as_block_text(piece.text, unit) + closing
        return pipeline.articles.markdown.as_block_text(piece.text, unit)

    return assemble(page.edition.article, shown)


def _render_markdown_article(page: Page) -> Iterator[str]:
    """The source edition is the seed byte for byte; a translation keeps the source's blocks and
    markup, with the date and notices after the front matter and the language links at the end."""
    body = _markdown_body(page)
    if page.edition.is_source:
        yield body
        return
    front, rest = pipeline.articles.markdown.split_front_matter(body)
    if front:
        yield front + "\n"
    yield from _markdown_header(page)
    yield rest.strip("\n") + "\n\n"
    yield from _markdown_footer(page.edition)


STYLESHEET = """
body { font: 18px/1.6 Georgia, "DejaVu Serif", serif; color: #1d1d1f; background: #fdfcf9; margin: 0; }
main { max-width: 40em; margin: 0 auto; padding: 1.5em 1.25em 3em; overflow-wrap: break-word; }
nav { font: 15px/1.4 system-ui, sans-serif; border-bottom: 1px solid #ddd; padding-bottom: .6em; color: #555; }
nav a { margin-left: .6em; color: #1a4f8b; }
h1 { font-size: 1.9em; line-height: 1.2; margin: .8em 0 .2em; }
.date { font: 15px/1.4 system-ui, sans-serif; color: #555; }
.notice { font: 15px/1.5 system-ui, sans-serif; background: #fff4d6; border-left: 5px solid #c98a00;
          padding: .6em .9em; }
.untranslated { background: #fde8e8; }
img { max-width: 100%; height: auto; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid #ccc; color: #333; }
"""


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def render_html(page: Page) -> Iterator[str]:
    """A complete HTML5 document; every text from a catalog is escaped."""
    edition = page.edition
    slug, lang = edition.article.slug, edition.lang
    markdown = edition.article.syntax == MARKDOWN
    title = pipeline.articles.markdown.plain_inline(page.title()) if markdown else page.title()
    yield f'<!DOCTYPE html>\n<html lang="{escape(bcp47(lang))}">\n<head>\n<meta charset="utf-8">\n'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    yield f"<title>{escape(title)}</title>\n"
    for other in (*edition.langs, "x-default"):
        target = edition.source_lang if other == "x-default" else other
        yield (
            f'<link rel="alternate" hreflang="{escape(bcp47(other))}" href="{escape(edition_href(target, slug))}">\n'
        )
    yield f"<style>{STYLESHEET}{gfm.STYLESHEET if markdown else ''}</style>\n</head>\n<body>\n<main>\n"
    yield from _html_nav(edition)
    yield "<article>\n"
    paragraphs = page.paragraphs
    heading = None if markdown else page.headline
    if heading:
        yield f"<h1>{escape(heading)}</h1>\n"
        paragraphs = paragraphs[1:]
    if edition.revised and page.date_line:
        yield f'<p class="date"><time datetime="{edition.revised.isoformat()}">{escape(page.date_line)}</time></p>\n'
    for notice in page.notices:
        yield f'<p class="notice" role="note">{escape(notice)}</p>\n'
    if markdown:
        body = pipeline.articles.markdown.split_front_matter(_markdown_body(page, mark_untranslated=True))[1]
        author_html = pipeline.articles.markdown.inline_html(unit.text for unit in units(edition.article))
        yield pipeline.articles.markdown.to_html(
            body, untranslated_lang=bcp47(edition.source_lang), author_html=author_html
        )
    else:
        for paragraph in paragraphs:
            yield "<p>" + " ".join(_html_sentence(piece, edition) for piece in paragraph) + "</p>\n"
    yield "</article>\n</main>\n</body>\n</html>\n"


def edition_href(lang: str, slug: str, *, suffix: str = ".html") -> str:
    """The relative link from one edition to another, percent-encoded so that any slug works
    (``#`` would start a fragment, ``%`` an escape, ``)`` end a Markdown link, umlauts would depend
    on the browser).

    >>> edition_href("fr", "wahl#2&münchen"), edition_href("en", "a(b)", suffix=".md")
    ('../fr/wahl%232%26m%C3%BCnchen.html', '../en/a%28b%29.md')
    """
    return f"../{quote(lang)}/{quote(slug, safe='')}{suffix}"


def _html_nav(edition: Edition) -> Iterator[str]:
    others = [lang for lang in edition.langs if lang != edition.lang]
    if not others:
        return
    name = label(edition.lang, "languages")
    yield f'<nav aria-label="{escape(name)}">{escape(typeset_units([name + ":"], rules_for(edition.lang))[0])} '
    for lang in others:
        yield (
            f'<a href="{escape(edition_href(lang, edition.article.slug))}" '
            f'hreflang="{escape(bcp47(lang))}" lang="{escape(bcp47(lang))}">'
            f"{escape(own_language_name(lang))}</a>"
        )
    yield "</nav>\n"


def _html_sentence(piece: Piece, edition: Edition) -> str:
    if piece.choice.use is Use.SOURCE_TEXT and not edition.is_source:
        return f'<span class="untranslated" lang="{escape(bcp47(edition.source_lang))}">{escape(piece.text)}</span>'
    return escape(piece.text)


RENDERERS: dict[str, Callable[[Page], Iterator[str]]] = {"txt": render_txt, "md": render_md, "html": render_html}


# --- writing -------------------------------------------------------------------------------------


def write_edition(edition: Edition, folder: Path, *, today: date) -> tuple[FileResult, ...]:
    """Write the edition in every format, dated the day its text last changed: the published date
    while the text is what is published, else a new one (:mod:`pipeline.editions.dates`)."""
    published = published_date(edition_path(folder, edition.lang, edition.article.slug, "html"))
    if published is not None:
        files = render_edition(dataclasses.replace(edition, revised=published), folder)
        if all(path.is_file() and path.read_bytes() == data for path, data in files.items()):
            return tuple(FileResult(path, written=False) for path in files)
    revised = new_date(edition.revised if published is None else None, today)
    files = render_edition(dataclasses.replace(edition, revised=revised), folder)
    return tuple(write_if_changed(path, data) for path, data in files.items())


def render_edition(edition: Edition, folder: Path) -> dict[Path, bytes]:
    """Typeset the edition once and render it in every format. The seed's own format (``.txt`` or
    ``.md``) keeps its newlines and BOM, so that the source edition is the seed byte for byte."""
    page = typeset_edition(edition)
    own_format = "md" if edition.article.syntax == MARKDOWN else "txt"
    files = {}
    for suffix, render in RENDERERS.items():
        text = "".join(render(page))
        data = encode(edition.article, text) if suffix == own_format else text.encode("utf-8")
        files[edition_path(folder, edition.lang, edition.article.slug, suffix)] = data
    return files


# --- the review sheet ----------------------------------------------------------------------------

REVIEW_STATES: dict[EntryState | None, tuple[str, str]] = {
    EntryState.REVIEWED: ("reviewed", "reviewed"),
    EntryState.MACHINE_DRAFT: ("machine draft", "draft"),
    EntryState.EDITED_DRAFT: ("edited draft", "changed"),
    EntryState.SOURCE_CHANGED: ("source changed", "changed"),
    EntryState.UNTRANSLATED: ("missing", "missing"),
    None: ("missing", "missing"),
}
"""State of a catalog entry → (label shown, CSS class). ``None``: the catalog lacks the sentence."""

REVIEW_STYLESHEET = """
body { font: 15px/1.45 system-ui, "DejaVu Sans", sans-serif; color: #1d1d1f; margin: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .4em .6em; vertical-align: top; text-align: left;
         overflow-wrap: break-word; }
.sentences { table-layout: fixed; }
.sentences th:first-child { width: 6.5em; }
thead th { background: #eee; position: sticky; top: 0; }
.summary { width: auto; margin-bottom: 1.5em; }
.summary td.count { text-align: right; font-variant-numeric: tabular-nums; }
.sentences td.number { color: #666; white-space: nowrap; }
.state { display: inline-block; font-size: .8em; font-weight: 600; padding: .05em .5em;
         border-radius: .8em; border: 1px solid; white-space: nowrap; }
.state.reviewed { background: #dcf5e3; color: #135c2b; }
.state.draft { background: #fff1c9; color: #6b4b00; }
.state.changed { background: #e7e0ff; color: #45208f; }
.state.missing { background: #ffdede; color: #8c1414; }
td.draft { background: #fffaeb; } td.changed { background: #f6f3ff; } td.missing { background: #fff3f3; }
.previous { font-size: .85em; color: #444; margin-top: .3em; }
del { background: #ffc9c9; color: #8c1414; } ins { background: #bff0cc; color: #135c2b; font-weight: 600; }
.confidence { font-size: .8em; color: #666; margin-left: .4em; white-space: nowrap; }
.confidence.low { color: #8c1414; font-weight: 600; }
"""


def render_review(
    article: Article, translations: dict[str, Translations], *, source_lang: str, low_confidence: float = LOW_CONFIDENCE
) -> Iterator[str]:
    """One HTML table row per sentence: the source and, per language, the translation and its state
    (and the engine's confidence in a machine draft); machine drafts below ``low_confidence`` are
    flagged, and listed above the table, lowest first, to be reviewed first."""
    langs = list(translations)
    sentences = list(units(article))
    yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    yield f"<title>Review: {escape(article.slug)}</title>\n<style>{REVIEW_STYLESHEET}</style>\n</head>\n<body>\n"
    yield f"<h1>Review sheet: {escape(article.slug)}</h1>\n"
    yield f"<p>Source: {escape(article.source)}, {len(sentences)} sentences.</p>\n"
    yield from _review_summary(sentences, translations)
    yield from _review_first(sentences, translations, low_confidence)
    yield '<table class="sentences">\n<thead><tr><th>#</th>'
    yield f'<th lang="{escape(bcp47(source_lang))}">{escape(own_language_name(source_lang))} (source)</th>'
    yield "".join(f"<th>{escape(own_language_name(lang))}</th>" for lang in langs) + "</tr></thead>\n<tbody>\n"
    for number, unit in enumerate(sentences, start=1):
        yield (
            f'<tr id="s{number}"><td class="number">{number}<br>¶{unit.paragraph}, line {unit.line}</td>'
            f'<td lang="{escape(bcp47(source_lang))}">{escape(unit.text)}</td>'
        )
        yield "".join(
            _review_cell(unit, translations[lang].entries.get(unit.key), lang, low_confidence) for lang in langs
        )
        yield "</tr>\n"
    yield "</tbody>\n</table>\n</body>\n</html>\n"


def _review_summary(sentences: list[Unit], translations: dict[str, Translations]) -> Iterator[str]:
    states = list(dict.fromkeys(REVIEW_STATES.values()))
    yield '<table class="summary">\n<thead><tr><th>Language</th>'
    yield "".join(f'<th><span class="state {css}">{name}</span></th>' for name, css in states)
    yield "<th>reviewed %</th></tr></thead>\n<tbody>\n"
    for lang, found in translations.items():
        counts = Counter(REVIEW_STATES[_state(found.entries.get(unit.key))] for unit in sentences)
        share = 100 * counts[REVIEW_STATES[EntryState.REVIEWED]] / len(sentences) if sentences else 100
        yield (
            f"<tr><th>{escape(own_language_name(lang))}</th>"
            + "".join(f'<td class="count">{counts[state]}</td>' for state in states)
            + f'<td class="count">{share:.0f} %</td></tr>\n'
        )
    yield "</tbody>\n</table>\n"


def _review_first(sentences: list[Unit], translations: dict[str, Translations], threshold: float) -> Iterator[str]:
    """Per language, links to the machine drafts below ``threshold``, lowest confidence first."""
    flagged = {
        lang: review_first((unit.key for unit in sentences), found.entries, threshold=threshold)
        for lang, found in translations.items()
    }
    if not any(flagged.values()):
        return
    yield f"<h2>Review these first: machine drafts below confidence {threshold:g}</h2>\n<ul>\n"
    for lang, drafts in flagged.items():
        if drafts:
            links = ", ".join(
                f'<a href="#s{number}">{number}</a> ({format_confidence(value)})' for number, value in drafts
            )
            yield f"<li>{escape(own_language_name(lang))}: sentences {links}</li>\n"
    yield "</ul>\n"


def _state(found: Translation | None) -> EntryState | None:
    return found.state if found else None


def _review_cell(unit: Unit, found: Translation | None, lang: str, threshold: float = LOW_CONFIDENCE) -> str:
    name, css = REVIEW_STATES[_state(found)]
    text = f'<span lang="{escape(bcp47(lang))}">{escape(found.text)}</span> ' if found and found.text else ""
    note = _confidence_note(translation_confidence(found), threshold)
    previous = ""
    if found and found.previous_source is not None:
        previous = (
            f'<div class="previous">Source edited since this translation '
            f"(<del>removed</del>, <ins>added</ins>): {diff_html(found.previous_source, unit.text)}</div>"
        )
    return f'<td class="{css}">{text}<span class="state {css}">{name}</span>{note}{previous}</td>'


def _confidence_note(confidence: float | None, threshold: float) -> str:
    """The engine's confidence in a machine draft, flagged below ``threshold``; nothing without one."""
    if confidence is None:
        return ""
    if is_low(confidence, threshold):
        return f'<span class="confidence low">confidence {format_confidence(confidence)}, review first</span>'
    return f'<span class="confidence">confidence {format_confidence(confidence)}</span>'


REVIEW_WORDS = re.compile(r"\s+|\w+|[^\w\s]")
"""Words, punctuation and spaces: the review sheet marks a changed comma or figure group alone."""


def diff_html(old: str, new: str) -> str:
    """A word-level diff of two sentences as escaped HTML with ``<del>`` and ``<ins>``.

    >>> diff_html("eine Fabrik", "eine große Fabrik")
    'eine <ins>große </ins>Fabrik'
    """
    return "".join(
        escape(kept)
        + (f"<del>{escape(removed)}</del>" if removed else "")
        + (f"<ins>{escape(added)}</ins>" if added else "")
        for kept, removed, added in word_changes(old, new, REVIEW_WORDS)
    )


# --- the whole build -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What ``build``'s options say, the same for every article (and, for
    :mod:`pipeline.stages.incremental`, what a remembered build depends on besides the files)."""

    langs: tuple[str, ...] = ()
    """The languages to build; empty: the source and the project's languages."""
    policy: Policy = Policy.DRAFT
    min_reviewed: float = 100.0
    review: bool = False
    locales: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Language → the regional locale of its editions' dates (``{"en": "en_GB"}``)."""
    today: date | None = None
    """The day a changed edition is dated (default: :func:`pipeline.dates.build_moment`)."""
    glossary: Glossary = Glossary()
    low_confidence: float = LOW_CONFIDENCE


def build(
    project: Project,
    *,
    langs: Sequence[str] | None = None,
    policy: Policy = Policy.DRAFT,
    min_reviewed: float = 100.0,
    review: bool = False,
    locales: Mapping[str, str] | None = None,
    today: date | None = None,
    glossary: Glossary = Glossary(),
    low_confidence: float = LOW_CONFIDENCE,
) -> BuildResult:
    """Build the editions of every article in ``langs`` (default: the source and the project's
    languages) and, with ``review``, the review sheets. Never prints; the result says what happened."""
    options = BuildOptions(
        langs=tuple(langs or ()),
        policy=policy,
        min_reviewed=min_reviewed,
        review=review,
        locales=dict(locales or {}),
        today=today,
        glossary=glossary,
        low_confidence=low_confidence,
    )
    return finish_build(project, [build_article(project, path, options) for path in project.article_paths()])


def published_langs(project: Project) -> tuple[str, ...]:
    """The languages editions are published in, the source first."""
    return (project.source_lang, *[lang for lang in project.langs if lang != project.source_lang])


def build_article(project: Project, path: Path, options: BuildOptions) -> BuildResult:
    """:func:`build` for the one article at ``path`` (:mod:`pipeline.stages.incremental` skips unchanged ones)."""
    published = published_langs(project)
    wanted = options.langs or published
    article = read_project_article(project, path)
    target = review_path(project, article.slug)
    sheet_wanted = options.review or target.is_file()  # a sheet written before is kept current, never stale
    try:
        translations = _read_all(project, article, {*wanted, *(project.langs if sheet_wanted else ())})
    except TemplateMismatchError as error:
        return BuildResult(editions=(), damaged=(error,))
    today = options.today or dates.build_moment().date()
    editions = []
    for lang in wanted:
        edition = plan_edition(
            article,
            translations[lang],
            lang=lang,
            langs=published,
            source_lang=project.source_lang,
            policy=options.policy,
            glossary=options.glossary,
        )
        edition = dataclasses.replace(edition, locale=options.locales.get(lang))
        editions.append(
            _publish(edition, project.editions, policy=options.policy, min_reviewed=options.min_reviewed, today=today)
        )
    files: tuple[str, ...] = ()
    if article.syntax == MARKDOWN:
        written = [project.editions / result.lang for result in editions if not result.refused]
        files = local_files.publish(
            path, path.read_bytes().decode("utf-8-sig"), written, source=article.source
        ).problems
    sheets = []
    if sheet_wanted:
        sheet = {lang: translations[lang] for lang in project.langs if lang != project.source_lang}
        text = "".join(
            render_review(article, sheet, source_lang=project.source_lang, low_confidence=options.low_confidence)
        )
        sheets.append(write_if_changed(target, text.encode("utf-8")))
    return BuildResult(editions=tuple(editions), review_sheets=tuple(sheets), local_files=tuple(files))


def review_path(project: Project, slug: str) -> Path:
    return project.editions / REVIEW_FOLDER / f"{slug}.html"


def finish_build(project: Project, results: Sequence[BuildResult]) -> BuildResult:
    """The articles' results as one, after deleting the editions and review sheets of articles whose
    seed is gone (:mod:`pipeline.editions.stale`)."""
    slugs = {path.stem for path in project.article_paths()}
    gone = remove(stale_editions(project.editions, published_langs(project), REVIEW_FOLDER, FORMATS, slugs))
    return BuildResult(
        editions=tuple(edition for result in results for edition in result.editions),
        review_sheets=tuple(sheet for result in results for sheet in result.review_sheets),
        damaged=tuple(error for result in results for error in result.damaged),
        removed=gone,
        local_files=tuple(problem for result in results for problem in result.local_files),
    )


def _read_all(project: Project, article: Article, langs: set[str]) -> dict[str, Translations]:
    """The template (checked against the article) and the catalog of every language in ``langs``
    (each checked against the template)."""
    template_path = project.template_path(article.slug)
    template = _read(template_path)
    found = {project.source_lang: catalogs.translations_of(template, template_path, template=True)}
    _check_current(article, found[project.source_lang])
    for lang in langs - {project.source_lang}:
        path = project.catalog_path(lang, article.slug)
        catalog = _read(path)
        check_against_template(catalog, template, path)
        check_language(catalog, lang, path)
        found[lang] = catalogs.translations_of(catalog, path)
    return found


def _read(path: Path) -> views.Catalog:
    if not path.is_file():
        raise PipelineError("no such catalog; run `pipeline extract` (make extract) first", path=path)
    return catalogs.read_view(path)


def _check_current(article: Article, template: Translations) -> None:
    """Editions built from a stale template would mix old and new sentences: refuse them."""
    keys = [unit.key for unit in units(article)]
    absent = sum(1 for key in keys if key not in template.entries)
    extra = len(set(template.entries) - set(keys))
    if absent or extra:
        raise PipelineError(
            f"out of date with {article.source} ({absent} sentences not in it, {extra} no "
            "longer in the article); run `pipeline extract` (make extract) first",
            path=template.path,
        )


def _publish(edition: Edition, folder: Path, *, policy: Policy, min_reviewed: float, today: date) -> EditionResult:
    slug, lang = edition.article.slug, edition.lang
    counts = EditionResult(
        slug=slug,
        source=edition.article.source,
        lang=lang,
        total=len(edition.choices),
        reviewed=len(edition.choices) if edition.is_source else len(edition.using(Use.REVIEWED)),
    )
    reason = refusal(edition, policy=policy, min_reviewed=min_reviewed)
    if reason:
        previous = tuple(path for suffix in FORMATS if (path := edition_path(folder, lang, slug, suffix)).exists())
        return dataclasses.replace(counts, refused=reason, missing=edition.using(Use.SOURCE_TEXT), kept=previous)
    return dataclasses.replace(
        counts,
        files=write_edition(edition, folder, today=today),
        unreviewed=len(edition.using(Use.UNREVIEWED)),
        left_in_source=edition.using(Use.SOURCE_TEXT),
        normalised=tuple(choice for choice in edition.choices if choice.normalised),
    )
