"""pipeline.exchange.xliff_format: XLIFF 1.2 files as frozen data, valid against the OASIS strict schema.

The schema (``tests/data/xliff/xliff-core-1.2-strict.xsd`` and the ``xml.xsd`` it imports) is vendored
from Debian's php-symfony-translation package; see ``tests/data/xliff/README.md``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.errors import PipelineError
from pipeline.exchange.inline_codes import Code, split_codes
from pipeline.exchange.xliff_format import ExchangeFile, ExchangeUnit, format_xliff, parse_xliff

SCHEMAS = Path(__file__).parent.parent / "data" / "xliff"


class _LocalSchemas(etree.Resolver):
    """The strict schema imports xml.xsd from the W3C's site: read the copy beside it instead."""

    def resolve(self, url: str, pubid: str, context: object) -> object:
        return self.resolve_filename(str(SCHEMAS / Path(url).name), context)


def xliff_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


LINK = split_codes("Siehe [die Studie](https://x.org/a?b=1&c=2) & <b>x</b>.", markdown=True)
EXCHANGE = ExchangeFile(
    original="seeds/a.md",
    source_lang="de",
    target_lang="fr",
    units=(
        ExchangeUnit(
            "s-1",
            LINK,
            (
                "Voir ",
                Code("1", "["),
                "l'étude",
                Code("2", "]"),
                Code("3", "(https://x.org/a?b=1&c=2)"),
                Code("4", "<b>"),
                "x",
                Code("5", "</b>"),
                ".",
            ),
            state="needs-review-translation",
            notes=(("previous source", "Siehe hier."), ("machine translation", "argos de→fr 1.9")),
        ),
        ExchangeUnit(
            "s-2",
            ("Neu.",),
            context=(("sourcefile", "seeds/a.md"), ("linenumber", "3"), ("x-position", "paragraph 1, sentence 2")),
        ),
        ExchangeUnit("s-3", ("Neu 2.",), ("Neu 2.",), state="new"),
        ExchangeUnit(
            "s-4",
            ("Gut.",),
            ("Bien.",),
            state="final",
            approved=True,
            context=(("sourcefile", "seeds/a.md"), ("x-position", "paragraph 2, sentence 1")),
        ),
    ),
)


def test_written_files_are_valid_xliff_12_strict() -> None:
    schema = xliff_schema()
    assert schema.validate(etree.fromstring(format_xliff(EXCHANGE))), schema.error_log


def test_what_is_written_reads_back_the_same() -> None:
    assert parse_xliff(format_xliff(EXCHANGE), path=Path("a.xlf")) == EXCHANGE


def test_codes_are_ph_elements_holding_the_markup() -> None:
    root = etree.fromstring(format_xliff(EXCHANGE))
    source = root.find(".//{*}trans-unit/{*}source")
    assert [(ph.get("id"), ph.text) for ph in source.iterfind("{*}ph")][:3] == [
        ("1", "["),
        ("2", "]"),
        ("3", "(https://x.org/a?b=1&c=2)"),
    ]


def test_other_inline_elements_are_read_as_codes_and_g_is_read_through() -> None:
    document = b"""<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
      <file original="seeds/a.md" source-language="de" target-language="fr" datatype="plaintext"><body>
        <trans-unit id="s-1"><source>a <ph id="1">**</ph>b<ph id="2">**</ph></source>
          <target>c <x id="1"/><g id="9">d</g><bpt id="2">*</bpt></target></trans-unit>
      </body></file></xliff>"""
    [unit] = parse_xliff(document, path=Path("a.xlf")).units
    assert unit.target == ("c ", Code("1", ""), "d", Code("2", "*"))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"<xliff", "not an XLIFF 1.2 file"),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f"/></xliff>',
            "not an XLIFF 1.2 file",
        ),
        (
            b"""<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
           <file original="a" source-language="de" datatype="plaintext"><body/></file>
           <file original="b" source-language="de" datatype="plaintext"><body/></file></xliff>""",
            "holds 2 <file> elements",
        ),
    ],
)
def test_other_documents_are_refused_with_the_file_named(document: bytes, message: str) -> None:
    with pytest.raises(PipelineError, match=message) as caught:
        parse_xliff(document, path=Path("in/a.xlf"))
    assert str(caught.value).startswith("in/a.xlf: ")
