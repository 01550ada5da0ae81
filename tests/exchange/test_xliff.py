"""pipeline.exchange.xliff and the `export`/`import` commands: XLIFF 1.2 out to agencies and back."""

from __future__ import annotations

import difflib
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.storage.xliff import xlifffile

from pipeline.errors import EXIT_ERROR, EXIT_REFUSED
from pipeline.exchange.xliff import unit_id
from pipeline.po.catalogs import read_view
from pipeline.po.format import format_catalog
from tests.conftest import entry, load, run, set_draft
from tests.exchange.test_xliff_format import xliff_schema

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}

ARTICLE = (
    "# Batterien aus dem Norden\n"
    "\n"
    "Verkor hat in **Bourbourg** eine [Fabrik](https://verkor.com) eröffnet. Die Region hofft auf Arbeit.\n"
    "\n"
    "Der Bürgermeister ist zufrieden. Die Gewerkschaft bleibt skeptisch.\n"
)
LINKED = "Verkor hat in **Bourbourg** eine [Fabrik](https://verkor.com) eröffnet."


@pytest.fixture
def article(project_dir: Path) -> Path:
    """A Markdown article extracted, with a reviewed sentence, a machine draft and a changed sentence
    in the French catalog (the English one untranslated)."""
    (project_dir / "seeds" / "nord.txt").unlink()
    (project_dir / "seeds" / "nord.md").write_text(ARTICLE, encoding="utf-8")
    assert run("extract").exit_code == 0
    path = project_dir / "locales/fr/LC_MESSAGES/nord.po"
    catalog = load(path)
    entry(catalog, "Batterien aus dem Norden").msgstr = "Des batteries du Nord"
    set_draft(entry(catalog, "Die Region hofft auf Arbeit."), "La région espère du travail.", "argos de→fr 1.9")
    changed = entry(catalog, "Der Bürgermeister ist zufrieden.")
    changed.msgstr, changed.flags = "Le maire est content.", ["fuzzy"]
    changed.previous_msgid = "Der Bürgermeister ist froh."
    catalog.save(str(path))
    path.write_text(format_catalog(read_view(path)), encoding="utf-8")  # laid out as the pipeline writes it
    assert run("extract").exit_code == 0
    return project_dir


def catalogs(root: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))}


def units(path: Path) -> dict[str, etree._Element]:
    tree = etree.parse(str(path))
    return {
        unit.findtext("x:source", namespaces=NS) or unit.get("id"): unit
        for unit in tree.iterfind(".//x:trans-unit", NS)
    }


def edit(path: Path, changes: dict[str, tuple[str, str | None]], *, approved: str | None = None) -> None:
    """Write targets as a CAT tool does, through Translate Toolkit: source text → (target XML, state)."""
    tree = etree.parse(str(path))
    for unit in tree.iterfind(".//x:trans-unit", NS):
        source = unit.find("x:source", NS)
        text = etree.tostring(source, encoding="unicode", with_tail=False)
        text = text[text.index(">") + 1 : text.rindex("<")]
        plain = "".join(source.itertext())
        if plain not in changes:
            continue
        target_xml, state = changes[plain]
        target = unit.find("x:target", NS)
        if target is not None:
            unit.remove(target)
        target = etree.fromstring(f'<target xmlns="{NS["x"]}">{target_xml}</target>')
        if state:
            target.set("state", state)
        source.addnext(target)
        if approved:
            unit.set("approved", approved)
    store = xlifffile.parsestring(etree.tostring(tree))  # re-serialised by another tool
    path.write_bytes(bytes(store))


# --- export ----------------------------------------------------------------------------------------


