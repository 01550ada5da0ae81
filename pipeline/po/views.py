"""A catalog as frozen data: the :class:`Catalog` and :class:`Entry` views the pipeline passes
between stages, an entry's :class:`Key`, and what state an entry is in (:class:`EntryState`).

These types import nothing of polib: :mod:`pipeline.po.catalogs` (the only module that does) reads
files into them and changes them through named functions, and :mod:`pipeline.po.format` writes
them: the writer names the types it takes without importing the reader, which imports it.

An entry's state lives where GNU ``msgmerge`` and PO editors keep it (see
:mod:`pipeline.po.catalogs`): a machine draft is ``fuzzy`` with a provenance comment
(:mod:`pipeline.po.provenance`) whose digest is still the msgstr's.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pipeline.po import provenance

Key = tuple[str | None, str]
"""An entry's identity: (msgctxt, msgid), as :attr:`pipeline.articles.model.Unit.key`."""


class EntryState(enum.Enum):
    """What a translator still has to do with an entry."""

    REVIEWED = "reviewed"
    MACHINE_DRAFT = "machine draft"
    EDITED_DRAFT = "edited draft"
    """A machine draft a translator rewrote, still ``fuzzy``: human work waiting for its flag to be cleared."""
    SOURCE_CHANGED = "source changed"
    """Fuzzy but not a plain machine draft: the source changed under a translation (``#|``), or a
    translator flagged it for another look."""
    UNTRANSLATED = "untranslated"
    OBSOLETE = "obsolete"


NO_PLURALS: Mapping[int, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a catalog, frozen. Field names are polib's (and :mod:`pipeline.po.format`'s)."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    flags: tuple[str, ...] = ()
    tcomment: str = ""
    """Translator comments (``# ``), one per line: provenance of drafts, ``qa-ignore``."""
    comment: str = ""
    """Extracted comments (``#.``): the sentence's position, from the template."""
    occurrences: tuple[tuple[str, str], ...] = ()
    """References (``#:``): (file, line)."""
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    """``#| msgid``: the source sentence a fuzzy translation was made for."""
    previous_msgid_plural: str | None = None
    msgid_plural: str = ""
    msgstr_plural: Mapping[int, str] = field(default_factory=lambda: NO_PLURALS, hash=False)
    obsolete: bool = False
    line: int | None = field(default=None, compare=False)
    """Line of the ``msgid`` keyword in the file read, for ``path:line`` messages; not content."""
    tcomment_empty_line: bool = False
    """The translator comment is one empty ``#`` line, which gettext keeps: ``tcomment`` is ``""``
    for that as for no comment at all. Only read while ``tcomment`` is still empty."""
    comment_empty_line: bool = False
    """The same for an extracted comment that is one empty ``#.`` line."""

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    def __reduce__(self) -> tuple:
        """Pickled (for worker processes) with its plural forms as a dict: a read-only mapping
        cannot be pickled."""
        state = {item.name: getattr(self, item.name) for item in dataclasses.fields(self)}
        state["msgstr_plural"] = dict(self.msgstr_plural)
        return (_unpickle_entry, (state,))

    @property
    def state(self) -> EntryState:
        return entry_state(self)


@dataclass(frozen=True, slots=True)
class Catalog:
    """A ``.po``/``.pot`` file as data: header comment, metadata in file order, entries in order."""

    header: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict, hash=False)
    entries: tuple[Entry, ...] = ()
    metadata_is_fuzzy: bool = False
    written_header: Entry | None = None
    """The header entry as the file read had it: its msgstr as written (lines that are not
    ``Key: value``, spacing inside values), its own extracted comments, references and flags, and
    whether its comment is one empty ``#`` line. :mod:`pipeline.po.format` keeps what ``metadata``
    and ``header`` do not change. None for a catalog the pipeline built, or a file without a header."""
    header_position: int = 0
    """How many active entries come before the header entry in the file read: gettext leaves a
    header where it stands. A merged catalog has its header first, as msgmerge writes it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __reduce__(self) -> tuple:
        """Pickled with its metadata as a dict (see :meth:`Entry.__reduce__`)."""
        return (
            Catalog,
            (
                self.header,
                dict(self.metadata),
                self.entries,
                self.metadata_is_fuzzy,
                self.written_header,
                self.header_position,
            ),
        )

    def active(self) -> Iterator[Entry]:
        return (entry for entry in self.entries if not entry.obsolete)

    def with_metadata(self, changes: Mapping[str, str]) -> Catalog:
        """A copy with these header fields set (added at the end when new)."""
        return dataclasses.replace(self, metadata={**self.metadata, **changes})


def _unpickle_entry(state: dict) -> Entry:
    plurals = state.pop("msgstr_plural")
    return Entry(**state, msgstr_plural=MappingProxyType(plurals) if plurals else NO_PLURALS)


# --- entry state ---------------------------------------------------------------------------------


def text_digest(text: str) -> str:
    """A short digest of a msgstr, to tell later whether it is still the text it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _provenance(entry: Entry) -> provenance.Provenance | None:
    if "fuzzy" not in entry.flags or not entry.tcomment:
        return None
    return provenance.read(entry.tcomment)


def is_machine_draft(entry: Entry) -> bool:
    """Fuzzy, marked as machine translation, and its msgstr provably what the engine wrote: the
    digest in the mark is the msgstr's. Without a readable digest nothing is proved, and the msgstr
    counts as a person's text (:mod:`pipeline.po.provenance`)."""
    found = _provenance(entry)
    return found is not None and found.digest == text_digest(entry.msgstr)


def is_edited_draft(entry: Entry) -> bool:
    """A machine draft whose msgstr a translator has rewritten since (the flag still set), or whose
    digest can no longer be read: a person's text either way."""
    return _provenance(entry) is not None and not is_machine_draft(entry)


def entry_state(entry: Entry) -> EntryState:
    if entry.obsolete:
        return EntryState.OBSOLETE
    if not entry.msgstr:
        return EntryState.UNTRANSLATED
    if "fuzzy" not in entry.flags:
        return EntryState.REVIEWED
    if entry.previous_msgid is not None:
        return EntryState.SOURCE_CHANGED
    if is_machine_draft(entry):
        return EntryState.MACHINE_DRAFT
    if is_edited_draft(entry):
        return EntryState.EDITED_DRAFT
    return EntryState.SOURCE_CHANGED
