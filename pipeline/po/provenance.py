"""The provenance comment of a machine draft, read whatever tools did to it between runs.

A machine draft carries the translator comment ``# machine translation: <provenance> [draft <digest>]``:
free text naming the engine (and whatever else a stage adds, such as a confidence figure), then a
digest of the msgstr the engine wrote. Editors and gettext tools keep translator comments but not
their layout: polib wraps them at 78 columns (``…[draft`` / ``# 654d9700]``), others re-flow, reorder
or drop lines. So the comment is read as one text, its lines joined, and the digest may be broken
across lines too.

The rule this module serves: **where the pipeline cannot prove an msgstr is exactly what the engine
wrote, it is a person's text.** A mark without a readable digest, or with a digest of another text,
proves nothing, and the msgstr is treated as a translator's (kept, offered with ``#|``, never
re-drafted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = "machine translation: "
"""How the pipeline writes the start of the provenance comment."""

_PROVENANCE = re.compile(
    r"(?:^|(?<=\s))machine\s+translation:\s*(?P<text>.*?)\s*"
    r"(?:\[\s*draft\s+(?P<digest>(?:[0-9a-f]\s*){8})\]|$)",
    re.DOTALL,
)
"""The mark, the free text up to the first ``[draft …]``, and the digest, over the joined lines."""


@dataclass(frozen=True, slots=True)
class Provenance:
    text: str
    """What made the draft, as written after the mark (``Argos Translate de→en 1.9``)."""
    digest: str | None
    """The digest of the msgstr the engine wrote; ``None`` when none can be read."""
    lines: range
    """The comment lines the provenance spans (to replace it with a new one)."""


def mark(provenance: str, digest: str) -> str:
    """The comment line of a new machine draft."""
    return f"{MARK}{provenance} [draft {digest}]"


def read(comment: str) -> Provenance | None:
    """The provenance in a translator comment (lines joined by ``\\n``), or ``None``."""
    lines = comment.split("\n")
    joined = " ".join(lines)
    found = _PROVENANCE.search(joined)
    if found is None:
        return None
    digest = re.sub(r"\s+", "", found.group("digest")) if found.group("digest") else None
    first, last = _line_of(lines, found.start()), _line_of(lines, max(found.start(), found.end() - 1))
    return Provenance(text=" ".join(found.group("text").split()), digest=digest, lines=range(first, last + 1))


def without(comment: str) -> list[str]:
    """The translator comment's lines without the provenance (all of it, however it was wrapped)."""
    lines = comment.split("\n") if comment else []
    found = read(comment) if comment else None
    if found is None:
        return lines
    if found.digest is None:  # a mark without digest: only its own line is known to be ours
        return [line for index, line in enumerate(lines) if index != found.lines.start]
    return [line for index, line in enumerate(lines) if index not in found.lines]


def _line_of(lines: list[str], offset: int) -> int:
    """The line holding ``offset`` of the lines joined with one space each."""
    start = 0
    for index, line in enumerate(lines):
        start += len(line) + 1
        if offset < start:
            return index
    return len(lines) - 1
