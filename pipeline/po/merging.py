"""Merging a language catalog with a new template, as GNU ``msgmerge`` does.

Every rule about what happens to a translation when its article changes lives here:

* an unchanged sentence keeps its entry untouched, apart from the template's references and
  position comments;
* a changed sentence receives the closest reviewed translation (a close edit, see
  :data:`FUZZY_MATCH_THRESHOLD`) as a fuzzy suggestion with the old sentence as ``#| msgid``;
* a sentence split in two or three gets the old translation offered to every part, and a sentence
  joined from two or three gets their human translations joined (see :func:`closest_offer`);
* a changed sentence whose old wording comes back gets its review back, if the translation offered
  for the change had been reviewed and was not edited since (:data:`REVIEWED_BEFORE_MARK`);
* a removed sentence becomes obsolete (``#~``), never deleted, and is revived if it comes back;
* a new sentence is added untranslated.

Merging works on the frozen :class:`pipeline.po.views.Catalog` views and returns a new one; reading
and writing the files is :mod:`pipeline.po.catalogs`'s job, running the merge for a project
:mod:`pipeline.stages.extract`'s.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence

from babel.messages.plurals import get_plural

from pipeline.po.occurrence_alignment import realign_occurrences
from pipeline.po.views import Catalog, Entry, Key, is_machine_draft, text_digest
from pipeline.project import english_language_name

FUZZY_MATCH_THRESHOLD = 0.75
"""Least similarity (difflib ratio) for a previous translation to be offered for a changed sentence.
Only close edits qualify: a wrong guess presented as a translation costs reviewers more than none."""

REVIEWED_BEFORE_MARK = "reviewed for the previous source: "
"""Start of the translator comment the merge adds when it offers a *reviewed* translation for a
changed sentence, followed by a digest of that msgstr. If the old wording comes back while the
msgstr still matches the digest, the review is restored; a translation that was only a draft, or
that a translator edited since, stays fuzzy. A translator comment, because msgmerge and PO editors
keep those (and drop ``#.`` comments and unknown flags)."""

TEMPLATE_DIGEST_FIELD = "X-Template-Digest"
"""Header field of a language catalog naming the template it was last merged with (a digest of the
template's msgctxt/msgid pairs). msgmerge and PO editors keep a catalog's header fields."""


def new_catalog_header(template: Catalog, lang: str) -> tuple[str, dict[str, str]]:
    name = english_language_name(lang)
    header = (
        f"{name} translation of the article {template.metadata['Project-Id-Version']!r}.\n"
        "Translators: edit msgstr; `fuzzy` means a machine draft or a changed source sentence\n"
        "that needs review. Remove the flag when the translation is reviewed."
    )
    metadata = dict(template.metadata)
    metadata.update(
        {
            "Language-Team": name,
            "Language": lang,
            "Plural-Forms": get_plural(lang).plural_forms,
        }
    )
    return header, metadata


def merge_catalog(template: Catalog, previous: Catalog | None, lang: str) -> Catalog:
    """The language catalog for ``template``, keeping every translation ``previous`` holds."""
    if previous is None:
        header, metadata = new_catalog_header(template, lang)
        fuzzy_header = False
        previous = Catalog()
    else:
        header, metadata, fuzzy_header = previous.header, dict(previous.metadata), previous.metadata_is_fuzzy
        for name, value in new_catalog_header(template, lang)[1].items():
            metadata.setdefault(name, value)
        previous = realign_occurrences(template, previous)
    metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    metadata[TEMPLATE_DIGEST_FIELD] = template_digest(template)
    return Catalog(
        header=header,
        metadata=metadata,
        entries=tuple(_merged_entries(template, previous)),
        metadata_is_fuzzy=fuzzy_header,
        written_header=previous.written_header,
    )  # the header as written: its other lines stay


def _merged_entries(template: Catalog, previous: Catalog) -> Iterable[Entry]:
    current = {entry.key: entry for entry in previous.active()}
    obsolete = {entry.key: entry for entry in previous if entry.obsolete}
    wanted = {entry.key for entry in template}
    leftovers = [entry for key, entry in current.items() if key not in wanted]
    candidates = [
        entry for entry in leftovers + list(obsolete.values()) if entry.msgstr and not is_machine_draft(entry)
    ]
    used: set[Key] = set()
    reverted = _reverted_reviews(leftovers)
    sources = template.entries
    new = [entry.key not in current and entry.key not in obsolete for entry in sources]
    joins = _adjacent_runs(
        previous, {entry.key for entry in candidates if not entry.obsolete}, {entry.key for entry in leftovers}
    )

    for index, source in enumerate(sources):
        old = current.get(source.key) or obsolete.get(source.key)
        revives_a_draft = old is not None and old.obsolete and is_machine_draft(old)
        human = closest_translation(source.msgid, candidates, used) if revives_a_draft else None
        if human is not None:  # what a translator typed for the changed wording beats the old machine draft
            yield _suggest(source, human)
        elif old is not None:
            yield _carry_over(source, old)
        elif source.key in reverted:
            used.update(entry.key for entry in reverted[source.key])
            yield _restore_review(source, reverted[source.key][0])
        else:
            match = closest_offer(sources, new, index, candidates, joins, used)
            yield _suggest(source, match) if match else source

    for entry in leftovers:
        if entry.msgstr and entry.key not in used:
            yield _obsolete(entry)
    for key, entry in obsolete.items():
        if key not in wanted and key not in used:
            yield entry


def template_digest(template: Catalog) -> str:
    keys = "\n".join(f"{entry.msgctxt or ''}\x04{entry.msgid}" for entry in template)
    return hashlib.sha256(keys.encode("utf-8")).hexdigest()[:16]


def _carry_over(source: Entry, old: Entry) -> Entry:
    """The translator's entry for an unchanged sentence, with the template's references and comments."""
    if old.msgid_plural or old.msgstr_plural:
        old = _singular(old)
    if "fuzzy" in old.flags and any(REVIEW_ATTESTATION.match(line) for line in old.tcomment.split("\n")):
        old = dataclasses.replace(old, tcomment="\n".join(_comment_for_unreviewed(old)))  # flagged since
    if (
        not old.obsolete
        and old.occurrences == source.occurrences
        and old.comment == source.comment
        and old.comment_empty_line == source.comment_empty_line
    ):
        return old
    return dataclasses.replace(
        old,
        obsolete=False,
        occurrences=source.occurrences,
        comment=source.comment,
        comment_empty_line=source.comment_empty_line,
    )


def _singular(entry: Entry) -> Entry:
    """A plural entry (an editor's, gone to obsolete) as a sentence's entry: its first form, fuzzy, for
    a translator to check. Revived as a plural entry, it would make every command refuse the catalog."""
    flags = entry.flags if "fuzzy" in entry.flags else ("fuzzy", *entry.flags)
    return dataclasses.replace(
        entry,
        msgstr=entry.msgstr_plural.get(0, entry.msgstr),
        msgid_plural="",
        msgstr_plural={},
        previous_msgid_plural=None,
        flags=flags,
    )


def closest_translation(msgid: str, candidates: Iterable[Entry], used: set[Key]) -> Entry | None:
    """The most similar former sentence among ``candidates`` (human translations), if it is a close edit."""
    best, _ = _best_match(msgid, candidates)
    if best is not None:
        used.add(best.key)
    return best


def _comment_without_review_mark(entry: Entry) -> list[str]:
    """The translator comment's lines without the review mark; a lone empty ``#`` line stays."""
    lines = entry.tcomment.split("\n") if entry.tcomment or entry.tcomment_empty_line else []
    return [line for line in lines if not line.startswith(REVIEWED_BEFORE_MARK)]


REVIEW_ATTESTATION = re.compile(r"^\s*reviewed by\b", re.IGNORECASE)
"""A translator comment that says who reviewed the entry (``# Reviewed by the newsroom translation
desk``): true of a reviewed translation only, so it never stays on an entry the merge makes fuzzy."""


def _comment_for_unreviewed(entry: Entry) -> list[str]:
    """:func:`_comment_without_review_mark` without the lines that attest a review."""
    return [line for line in _comment_without_review_mark(entry) if not REVIEW_ATTESTATION.match(line)]


def _reverted_reviews(leftovers: Iterable[Entry]) -> dict[Key, list[Entry]]:
    """Fuzzy entries offered a reviewed translation, still unedited, by the key of their ``#|``
    source: if that sentence is back in the template, their review is restored."""
    found: dict[Key, list[Entry]] = {}
    for entry in leftovers:
        if _offered_as_reviewed(entry) and entry.previous_msgid is not None:  # an offered entry has a `#|` msgid
            found.setdefault((entry.previous_msgctxt, entry.previous_msgid), []).append(entry)
    return found


def _offered_as_reviewed(entry: Entry) -> bool:
    """A fuzzy entry with ``#|`` whose msgstr is still the reviewed translation the merge offered."""
    mark = REVIEWED_BEFORE_MARK + text_digest(entry.msgstr)
    return "fuzzy" in entry.flags and entry.previous_msgid is not None and mark in entry.tcomment.split("\n")


def _restore_review(source: Entry, entry: Entry) -> Entry:
    """``source`` with the reviewed translation it had before its wording changed and came back."""
    comment = _comment_without_review_mark(entry)
    return dataclasses.replace(
        source,
        msgstr=entry.msgstr,
        flags=tuple(flag for flag in entry.flags if flag != "fuzzy"),
        tcomment="\n".join(comment),
        tcomment_empty_line=comment == [""],
    )


WORD = re.compile(r"\w+")
PART_WORD_SHARE = 0.5
"""Least share of a part's words found, in order, in the other side for a split or join to be
recognised: a half is often reworded when a sentence is split (``…, um X zu machen`` → ``Es macht X.``),
while a sentence that merely stands next to a changed one shares next to none."""


MOST_PARTS = 3
"""Most neighbouring sentences a split makes of one, or a join makes one of: an editor splits a long
sentence in two or three, rarely more, and every extra part makes a wrong guess likelier."""


def closest_offer(
    sources: Sequence[Entry],
    new: Sequence[bool],
    index: int,
    candidates: Sequence[Entry],
    joins: Sequence[tuple[Entry, tuple[Entry, ...]]],
    used: set[Key],
) -> Entry | None:
    """The translation to offer a new ``sources[index]``, as msgmerge offers the closest old message
    (also one old message to several new ones): the closest of a close edit of one former sentence,
    a split (:func:`best_split`) and a join (:func:`best_join`), so that a split or joined sentence
    gets its own translation even where one part alone is a close edit of some other old sentence."""
    source = sources[index]
    closest, ratio = _best_match(source.msgid, candidates)
    split, split_ratio = best_split(sources, new, index, candidates)
    joined, join_ratio = best_join(source, joins)
    _, match, used_up = max(
        (ratio, closest, True),
        (split_ratio, split, True),
        (join_ratio, joined, False),
        key=lambda offer: (offer[0], offer[2]),
    )  # on a tie, what uses its entry up
    if match is not None and used_up:
        used.add(match.key)
    return match


def best_split(
    sources: Sequence[Entry], new: Sequence[bool], index: int, candidates: Sequence[Entry]
) -> tuple[Entry | None, float]:
    """The former sentence an editor split into ``sources[index]`` and its new neighbours, and how
    close; (None, 0) when there is none.

    The sentence and its new neighbours (two or three parts, :data:`MOST_PARTS`), read together, are
    a close edit of a former sentence whose words include enough of this sentence's, and closer to it
    than any other part alone (else that part is a changed sentence and this one is new); that
    translation is offered to every part. Only new sentences take part (a neighbour that was already
    in the catalog was not split from anything).
    """
    source = sources[index]
    best: tuple[Entry | None, float] = (None, 0.0)
    for window in _windows_around(index, len(sources)):
        if not all(new[position] for position in window):
            continue
        match, ratio = _best_match(" ".join(sources[position].msgid for position in window), candidates)
        others = [sources[position].msgid for position in window if position != index]
        if (
            match is not None
            and ratio > best[1]
            and _mostly_within(source.msgid, match.msgid)
            and all(_similarity(other, match.msgid) < ratio for other in others)
        ):
            best = (match, ratio)
    return best


def best_join(source: Entry, joins: Sequence[tuple[Entry, tuple[Entry, ...]]]) -> tuple[Entry | None, float]:
    """The former neighbours (read as one) that ``source`` is a close edit of, each part mostly within
    it, and how close; (None, 0) when there are none. Their human translations are offered joined,
    with their msgids as ``#|``; the former entries are not used up: they stay as obsolete, so that
    undoing the join revives them reviewed."""
    best: tuple[Entry | None, float] = (None, 0.0)
    for joined, parts in joins:
        ratio = _similarity(source.msgid, joined.msgid)
        if (
            ratio >= FUZZY_MATCH_THRESHOLD
            and ratio > best[1]
            and all(_mostly_within(part.msgid, source.msgid) for part in parts)
        ):
            best = (joined, ratio)
    return best


def _windows_around(index: int, count: int) -> Iterator[range]:
    """The runs of 2 to :data:`MOST_PARTS` neighbouring positions (of ``count``) that hold ``index``."""
    for size in range(2, MOST_PARTS + 1):
        for start in range(index - size + 1, index + 1):
            if start >= 0 and start + size <= count:
                yield range(start, start + size)


def _adjacent_runs(previous: Catalog, keys: set[Key], gone: set[Key]) -> list[tuple[Entry, tuple[Entry, ...]]]:
    """Runs of 2 to :data:`MOST_PARTS` neighbouring active entries of ``previous`` that a join may have
    merged, each read as one (:func:`_joined`) with its parts: every part is gone from the template
    (``gone``), at least one is a translation in ``keys`` (a human one), the others too or without a
    human text (untranslated, a machine draft), so that joining a translated sentence with an
    untranslated one does not send its text to obsolete."""
    active = list(previous.active())
    runs = [
        tuple(active[start : start + size])
        for size in range(2, MOST_PARTS + 1)
        for start in range(len(active) - size + 1)
    ]
    return [
        (_joined(run, keys), run)
        for run in runs
        if any(entry.key in keys for entry in run)
        and all(entry.key in gone for entry in run)
        and all(entry.key in keys or not entry.msgstr or is_machine_draft(entry) for entry in run)
    ]


def _joined(parts: Sequence[Entry], keys: set[Key]) -> Entry:
    """Former entries read as one: msgids joined with a space, and the human translations (those in
    ``keys``); reviewed only if every part was, fuzzy when a part had no human translation."""
    human = [part for part in parts if part.key in keys]
    comments = dict.fromkeys(line for part in human for line in _comment_without_review_mark(part))
    fuzzy = len(human) < len(parts) or any("fuzzy" in part.flags for part in human)
    return Entry(
        msgid=" ".join(part.msgid for part in parts),
        msgstr=" ".join(part.msgstr for part in human),
        flags=("fuzzy",) if fuzzy else (),
        tcomment="\n".join(comments),
    )


def _similarity(text: str, other: str) -> float:
    """difflib's ratio, or 0 when its quick upper bounds already fall short of a close edit."""
    matcher = difflib.SequenceMatcher(None, text, other, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_MATCH_THRESHOLD or matcher.quick_ratio() < FUZZY_MATCH_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _best_match(text: str, candidates: Iterable[Entry]) -> tuple[Entry | None, float]:
    best, best_ratio = None, FUZZY_MATCH_THRESHOLD
    for candidate in candidates:
        ratio = _similarity(text, candidate.msgid)
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best, best_ratio


def _mostly_within(part: str, whole: str) -> bool:
    """Whether enough words of ``part`` (:data:`PART_WORD_SHARE`) appear, in order, in ``whole``."""
    part_words, whole_words = WORD.findall(part.lower()), WORD.findall(whole.lower())
    matcher = difflib.SequenceMatcher(None, part_words, whole_words, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks())
    return bool(part_words) and found >= PART_WORD_SHARE * len(part_words)


def _suggest(source: Entry, match: Entry) -> Entry:
    """A new entry offering ``match``'s translation, fuzzy, with the msgid it translated as ``#|``;
    a reviewed translation is marked as such (:data:`REVIEWED_BEFORE_MARK`)."""
    already_fuzzy_with_previous = "fuzzy" in match.flags and match.previous_msgid is not None
    comment = _comment_for_unreviewed(match)
    if "fuzzy" not in match.flags or _offered_as_reviewed(match):  # the #| kept below is what was reviewed
        comment.append(REVIEWED_BEFORE_MARK + text_digest(match.msgstr))
    return dataclasses.replace(
        source,
        msgstr=match.msgstr,
        tcomment="\n".join(comment),
        tcomment_empty_line=comment == [""],
        flags=("fuzzy", *(flag for flag in match.flags if flag != "fuzzy")),
        previous_msgid=match.previous_msgid if already_fuzzy_with_previous else match.msgid,
        previous_msgctxt=match.previous_msgctxt if already_fuzzy_with_previous else match.msgctxt,
    )


def _obsolete(entry: Entry) -> Entry:
    return dataclasses.replace(entry, obsolete=True, occurrences=(), comment="", comment_empty_line=False)


def merge_counts(previous: Catalog | None, catalog: Catalog) -> dict[str, int]:
    """How many entries the merge added, offered a previous translation for, and made obsolete."""
    old = previous or Catalog()
    before = {entry.key for entry in old.active()}
    obsolete_before = {entry.key for entry in old if entry.obsolete}
    new_entries = [entry for entry in catalog.active() if entry.key not in before]
    changed = sum(1 for entry in new_entries if entry.previous_msgid is not None)
    return {
        "added": len(new_entries) - changed,
        "changed": changed,
        "obsoleted": sum(1 for entry in catalog if entry.obsolete and entry.key not in obsolete_before),
    }