def test_export_writes_valid_xliff_with_states_notes_and_context(article: Path) -> None:
    result = run("export")
    assert result.exit_code == 0, result.output
    schema = xliff_schema()
    for lang in ("fr", "en"):
        document = etree.parse(str(article / "xliff" / lang / "nord.xlf"))
        assert schema.validate(document), schema.error_log
    found = units(article / "xliff/fr/nord.xlf")
    assert "Des batteries du Nord" not in {u.findtext("x:target", namespaces=NS) for u in found.values()}
    assert len(found) == 4  # the reviewed heading is not sent
    draft = found["Die Region hofft auf Arbeit."]
    assert draft.find("x:target", NS).get("state") == "needs-review-translation"
    assert draft.get("id") == unit_id((None, "Die Region hofft auf Arbeit."))
    assert draft.findtext("x:note[@from='machine translation']", namespaces=NS).startswith("argos de→fr 1.9")
    changed = found["Der Bürgermeister ist zufrieden."]
    assert changed.find("x:target", NS).get("state") == "needs-review-translation"
    assert changed.findtext("x:note[@from='previous source']", namespaces=NS) == "Der Bürgermeister ist froh."
    assert changed.findtext(".//x:context[@context-type='x-position']", namespaces=NS) == "paragraph 3, sentence 1"
    new = found["Die Gewerkschaft bleibt skeptisch."]
    assert new.find("x:target", NS) is None


def test_inline_markdown_travels_as_ph_codes(article: Path) -> None:
    run("export", "--lang", "fr")
    linked = next(u for u in units(article / "xliff/fr/nord.xlf").values() if u.get("id") == unit_id((None, LINKED)))
    codes = [(ph.get("id"), ph.text) for ph in linked.find("x:source", NS).iterfind("x:ph", NS)]
    assert codes == [("1", "**"), ("2", "**"), ("3", "["), ("4", "]"), ("5", "(https://verkor.com)")]


def test_export_all_sends_reviewed_sentences_as_final_and_approved(article: Path) -> None:
    run("export", "--all")
    heading = units(article / "xliff/fr/nord.xlf")["Batterien aus dem Norden"]
    assert heading.get("approved") == "yes"
    assert heading.find("x:target", NS).get("state") == "final"
    assert xliff_schema().validate(etree.parse(str(article / "xliff/fr/nord.xlf")))


@pytest.mark.parametrize("options", [(), ("--all",), ("--copy-source",), ("--all", "--copy-source")])
def test_export_then_import_unchanged_leaves_every_catalog_byte_identical(article: Path, options) -> None:
    before = catalogs(article)
    assert run("export", *options).exit_code == 0
    result = run("import", *map(str, sorted((article / "xliff").glob("*/*.xlf"))))
    assert result.exit_code == 0, result.output
    assert catalogs(article) == before
    assert run("import", "--reviewed", *map(str, sorted((article / "xliff").glob("*/*.xlf")))).exit_code == 0
    assert catalogs(article) == before


# --- import ----------------------------------------------------------------------------------------


def test_states_map_back(article: Path) -> None:
    run("export", "--lang", "fr")
    edit(
        article / "xliff/fr/nord.xlf",
        {
            "Die Region hofft auf Arbeit.": ("La région espère des emplois.", "final"),
            "Die Gewerkschaft bleibt skeptisch.": ("Le syndicat reste sceptique.", "translated"),
            "Der Bürgermeister ist zufrieden.": ("Le maire est satisfait.", "needs-review-translation"),
        },
    )
    before = (article / "locales/fr/LC_MESSAGES/nord.po").read_text(encoding="utf-8")
    result = run("import", "xliff/fr/nord.xlf")
    assert result.exit_code == 0, result.output
    catalog = load(article / "locales/fr/LC_MESSAGES/nord.po")
    final = entry(catalog, "Die Region hofft auf Arbeit.")
    assert (final.msgstr, final.fuzzy) == ("La région espère des emplois.", False)
    translated = entry(catalog, "Die Gewerkschaft bleibt skeptisch.")
    assert (translated.msgstr, translated.fuzzy) == ("Le syndicat reste sceptique.", True)
    review = entry(catalog, "Der Bürgermeister ist zufrieden.")
    assert (review.msgstr, review.fuzzy, review.previous_msgid) == (
        "Le maire est satisfait.",
        True,
        "Der Bürgermeister ist froh.",
    )
    after = (article / "locales/fr/LC_MESSAGES/nord.po").read_text(encoding="utf-8")
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert (
        changed
        == [  # nothing else in the file changes
            line for line in changed if "PO-Revision-Date" in line or line[2:].startswith(("msgstr", "#, fuzzy"))
        ]
    )
    assert len(changed) == 8  # the date; two msgstrs and a flag; one msgstr


