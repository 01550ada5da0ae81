"""Front matter values readers see (title, description, summary) are units; the rest stays as written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml

from pipeline.articles import front_matter, markdown
from pipeline.articles.model import assemble, units
from tests.conftest import load, run

YAML_ARTICLE = """\
---
title: "Haushalt 2027: Wohin das Geld fließt"
description: Der Bund plant Ausgaben. Ein Überblick.
summary: |
  Ein Block.
author: Lena Vogt
tags: [haushalt, bund]
---

# Haushalt

Ein Satz.
"""

TOML_ARTICLE = """\
+++
title = "Wetterbilanz: \\"zu\\" warm"  # vom Desk
summary = 'Der DWD zieht Bilanz.'
date = 2026-11-30T08:00:00+01:00
[params]
  description = "Nicht oben."
+++

# Wetter

Ein Satz.
"""

WEIRD = 'Budget : « où va l’argent » --- \\ "oui"\n# non'


def parsed(text: str, keys=front_matter.DEFAULT_KEYS):
    return markdown.parse_markdown(text, slug="x", source="seeds/x.md", front_matter_keys=keys)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            YAML_ARTICLE,
            [
                ("title", "Haushalt 2027: Wohin das Geld fließt"),
                ("description", "Der Bund plant Ausgaben. Ein Überblick."),
            ],
        ),
        (TOML_ARTICLE, [("title", 'Wetterbilanz: "zu" warm'), ("summary", "Der DWD zieht Bilanz.")]),
    ],
)
def test_values_readers_see_are_units_with_their_key_as_context(text, expected):
    found = [(unit.context, unit.text) for unit in units(parsed(text)) if unit.context]
    assert found == expected
    assert assemble(parsed(text), lambda unit: unit.text) == text


def test_the_keys_are_a_setting():
    assert [unit.context for unit in units(parsed(YAML_ARTICLE, ("description",))) if unit.context] == ["description"]
    assert [unit.context for unit in units(parsed(YAML_ARTICLE, ())) if unit.context] == []


@pytest.mark.parametrize(
    "text, load_front",
    [
        (YAML_ARTICLE, yaml.safe_load),
        (TOML_ARTICLE, tomllib.loads),
    ],
)
def test_a_translated_value_of_any_text_keeps_the_front_matter_and_its_other_keys(text, load_front):
    article = parsed(text)
    translated = assemble(article, lambda unit: markdown.as_block_text(WEIRD if unit.context else unit.text, unit))
    token = markdown.source_parser().parse(translated)[0]
    assert token.type == "front_matter"
    before, after = load_front(markdown.source_parser().parse(text)[0].content), load_front(token.content)
    translated_keys = {unit.context for unit in units(article) if unit.context}
    assert set(before) == set(after)
    for key in before:
        assert after[key] == (" ".join(WEIRD.splitlines()) if key in translated_keys else before[key])


def test_translate_and_build_the_front_matter(project_dir):
    Path("seeds/nord.txt").unlink()
    Path("seeds/x.md").write_text(YAML_ARTICLE, encoding="utf-8")
    assert run("extract").exit_code == 0
    path = Path("locales/fr/LC_MESSAGES/x.po")
    catalog = load(path)
    for entry in catalog:
        entry.msgstr = {"title": "Budget 2027 : où va l’argent", "description": "Le budget. Un aperçu."}.get(
            entry.msgctxt, entry.msgid
        )
    catalog.save(str(path))
    assert run("build").exit_code == 0
    assert Path("editions/de/x.md").read_text(encoding="utf-8") == YAML_ARTICLE
    edition = Path("editions/fr/x.md").read_text(encoding="utf-8")
    front = yaml.safe_load(markdown.source_parser().parse(edition)[0].content)
    assert front["title"] == "Budget 2027\u00a0: où va l’argent"  # French typography, then quoted
    assert front["summary"] == "Ein Block.\n" and front["tags"] == ["haushalt", "bund"]
    assert "author: Lena Vogt\ntags: [haushalt, bund]\n---" in edition


def test_setting_in_pyproject_lists_the_keys(project_dir):
    Path("seeds/nord.txt").unlink()
    Path("seeds/x.md").write_text(TOML_ARTICLE, encoding="utf-8")
    Path("pyproject.toml").write_text('[tool.pipeline]\nfront-matter-key = ["summary"]\n', encoding="utf-8")
    assert run("extract").exit_code == 0
    assert [entry.msgctxt for entry in load(Path("locales/x.pot")) if entry.msgctxt] == ["summary"]
