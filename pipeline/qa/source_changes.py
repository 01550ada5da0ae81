"""What changed in a source sentence under its translation, shown where translators look.

``extract`` (and ``translate``) say per language how many translations now need review; ``check``
lists each of them as an info finding with the change written as a word diff
(``vor [-1.200-] {+1.500+} Gästen``), as ``wdiff`` and ``git diff --word-diff`` write one.
"""

from __future__ import annotations

import difflib
import re

WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> str:
    """``new`` with the words ``old`` had instead marked ``[-…-]`` and the new ones ``{+…+}``.

    >>> word_diff("Er sprach vor 1.200 Gästen.", "Er sprach vor 1.500 Gästen.")
    'Er sprach vor [-1.200-]{+1.500+} Gästen.'
    """
    before, after = WORDS.findall(old), WORDS.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append("".join(after[new_start:new_end]))
            continue
        if old_end > old_start:
            parts.append(f"[-{''.join(before[old_start:old_end])}-]")
        if new_end > new_start:
            parts.append(f"{{+{''.join(after[new_start:new_end])}+}}")
    return "".join(parts)


def needs_review_message(count: int, lang: str) -> str:
    """The line ``extract`` and ``translate`` print for a language whose sources changed under translations."""
    what = "translation now needs" if count == 1 else "translations now need"
    return f"{lang}: {count} {what} review: the source sentence changed (`pipeline check` lists them, with the change)"
