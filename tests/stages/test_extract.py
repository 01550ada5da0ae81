"""The extraction stage (pipeline.stages.extract): layout, headers, msgmerge-like updates on disk."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from pipeline.articles.seeds import read_article
from pipeline.po.catalogs import read_view
from pipeline.po.views import EntryState, entry_state
from pipeline.project import Project
from pipeline.stages import extract
from tests.conftest import entry, load, run, save, set_draft

FR = Path("locales/fr/LC_MESSAGES/nord.po")
EN = Path("locales/en/LC_MESSAGES/nord.po")
POT = Path("locales/nord.pot")

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")


def extract_at(moment: datetime) -> None:
    project = Project()
    for path in project.article_paths():
        extract.extract(project, read_article(path), moment=moment)


def edit_article(old: str, new: str) -> None:
    """Change the small article's text, as its author would."""
    article = Path("seeds/nord.txt")
    article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def snapshot(*paths: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in paths}


def test_extract_writes_template_and_one_catalog_per_language(project_dir):
    result = run("extract")
    assert result.exit_code == 0, result.output
    template = load(POT)
    assert [e.msgid for e in template][:3] == [
        "Batterien aus dem Norden",
        "Verkor hat in Bourbourg eine Fabrik eröffnet.",
        "Dr. Weber sprach am 3. Oktober vor 1.200 Gästen.",
    ]
    for path, lang in ((FR, "fr"), (EN, "en")):
        catalog = read_view(path)
        assert catalog.metadata["Language"] == lang
        assert catalog.metadata["Content-Type"] == "text/plain; charset=UTF-8"
        assert [e.msgid for e in catalog] == [e.msgid for e in template]
        assert all(entry_state(e) is EntryState.UNTRANSLATED for e in catalog)
    assert load(FR).metadata["Plural-Forms"] == get_plural("fr").plural_forms  # CLDR data, via babel
    assert load(EN).metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_entries_carry_reference_and_position(project_dir):
    run("extract")
    verkor = entry(load(FR), "Die Region hofft auf Arbeit.")
    assert verkor.occurrences == [("seeds/nord.txt", "3")]
    assert verkor.comment == "paragraph 3, sentence 1"


def test_repeated_sentences_are_kept_apart_by_occurrence_context(project_dir):
    run("extract")
    template = load(POT)
    assert entry(template, "Ja.").occurrences == [("seeds/nord.txt", "3")]
    assert entry(template, "Ja.", "occurrence 2").occurrences == [("seeds/nord.txt", "4")]


