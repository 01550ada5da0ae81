"""The "Updated" date of an edition: the day its text last changed, in its regional conventions.

A catalog's ``PO-Revision-Date`` moves whenever a tool rewrites the catalog (``msgmerge``, a PO
editor saving, ``extract`` adding a sentence of another article's…), often with nothing a reader
would see. So the date an edition shows is decided against the edition already published:

- while the edition's text, rendered with the published date, is byte for byte what is published,
  nothing changed for a reader: the published date stays (and no file is rewritten);
- otherwise the text changed now: the run's moment (:func:`pipeline.dates.build_moment`, which is
  ``SOURCE_DATE_EPOCH`` when set); for a first edition, the catalog's revision date if that is
  earlier (the text was last changed then at the latest).

The published date is read back from the ``<time datetime="…">`` of the HTML edition, the only
format that states it unambiguously.

Which regional conventions an edition follows (``en`` written as in Britain: ``29 November 2026``)
is a project setting, ``edition-locale = ["en=en_GB"]``, checked by :func:`parse_edition_locale`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.project import locale_of, normalise_language, same_language

PUBLISHED_DATE = re.compile(rb'<p class="date"><time datetime="(\d{4}-\d{2}-\d{2})">')

MAX_EDITION_BYTES = 64 * 2**20
"""An HTML edition larger than this is not read back for its date (a new date is set instead)."""


def published_date(html: Path) -> date | None:
    """The date shown by the HTML edition at ``html``, or None (no edition, no date, unreadable)."""
    try:
        if not html.is_file() or html.stat().st_size > MAX_EDITION_BYTES:
            return None
        found = PUBLISHED_DATE.search(html.read_bytes())
        return date.fromisoformat(found.group(1).decode("ascii")) if found else None
    except (OSError, ValueError):
        return None


def new_date(revised: date | None, today: date) -> date:
    """The date of an edition whose text changed in this run: ``today``, or, for a first edition
    (``revised`` given), the catalog's revision date when that is earlier."""
    return min(revised, today) if revised is not None else today


def parse_edition_locale(value: str) -> tuple[str, str]:
    """``en=en_GB`` as ``("en", "en_GB")``: an edition language and a locale of that language.

    >>> parse_edition_locale("en=en-gb")
    ('en', 'en_GB')
    """
    lang, equals, locale = value.partition("=")
    if not equals or not lang.strip() or not locale.strip():
        raise PipelineError(f"{value!r}: write LANG=LOCALE, e.g. en=en_GB")
    lang, locale = normalise_language(lang.strip()), normalise_language(locale.strip())
    if not same_language(lang, locale):
        raise PipelineError(
            f"{value!r}: {locale} is not a locale of {lang} ({locale_of(locale).english_name}); e.g. en=en_GB"
        )
    return lang, locale
