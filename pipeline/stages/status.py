"""What is left to do: per article and language, how many sentences and words are in each state.

States are those of :attr:`pipeline.po.views.Entry.state`. Machine drafts and "source changed"
entries are both ``fuzzy`` to gettext but are counted apart, because they ask different things of a
translator (review a draft from scratch, or compare an existing translation with the new source).
``msgfmt --statistics`` reports their sum as "fuzzy translations"; :attr:`CatalogStatus.fuzzy`
gives that figure so the two can be compared.

Words are counted on the German source (msgid), so the figures measure the work left whatever the
target language; see :func:`count_words`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError, location
from pipeline.po import catalogs, confidence, views
from pipeline.po.template_match import read_template_of, template_mismatches, template_of
from pipeline.po.views import EntryState
from pipeline.project import Project, check_language_folders, check_slugs, pipeline_command, seed_names

TemplatesRead = dict[Path, tuple[views.Catalog | None, str | None]]
""":func:`pipeline.po.template_match.read_template_of` of an article's catalogs, by template path."""

COUNTED_WORD = re.compile(r"\w+(?:[-'’.,:/]\w+)*")
"""A word: letters or digits, joined by inner hyphens, apostrophes and separators, so that
``E-Fahrzeug``, ``Absolvent:innen`` and ``1,5`` count once each."""


def count_words(text: str) -> int:
    """Words in a source sentence; punctuation and dashes do not count.

    >>> count_words("Investitionen von rund 1,5 Milliarden Euro.")
    6
    >>> count_words("Ohne sie funktioniert kein E-Fahrzeug – egal wie.")
    7
    """
    return len(COUNTED_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Tally:
    sentences: int = 0
    words: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.sentences + other.sentences, self.words + other.words)


@dataclass(frozen=True, slots=True)
class CatalogStatus:
    """The state of one language's catalog of one article."""

    slug: str
    lang: str
    path: Path
    exists: bool
    """False when the article has no catalog for this language yet (run ``pipeline extract``)."""
    orphaned: bool = False
    """True when the article is no longer in the seeds folder: its catalogs are left over."""
    reviewed: Tally = Tally()
    machine_draft: Tally = Tally()
    edited_draft: Tally = Tally()
    """Machine drafts a translator rewrote, waiting for their ``fuzzy`` flag to be cleared."""
    source_changed: Tally = Tally()
    untranslated: Tally = Tally()
    obsolete: Tally = Tally()
    """Entries no longer in the article (``#~``), kept in case their sentence comes back; not part
    of :attr:`total`."""
    needs_repair: str | None = None
    """``path:line: what is wrong`` when the catalog does not belong to its template (a hand-edited
    msgid or msgctxt, a plural entry: :mod:`pipeline.po.template_match`); its figures are then unreliable."""
    confidences: tuple[float, ...] = ()
    """The engine's confidence in each machine draft that has one (:mod:`pipeline.po.confidence`)."""

    def low_confidence(self, threshold: float) -> int:
        """Machine drafts whose confidence is below ``threshold``: the ones to review first."""
        return sum(1 for value in self.confidences if value < threshold)

    @property
    def total(self) -> Tally:
        return self.reviewed + self.machine_draft + self.edited_draft + self.source_changed + self.untranslated

    @property
    def fuzzy(self) -> Tally:
        """Machine drafts (edited or not) and source-changed entries together, as gettext counts them."""
        return self.machine_draft + self.edited_draft + self.source_changed

    @property
    def percent_reviewed(self) -> float:
        """Share of the source words whose translation is reviewed (100 for an empty article)."""
        total = self.total.words
        return 100.0 if total == 0 else round(100 * self.reviewed.words / total, 1)


FIELD_OF_STATE = {
    EntryState.REVIEWED: "reviewed",
    EntryState.MACHINE_DRAFT: "machine_draft",
    EntryState.EDITED_DRAFT: "edited_draft",
    EntryState.SOURCE_CHANGED: "source_changed",
    EntryState.UNTRANSLATED: "untranslated",
    EntryState.OBSOLETE: "obsolete",
}


