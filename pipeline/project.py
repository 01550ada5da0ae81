"""Where a project's files live: seed articles, catalogs, editions; and which languages it targets.

Every stage receives a :class:`Project` instead of building paths itself, so ``--seeds``,
``--locales`` and ``--langs`` mean the same thing to every command.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError

SOURCE_LANGUAGE = "de"


@dataclass(frozen=True, slots=True)
class Project:
    seeds: Path = Path("seeds")
    locales: Path = Path("locales")
    editions: Path = Path("editions")
    langs: tuple[str, ...] = ("fr", "en")
    source_lang: str = SOURCE_LANGUAGE

    def article_paths(self) -> list[Path]:
        """The seed articles (``*.txt``), sorted; an empty or missing folder is an error."""
        if not self.seeds.is_dir():
            raise PipelineError("no such folder; put the German articles (*.txt) there", path=self.seeds)
        paths = sorted(self.seeds.glob("*.txt"))
        if not paths:
            raise PipelineError("no articles (*.txt) in this folder", path=self.seeds)
        _check_slugs(paths)
        return paths

    def template_path(self, slug: str) -> Path:
        return self.locales / f"{slug}.pot"

    def catalog_path(self, lang: str, slug: str) -> Path:
        return self.locales / lang / "LC_MESSAGES" / f"{slug}.po"


def _check_slugs(paths: list[Path]) -> None:
    """Two seeds whose names differ only in case or Unicode normalisation would share catalogs on
    case-insensitive file systems (macOS, Windows): refuse them rather than mix their translations."""
    seen: dict[str, Path] = {}
    for path in paths:
        normalised = unicodedata.normalize("NFC", path.stem).casefold()
        if normalised in seen:
            raise PipelineError(f"article name collides with {seen[normalised].name!r} "
                                "(names must differ by more than case or accents' encoding)", path=path)
        seen[normalised] = path