def test_translated_is_reviewed_with_the_option_but_needs_review_stays_fuzzy(article: Path) -> None:
    run("export", "--lang", "fr")
    edit(
        article / "xliff/fr/nord.xlf",
        {
            "Die Gewerkschaft bleibt skeptisch.": ("Le syndicat reste sceptique.", "translated"),
            "Die Region hofft auf Arbeit.": ("La région espère des emplois.", "needs-review-translation"),
        },
    )
    assert run("import", "--reviewed", "xliff/fr/nord.xlf").exit_code == 0
    catalog = load(article / "locales/fr/LC_MESSAGES/nord.po")
    assert not entry(catalog, "Die Gewerkschaft bleibt skeptisch.").fuzzy
    assert entry(catalog, "Die Region hofft auf Arbeit.").fuzzy


def test_approved_without_a_state_is_reviewed(article: Path) -> None:
    run("export", "--lang", "fr")
    edit(
        article / "xliff/fr/nord.xlf",
        {"Die Gewerkschaft bleibt skeptisch.": ("Le syndicat doute.", None)},
        approved="yes",
    )
    assert run("import", "xliff/fr/nord.xlf").exit_code == 0
    assert not entry(load(article / "locales/fr/LC_MESSAGES/nord.po"), "Die Gewerkschaft bleibt skeptisch.").fuzzy


def test_inline_codes_map_back_to_the_markup_of_the_source(article: Path) -> None:
    run("export", "--lang", "fr")
    edit(
        article / "xliff/fr/nord.xlf",
        {
            LINKED: (
                (
                    'Verkor a ouvert une <ph id="3">[</ph>usine<ph id="4">]</ph><ph id="5">(https://evil.example)</ph> à '
                    '<ph id="1">**</ph>Bourbourg<ph id="2">**</ph>.'
                ),
                "final",
            )
        },
    )
    assert run("import", "xliff/fr/nord.xlf").exit_code == 0
    translated = entry(load(article / "locales/fr/LC_MESSAGES/nord.po"), LINKED)
    assert translated.msgstr == "Verkor a ouvert une [usine](https://verkor.com) à **Bourbourg**."


def test_a_unit_that_lost_a_code_is_refused_with_its_id(article: Path) -> None:
    run("export", "--lang", "fr")
    edit(
        article / "xliff/fr/nord.xlf",
        {
            LINKED: ("Verkor a ouvert une usine à Bourbourg.", "final"),
            "Die Gewerkschaft bleibt skeptisch.": ("Le syndicat reste sceptique.", "final"),
        },
    )
    result = run("import", "xliff/fr/nord.xlf")
    assert result.exit_code == EXIT_REFUSED
    assert f"unit {unit_id((None, LINKED))}: lost inline code 1 (**), 2 (**), 3 ([), 4 (]), 5" in result.output
    catalog = load(article / "locales/fr/LC_MESSAGES/nord.po")
    assert entry(catalog, LINKED).msgstr == ""
    assert entry(catalog, "Die Gewerkschaft bleibt skeptisch.").msgstr == "Le syndicat reste sceptique."


def test_a_reviewed_translation_is_not_replaced_by_an_unreviewed_one(article: Path) -> None:
    run("export", "--all", "--lang", "fr")
    edit(
        article / "xliff/fr/nord.xlf", {"Batterien aus dem Norden": ("Batteries du Nord", "translated")}, approved="no"
    )
    before = catalogs(article)
    result = run("import", "xliff/fr/nord.xlf")
    assert result.exit_code == 0
    assert "kept the reviewed" in result.output
    assert catalogs(article) == before