def tally_entries(slug: str, lang: str, path: Path, states: Iterable[tuple[EntryState, str]]) -> CatalogStatus:
    """A :class:`CatalogStatus` from ``(state, msgid)`` pairs: the counting, apart from any file."""
    counts = {name: Tally() for name in FIELD_OF_STATE.values()}
    for state, msgid in states:
        name = FIELD_OF_STATE[state]
        counts[name] = counts[name] + Tally(1, count_words(msgid))
    return CatalogStatus(
        slug=slug,
        lang=lang,
        path=path,
        exists=True,
        reviewed=counts["reviewed"],
        machine_draft=counts["machine_draft"],
        edited_draft=counts["edited_draft"],
        source_changed=counts["source_changed"],
        untranslated=counts["untranslated"],
        obsolete=counts["obsolete"],
    )


def catalog_status(path: Path, *, slug: str, lang: str, templates: TemplatesRead | None = None) -> CatalogStatus:
    """The status of the catalog at ``path``; a missing file is reported, not an error.

    ``templates`` keeps the templates read for the article's other catalogs, so that its template is
    read once for all its languages (reading it again took a quarter of ``status``'s time with three)."""
    if not path.exists():
        return CatalogStatus(slug=slug, lang=lang, path=path, exists=False)
    catalog = catalogs.read_view(path)
    record = tally_entries(slug, lang, path, ((entry.state, entry.msgid) for entry in catalog))
    record = dataclasses.replace(record, confidences=confidence.draft_confidences(catalog))
    templates = {} if templates is None else templates
    template_path = template_of(path)
    if template_path not in templates:
        templates[template_path] = read_template_of(path)
    template, trouble = templates[template_path]
    if trouble:  # nothing can be checked or built against it: build refuses the article
        return dataclasses.replace(record, needs_repair=trouble)
    mismatches = template_mismatches(catalog, template)
    if not mismatches:
        return record
    return dataclasses.replace(record, needs_repair=location(path, mismatches[0].line) + ": " + mismatches[0].message)


def project_status(project: Project, *, read_status: Callable[..., CatalogStatus] | None = None) -> list[CatalogStatus]:
    """One record per article and language of the project, articles sorted by name; each is
    ``read_status`` (default :func:`catalog_status`; :mod:`pipeline.stages.incremental` recalls it instead).

    Articles are those in the seeds folder plus any that only have catalogs left, so a catalog
    whose article was removed still shows up, marked :attr:`CatalogStatus.orphaned`.
    """
    project.check_folders_apart()
    check_language_folders(project.locales, project.langs)
    names = seed_names(project.seeds)
    check_slugs(names)  # two seeds of one slug: extract and build refuse them, so no 100 % either
    seeded = {path.stem for path in names}
    slugs = sorted(_slugs(project, seeded))
    if not slugs:
        raise PipelineError(
            f"no articles and no catalogs; put articles in the seeds folder and run `{pipeline_command()} extract`",
            path=project.seeds,
        )
    read = read_status or catalog_status
    return [record for slug in slugs for record in _article_status(project, slug, read, orphaned=slug not in seeded)]


def _article_status(
    project: Project, slug: str, read: Callable[..., CatalogStatus], *, orphaned: bool
) -> list[CatalogStatus]:
    templates: TemplatesRead = {}  # the article's template, read once for all its languages
    return [
        dataclasses.replace(
            read(project.catalog_path(lang, slug), slug=slug, lang=lang, templates=templates), orphaned=orphaned
        )
        for lang in project.langs
    ]


def _slugs(project: Project, seeded: set[str]) -> set[str]:
    slugs = set(seeded)
    for pattern in [project.template_path("*"), *(project.catalog_path(lang, "*") for lang in project.langs)]:
        slugs.update(path.stem for path in pattern.parent.glob(pattern.name))
    return slugs
