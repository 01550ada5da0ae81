"""Whether a language catalog still belongs to its template: the one check every command that reads
catalogs runs (``extract`` and ``translate`` stop, ``check`` reports, ``status`` says the catalog
needs repair, ``build`` refuses the article). ``build`` and ``extract`` also refuse a catalog whose
``Language`` header names another language than its folder (:func:`check_language`).

A language catalog's msgctxt/msgid pairs are the template's: they identify the sentences of the
article. A catalog merged with the very template on disk (its ``X-Template-Digest``,
:data:`pipeline.po.merging.TEMPLATE_DIGEST_FIELD`) that holds a pair the template lacks was edited by
hand (a msgid or msgctxt retyped, an entry added); merging it would treat the translator's entry as a
removed sentence, and an edition would publish German in its place. A catalog out of step with the
template (an interrupted run, a catalog from an older version) is not judged here: ``extract`` merges
it normally. A plural entry is wrong in any catalog: sentences have no plural forms, and an edition
would find no ``msgstr`` in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import CatalogError, PipelineError
from pipeline.po.catalogs import read_view, shorten
from pipeline.po.merging import TEMPLATE_DIGEST_FIELD, template_digest
from pipeline.po.views import Catalog, Entry
from pipeline.project import normalise_language, pipeline_command, same_language


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One entry of a catalog that does not belong to its template."""

    line: int | None
    """Line of the entry's ``msgid``."""
    message: str


def template_mismatches(catalog: Catalog, template: Catalog | None) -> list[Mismatch]:
    """Every active entry of ``catalog`` that does not belong to ``template``, in file order."""
    merged_with_it = template is not None and catalog.metadata.get(TEMPLATE_DIGEST_FIELD) == template_digest(template)
    known = {entry.key for entry in template} if template is not None and merged_with_it else set()
    known_msgids = {msgid for _, msgid in known}
    found = []
    for entry in catalog.active():
        if entry.msgid_plural or entry.msgstr_plural:
            found.append(
                Mismatch(
                    entry.line,
                    f"msgid {shorten(entry.msgid)!r} is a plural entry (msgid_plural): "
                    "sentences have no plural forms; keep one msgstr",
                )
            )
        elif merged_with_it and entry.key not in known:
            found.append(Mismatch(entry.line, _not_in_template(entry, entry.msgid in known_msgids)))
    return found


def _not_in_template(entry: Entry, msgid_known: bool) -> str:
    if msgid_known:
        context = "no msgctxt" if entry.msgctxt is None else f"msgctxt {entry.msgctxt!r}"
        return (
            f"{context} of msgid {shorten(entry.msgid)!r} is not in the template: was it edited? "
            "msgctxt tells repeated sentences apart; restore it as the template has it"
        )
    return (
        f"msgid {shorten(entry.msgid)!r} is not in the template: was it edited? The msgid is the German source; "
        "change msgstr only (or the article in seeds/)"
    )


class TemplateMismatchError(CatalogError):
    """A catalog holds an entry that does not belong to its template."""


def check_against_template(catalog: Catalog, template: Catalog | None, path: Path) -> None:
    """Stop with ``path:line: …`` at the first entry that does not belong to ``template``."""
    for mismatch in template_mismatches(catalog, template):
        raise TemplateMismatchError(mismatch.message, path=path, line=mismatch.line)


def check_language(catalog: Catalog, lang: str, path: Path) -> None:
    """Stop with ``path:line: …`` when the catalog's ``Language`` header names another language than
    the folder it is in (a French catalog copied into ``locales/en/``, a ``locales/en → fr`` link):
    built, it would be published as the other language's edition. A regional variant of the folder's
    language (``fr_CH`` in ``locales/fr``) belongs; a catalog without the header is judged by the
    folder it really is in (a link is followed)."""
    linked = path.resolve().parent.parent.name
    if path.parent.parent.name != linked and not _names_language(linked, lang, unknown=True):
        raise TemplateMismatchError(
            f"this catalog is a link to the catalog of {linked!r}, not of {lang!r}; put the {lang!r} catalog here",
            path=path,
        )
    written = (catalog.metadata.get("Language") or "").strip()
    if written and not _names_language(written, lang, unknown=False):
        line = catalog.written_header.line if catalog.written_header else None
        raise TemplateMismatchError(
            f"the Language header says {written!r}, but this is the catalog of {lang!r}: "
            f"a catalog of another language copied or linked here? Put the {lang!r} "
            "catalog here",
            path=path,
            line=line,
        )


def _names_language(code: str, lang: str, *, unknown: bool) -> bool:
    """Whether ``code`` names ``lang`` (or a regional variant of it); ``unknown`` for what is no code."""
    try:
        return same_language(normalise_language(code), lang)
    except PipelineError:
        return unknown


def template_of(catalog_path: Path) -> Path:
    """Where the template of ``locales/<lang>/LC_MESSAGES/<slug>.po`` lives: ``locales/<slug>.pot``."""
    return catalog_path.parent.parent.parent / f"{catalog_path.stem}.pot"


def read_template_of(catalog_path: Path) -> tuple[Catalog | None, str | None]:
    """(the template of the catalog at ``catalog_path``, None) or (None, why there is none to check it
    against): a deleted or damaged template leaves every command that reads the catalog blind to
    edited msgids, and ``build`` refuses the article, so ``check`` and ``status`` say so."""
    template = template_of(catalog_path)
    if not template.is_file():
        return (
            None,
            f"{template}: missing, the template of this catalog; `{pipeline_command()} extract` writes it again",
        )
    try:
        return read_view(template), None
    except CatalogError as error:
        return None, (
            f"{error} (the template of this catalog: restore it from version control, or delete it "
            f"and run `{pipeline_command()} extract`)"
        )
