"""Where a project's files live: seed articles, catalogs, editions; and which languages it targets.

Every stage receives a :class:`Project` instead of building paths itself, so ``--seeds``,
``--locales`` and ``--langs`` mean the same thing to every command.
"""

from __future__ import annotations

import fcntl
import os
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from pipeline.errors import PipelineError

SOURCE_LANGUAGE = "de"


def english_language_name(lang: str) -> str:
    """English name of a language code, from babel's locale data; unknown codes are an error.

    Catalog headers use it (``Language-Team``); editions name a language in that language instead.

    >>> english_language_name("fr")
    'French'
    """
    try:
        return Locale.parse(lang).get_display_name("en")
    except (UnknownLocaleError, ValueError):
        raise PipelineError(f"unknown language code {lang!r} (babel knows e.g. 'fr', 'en', 'de', 'pt_BR')")


def checked_languages(codes: Iterable[str]) -> tuple[str, ...]:
    """The language codes, stripped, each known to babel; none at all is an error.

    The one check of language codes, whether they come from ``--langs``, ``PIPELINE_LANGS`` or
    ``[tool.pipeline]``; a normaliser (``FR`` → ``fr``) would replace its body, not its callers.

    >>> checked_languages([" fr", "en", ""])
    ('fr', 'en')
    """
    langs = tuple(code.strip() for code in codes if code.strip())
    if not langs:
        raise PipelineError("name at least one language, e.g. fr,en")
    for lang in langs:
        english_language_name(lang)
    return langs


@dataclass(frozen=True, slots=True)
class Project:
    seeds: Path = Path("seeds")
    locales: Path = Path("locales")
    editions: Path = Path("editions")
    langs: tuple[str, ...] = ("fr", "en")
    source_lang: str = SOURCE_LANGUAGE
    root: Path | None = None
    """The folder of the ``pyproject.toml`` whose settings are in force: catalog references
    (``#: seeds/x.txt:12``) are relative to it, so they do not change with the working folder."""

    def reference(self, path: Path) -> str:
        """How catalogs name a seed: relative to :attr:`root` when it is set, else as given."""
        if self.root is None:
            return str(path)
        return os.path.relpath(path.absolute(), self.root.absolute())

    def article_paths(self) -> list[Path]:
        """The seed articles (``*.txt``), sorted; an empty or missing folder is an error."""
        if not self.seeds.is_dir():
            raise PipelineError("no such folder; put the German articles (*.txt) there", path=self.seeds)
        paths = sorted(self.seeds.glob("*.txt"))
        if not paths:
            raise PipelineError("no articles (*.txt) in this folder", path=self.seeds)
        _check_slugs(paths)
        return paths

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold ``locales/.pipeline.lock`` while catalogs are written, so that a second run at the
        same time stops with a message instead of interleaving its writes with ours.

        The lock is an ``flock`` on an open file, so it is released when the process dies, even by
        SIGKILL: no stale lock to clean up by hand.
        """
        self.locales.mkdir(parents=True, exist_ok=True)
        path = self.locales / ".pipeline.lock"
        with open(path, "a+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise PipelineError(f"{holder} is updating these catalogs; wait for it to finish and "
                                    "run again", path=self.locales) from None
            handle.truncate(0)
            handle.write(f"pipeline run {os.getpid()}")
            handle.flush()
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def template_path(self, slug: str) -> Path:
        return self.locales / f"{slug}.pot"

    def catalog_path(self, lang: str, slug: str) -> Path:
        return self.locales / lang / "LC_MESSAGES" / f"{slug}.po"


def _check_slugs(paths: list[Path]) -> None:
    """Two seeds whose names differ only in case or Unicode normalisation would share catalogs on
    case-insensitive file systems (macOS, Windows): refuse them rather than mix their translations."""
    seen: dict[str, Path] = {}
    for path in paths:
        if any(character.isspace() for character in path.stem):
            raise PipelineError("article names must not contain spaces (gettext references split at "
                                "them); use hyphens", path=path)
        normalised = unicodedata.normalize("NFC", path.stem).casefold()
        if normalised in seen:
            raise PipelineError(f"article name collides with {seen[normalised].name!r} "
                                "(names must differ by more than case or accents' encoding)", path=path)
        seen[normalised] = path