def test_a_sentence_changed_since_export_is_offered_fuzzy_with_the_previous_source(article: Path) -> None:
    run("export", "--lang", "fr")
    edit(
        article / "xliff/fr/nord.xlf",
        {"Die Gewerkschaft bleibt skeptisch.": ("Le syndicat reste sceptique.", "final")},
        approved="yes",
    )
    seed = article / "seeds/nord.md"
    seed.write_text(ARTICLE.replace("bleibt skeptisch", "bleibt sehr skeptisch"), encoding="utf-8")
    assert run("extract").exit_code == 0
    result = run("import", "xliff/fr/nord.xlf")
    assert result.exit_code == 0, result.output
    assert "changed since export" in result.output
    offered = entry(load(article / "locales/fr/LC_MESSAGES/nord.po"), "Die Gewerkschaft bleibt sehr skeptisch.")
    assert (offered.msgstr, offered.fuzzy) == ("Le syndicat reste sceptique.", True)
    assert offered.previous_msgid == "Die Gewerkschaft bleibt skeptisch."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('target-language="fr"', 'target-language="it"'), "is for target language 'it', not one of fr, en"),
        (('source-language="de"', 'source-language="en"'), "is for source language 'en', not 'de'"),
        (('original="seeds/nord.md"', 'original="seeds/sued.md"'), "is for 'seeds/sued.md', not an article"),
        (('original="seeds/nord.md"', 'original="seeds/nord.txt"'), "but the article 'nord' is 'seeds/nord.md'"),
    ],
)
def test_a_file_for_another_article_language_or_source_is_refused_with_one_line(
    article: Path, change, message: str
) -> None:
    run("export", "--lang", "fr")
    path = article / "xliff/fr/nord.xlf"
    edit(path, {"Die Gewerkschaft bleibt skeptisch.": ("Le syndicat reste sceptique.", "final")})
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    before = catalogs(article)
    result = run("import", str(path))
    assert result.exit_code == EXIT_ERROR
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: {path}: is for ") and message in line
    assert catalogs(article) == before


def test_not_an_xliff_file_is_refused(article: Path) -> None:
    path = article / "broken.xlf"
    path.write_text("<xliff", encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == EXIT_ERROR
    assert result.output.startswith(f"Error: {path}: not an XLIFF 1.2 file")


def test_catalogs_not_merged_with_the_current_template_are_refused(article: Path) -> None:
    run("export", "--lang", "fr")
    pot = article / "locales/nord.pot"  # as if a later `extract` had been interrupted before the catalogs
    template = polib.pofile(str(pot))
    template.append(polib.POEntry(msgid="Ein neuer Satz.", occurrences=[("seeds/nord.md", "7")]))
    template.save(str(pot))
    result = run("import", "xliff/fr/nord.xlf")
    assert result.exit_code == EXIT_ERROR
    assert "not merged with the current template" in result.output


def test_a_unit_whose_sentence_was_rewritten_beyond_a_close_edit_is_reported_not_imported(article: Path) -> None:
    run("export", "--lang", "fr")
    edit(
        article / "xliff/fr/nord.xlf", {"Die Gewerkschaft bleibt skeptisch.": ("Le syndicat reste sceptique.", "final")}
    )
    (article / "seeds/nord.md").write_text(
        ARTICLE.replace("Die Gewerkschaft bleibt skeptisch.", "Ganz anders sieht es die IG Metall."), encoding="utf-8"
    )
    assert run("extract").exit_code == 0
    before = catalogs(article)
    result = run("import", "xliff/fr/nord.xlf")
    assert result.exit_code == 0
    assert (
        f"unit {unit_id((None, 'Die Gewerkschaft bleibt skeptisch.'))}: its German sentence is no longer"
        in result.output
    )
    assert catalogs(article) == before
