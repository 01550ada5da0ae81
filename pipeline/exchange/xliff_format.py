"""XLIFF 1.2 files as frozen data, through Translate Toolkit's ``xliff`` storage.

:func:`format_xliff` writes an :class:`ExchangeFile` and :func:`parse_xliff` reads one back; what the
units mean for the catalogs is :mod:`pipeline.exchange.xliff`'s business. Inline codes are written as
``<ph>`` placeables (Translate Toolkit's rich text) and read back from any placeable that carries an
``id`` (``<ph>``, ``<x/>``, ``<bpt>``…; a ``<g>`` is read through). States are read from the XML
attributes themselves, as Weblate does: Translate Toolkit's ``isfuzzy`` couples them with ``approved``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as placeables
from translate.storage.xliff import xlifffile, xliffunit

from pipeline.errors import PipelineError
from pipeline.exchange.inline_codes import Code, Piece, merge_text

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
LOCATION = "location"
"""``purpose`` of the ``<context-group>`` that says where a sentence stands in its article; the
group is named after its unit, as names must be unique in a file."""


class Xliff12Unit(xliffunit):
    """A ``<trans-unit>`` in the XLIFF 1.2 namespace (Translate Toolkit's units are 1.1's)."""

    namespace = XLIFF_12


class Xliff12File(xlifffile):
    """Translate Toolkit's XLIFF store, writing version 1.2 (its skeleton says 1.1), the version
    every CAT tool imports."""

    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{XLIFF_12}">
<file original="NoName" source-language="en" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""
    namespace = XLIFF_12
    UnitClass = Xliff12Unit


@dataclass(frozen=True, slots=True)
class ExchangeUnit:
    """One ``<trans-unit>``."""

    id: str
    source: tuple[Piece, ...]
    target: tuple[Piece, ...] | None = None
    """None without a ``<target>`` element."""
    state: str | None = None
    """The target's ``state`` attribute (``new``, ``needs-review-translation``, ``final``…)."""
    approved: bool = False
    notes: tuple[tuple[str, str], ...] = ()
    """(``from``, text) of each ``<note>``."""
    context: tuple[tuple[str, str], ...] = ()
    """(``context-type``, text) of the :data:`LOCATION` context group."""


@dataclass(frozen=True, slots=True)
class ExchangeFile:
    """One ``<file>``: the sentences of one article for one target language."""

    original: str
    """The article's seed file, as catalogs reference it (``seeds/<slug>.md``)."""
    source_lang: str
    target_lang: str
    units: tuple[ExchangeUnit, ...]


def format_xliff(exchange: ExchangeFile) -> bytes:
    """The XLIFF 1.2 document of ``exchange``."""
    store = Xliff12File(sourcelanguage=exchange.source_lang, targetlanguage=exchange.target_lang)
    store.setfilename(store.getfilenode("NoName"), exchange.original)
    for unit in exchange.units:
        store.addunit(_xliff_unit(unit))
    return bytes(store)


def _xliff_unit(unit: ExchangeUnit) -> xliffunit:
    element = Xliff12Unit("")
    element.xmlelement.set("id", unit.id)  # setid() would prefix the file name
    element.rich_source = [_rich(unit.source)]
    if unit.target is not None:
        element.rich_target = [_rich(unit.target)]
        if unit.state:
            element.getlanguageNode(lang=None, index=1).set("state", unit.state)
    if unit.approved:
        element.markapproved(True)
    for origin, text in unit.notes:
        element.addnote(text, origin=origin)
    if unit.context:
        element.createcontextgroup(unit.id, list(unit.context), purpose=LOCATION)
    return element


def _rich(pieces: tuple[Piece, ...]) -> StringElem:
    return StringElem(
        [piece if isinstance(piece, str) else placeables.Ph(id=piece.id, sub=[piece.text]) for piece in pieces] or [""]
    )


def parse_xliff(data: bytes, *, path: Path) -> ExchangeFile:
    """An XLIFF 1.x document with one ``<file>``; anything else is a :class:`PipelineError`."""
    try:
        store = xlifffile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise PipelineError(f"not an XLIFF 1.2 file ({error})", path=path) from None
    names = store.getfilenames()
    if len(names) != 1:
        raise PipelineError(
            f"holds {len(names)} <file> elements; export writes one per article and language", path=path
        )
    return ExchangeFile(
        original=names[0] or "",
        source_lang=store.getsourcelanguage() or "",
        target_lang=store.gettargetlanguage() or "",
        units=tuple(map(_exchange_unit, store.getunits())),
    )


def _exchange_unit(unit: xliffunit) -> ExchangeUnit:
    target_node = unit.getlanguageNode(lang=None, index=1)
    groups = unit.getcontextgroupsbyattribute("purpose", LOCATION)
    return ExchangeUnit(
        id=unit.xmlelement.get("id") or "",
        source=merge_text(_pieces(unit.rich_source[0])),
        target=None if target_node is None else merge_text(_pieces(unit.rich_target[0])),
        state=None if target_node is None else target_node.get("state"),
        approved=unit.xmlelement.get("approved") == "yes",
        notes=tuple(
            (note.get("from") or "", note.text or "") for note in unit.xmlelement.iterchildren(unit.namespaced("note"))
        ),
        context=tuple((kind, text or "") for kind, text in groups[0]) if groups else (),
    )


def _pieces(element: StringElem) -> Iterator[Piece]:
    """Text and codes of a rich string, in order: a placeable with an ``id`` is a code (its content
    as written), other elements (``<g>`` included) are read through."""
    for sub in element.sub:
        if isinstance(sub, str):
            yield sub
        elif getattr(sub, "id", None) is not None and not isinstance(sub, placeables.G):
            yield Code(str(sub.id), "".join(piece for piece in _pieces(sub) if isinstance(piece, str)))
        else:
            yield from _pieces(sub)
