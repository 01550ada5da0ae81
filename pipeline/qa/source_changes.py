"""What changed in a source sentence under its translation, shown where translators look.

``extract`` (and ``translate``) say per language how many translations now need review; ``check``
lists each of them as an info finding with the change written as a word diff
(``vor [-1.200-] {+1.500+} Gästen``), as ``wdiff`` and ``git diff --word-diff`` write one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

WORDS = re.compile(r"\s+|[^\s]+")


def word_changes(old: str, new: str, words: re.Pattern[str] = WORDS) -> Iterator[tuple[str, str, str]]:
    """``old`` and ``new`` cut into ``words`` and compared as ``diff`` compares lines: runs of
    (kept, removed, added) text, of which either the first or the other two are empty."""
    before, after = words.findall(old), words.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            yield "".join(after[new_start:new_end]), "", ""
        else:
            yield "", "".join(before[old_start:old_end]), "".join(after[new_start:new_end])


def word_diff(old: str, new: str) -> str:
    """``new`` with the words ``old`` had instead marked ``[-…-]`` and the new ones ``{+…+}``.

    >>> word_diff("Er sprach vor 1.200 Gästen.", "Er sprach vor 1.500 Gästen.")
    'Er sprach vor [-1.200-]{+1.500+} Gästen.'
    """
    return "".join(
        kept + (f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else "")
        for kept, removed, added in word_changes(old, new)
    )


def needs_review_message(count: int, lang: str) -> str:
    """The line ``extract`` and ``translate`` print for a language whose sources changed under translations."""
    what = "translation now needs" if count == 1 else "translations now need"
    return f"{lang}: {count} {what} review: the source sentence changed (`pipeline check` lists them, with the change)"
