"""Work out to agencies and back: catalogs → XLIFF 1.2 files (``pipeline export``) → catalogs
(``pipeline import``).

Export writes one file per article and language with the sentences a translator should work on
(:data:`TO_DO`; every sentence with ``everything``). Each ``<trans-unit>`` has a stable id made from
the entry's (msgctxt, msgid) (:func:`unit_id`), its state (:data:`EXPORTED_STATES`), the previous
source of a changed sentence, provenance and translator comments as notes, and its place in the
article as a context group; inline Markdown markup travels as ``<ph>`` codes
(:mod:`pipeline.exchange.inline_codes`).

Import maps states back (:func:`is_reviewed`): ``final``/``signed-off`` or ``approved="yes"`` →
reviewed; ``translated`` → fuzzy unless ``reviewed`` is asked for; anything else → fuzzy. A unit whose
German sentence changed since export (its id is not in the template any more) is offered as fuzzy with
the old sentence as ``#| msgid`` to the close edit of it now in the article, never as reviewed. A unit that lost
an inline code is refused with its id; a reviewed translation is never replaced by an unreviewed one.
Nothing else in the catalog changes, and a catalog nothing was imported into is not written: an export
imported back unchanged leaves every ``.po`` byte for byte as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from pipeline.articles.markdown import from_markdown_article
from pipeline.errors import CatalogError, PipelineError, os_error
from pipeline.exchange.inline_codes import Code, Piece, join_codes, missing_codes, split_codes, split_like
from pipeline.exchange.xliff_format import ExchangeFile, ExchangeUnit, format_xliff, parse_xliff
from pipeline.files import write_if_changed
from pipeline.po.catalogs import MACHINE_TRANSLATION_MARK, read_view, save_if_changed, shorten
from pipeline.po.merging import REVIEWED_BEFORE_MARK, TEMPLATE_DIGEST_FIELD, closest_translation, template_digest
from pipeline.po.template_match import check_against_template
from pipeline.po.views import Catalog, Entry, EntryState, Key
from pipeline.project import Project, pipeline_command, same_language

SUFFIX = ".xlf"
EXPORTED_STATES = {
    EntryState.UNTRANSLATED: "new",
    EntryState.MACHINE_DRAFT: "needs-review-translation",
    EntryState.SOURCE_CHANGED: "needs-review-translation",
    EntryState.EDITED_DRAFT: "translated",
    EntryState.REVIEWED: "final",
}
"""The XLIFF state of each entry state. An edited draft is a translator's work not reviewed yet."""
TO_DO = frozenset(EXPORTED_STATES) - {EntryState.REVIEWED}
"""What ``export`` sends without ``everything``."""
REVIEWED_STATES = frozenset({"final", "signed-off"})
UNREVIEWED_TRANSLATION = frozenset({None, "translated"})
"""States ``--reviewed`` (or ``approved="yes"``) turns into reviewed: a translation nobody said needs work."""
POSITION = "x-position"
"""``context-type`` of the sentence's place in its article (``paragraph 3, sentence 2``)."""
PREVIOUS_SOURCE = "previous source"
"""``from`` of the note holding a changed sentence's previous source (``#| msgid``)."""


def unit_id(key: Key) -> str:
    """A ``<trans-unit>`` id that stays as long as the sentence (msgctxt and msgid) does.

    >>> unit_id((None, "Der Hund bellt."))
    's-8c11fb20f5a6'
    """
    msgctxt, msgid = key
    digest = hashlib.sha256(f"{msgctxt or ''}\x04{msgid}".encode()).hexdigest()
    return f"s-{digest[:12]}"


# --- export --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    slug: str
    lang: str
    units: int
    written: bool
    """False when the file already held these bytes, or when there was nothing to export."""


def export_project(
    project: Project,
    *,
    out: Path,
    langs: Sequence[str],
    slugs: Sequence[str] = (),
    everything: bool = False,
    copy_source: bool = False,
) -> list[ExportResult]:
    """Write ``out/<lang>/<slug>.xlf`` for every article (or ``slugs``) and language."""
    results = []
    for slug in slugs or template_slugs(project):
        template = read_template(project, slug)
        for lang in langs:
            catalog = read_current_catalog(project, template, lang, slug)
            exchange = exchange_file(
                template,
                catalog,
                source_lang=project.source_lang,
                lang=lang,
                everything=everything,
                copy_source=copy_source,
            )
            path = out / lang / f"{slug}{SUFFIX}"
            written = bool(exchange.units) and write_if_changed(path, format_xliff(exchange)).written
            results.append(ExportResult(path, slug, lang, len(exchange.units), written))
    return results


