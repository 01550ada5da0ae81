"""A language catalog against its template (pipeline.po.template_match): hand-edited msgids and
msgctxts, entries the template lacks and plural entries are found by one function, and every command
that reads catalogs reports them (issue 11, point 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.po.catalogs import parse_view
from pipeline.po.format import format_catalog
from pipeline.po.merging import merge_catalog
from pipeline.po.template_match import template_mismatches
from tests.conftest import run

FR = Path("locales/fr/LC_MESSAGES/nord.po")
EN = Path("locales/en/LC_MESSAGES/nord.po")
HEADER = 'msgid ""\nmsgstr ""\n"Project-Id-Version: nord\\n"\n"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n'
TEMPLATE = parse_view(
    HEADER + '\nmsgid "Ja."\nmsgstr ""\n\nmsgctxt "occurrence 2"\nmsgid "Ja."\nmsgstr ""\n\nmsgid "Nein."\nmsgstr ""\n',
    path="nord.pot",
)


def merged_then(edit) -> str:
    """The French catalog of TEMPLATE as extract writes it, with ``edit`` applied to its text."""
    return edit(format_catalog(merge_catalog(TEMPLATE, None, "fr")))


def mismatches(text: str) -> list[tuple[int | None, str]]:
    found = template_mismatches(parse_view(text, path="fr.po"), TEMPLATE)
    return [(item.line, item.message) for item in found]


def test_a_catalog_as_merged_matches_its_template():
    assert mismatches(merged_then(lambda text: text)) == []


def test_an_edited_msgid_is_named_with_its_line():
    text = merged_then(lambda text: text.replace('msgid "Nein."', 'msgid "Non."'))
    [(line, message)] = mismatches(text)
    assert text.split("\n")[line - 1] == 'msgid "Non."'
    assert "msgid 'Non.'" in message and "not in the template" in message


def test_an_edited_msgctxt_is_reported_as_such():
    text = merged_then(lambda text: text.replace('"occurrence 2"', '"occurrence 3"'))
    [(line, message)] = mismatches(text)
    assert message.startswith("msgctxt 'occurrence 3' of msgid 'Ja.'")
    assert text.split("\n")[line - 1] == 'msgid "Ja."'


def test_a_plural_entry_is_refused_even_in_a_catalog_out_of_step():
    text = merged_then(
        lambda text: text.replace(
            'msgid "Nein."\nmsgstr ""', 'msgid "Nein."\nmsgid_plural "Neins."\nmsgstr[0] ""\nmsgstr[1] ""'
        )
    )
    text = text.replace("X-Template-Digest", "X-Old-Digest")
    [(_, message)] = mismatches(text)
    assert "plural" in message


def test_a_catalog_out_of_step_with_its_template_is_left_to_extract():
    text = merged_then(lambda text: text.replace('msgid "Nein."', 'msgid "Non."'))
    assert mismatches(text.replace("X-Template-Digest", "X-Old-Digest")) == []


# --- through the commands ------------------------------------------------------------------------


@pytest.fixture
def edited_msgctxt(project_dir) -> int:
    """The French catalog with a hand-edited msgctxt; returns the line of its msgid."""
    assert run("extract").exit_code == 0
    text = FR.read_text(encoding="utf-8").replace('msgctxt "occurrence 2"', 'msgctxt "occurrence 9"')
    FR.write_text(text, encoding="utf-8")
    return text.split("\n").index('msgctxt "occurrence 9"') + 2


def test_extract_names_the_edited_msgctxt(edited_msgctxt):
    result = run("extract")
    assert result.exit_code == 1
    assert f"{FR}:{edited_msgctxt}: msgctxt 'occurrence 9'" in result.output


def test_check_reports_the_edited_entry_at_its_line(edited_msgctxt):
    result = run("check", "--json")
    assert result.exit_code == 3, result.output
    found = [p for p in json.loads(result.stdout)["problems"] if p["check"] == "template"]
    assert [(p["path"], p["line"], p["severity"]) for p in found] == [(str(FR), edited_msgctxt, "error")]


def test_status_says_the_catalog_needs_repair(edited_msgctxt):
    result = run("status", "--json")
    assert result.exit_code == 0, result.output
    fr, en = json.loads(result.stdout)["catalogs"]
    assert fr["needs_repair"].startswith(f"{FR}:{edited_msgctxt}: msgctxt")
    assert en["needs_repair"] is None
    lines = run("status").output.splitlines()
    assert lines[1].split()[:4] == ["nord", "fr", "needs", "repair"]
    assert any(line.startswith(f"needs repair: {FR}:{edited_msgctxt}: msgctxt 'occurrence 9'") for line in lines)


def test_build_refuses_the_article_instead_of_publishing_german(edited_msgctxt):
    edited = FR.read_text(encoding="utf-8")
    FR.write_text(edited.replace('"occurrence 9"', '"occurrence 2"'), encoding="utf-8")
    Path("seeds/sued.txt").write_text("Der Süden wartet.\n", encoding="utf-8")
    assert run("extract").exit_code == 0
    FR.write_text(edited, encoding="utf-8")
    result = run("build", "--lang", "fr")
    assert result.exit_code == 1, result.output
    assert f"Error: {FR}:{edited_msgctxt}: msgctxt 'occurrence 9'" in result.output
    assert not Path("editions/fr/nord.txt").exists()
    assert Path("editions/fr/sued.txt").exists()  # other articles are still published


@pytest.mark.parametrize("damage", ["delete", "garble"])
def test_check_reports_a_missing_or_unreadable_template(project_dir, damage):
    assert run("extract").exit_code == 0
    template = Path("locales/nord.pot")
    if damage == "delete":
        template.unlink()
    else:
        template.write_text('msgid "unterminated\n', encoding="utf-8")
    result = run("check", "--json")
    assert result.exit_code == 3, result.output
    found = {(p["path"], p["severity"]) for p in json.loads(result.stdout)["problems"] if p["check"] == "template"}
    assert found == {(str(FR), "error"), (str(EN), "error")}
    assert run("status").output.count("needs repair") >= 2
