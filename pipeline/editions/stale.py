"""Editions whose article is gone: ``build`` removes them, so no deleted article stays published.

``editions/`` is the pipeline's output (``make clean`` deletes it): an edition file
(``editions/<lang>/<slug>.{txt,md,html}``, ``editions/review/<slug>.html``) whose seed no longer
exists would keep publishing an article the newsroom withdrew, with nothing saying so.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.errors import os_error


def stale_editions(
    folder: Path, langs: Iterable[str], review_folder: str, formats: Iterable[str], slugs: set[str]
) -> list[Path]:
    """The edition files in ``folder`` (of ``langs`` and the review sheets) whose slug is not in ``slugs``."""
    suffixes = {f".{suffix}" for suffix in formats}
    wanted = [(folder / lang, suffixes) for lang in langs] + [(folder / review_folder, {".html"})]
    found: list[Path] = []
    for lang_folder, kinds in wanted:
        if lang_folder.is_dir():
            found.extend(
                path
                for path in sorted(lang_folder.iterdir())
                if path.suffix in kinds and path.stem not in slugs and path.is_file()
            )
    return found


def remove(paths: Iterable[Path]) -> tuple[Path, ...]:
    """Delete ``paths``; an error names the file."""
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise os_error(error, "cannot remove the edition of a deleted article", path) from None
        removed.append(path)
    return tuple(removed)