def template_slugs(project: Project) -> list[str]:
    slugs = sorted(path.stem for path in project.locales.glob("*.pot"))
    if not slugs:
        raise PipelineError(
            f"no templates (*.pot) here; run `{pipeline_command()} extract` first", path=project.locales
        )
    return slugs


def read_template(project: Project, slug: str) -> Catalog:
    path = project.template_path(slug)
    if not path.is_file():
        raise PipelineError(f"no such article template; run `{pipeline_command()} extract` first", path=path)
    return read_view(path)


def read_current_catalog(project: Project, template: Catalog, lang: str, slug: str) -> Catalog:
    """The language catalog, refused unless merged with ``template`` as it is now and holding only
    its entries: units are matched to the template's sentences."""
    path = project.catalog_path(lang, slug)
    if not path.is_file():
        raise PipelineError(f"no such catalog; run `{pipeline_command()} extract` first", path=path)
    catalog = read_view(path)
    if catalog.metadata.get(TEMPLATE_DIGEST_FIELD) != template_digest(template):
        raise CatalogError(f"not merged with the current template; run `{pipeline_command()} extract` first", path=path)
    check_against_template(catalog, template, path)
    return catalog


def exchange_file(
    template: Catalog, catalog: Catalog, *, source_lang: str, lang: str, everything: bool, copy_source: bool
) -> ExchangeFile:
    """The units of ``catalog`` to send: those in :data:`TO_DO`, or all with ``everything``.

    ``copy_source`` gives an untranslated unit a ``<target state="new">`` holding the source, for
    tools that translate targets only (OmegaT's built-in XLIFF filter)."""
    units = tuple(
        _unit(entry, copy_source=copy_source) for entry in catalog.active() if everything or entry.state in TO_DO
    )
    return ExchangeFile(original=article_reference(template), source_lang=source_lang, target_lang=lang, units=units)


def article_reference(template: Catalog) -> str:
    """The seed file the template was extracted from, as its references name it."""
    return next((file for entry in template for file, _ in entry.occurrences), "")


def _unit(entry: Entry, *, copy_source: bool) -> ExchangeUnit:
    markdown = from_markdown_article(entry.occurrences)
    source = split_codes(entry.msgid, markdown=markdown)
    state = entry.state
    target = split_like(entry.msgstr, source, markdown=markdown) if entry.msgstr else None
    if target is None and copy_source:
        target = source
    return ExchangeUnit(
        id=unit_id(entry.key),
        source=source,
        target=target,
        state=EXPORTED_STATES[state] if target is not None else None,
        approved=state is EntryState.REVIEWED,
        notes=tuple(_notes(entry)),
        context=tuple(_context(entry)),
    )


def _notes(entry: Entry) -> Iterable[tuple[str, str]]:
    if entry.previous_msgid is not None:
        yield PREVIOUS_SOURCE, entry.previous_msgid
    for line in entry.tcomment.split("\n") if entry.tcomment else ():
        if line.startswith(MACHINE_TRANSLATION_MARK):
            yield "machine translation", line.removeprefix(MACHINE_TRANSLATION_MARK)
        elif not line.startswith(REVIEWED_BEFORE_MARK):
            yield "translator", line


def _context(entry: Entry) -> Iterable[tuple[str, str]]:
    for file, line in entry.occurrences[:1]:
        yield "sourcefile", file
        if line:
            yield "linenumber", line
    if entry.comment:
        yield POSITION, entry.comment
    if entry.msgctxt is not None:
        yield "x-msgctxt", entry.msgctxt


# --- import --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Returned:
    """An exchange file read and matched to the project: which catalog it goes into."""

    path: Path
    slug: str
    lang: str
    exchange: ExchangeFile


