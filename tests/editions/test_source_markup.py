"""URLs, code and image paths come from the current source; a translation adds no markup, URL or raw
HTML to any edition (issue 22, points 4 and 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.editions.source_markup import added_markup, carried_over
from tests.articles import test_markdown
from tests.articles.test_markdown import FRENCH, UNITS, review
from tests.conftest import run
from tests.editions.test_build import edition

markdown_project = test_markdown.markdown_project  # the fixture, shared with the Markdown tests
LINK_UNIT = UNITS[14][1]  # Ein [Verkor](https://verkor.com)-Sprecher sagte: "Wir bleiben."
ALT_UNIT = UNITS[12][1]  # the alt text of ![Eine Fabrik in Dunkerque](bilder/fabrik.jpg "Foto")


def everything(lang: str = "fr") -> str:
    return "".join(edition(lang, suffix) for suffix in ("md", "html", "txt"))


def test_a_corrected_link_reaches_the_editions(markdown_project):
    review(FRENCH)
    seed = Path("seeds/nord.md")
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("(https://verkor.com)", "(https://verkor.fr/presse)"), encoding="utf-8"
    )
    assert run("extract").exit_code == 0
    assert run("build", "--lang", "fr").exit_code == 0
    assert "verkor.com)" not in edition("fr", "md") and 'href="https://verkor.com"' not in edition("fr", "html")
    assert "Un porte-parole de [Verkor](https://verkor.fr/presse) a dit" in edition("fr", "md")


def test_a_mistyped_url_in_a_reviewed_translation_is_published_as_the_source_has_it(markdown_project):
    review({**FRENCH, LINK_UNIT: 'Un porte-parole de [Verkor](https://verkor.co) a dit : "Nous restons."'})
    assert run("build", "--lang", "fr").exit_code == 0
    assert "https://verkor.co)" not in edition("fr", "md") and "[Verkor](https://verkor.com)" in edition("fr", "md")


@pytest.mark.parametrize(
    "translation",
    [
        "Un porte-parole de [Verkor](https://verkor.com) a dit : ![p](http://evil.example/p.png)",
        "Un porte-parole de [Verkor](javascript:alert(1)) [Verkor](https://verkor.com) a dit.",
        "Un porte-parole de [Verkor](https://verkor.com) a dit : voir http://evil.example/x.",
    ],
)
def test_a_translation_adding_an_image_link_or_url_is_not_published(markdown_project, translation):
    review({**FRENCH, LINK_UNIT: translation})
    result = run("build", "--lang", "fr")
    assert result.exit_code == 0
    assert "evil.example" not in everything() and "javascript:" not in everything()
    assert "Ein [Verkor](https://verkor.com)-Sprecher" in edition("fr", "md")  # the source sentence instead
    assert "warning: translation not published, it adds" in result.output
    assert "1 phrase sur 16 reste en allemand\u00a0: sa traduction contenait un balisage" in edition("fr", "txt")


def test_an_alt_text_cannot_close_itself_and_add_an_image(markdown_project):
    review({**FRENCH, ALT_UNIT: "x](http://evil.example/track.png)"})
    assert run("build", "--lang", "fr").exit_code == 0
    assert "evil.example" not in everything()
    review({**FRENCH, ALT_UNIT: "x](/track.png)"})
    assert run("build", "--lang", "fr").exit_code == 0
    assert "track.png" not in everything()


def test_raw_html_of_a_translation_is_never_live_in_the_markdown_edition(markdown_project):
    review({**FRENCH, LINK_UNIT: 'Un porte-parole <img src=x onerror="alert(1)"> de [Verkor](https://verkor.com).'})
    assert run("build", "--lang", "fr").exit_code == 0
    markdown = edition("fr", "md")
    assert "\\<script>alert(1)\\</script>" in markdown and "\\<img src=x onerror" in markdown
    from pipeline.articles.markdown import to_html

    rendered = to_html(markdown)  # any CommonMark renderer downstream
    assert "<script>" not in rendered and "<img src=x" not in rendered


def test_a_plain_text_translation_adding_a_url_is_not_published(project_dir):
    from tests.editions.test_build import EN, ENGLISH, translate

    assert run("extract").exit_code == 0
    translate(EN, {**ENGLISH, "Ja.": "Yes, see www.evil.example."})
    assert run("build", "--lang", "en").exit_code == 0
    assert "evil.example" not in everything("en")


def test_the_helpers():
    assert (
        carried_over("Siehe `a` und [x](u1).", "Siehe `b` und [x](u2).", "Voir [x](u1) et `a`.", markdown=True)
        == "Voir [x](u2) et `b`."
    )
    assert carried_over("Siehe [x](u1).", "Siehe [x](u1) und [y](u2).", "Voir [x](u1).", markdown=True) is None
    assert added_markup("Ja.", "Oui.", markdown=True) is None
    assert added_markup("[Ja](u).", "[Oui](u).", markdown=True) is None
