"""TMX 1.4 files, read and written through Translate Toolkit's ``tmx`` storage (as Weblate does).

Only this module touches Translate Toolkit's TMX objects; the rest of the pipeline sees
:class:`TmxPair` records. Translate Toolkit parses with its safe XML parser (no external entities,
no network), which matters for memories that come from outside the newsroom.

A TMX unit (``<tu>``) holds one variant (``<tuv xml:lang="…">``) per language. A pair is read from a
unit that has the source language and the wanted target language; a variant's language matches when
it is the same code (``pt-BR`` for ``pt_BR``, any case) or, for a project language without a region
(``fr``), the same language with any region (``fr-FR``, ``fr-CA``), as CAT tools write regional codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from translate.misc.xml_helpers import getXMLlang
from translate.storage.tmx import tmxfile, tmxunit

from pipeline.errors import PipelineError, os_error


@dataclass(frozen=True, slots=True)
class TmxPair:
    source: str
    target: str
    lang: str
    """The target language, as the project spells it."""
    line: int | None = None
    """Line of the ``<tu>`` in the file read."""
    note: str = ""


def language_matches(written: str | None, lang: str) -> bool:
    """Whether a ``xml:lang`` value names the project language ``lang``.

    >>> language_matches("FR-fr", "fr"), language_matches("pt-BR", "pt_BR"), language_matches("pt-PT", "pt_BR")
    (True, True, False)
    """
    if not written:
        return False
    code, wanted = written.replace("_", "-").lower(), lang.replace("_", "-").lower()
    return code == wanted or ("-" not in wanted and code.split("-")[0] == wanted)


def parse_tmx(data: bytes, *, path: Path) -> tmxfile:
    """A TMX file's store; anything but TMX is an error naming the file (and line)."""
    try:
        store = tmxfile.parsestring(data)
    except etree.XMLSyntaxError as error:
        raise PipelineError(f"not a TMX file: {error.msg}", path=path, line=error.lineno or None) from None
    except AssertionError:  # Translate Toolkit's check of the root element
        raise PipelineError("not a TMX file: the root element is not <tmx>", path=path) from None
    return store


def read_tmx(path: Path) -> tmxfile:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise os_error(error, "cannot read", path) from None
    return parse_tmx(data, path=path)


def pairs(store: tmxfile, source_lang: str, langs: Iterable[str]) -> Iterator[TmxPair]:
    """The (source, target) pairs of ``store`` for each of ``langs``, in file order; units without
    text on either side are passed over."""
    wanted = tuple(langs)
    for unit in store.units:
        texts = _texts(unit)
        source = next((text for written, text in texts if language_matches(written, source_lang)), None)
        if not source:
            continue
        for lang in wanted:
            target = next((text for written, text in texts if language_matches(written, lang)), None)
            if target:
                yield TmxPair(
                    source=source, target=target, lang=lang, line=unit.xmlelement.sourceline, note=unit.getnotes()
                )


def _texts(unit: tmxunit) -> list[tuple[str | None, str]]:
    return [(getXMLlang(node), unit.getNodeText(node) or "") for node in unit.getlanguageNodes()]


def tmx_bytes(found: Iterable[TmxPair], source_lang: str) -> bytes:
    """A TMX 1.4 document of ``found``: one unit per pair, the pair's note as the unit's note."""
    store = tmxfile(sourcelanguage=source_lang)
    for pair in found:
        store.addtranslation(pair.source, source_lang, pair.target, pair.lang, comment=pair.note or None)
    return bytes(store)
