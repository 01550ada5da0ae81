"""``pipeline tm export`` and ``pipeline tm import``: the translation memory out as TMX, other memories in.

Export writes every reviewed pair of the project's catalogs (those of orphaned catalogs too: see
:mod:`pipeline.memory.store`) for the languages asked, one ``<tu>`` per distinct pair, with the article's
slug as the unit's note, in catalog order (articles by name, then languages as configured).

Import checks that a file is TMX with at least one pair from the source language into a project
language, then copies it byte for byte to ``locales/memories/<name>.tmx`` (``<name>`` is the file's
own name unless given), where ``translate`` reads it (:func:`pipeline.memory.store.imported_segments`).
The copy is committed with the project like the catalogs, so every clone drafts alike. A memory of
that name with other content is replaced only when asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError, os_error
from pipeline.files import write_atomically, write_if_changed
from pipeline.memory import tmx
from pipeline.memory.store import MEMORIES, catalog_segments
from pipeline.po import catalogs
from pipeline.project import Project

MEMORY_NAME = re.compile(r"[\w.-]+")
"""A memory's name: letters, digits, ``_``, ``.``, ``-``: no folder, nothing a shell or Windows minds."""


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    pairs: dict[str, int]
    """Pairs written per language."""


def export_memory(project: Project, langs: Sequence[str], path: Path) -> Exported:
    """Write ``path``: the reviewed pairs of every catalog of ``langs`` as a TMX 1.4 document."""
    found = list(dict.fromkeys(_reviewed_pairs(project, langs)))
    write_atomically(path, tmx.tmx_bytes(found, project.source_lang))
    return Exported(path=path, pairs={lang: sum(pair.lang == lang for pair in found) for lang in langs})


def _reviewed_pairs(project: Project, langs: Sequence[str]) -> Iterator[tmx.TmxPair]:
    slugs = sorted({path.stem for lang in langs for path in _catalog_paths(project, lang)})
    for slug in slugs:
        for lang in langs:
            path = project.catalog_path(lang, slug)
            if path.is_file():
                for segment in catalog_segments(catalogs.read_view(path), slug):
                    yield tmx.TmxPair(source=segment.source, target=segment.target, lang=lang, note=slug)


def _catalog_paths(project: Project, lang: str) -> list[Path]:
    pattern = project.catalog_path(lang, "*")
    return sorted(pattern.parent.glob(pattern.name))


@dataclass(frozen=True, slots=True)
class Imported:
    path: Path
    """Where the memory now lives."""
    pairs: dict[str, int]
    """Pairs it holds per project language."""
    written: bool
    """False when the same file was imported before."""


def import_memory(project: Project, source: Path, *, name: str | None = None, replace: bool = False) -> Imported:
    """Copy the TMX file ``source`` to ``locales/memories/<name>.tmx`` once it is known to be usable."""
    name = source.stem if name is None else name.removesuffix(".tmx")
    if not MEMORY_NAME.fullmatch(name) or name.startswith("."):
        raise PipelineError(f"{name!r} cannot name a memory: use letters, digits, '_', '.' and '-'")
    try:
        data = source.read_bytes()
    except OSError as error:
        raise os_error(error, "cannot read", source) from None
    store = tmx.parse_tmx(data, path=source)
    counts = dict.fromkeys(project.langs, 0)
    for pair in tmx.pairs(store, project.source_lang, project.langs):
        counts[pair.lang] += 1
    if not any(counts.values()):
        raise PipelineError(
            f"no unit has a {project.source_lang} segment and a translation into "
            f"{', '.join(project.langs)}; nothing to import",
            path=source,
        )
    target = project.locales / MEMORIES / f"{name}.tmx"
    if target.is_file() and target.read_bytes() != data and not replace:
        raise PipelineError(
            f"a different memory is already imported as {name!r}; give another --name, or --replace it", path=target
        )
    result = write_if_changed(target, data)
    return Imported(path=target, pairs=counts, written=result.written)
