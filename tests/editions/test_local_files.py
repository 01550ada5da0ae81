"""Relative images and files of Markdown articles work in every edition; missing ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.articles import markdown
from pipeline.editions import local_files
from tests.conftest import run

ARTICLE = """\
# Halle

![Eine Halle](bilder/halle%201.jpg "Foto")

Siehe [das PDF](dokumente/plan.pdf#seite=2), [extern](https://a.de/b.jpg), [oben](#halle) und [Ref][r].

![Fehlt](bilder/fehlt.png) und [Geheim](../../etc/passwd).

[r]: dokumente/plan.pdf "Plan"
"""


def test_references_are_the_local_files_only():
    found = [(reference.target, reference.line) for reference in local_files.references(ARTICLE)]
    assert found == [
        ("bilder/halle 1.jpg", 3),
        ("dokumente/plan.pdf", 5),
        ("bilder/fehlt.png", 7),
        ("../../etc/passwd", 7),
    ]


def make_project() -> None:
    Path("seeds/nord.txt").unlink()
    Path("seeds/halle.md").write_text(ARTICLE, encoding="utf-8")
    Path("seeds/bilder").mkdir()
    Path("seeds/bilder/halle 1.jpg").write_bytes(b"JPEG")
    Path("seeds/dokumente").mkdir()
    Path("seeds/dokumente/plan.pdf").write_bytes(b"PDF")
    assert run("extract").exit_code == 0


def test_build_copies_referenced_files_next_to_every_edition_and_names_missing_ones(project_dir):
    make_project()
    result = run("build")
    assert result.exit_code == 0
    for lang in ("de", "fr", "en"):
        assert Path(f"editions/{lang}/bilder/halle 1.jpg").read_bytes() == b"JPEG"
        assert Path(f"editions/{lang}/dokumente/plan.pdf").read_bytes() == b"PDF"
    assert "seeds/halle.md:7: warning: bilder/fehlt.png: no such file" in result.output
    assert "seeds/halle.md:7: warning: ../../etc/passwd: outside the article's folder" in result.output
    assert not Path("etc").exists() and not any(Path("editions").glob("**/passwd"))
    copied = Path("editions/fr/bilder/halle 1.jpg").stat().st_mtime_ns
    assert run("build").exit_code == 0
    assert Path("editions/fr/bilder/halle 1.jpg").stat().st_mtime_ns == copied  # copied once


def test_check_names_a_missing_file_as_a_warning(project_dir):
    make_project()
    result = run("check", "--json")
    found = [
        (p["line"], p["severity"], p["message"])
        for p in json.loads(result.stdout)["problems"]
        if p["check"] == "local_files"
    ]
    assert found == [
        (7, "warning", "bilder/fehlt.png: no such file"),
        (7, "warning", "../../etc/passwd: outside the article's folder: not published"),
    ]


def test_an_alt_text_left_in_the_source_language_says_so():
    opening, closing = markdown.UNTRANSLATED
    html = markdown.to_html(f"![{opening}Eine Halle{closing}](bilder/halle.jpg)\n", untranslated_lang="de")
    assert html == '<p><img src="bilder/halle.jpg" alt="Eine Halle" lang="de" /></p>\n'
    assert "lang=" not in markdown.to_html("![Une halle](bilder/halle.jpg)\n", untranslated_lang="de")


def test_the_french_edition_marks_an_untranslated_alt_text(project_dir):
    make_project()
    assert run("build", "--lang", "fr").exit_code == 0
    html = Path("editions/fr/halle.html").read_text(encoding="utf-8")
    assert '<img src="bilder/halle%201.jpg" alt="Eine Halle" title="Foto" lang="de" />' in html