@dataclass(frozen=True, slots=True)
class UnitReport:
    """Something to tell about one unit: refused, skipped, or offered as fuzzy."""

    unit_id: str
    message: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    path: Path
    catalog: Path
    written: bool
    applied: int = 0
    """Translations put into the catalog (reviewed or fuzzy), changed sentences not counted."""
    reviewed: int = 0
    """Of ``applied``, those put in as reviewed."""
    offered: int = 0
    """Units whose German changed since export, offered as fuzzy with ``#|``."""
    reports: tuple[UnitReport, ...] = ()
    refused: int = 0


def read_returned(project: Project, path: Path) -> Returned:
    """An exchange file, refused with one line unless it is for an article, a target language and the
    source language of this project, whose catalog is up to date with its template."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise os_error(error, "cannot read", path) from None
    exchange = parse_xliff(data, path=path)
    if not same_language(exchange.source_lang or "?", project.source_lang):
        raise PipelineError(f"is for source language {exchange.source_lang!r}, not {project.source_lang!r}", path=path)
    lang = next((lang for lang in project.langs if same_language(exchange.target_lang or "?", lang)), None)
    if lang is None:
        raise PipelineError(
            f"is for target language {exchange.target_lang!r}, not one of {', '.join(project.langs)}", path=path
        )
    slug = PurePosixPath(exchange.original).stem
    if not slug or not project.template_path(slug).is_file():
        raise PipelineError(f"is for {exchange.original!r}, not an article of this project", path=path)
    template = read_template(project, slug)
    reference = article_reference(template)
    if exchange.original != reference:
        raise PipelineError(f"is for {exchange.original!r}, but the article {slug!r} is {reference!r}", path=path)
    read_current_catalog(project, template, lang, slug)  # refused now, before any file is imported
    return Returned(path, slug, lang, exchange)


def import_returned(project: Project, returned: Returned, *, reviewed: bool, moment: datetime) -> ImportResult:
    """Merge one exchange file into its catalog; the catalog is written only if something changed."""
    template = read_template(project, returned.slug)
    catalog_path = project.catalog_path(returned.lang, returned.slug)
    catalog = read_current_catalog(project, template, returned.lang, returned.slug)
    merge = _Merge(catalog, {unit.id for unit in returned.exchange.units}, reviewed=reviewed)
    for unit in returned.exchange.units:
        merge.add(unit)
    updated = dataclasses.replace(
        catalog, entries=tuple(merge.changed.get(entry.key, entry) for entry in catalog.entries)
    )
    written = save_if_changed(updated, catalog, catalog_path, date_fields=("PO-Revision-Date",), now=moment)
    return ImportResult(
        returned.path,
        catalog_path,
        written is not None,
        applied=merge.applied,
        reviewed=merge.reviewed,
        offered=merge.offered,
        reports=tuple(merge.reports),
        refused=merge.refused,
    )


def is_reviewed(unit: ExchangeUnit, *, reviewed: bool) -> bool:
    """Whether a returned translation counts as reviewed: ``final``/``signed-off``, or ``approved``
    or ``reviewed`` (``--reviewed``) where the state does not say it needs work."""
    return unit.state in REVIEWED_STATES or ((unit.approved or reviewed) and unit.state in UNREVIEWED_TRANSLATION)


class _Merge:
    """The entries an exchange file changes, and what to report; each unit is looked at once."""

    def __init__(self, catalog: Catalog, ids: set[str], *, reviewed: bool) -> None:
        self.entries = {entry.key: entry for entry in catalog.active()}
        self.by_id = {unit_id(key): key for key in self.entries}
        self.unclaimed = [entry for key, entry in self.entries.items() if unit_id(key) not in ids]
        """Sentences no unit of the file is for: where a unit whose German changed may belong."""
        self.reviewed_flag = reviewed
        self.changed: dict[Key, Entry] = {}
        self.reports: list[UnitReport] = []
        self.applied = self.reviewed = self.offered = self.refused = 0

    def add(self, unit: ExchangeUnit) -> None:
        key = self.by_id.get(unit.id)
        entry = self.entries.get(key) if key else None
        if entry is not None and join_codes(unit.source, unit.source) == entry.msgid:
            self._apply(unit, entry)
        elif unit.target:
            self._offer(unit)

    def _report(self, unit: ExchangeUnit, message: str, *, refused: bool = False) -> None:
        self.reports.append(UnitReport(unit.id, message))
        self.refused += refused

    def _apply(self, unit: ExchangeUnit, entry: Entry) -> None:
        source = split_codes(entry.msgid, markdown=from_markdown_article(entry.occurrences))
        text = self._text(unit, source)
        if text is None or (unit.state == "new" and text == entry.msgid):
            return  # not translated (or the copy of the source export wrote)
        as_reviewed = is_reviewed(unit, reviewed=self.reviewed_flag)
        if text == entry.msgstr:
            if as_reviewed and entry.state is not EntryState.REVIEWED:
                self._change(entry, reviewed_entry(entry, text), reviewed=True)
            return
        if lost := missing_codes(unit.target or (), source):
            self._report(unit, f"lost inline code {_codes(lost)}; not imported", refused=True)
        elif entry.state is EntryState.REVIEWED and not as_reviewed:
            self._report(unit, "the catalog has a reviewed translation, the file an unreviewed one; kept the reviewed")
        else:
            self._change(
                entry, reviewed_entry(entry, text) if as_reviewed else fuzzy_entry(entry, text), reviewed=as_reviewed
            )

    def _change(self, entry: Entry, new: Entry, *, reviewed: bool) -> None:
        self.changed[entry.key] = new
        self.applied += 1
        self.reviewed += reviewed

    def _offer(self, unit: ExchangeUnit) -> None:
        """A unit whose German sentence is not in the catalog any more: its translation goes to the
        closest sentence now in the article, if that is a close edit of it (as ``extract`` merges,
        :func:`pipeline.po.merging.closest_translation`), fuzzy, with the old sentence as ``#| msgid``."""
        previous = join_codes(unit.source, unit.source)
        text = self._text(unit, unit.source)
        if text is None or (unit.state == "new" and text == previous):
            return
        entry = closest_translation(previous, self.unclaimed, used=set())
        if entry is None:
            self._report(unit, "its German sentence is no longer in the article (nor a close edit of it); not imported")
        elif entry.state is EntryState.REVIEWED:
            self._report(
                unit,
                "the German sentence changed since export and the catalog has a reviewed "
                "translation of the new one; not imported",
            )
        elif lost := missing_codes(unit.target or (), unit.source):
            self._report(unit, f"lost inline code {_codes(lost)}; not imported", refused=True)
        else:
            self.changed[entry.key] = dataclasses.replace(
                fuzzy_entry(entry, text), previous_msgctxt=None, previous_msgid=previous
            )
            self.offered += 1
            self._report(
                unit,
                f"the German sentence changed since export ({shorten(previous)!r}); "
                f"offered as fuzzy to {shorten(entry.msgid)!r}",
            )

    def _text(self, unit: ExchangeUnit, source: Sequence[Piece]) -> str | None:
        """The returned translation with the source's markup in place of its codes; None when there
        is none, or when it holds a code the source lacks (reported)."""
        if not unit.target:
            return None
        try:
            return join_codes(unit.target, source)
        except KeyError as error:
            self._report(unit, f"inline code {error.args[0]} is not in the source; not imported", refused=True)
            return None


def _codes(codes: Sequence[Code]) -> str:
    return ", ".join(f"{code.id} ({code.text})" for code in codes)


def reviewed_entry(entry: Entry, text: str) -> Entry:
    """``entry`` with a reviewed translation: no ``fuzzy``, no previous source."""
    return dataclasses.replace(
        entry,
        msgstr=text,
        flags=tuple(flag for flag in entry.flags if flag != "fuzzy"),
        previous_msgctxt=None,
        previous_msgid=None,
        previous_msgid_plural=None,
    )


def fuzzy_entry(entry: Entry, text: str) -> Entry:
    """``entry`` with a translation to review: ``fuzzy``, its comments and previous source kept (a
    machine draft's provenance no longer matches the text, so it reads as an edited draft)."""
    flags = entry.flags if "fuzzy" in entry.flags else ("fuzzy", *entry.flags)
    return dataclasses.replace(entry, msgstr=text, flags=flags)
