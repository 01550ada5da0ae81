"""Renamed or moved articles keep their catalogs, as git recognises a renamed file.

``mv seeds/a.txt seeds/b.txt`` leaves ``locales/a.pot`` and every ``a.po`` without a seed, and
``b`` without catalogs: extracted as it is, every sentence of ``b`` would be drafted again and the
desk's reviewed translations stranded. Before extracting, an article without a template is paired
with an orphaned template (one whose seed is gone) holding the same sentences, or most of them
(:data:`RENAME_SIMILARITY`, git's default for ``-M``); the template and every language's catalog
(each state intact, obsolete entries too) are renamed to the new slug, and the merge that follows
updates their references as for any edit of the article.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.articles.model import Article, units
from pipeline.errors import CatalogError, PipelineError, os_error
from pipeline.po.catalogs import read_view
from pipeline.project import Project

RENAME_SIMILARITY = 0.5
"""Least share of sentences in common (of the larger article) to take an article for a renamed one:
git's 50 % (``git diff -M``)."""


@dataclass(frozen=True, slots=True)
class Rename:
    old: str
    new: str
    similarity: float
    moved: tuple[tuple[Path, Path], ...] = ()
    """(from, to) of each file renamed."""


def find_renames(project: Project, articles: Sequence[Article], slugs: Collection[str]) -> list[Rename]:
    """Each of ``articles`` without a template paired with the most similar orphaned template (one
    that no article of ``slugs``, the project's, owns), best first."""
    orphans = {path.stem: path for path in sorted(project.locales.glob("*.pot")) if path.stem not in slugs}
    newcomers = [article for article in articles if not project.template_path(article.slug).exists()]
    if not orphans or not newcomers:
        return []
    sentences = {slug: _orphan_sentences(path) for slug, path in orphans.items()}
    pairs = sorted(
        (
            (similarity(sentences[slug], Counter(unit.text for unit in units(article))), slug, article.slug)
            for slug in orphans
            for article in newcomers
        ),
        reverse=True,
    )
    found: list[Rename] = []
    used: set[str] = set()
    for ratio, old, new in pairs:
        if ratio >= RENAME_SIMILARITY and old not in used and new not in used:
            used.update((old, new))
            found.append(Rename(old=old, new=new, similarity=ratio))
    return found


def similarity(old: Counter, new: Counter) -> float:
    """Sentences in common over the larger article's sentences (0 to 1)."""
    larger = max(sum(old.values()), sum(new.values()))
    return sum((old & new).values()) / larger if larger else 0.0


def _orphan_sentences(path: Path) -> Counter:
    try:
        return Counter(entry.msgid for entry in read_view(path).active())
    except CatalogError:
        return Counter()  # a damaged template is no evidence of anything: left where it is


def carry_over(project: Project, rename: Rename) -> Rename:
    """Rename the template and every language's catalog of ``rename.old`` to ``rename.new``; the
    catalogs first and the template last, so that an interrupted run finds the pair again."""
    moves = [
        (folder / "LC_MESSAGES" / f"{rename.old}.po", folder / "LC_MESSAGES" / f"{rename.new}.po")
        for folder in sorted(project.locales.iterdir())
        if folder.is_dir()
    ]
    moves = [(old, new) for old, new in moves if old.exists()]
    moves.append((project.template_path(rename.old), project.template_path(rename.new)))
    for old, new in moves:
        if new.exists():
            raise PipelineError(
                f"the article {rename.old!r} was renamed {rename.new!r}, but {new} exists "
                f"already; merge or remove one of them and run again",
                path=old,
            )
    for old, new in moves:
        try:
            os.replace(old, new)
        except OSError as error:
            raise os_error(error, f"cannot rename to {new}", old) from None
    return Rename(old=rename.old, new=rename.new, similarity=rename.similarity, moved=tuple(moves))


def carry_over_renamed(project: Project, articles: Sequence[Article]) -> list[Rename]:
    """Find which of ``articles`` (every article read in this run) are renamed ones and carry their
    catalogs over (:func:`carry_over`)."""
    if not project.locales.is_dir():
        return []
    slugs = {path.stem for path in project.article_paths()}
    return [carry_over(project, rename) for rename in find_renames(project, articles, slugs)]
