"""Titles of link reference definitions and of images alone in their paragraph are units."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.articles.link_titles import written_title
from pipeline.articles.model import assemble, units
from pipeline.articles.seeds import segment_text
from tests.conftest import entry, load, run, save

ARTICLE = """\
# Die Förderung

Die [KfW][kfw] und das [Ministerium][bmwk] helfen, siehe [Amt][amt] und [Bank][bank].

![Die Halle](bilder/halle.jpg 'Die neue Halle')

[kfw]: https://www.kfw.de "Förderbank"
[bmwk]: https://www.bmwk.de
  (Ministerium für Wirtschaft)
[amt]: https://amt.de "Ein \\"Amt\\""
[bank]: https://bank.de

> [zitat]: https://zitat.de "Im Zitat"
"""


def parse(text: str):
    return segment_text(text, slug="foerderung", source="seeds/foerderung.md", markdown=True)


def test_each_title_readers_see_is_a_unit_with_its_kind_as_context():
    found = [(unit.context, unit.text, unit.line) for unit in units(parse(ARTICLE))]
    assert found[-4:] == [
        (None, "Die Halle", 5),
        ("image title", "Die neue Halle", 5),
        ("link title", "Förderbank", 7),
        ("link title", "Ministerium für Wirtschaft", 9),
    ]


def test_the_article_is_given_back_byte_for_byte():
    article = parse(ARTICLE)
    assert assemble(article, lambda unit: unit.text) == ARTICLE


@pytest.mark.parametrize(
    "kept",
    [
        '[amt]: https://amt.de "Ein \\"Amt\\""',  # written otherwise than it reads: kept as written
        '[x]: https://x.de "Zwei\nZeilen"',  # over two lines
        '> [zitat]: https://zitat.de "Im Zitat"',  # inside a block quote
        '[y]: https://y.de "&amp; Co"',  # an entity
    ],
)
def test_titles_written_otherwise_than_they_read_stay_as_written(kept):
    article = parse(f"Ein Satz.\n\n{kept}\n")
    assert [unit.text for unit in units(article)] == ["Ein Satz."]
    assert assemble(article, lambda unit: unit.text) == f"Ein Satz.\n\n{kept}\n"


def test_a_title_in_a_sentence_stays_in_the_sentence():
    article = parse('Siehe [hier](https://x.de "Titel") und ![Bild](b.png "Bildtitel") heute.\n')
    assert [unit.text for unit in units(article)] == [
        'Siehe [hier](https://x.de "Titel") und ![Bild](b.png "Bildtitel") heute.'
    ]


def test_written_titles_cannot_end_their_title():
    assert written_title('Le "KfW" (banque) \\ fin') == 'Le \\"KfW\\" \\(banque\\) \\\\ fin'


def test_translated_titles_reach_the_editions(project_dir: Path):
    Path("seeds/nord.txt").unlink()
    Path("seeds/foerderung.md").write_text(ARTICLE, encoding="utf-8")
    assert run("--langs", "fr", "extract").exit_code == 0
    path = Path("locales/fr/LC_MESSAGES/foerderung.po")
    catalog = load(path)
    entry(catalog, "Förderbank", "link title").msgstr = 'La banque "publique" (KfW)'
    entry(catalog, "Die neue Halle", "image title").msgstr = "Le nouveau hall"
    entry(catalog, "Ministerium für Wirtschaft", "link title").msgstr = "Ministère de l'Économie"
    save(catalog, path)
    assert run("--langs", "fr", "build", "--policy", "draft").exit_code == 0
    markdown = Path("editions/fr/foerderung.md").read_text(encoding="utf-8")
    assert '[kfw]: https://www.kfw.de "La banque \u00ab\u202fpublique\u202f\u00bb \\(KfW\\)"\n' in markdown
    assert "(bilder/halle.jpg 'Le nouveau hall')" in markdown
    html = Path("editions/fr/foerderung.html").read_text(encoding="utf-8")
    assert 'title="Le nouveau hall"' in html
    assert 'href="https://www.kfw.de" title="La banque \u00ab\u202fpublique\u202f\u00bb (KfW)"' in html
    assert 'href="https://www.bmwk.de" title="Ministère de l’Économie"' in html
