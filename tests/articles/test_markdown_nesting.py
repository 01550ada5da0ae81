"""Deep nesting is refused with the file and line, never dropped silently (issue 22, point 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.articles.seeds import read_article
from pipeline.errors import ArticleError
from tests.conftest import run


def nested_list(depth: int) -> str:
    return "".join("  " * level + f"- Punkt {level}.\n" for level in range(depth))


@pytest.mark.parametrize(
    "text, line",
    [
        ("# Titel\n\n" + ">" * 25 + " Tief drin.\n\nEnde.\n", 3),
        ("Anfang.\n\n" + nested_list(15), 3),
        (">" * 1000 + " Tief.\n", 1),  # not "the article has no text"
    ],
)
def test_nesting_markdown_cannot_read_is_refused_with_the_line(tmp_path, text, line):
    path = tmp_path / "tief.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError) as refused:
        read_article(path)
    assert refused.value.line is not None and refused.value.line >= line
    assert "nested too deeply" in str(refused.value)


def test_nesting_markdown_reads_is_kept_whole(tmp_path):
    path = tmp_path / "tief.md"
    path.write_text(nested_list(9) + "\n" + ">" * 18 + " Tief drin.\n", encoding="utf-8")
    sentences = [sentence.text for paragraph in read_article(path).paragraphs for sentence in paragraph.sentences]
    assert sentences == [f"Punkt {level}." for level in range(9)] + ["Tief drin."]


def test_extract_stops_with_one_line_naming_the_file(project_dir):
    Path("seeds/tief.md").write_text(">" * 25 + " Tief drin.\n", encoding="utf-8")
    result = run("extract")
    assert result.exit_code == 1
    assert "seeds/tief.md:1: block quotes or lists nested too deeply" in result.output
