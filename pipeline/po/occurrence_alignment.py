"""Repeated sentences keep their own translations when a copy is inserted or removed above them.

A sentence that occurs several times in an article is told apart by its occurrence number
(``msgctxt "occurrence 2"``, :func:`pipeline.articles.model.occurrence_context`). Inserting another copy
above them renumbers the copies, and matching by key would move each reviewed translation onto its
neighbour's sentence (``Is the minister coming? Yes, there are.``). So before merging, the copies
in the previous catalog are paired with the template's by aligning the two sequences of sentences
(difflib, as ``diff`` aligns lines: a copy keeps the translation of the copy that followed the same
sentence, or a reworded one), and renumbered accordingly. A copy that cannot be paired is given a free
occurrence number the template lacks: the merge then treats it as a former sentence, offering its
text only as a fuzzy suggestion (``#|``) or keeping it obsolete, never as a reviewed translation
of another copy.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections import Counter

from pipeline.articles.model import occurrence_context
from pipeline.po.views import Catalog, Entry, Key


def realign_occurrences(template: Catalog, previous: Catalog) -> Catalog:
    """``previous`` with the copies of each repeated sentence renumbered as their places in ``template``."""
    old = list(previous.active())
    new = list(template.entries)
    counts = Counter(entry.msgid for entry in old) | Counter(entry.msgid for entry in new)
    repeated = {msgid for msgid, count in counts.items() if count > 1}
    if not repeated:
        return previous
    keys = _aligned_keys(old, new, repeated)
    taken = {entry.key for entry in template} | {entry.key for entry in previous}
    renamed: dict[int, Entry] = {}
    for index, entry in enumerate(old):
        if entry.msgid not in repeated:
            continue
        key = keys.get(index) or _free_key(entry.msgid, taken)
        taken.add(key)
        if key != entry.key:
            renamed[id(entry)] = dataclasses.replace(entry, msgctxt=key[0])
    if not renamed:
        return previous
    return dataclasses.replace(previous, entries=tuple(renamed.get(id(entry), entry) for entry in previous.entries))


def _aligned_keys(old: list[Entry], new: list[Entry], repeated: set[str]) -> dict[int, Key]:
    """Index in ``old`` → the template key of the copy it is aligned with, for repeated sentences.

    A copy is placed only where the sentence before it shows it is the same copy: that sentence is
    aligned too, or both are unaligned and neither occurs on the other side (the sentence before was
    reworded, not moved or copied elsewhere), or both copies open their article. A copy whose sentence before was removed on one side and kept on the other
    (its neighbours shifted) stays unplaced."""
    matcher = difflib.SequenceMatcher(
        None, [entry.msgid for entry in old], [entry.msgid for entry in new], autojunk=False
    )
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    old_aligned = {block.a + offset for block in blocks for offset in range(block.size)}
    new_aligned = {block.b + offset for block in blocks for offset in range(block.size)}
    old_sentences, new_sentences = {entry.msgid for entry in old}, {entry.msgid for entry in new}
    found = {}
    for block in blocks:
        for offset in range(block.size):
            a, b = block.a + offset, block.b + offset
            if old[a].msgid not in repeated:
                continue
            before_kept = offset > 0 or a == b == 0
            before_reworded = (
                a > 0
                and b > 0
                and a - 1 not in old_aligned
                and b - 1 not in new_aligned
                and old[a - 1].msgid not in new_sentences
                and new[b - 1].msgid not in old_sentences
            )
            if before_kept or before_reworded:
                found[a] = new[b].key
    return found


def _free_key(msgid: str, taken: set[Key]) -> Key:
    """The first occurrence key of ``msgid`` neither the template nor the catalog uses."""
    number = 2
    while (occurrence_context(number), msgid) in taken:
        number += 1
    return (occurrence_context(number), msgid)
