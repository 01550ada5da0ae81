"""Bad input gets a one-line error naming the file (and line), exit code 1, and leaves files as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run

FR = Path("locales/fr/LC_MESSAGES/nord.po")


def snapshot(folder: Path = Path("locales")) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_refused(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    message = result.output.strip().splitlines()[-1]
    assert message.startswith("Error: ")
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize("content, fragments", [
    ("Größe\n".encode("latin-1"), ["seeds/nord.txt:1:", "not UTF-8"]),
    (b"", ["seeds/nord.txt:", "no text"]),
    (b"  \n\t\n\n", ["seeds/nord.txt:", "no text"]),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["seeds/nord.txt:", "binary"]),
    (("Wort " * 10_000).encode(), ["seeds/nord.txt:1:", "paragraph of 50,000 characters"]),
    (("Wort, " * 1_000 + "Ende.\n").encode(), ["seeds/nord.txt:1:", "sentence of 6,005 characters"]),
], ids=["latin-1", "empty", "whitespace-only", "binary", "50k-line", "run-on-sentence"])
def test_bad_article_is_refused_and_catalogs_stay(project_dir, content, fragments):
    assert run("extract").exit_code == 0
    before = snapshot()
    Path("seeds/nord.txt").write_bytes(content)
    assert_refused(run("extract"), *fragments)
    assert snapshot() == before


def test_enormous_article_is_refused_before_it_is_read(project_dir):
    Path("seeds/nord.txt").write_bytes(b"Ein Satz. " * 1_000_000)
    assert_refused(run("extract"), "seeds/nord.txt:", "10.0 MB")
    assert not list(Path("locales").rglob("*.po*"))


def test_seed_folder_without_articles(project_dir):
    Path("seeds/nord.txt").unlink()
    assert_refused(run("extract"), "seeds:", "no articles")


def test_slugs_that_collide_after_normalisation(project_dir):
    Path("seeds/Nord.txt").write_text("Ein Satz.\n", encoding="utf-8")
    assert_refused(run("extract"), "collides")


def test_translator_edit_to_a_msgid_stops_the_run(project_dir):
    assert run("extract").exit_code == 0
    FR.write_text(FR.read_text(encoding="utf-8").replace(
        'msgid "Die Region hofft auf Arbeit."', 'msgid "La région espère du travail."'), encoding="utf-8")
    before = snapshot()
    result = run("extract")
    assert_refused(result, f"{FR}:", "not in the template", "was it edited?")
    assert snapshot() == before


def test_a_broken_catalog_of_one_language_stops_the_run_before_any_write(project_dir):
    assert run("extract").exit_code == 0
    FR.write_text(FR.read_text(encoding="utf-8") + 'msgid "x\n', encoding="utf-8")
    Path("seeds/nord.txt").write_text("Ganz anderer Text.\n", encoding="utf-8")
    before = snapshot()
    assert_refused(run("extract"), f"{FR}:")
    assert snapshot() == before