def test_context_of_a_repeated_sentence_survives_a_paragraph_inserted_above(project_dir):
    run("extract")
    article = Path("seeds/nord.txt")
    article.write_text("Neue Einleitung.\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    run("extract")
    keys = {(e.msgctxt, e.msgid) for e in load(POT)}
    assert {(None, "Ja."), ("occurrence 2", "Ja.")} <= keys


def test_second_run_changes_nothing_on_disk(project_dir):
    extract_at(datetime(2026, 1, 1, tzinfo=UTC))
    before = snapshot(POT, FR, EN)
    extract_at(datetime(2026, 2, 1, tzinfo=UTC))
    assert snapshot(POT, FR, EN) == before


def translate_by_hand(path: Path, translations: dict[str, str], *, comment: str = "") -> None:
    catalog = load(path)
    for msgid, msgstr in translations.items():
        found = entry(catalog, msgid)
        found.msgstr = msgstr
        found.tcomment = comment
    save(catalog, path)


def test_update_keeps_work_offers_changed_sentences_and_obsoletes_removed_ones(project_dir):
    extract_at(datetime(2026, 1, 1, tzinfo=UTC))
    translate_by_hand(
        FR,
        {
            "Batterien aus dem Norden": "Des batteries venues du Nord",
            "Verkor hat in Bourbourg eine Fabrik eröffnet.": "Verkor a ouvert une usine à Bourbourg.",
            "Die Region hofft auf Arbeit.": "La région espère du travail.",
        },
        comment="vérifié par Claire",
    )
    article = Path("seeds/nord.txt")
    text = article.read_text(encoding="utf-8")
    text = text.replace("eine Fabrik eröffnet.", "eine große Fabrik eröffnet.")
    text = text.replace("Die Region hofft auf Arbeit. ", "")
    text += "Ein neuer Satz kommt hinzu.\n"
    article.write_text(text, encoding="utf-8")

    extract_at(datetime(2026, 2, 1, tzinfo=UTC))
    catalog = read_view(FR)

    unchanged = entry(catalog, "Batterien aus dem Norden")
    assert (unchanged.msgstr, unchanged.flags, unchanged.tcomment) == (
        "Des batteries venues du Nord",
        (),
        "vérifié par Claire",
    )
    changed = entry(catalog, "Verkor hat in Bourbourg eine große Fabrik eröffnet.")
    assert changed.msgstr == "Verkor a ouvert une usine à Bourbourg."
    assert changed.flags == ("fuzzy",)
    assert changed.previous_msgid == "Verkor hat in Bourbourg eine Fabrik eröffnet."
    assert entry_state(changed) is EntryState.SOURCE_CHANGED
    removed = entry(catalog, "Die Region hofft auf Arbeit.")
    assert removed.obsolete and removed.msgstr == "La région espère du travail."
    new = entry(catalog, "Ein neuer Satz kommt hinzu.")
    assert entry_state(new) is EntryState.UNTRANSLATED


def test_unrelated_translation_is_not_offered_for_a_new_sentence(project_dir):
    extract_at(datetime(2026, 1, 1, tzinfo=UTC))
    translate_by_hand(FR, {"Die Region hofft auf Arbeit.": "La région espère du travail."})
    edit_article("Die Region hofft auf Arbeit.", "Niemand weiß, was morgen kommt.")
    extract_at(datetime(2026, 2, 1, tzinfo=UTC))
    catalog = read_view(FR)
    assert entry_state(entry(catalog, "Niemand weiß, was morgen kommt.")) is EntryState.UNTRANSLATED
    assert entry(catalog, "Die Region hofft auf Arbeit.").obsolete


def test_machine_draft_is_not_offered_as_a_translation_of_a_changed_sentence(project_dir):
    extract_at(datetime(2026, 1, 1, tzinfo=UTC))
    catalog = load(FR)
    set_draft(entry(catalog, "Die Region hofft auf Arbeit."), "La région espère du travail.", "test engine")
    save(catalog, FR)
    edit_article("Die Region hofft auf Arbeit.", "Die Region hofft auf mehr Arbeit.")
    extract_at(datetime(2026, 2, 1, tzinfo=UTC))
    assert entry_state(entry(read_view(FR), "Die Region hofft auf mehr Arbeit.")) is EntryState.UNTRANSLATED


def test_removed_sentence_that_comes_back_revives_its_translation(project_dir):
    extract_at(datetime(2026, 1, 1, tzinfo=UTC))
    translate_by_hand(FR, {"Die Region hofft auf Arbeit.": "La région espère du travail."})
    article = Path("seeds/nord.txt")
    original = article.read_text(encoding="utf-8")
    article.write_text(original.replace("Die Region hofft auf Arbeit. ", ""), encoding="utf-8")
    extract_at(datetime(2026, 2, 1, tzinfo=UTC))
    article.write_text(original, encoding="utf-8")
    extract_at(datetime(2026, 3, 1, tzinfo=UTC))
    revived = entry(load(FR), "Die Region hofft auf Arbeit.")
    assert not revived.obsolete and revived.msgstr == "La région espère du travail."


def test_header_dates_move_only_with_content(project_dir):
    extract_at(datetime(2026, 1, 1, tzinfo=UTC))
    translate_by_hand(FR, {"Die Region hofft auf Arbeit.": "La région espère du travail."})
    article = Path("seeds/nord.txt")
    article.write_text(article.read_text(encoding="utf-8") + "Noch ein Satz.\n", encoding="utf-8")
    extract_at(datetime(2026, 2, 1, 9, 30, tzinfo=UTC))
    template, french = load(POT), load(FR)
    assert template.metadata["POT-Creation-Date"] == "2026-02-01 09:30+0000"
    assert french.metadata["POT-Creation-Date"] == "2026-02-01 09:30+0000"
    assert french.metadata["PO-Revision-Date"] == "2026-02-01 09:30+0000"
    extract_at(datetime(2026, 3, 1, tzinfo=UTC))
    assert load(FR).metadata["PO-Revision-Date"] == "2026-02-01 09:30+0000"
