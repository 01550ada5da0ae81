"""GFM in Markdown articles: tables, footnotes, strikethrough, task lists, through the whole loop."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.articles import gfm, markdown
from pipeline.articles.model import assemble, units
from pipeline.qa import checks
from tests.articles.test_markdown import (
    MARKDOWN,
    NEWSROOM,
    block_types,
    catalog_path,
    fails,
    links,
    shout,
    source_text,
    translate_all,
)
from tests.conftest import run

ARTICLE = """\
# Zahlen

Der Etat ist zu knapp.[^etat] Die Bibliothek bleibt offen. Das ~~alte~~ neue Haus ist fertig.

| Stadt | Einwohner | Notiz |
|:------|----------:|:-----:|
| Köln \\| Bonn | 1,1 Mio. | `a\\|b` |
| Passau | 52.000 | Passau |

- [ ] Offen.
- [x] Erledigt.

[^etat]: Quelle: Stadtrat, 2026.
[^zwei]: Zweite Fußnote.
"""


def parsed(text: str = ARTICLE):
    return markdown.parse_markdown(text, slug="zahlen", source="seeds/zahlen.md")


def texts(text: str = ARTICLE) -> list[str]:
    return [unit.text for unit in units(parsed(text))]


def test_cells_footnotes_and_task_items_are_units_and_labels_are_not():
    assert texts() == [
        "Zahlen",
        "Der Etat ist zu knapp.[^etat]",
        "Die Bibliothek bleibt offen.",
        "Das ~~alte~~ neue Haus ist fertig.",
        "Stadt",
        "Einwohner",
        "Notiz",
        "Köln \\| Bonn",
        "1,1 Mio.",
        "`a\\|b`",
        "Passau",
        "52.000",
        "Passau",
        "Offen.",
        "Erledigt.",
        "Quelle: Stadtrat, 2026.",
        "Zweite Fußnote.",
    ]
    assert assemble(parsed(), lambda unit: unit.text) == ARTICLE


def test_a_cell_is_found_in_its_own_column_when_cells_repeat():
    article = parsed()
    cells = [paragraph for paragraph in article.paragraphs if paragraph.line == 8]  # one block per cell
    rebuilt = assemble(article, lambda unit: "X" if unit.text == "Passau" and unit.context else unit.text)
    assert "| Passau | 52.000 | X |" in rebuilt
    assert len(cells) == 3


ROW = st.lists(st.text(alphabet="abc äö|`\\*", min_size=0, max_size=8), min_size=2, max_size=2)


@settings(max_examples=60, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=4))
def test_any_table_comes_back_byte_for_byte_and_keeps_its_shape(rows):
    lines = ["| Kopf | Wert |", "|---|---:|", *("| " + " | ".join(row) + " |" for row in rows)]
    text = "\n".join(lines) + "\n"
    article = parsed(text)
    assert assemble(article, lambda unit: unit.text) == text

    def cells(md):
        return [t.type for t in markdown.source_parser().parse(md) if t.type in ("th_open", "td_open", "tr_open")]

    assert cells(assemble(article, lambda unit: markdown.as_block_text(unit.text + " | x", unit))) == cells(text)


def test_french_typography_never_touches_a_footnote_label(project_dir):
    Path("seeds/nord.txt").unlink()
    Path("seeds/zahlen.md").write_text(ARTICLE, encoding="utf-8")
    assert run("extract").exit_code == 0
    translate_all(Path("seeds/zahlen.md"), shout)
    assert run("build", "--lang", "fr").exit_code == 0
    md = Path("editions/fr/zahlen.md").read_text(encoding="utf-8")
    assert "[^etat]: QUELLE\u00a0: STADTRAT, 2026." in md and "[^zwei]: " in md
    assert "ZU KNAPP.[^etat] DIE BIBLIOTHEK" in md
    html = Path("editions/fr/zahlen.html").read_text(encoding="utf-8")
    assert html.count('class="footnote-item"') == 1 and 'href="#fn1"' in html  # [^zwei] is never referenced
    assert html.count("<td") == 6 and html.count("<th ") == 3 and "<del>" not in html and "<s>ALTE</s>" in html
    assert 'type="checkbox"' in html and "&lt;input" not in html
    assert "pre { overflow-x: auto;" in html


def test_html_edition_of_the_source_renders_tables_and_footnotes():
    html = markdown.to_html(ARTICLE)
    assert '<th style="text-align:right">Einwohner</th>' in html
    assert '<td style="text-align:left">Köln | Bonn</td>' in html and "<code>a|b</code>" in html
    assert '<section class="footnotes">' in html


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Zu knapp.[^etat]", "Trop juste."),
        ("Zu knapp.[^etat]", "Trop juste.[^autre]"),
        ("Das ~~alte~~ Haus.", "La maison."),
        ("Köln \\| Bonn", "Cologne | Bonn"),
    ],
)
def test_inline_markup_check_finds_gfm(source, translation):
    assert fails(source, translation)


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Zu knapp.[^etat] Weiter.", "Trop juste.[^etat] Ensuite."),
        ("Das ~~alte~~ Haus.", "La ~~vieille~~ maison."),
        ("Köln \\| Bonn", "Cologne \\| Bonn"),
        ("Der Befehl `a|b`.", "La commande `a|b`."),
    ],
)
def test_inline_markup_check_passes_gfm(source, translation):
    assert not fails(source, translation)


def test_a_reviewed_translation_that_loses_a_footnote_is_an_error():
    findings = list(checks.check_entry("Zu knapp.[^etat]", "Trop juste.", MARKDOWN, draft=False))
    assert [(check.name, severity.value) for check, severity, _ in findings if check.name == "inline_markup"] == [
        ("inline_markup", "error")
    ]


def test_pipes_in_a_translation_are_escaped_outside_code():
    unit = units(parsed()).__next__()
    assert markdown.as_block_text("A | B `c|d`", unit) == "A \\| B `c|d`"
    assert gfm.escaped_pipes("a \\| b", []) == "a \\| b"


# --- the whole loop on the newsroom corpus (tests/data/markdown) -------------------------------


def footnote_labels(text: str) -> tuple[list[str], list[str]]:
    """The footnote references and the labels defined, as markdown-it-py reads them."""
    tokens = markdown.source_parser().parse(text, {})
    refs = [
        child.meta["label"]
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "footnote_ref"
    ]
    return sorted(refs), sorted(token.meta["label"] for token in tokens if token.type == "footnote_reference_open")


def code_of(text: str) -> list[str]:
    tokens = markdown.source_parser().parse(text, {})
    inline = [
        child.content
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "code_inline"
    ]
    return sorted(inline + [token.content for token in tokens if token.type in ("fence", "code_block")])


@pytest.fixture(params=NEWSROOM, ids=lambda path: path.stem)
def extracted_seed(request, project_dir: Path) -> Path:
    Path("seeds/nord.txt").unlink()
    seed = Path("seeds") / request.param.name
    seed.write_bytes(request.param.read_bytes())
    assert run("extract").exit_code == 0
    return seed


def test_newsroom_loop_keeps_blocks_urls_code_and_footnotes(extracted_seed):
    translate_all(extracted_seed, shout)
    assert run("build").exit_code == 0
    assert Path("editions/de", extracted_seed.name).read_bytes() == extracted_seed.read_bytes()
    source = source_text(extracted_seed)
    edition = Path("editions/fr", extracted_seed.name).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    body = edition[: edition.rindex("\n---\n")]  # less the language links
    assert [t for t in block_types(body) if t != "paragraph_open"][:2] != []
    assert block_types(body)[2:] == block_types(source)  # less the date line
    assert links(markdown.to_html(body)) == links(markdown.to_html(source))
    assert code_of(body) == code_of(source)
    assert footnote_labels(body) == footnote_labels(source)
    result = run("check", "--json", str(catalog_path(extracted_seed)))
    problems = [p for p in json.loads(result.stdout)["problems"] if p["check"] == "inline_markup"]
    assert problems == []
    assert not re.search(r"\[\^[^\]]*\] :", edition)


def test_text_edition_shows_a_row_on_a_line_and_numbers_footnotes():
    text = markdown.plain_text(ARTICLE)
    assert "Stadt | Einwohner | Notiz\n\nKöln | Bonn | 1,1 Mio. | a|b\n\nPassau | 52.000 | Passau" in text
    assert "Der Etat ist zu knapp.[1] Die Bibliothek" in text
    assert text.endswith("[1] Quelle: Stadtrat, 2026.\n")
