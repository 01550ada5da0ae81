"""Images and files a Markdown article links to by a relative path, published next to its editions.

An article in ``seeds/`` that shows ``![…](bilder/halle.jpg)`` means ``seeds/bilder/halle.jpg``; its
editions live in ``editions/<lang>/``, where the same path would find nothing. Rather than rewrite the
paths (an edition keeps its source's URLs byte for byte), ``build`` copies each referenced file to the
same relative place under every edition folder it writes, once (a file already there with the same
size and modification time is left alone).

A reference to a file that does not exist, or that leaves the seeds folder (``../../etc/passwd``), is
reported (``build`` and ``check`` name the article's line) and nothing is copied for it. The
references come from markdown-it-py's tokens: image sources, link targets (reference definitions
included, as the tokens carry them resolved); URLs with a scheme or a host, absolute paths and
fragments (``#fn1``) are not local files.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from pipeline.articles import markdown


@dataclass(frozen=True, slots=True)
class Reference:
    target: str
    """The path as the article writes it, decoded (``bilder/halle%201.jpg`` → ``bilder/halle 1.jpg``)."""
    line: int
    """1-based line of the block that holds it."""


def references(text: str) -> list[Reference]:
    """The relative file paths the Markdown ``text`` links to or shows, in order, each once."""
    found: dict[str, Reference] = {}
    line = 1
    for token in markdown.source_parser().parse(text, {}):
        if token.map:
            line = token.map[0] + 1
        for child in _walk(token.children or []):
            url = (
                child.attrGet("src")
                if child.type == "image"
                else child.attrGet("href")
                if child.type == "link_open"
                else None
            )
            target = local_path(str(url)) if url else None
            if target and target not in found:
                found[target] = Reference(target, line)
    return list(found.values())


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children or [])


def local_path(url: str) -> str | None:
    """The file path of a relative URL, or None for anything else.

    >>> local_path("bilder/halle%201.jpg?v=2#x"), local_path("https://a.de/b.jpg"), local_path("#fn1")
    ('bilder/halle 1.jpg', None, None)
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    return unquote(parts.path)


@dataclass(frozen=True, slots=True)
class Published:
    copied: tuple[Path, ...]
    problems: tuple[str, ...]
    """``seeds/x.md:12: warning: bilder/halle.jpg: no such file`` for each reference not published."""


def problems(seed: Path, text: str) -> list[tuple[Reference, str]]:
    """Each reference of the article at ``seed`` that names no file in its folder, and why."""
    base = seed.parent.resolve()
    found = []
    for reference in references(text):
        resolved = (seed.parent / reference.target).resolve()
        if not resolved.is_relative_to(base):
            found.append((reference, "outside the article's folder: not published"))
        elif not resolved.is_file():
            found.append((reference, "no such file"))
    return found


def publish(seed: Path, text: str, folders: Sequence[Path], *, source: str) -> Published:
    """Copy every file the article at ``seed`` refers to into each of ``folders`` (edition folders),
    at the same relative path; report the references that name no file."""
    bad = problems(seed, text)
    skipped = {reference.target for reference, _ in bad}
    copied = []
    for reference in references(text):
        if reference.target in skipped:
            continue
        original = seed.parent / reference.target
        for folder in folders:
            target = folder / reference.target
            if not _same_file(original, target):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(original, target)
                copied.append(target)
    return Published(
        copied=tuple(copied),
        problems=tuple(f"{source}:{reference.line}: warning: {reference.target}: {why}" for reference, why in bad),
    )


def _same_file(original: Path, copy: Path) -> bool:
    if not copy.is_file():
        return False
    first, second = original.stat(), copy.stat()
    return first.st_size == second.st_size and int(first.st_mtime) == int(second.st_mtime)
