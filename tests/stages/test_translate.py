"""Machine drafts (pipeline.stages.translate): which entries are filled, how, with what provenance.

Catalog logic runs with the deterministic FakeTranslator; the `translate` command runs tiny
random-weight Argos packages (tests/argos_models.py), so the assertions are about mechanics, never
wording.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from pipeline.mt import engines
from pipeline.mt.engines import FakeTranslator
from pipeline.mt.routes import Pair
from pipeline.po import catalogs, views
from pipeline.po.views import EntryState, entry_state
from pipeline.project import Project
from pipeline.stages import translate
from pipeline.stages.translate import draft, open_catalogs
from tests.conftest import MT_GLOSSARY, entry, load, run, save

FR = Path("locales/fr/LC_MESSAGES/nord.po")
EN = Path("locales/en/LC_MESSAGES/nord.po")
DE_EN, EN_FR, DE_FR = Pair("de", "en"), Pair("en", "fr"), Pair("de", "fr")
PIVOT = {"fr": (DE_EN, EN_FR), "en": (DE_EN,)}
VERKOR = "Verkor hat in Bourbourg eine Fabrik eröffnet."
REGION = "Die Region hofft auf Arbeit."
GLOSSARY = MT_GLOSSARY


def extracted(*extra_articles: tuple[str, str]) -> list[translate.OpenCatalog]:
    for name, text in extra_articles:
        Path("seeds", f"{name}.txt").write_text(text, encoding="utf-8")
    assert run("extract").exit_code == 0
    return open_catalogs(Project())


def msgids(path: Path) -> set[str]:
    return {e.msgid for e in load(path)}


def edit(path: Path, change) -> None:
    catalog = load(path)
    change(catalog)
    save(catalog, path)


def state(path: Path) -> dict[tuple[str | None, str], tuple[str, list[str], str]]:
    return {(e.msgctxt, e.msgid): (e.msgstr, list(e.flags), e.tcomment) for e in load(path)}


def provenance_of(found) -> str:
    """A draft's provenance comment without the digest of the drafted text and the engine's confidence."""
    return re.sub(r" \(confidence [0-9.]+\)", "", catalogs.DRAFT_DIGEST.sub("", found.tcomment))


# --- catalog logic with the fake engine ----------------------------------------------------------


def test_every_empty_entry_gets_a_fuzzy_draft_with_provenance(project_dir):
    report = draft(extracted(), FakeTranslator(), PIVOT)
    for path, provenance in ((EN, "Fake de→en 0.0"), (FR, "Fake de→en 0.0 → en→fr 0.0 (pivot)")):
        for e in catalogs.read_view(path):
            assert entry_state(e) is EntryState.MACHINE_DRAFT
            assert e.flags == ("fuzzy",)
            digest = views.text_digest(e.msgstr)  # what the engine wrote, to recognise a translator's edit
            assert e.tcomment == f"{catalogs.MACHINE_TRANSLATION_MARK}{provenance} [draft {digest}]"
    assert entry(load(EN), REGION).msgstr == f"{REGION} [en]"
    assert entry(load(FR), REGION).msgstr == f"{REGION} [en] [fr]"
    assert {drafts.lang: drafts.machine for drafts in report.languages} == {"en": 8, "fr": 8}


def test_translators_entries_are_never_touched(project_dir):
    extracted()

    def by_translators(catalog):
        entry(catalog, REGION).msgstr = "La région espère du travail."  # reviewed
        flagged = entry(catalog, VERKOR)
        flagged.msgstr, flagged.flags = "Verkor a ouvert une usine.", ["fuzzy"]  # translator's fuzzy
        changed = entry(catalog, "Ja.")
        changed.msgstr, changed.flags, changed.previous_msgid = "Oui.", ["fuzzy"], "Nein."  # source changed

    edit(FR, by_translators)
    before = state(FR)
    draft(open_catalogs(Project()), FakeTranslator(), PIVOT)
    after = state(FR)
    for key in ((None, REGION), (None, VERKOR), (None, "Ja.")):
        assert after[key] == before[key]
    assert all(msgstr for msgstr, _, _ in after.values())


def test_a_translation_saved_by_an_editor_during_the_run_is_kept(project_dir):
    opened = extracted()  # read at the start of the run...

    def by_translator(catalog):  # ...then a translator saves the file in Poedit
        entry(catalog, REGION).msgstr = "La région espère du travail."
        entry(catalog, REGION).tcomment = "relu"

    edit(FR, by_translator)
    draft(opened, FakeTranslator(), PIVOT, save_every=2)
    french = catalogs.read_view(FR)
    kept = entry(french, REGION)
    assert (kept.msgstr, kept.flags, kept.tcomment) == ("La région espère du travail.", (), "relu")
    assert all(msgstr for msgstr, _, _ in state(FR).values())
    assert entry_state(entry(french, VERKOR)) is EntryState.MACHINE_DRAFT


def test_second_run_translates_nothing_and_writes_nothing(project_dir):
    draft(extracted(), FakeTranslator(), PIVOT)
    files = {path: path.read_bytes() for path in (EN, FR)}
    again = FakeTranslator()
    report = draft(open_catalogs(Project()), again, PIVOT)
    assert again.calls == [] and report.written == ()
    assert {path: path.read_bytes() for path in (EN, FR)} == files


def test_pivot_translates_german_once_for_both_editions(project_dir):
    fake = FakeTranslator()
    draft(extracted(), fake, PIVOT)
    german = sorted(msgids(EN))
    assert sorted(fake.sentences(DE_EN)) == german  # once, although English and French both need it
    assert sorted(fake.sentences(EN_FR)) == sorted(f"{msgid} [en]" for msgid in german)
    assert fake.sentences(DE_FR) == []


def test_direct_route_needs_no_english(project_dir):
    fake = FakeTranslator()
    draft(extracted(), fake, {"fr": (DE_FR,)})
    assert {pair for pair, _ in fake.calls} == {DE_FR}
    assert provenance_of(entry(load(FR), REGION)).endswith("Fake de→fr 0.0")
    assert all(not e.msgstr for e in load(EN))


def test_identical_sentences_are_translated_once_within_and_across_articles(project_dir):
    fake = FakeTranslator()
    draft(extracted(("sued", f"{REGION} Ganz anders.\n")), fake, {"en": (DE_EN,)})
    sent = fake.sentences(DE_EN)
    assert sent.count(REGION) == 1 and sent.count("Ja.") == 1
    assert entry(load(EN), "Ja.", "occurrence 2").msgstr == "Ja. [en]"
    assert entry(load(Path("locales/en/LC_MESSAGES/sued.po")), REGION).msgstr == f"{REGION} [en]"


def test_reviewed_translation_of_another_article_is_reused_as_a_draft(project_dir):
    opened = extracted(("sued", f"{REGION} Ganz anders.\n"))
    edit(FR, lambda catalog: setattr(entry(catalog, REGION), "msgstr", "La région espère du travail."))
    fake = FakeTranslator()
    report = draft(open_catalogs(Project()), fake, PIVOT)
    reused = entry(catalogs.read_view(Path("locales/fr/LC_MESSAGES/sued.po")), REGION)
    assert reused.msgstr == "La région espère du travail."
    assert entry_state(reused) is EntryState.MACHINE_DRAFT
    assert provenance_of(reused) == catalogs.MACHINE_TRANSLATION_MARK + "translation memory: nord"
    assert f"{REGION} [en]" not in fake.sentences(EN_FR)
    assert REGION in fake.sentences(DE_EN)  # English still needs its own draft
    assert {drafts.lang: drafts.memory for drafts in report.languages} == {"fr": 1, "en": 0}
    assert len(opened) == 4


def test_interrupt_keeps_the_finished_batch_and_a_rerun_continues(project_dir):
    opened = extracted()
    with pytest.raises(KeyboardInterrupt):
        draft(opened, FakeTranslator(fail_after=1), {"en": (DE_EN,)}, save_every=3)
    kept = [e for e in catalogs.read_view(EN) if e.msgstr]
    assert len(kept) == 3 and all(entry_state(e) is EntryState.MACHINE_DRAFT for e in kept)
    fake = FakeTranslator()
    draft(open_catalogs(Project()), fake, {"en": (DE_EN,)}, save_every=3)
    assert not {e.msgid for e in kept} & set(fake.sentences(DE_EN))
    assert all(e.msgstr for e in load(EN))


def test_empty_engine_output_leaves_the_entry_untranslated(project_dir):
    class Silent(FakeTranslator):
        def translate(self, pair, sentences):
            return ["" if text.startswith(REGION) else text for text in super().translate(pair, sentences)]

    report = draft(extracted(), Silent(), {"en": (DE_EN,)})
    assert entry_state(entry(catalogs.read_view(EN), REGION)) is EntryState.UNTRANSLATED
    assert report.languages[0].empty == 1


# --- glossary masking ----------------------------------------------------------------------------


def test_glossary_terms_are_masked_and_rendered_for_the_final_language(project_dir):
    fake = FakeTranslator()
    draft(extracted(("kueste", "Verkor baut bei Dunkerque eine Gigafactory.\n")), fake, PIVOT, glossary=GLOSSARY)
    for pair in (DE_EN, EN_FR):
        sent = " ".join(fake.sentences(pair))
        assert not any(term in sent for term in ("Verkor", "Bourbourg", "Dunkerque", "Dunkirk", "Gigafactory"))
    en = load(Path("locales/en/LC_MESSAGES/kueste.po"))
    fr = load(Path("locales/fr/LC_MESSAGES/kueste.po"))
    source = "Verkor baut bei Dunkerque eine Gigafactory."
    assert entry(en, source).msgstr == "Verkor baut bei Dunkirk eine gigafactory. [en]"
    assert entry(fr, source).msgstr == "Verkor baut bei Dunkerque eine gigafactory. [en] [fr]"
    assert entry(load(FR), VERKOR).msgstr == f"{VERKOR} [en] [fr]"


# --- `pipeline translate` end to end -------------------------------------------------------------


def calls_to_engine(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Pair, list[str]]]:
    calls = []
    real = engines.ArgosTranslator.translate_scored

    def counting(self, pair, sentences):
        calls.append((pair, list(sentences)))
        return real(self, pair, sentences)

    monkeypatch.setattr(engines.ArgosTranslator, "translate_scored", counting)
    return calls


def test_translate_drafts_every_entry_through_the_pivot(project_dir, pivot_models, monkeypatch):
    calls = calls_to_engine(monkeypatch)
    result = run("translate", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    for path, provenance in ((EN, "Argos Translate de→en 1.9"), (FR, "Argos Translate de→en 1.9 → en→fr 1.9 (pivot)")):
        catalog = catalogs.read_view(path)
        assert catalog.entries and all(entry_state(e) is EntryState.MACHINE_DRAFT for e in catalog)
        assert {provenance_of(e) for e in catalog} == {catalogs.MACHINE_TRANSLATION_MARK + provenance}
    german = [sentence for pair, batch in calls if pair == DE_EN for sentence in batch]
    assert sorted(german) == sorted(msgids(EN))  # "Ja." twice in the article, translated once
    assert {pair for pair, _ in calls} == {DE_EN, EN_FR}

    files = {path: path.read_bytes() for path in (EN, FR)}
    calls.clear()
    again = run("translate", "--beam-size", "1")
    assert again.exit_code == 0 and calls == []
    assert {path: path.read_bytes() for path in (EN, FR)} == files


def test_translate_prefers_a_direct_package(project_dir, pivot_models, argos_archives):
    assert run("models", "install", str(argos_archives["de", "fr"])).exit_code == 0
    result = run("translate", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    direct = catalogs.MACHINE_TRANSLATION_MARK + "Argos Translate de→fr 2.0"
    assert {provenance_of(e) for e in load(FR)} == {direct}


def test_translate_without_models_extracts_then_says_what_to_install(project_dir, argos_dir):
    result = run("translate")
    assert result.exit_code != 0
    assert EN.exists() and FR.exists() and all(not e.msgstr for e in load(FR))
    message = result.output.strip().splitlines()[-1]
    for needed in ("de→en", "en→fr", "pipeline models install FILE.argosmodel", "pipeline models install --from-index"):
        assert needed in message


def test_translate_drafts_what_it_can_and_fails_for_the_rest(project_dir, argos_dir, argos_archives):
    assert run("models", "install", str(argos_archives["de", "en"])).exit_code == 0
    result = run("translate", "--beam-size", "1")
    assert result.exit_code != 0 and "en→fr" in result.output.splitlines()[-1]
    assert all(e.msgstr for e in load(EN)) and not any(e.msgstr for e in load(FR))


def test_translate_uses_no_network(project_dir, pivot_models, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access during translate")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = run("translate", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    assert all(e.msgstr for e in load(FR))


def test_ctrl_c_after_the_first_batch_keeps_it(project_dir, pivot_models, monkeypatch):
    real = engines.ArgosTranslator.translate_scored
    calls = []

    def interrupted(self, pair, sentences):
        if calls:
            raise KeyboardInterrupt
        calls.append(list(sentences))
        return real(self, pair, sentences)

    monkeypatch.setattr(engines.ArgosTranslator, "translate_scored", interrupted)
    result = run("translate", "--beam-size", "1", "--save-every", "3")
    assert result.exit_code == 130
    drafted = {e.msgid for e in load(EN) if e.msgstr}
    assert drafted == set(calls[0]) and len(drafted) == 3
    monkeypatch.setattr(engines.ArgosTranslator, "translate_scored", real)
    assert run("translate", "--beam-size", "1").exit_code == 0
    assert all(e.msgstr for e in load(EN)) and all(e.msgstr for e in load(FR))


def test_glossary_terms_never_reach_the_model(project_dir, pivot_models, monkeypatch):
    from argostranslate.tokenizer import SentencePieceTokenizer

    Path("glossary.toml").write_text('keep = ["Verkor", "Bourbourg"]\n', encoding="utf-8")
    tokenised, restored = [], []
    real_encode, real_restore = SentencePieceTokenizer.encode, translate.restore
    monkeypatch.setattr(
        SentencePieceTokenizer, "encode", lambda self, text: tokenised.append(text) or real_encode(self, text)
    )
    monkeypatch.setattr(
        translate,
        "restore",
        lambda text, masked, lang, glossary: (
            restored.append((masked, lang)) or real_restore(text, masked, lang, glossary)
        ),
    )
    result = run("translate", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    assert tokenised and not any("Verkor" in text or "Bourbourg" in text for text in tokenised)
    assert "ZQX1 hat in ZQX2 eine Fabrik eröffnet." in tokenised
    assert {lang for masked, lang in restored if masked.terms} == {"en", "fr"}


# --- one read per catalog: drafting takes the catalogs extraction carries ------------------------


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads = []
    real = catalogs.read_catalog
    monkeypatch.setattr(catalogs, "read_catalog", lambda path: reads.append(path) or real(path))
    return reads


def test_translate_reads_each_catalog_once(project_dir, pivot_models, monkeypatch):
    from pipeline.stages.extract import extract_project

    assert run("extract").exit_code == 0
    reads = count_reads(monkeypatch)
    extracted = [result for results in extract_project(Project()) for result in results]
    assert sorted(reads) == sorted([Path("locales/nord.pot"), EN, FR])
    reads.clear()
    fake = FakeTranslator()
    translate.draft_project(Project(), lambda packages: fake, extracted)
    assert reads == [] and fake.calls  # drafted from the catalogs extraction carried
    assert all(entry_state(e) is EntryState.MACHINE_DRAFT for e in catalogs.read_view(FR))


def test_a_catalog_changed_since_extraction_is_read_again(project_dir, pivot_models, monkeypatch):
    from pipeline.stages.extract import extract_project

    extracted = [result for results in extract_project(Project()) for result in results]
    edit(FR, lambda catalog: setattr(entry(catalog, REGION), "msgstr", "La région espère du travail."))
    reads = count_reads(monkeypatch)
    translate.draft_project(Project(), lambda packages: FakeTranslator(), extracted)
    assert reads == [FR]
    assert entry(load(FR), REGION).msgstr == "La région espère du travail."


def test_nothing_to_draft_reads_no_catalog_and_translates_nothing(project_dir, pivot_models, monkeypatch):
    from pipeline.stages.extract import extract_project

    draft(extracted(), FakeTranslator(), PIVOT)
    again = [result for results in extract_project(Project()) for result in results]
    reads = count_reads(monkeypatch)
    fake = FakeTranslator()
    result = translate.draft_project(Project(), lambda packages: fake, again)
    assert reads == [] and fake.calls == [] and result.report is None and not result.routes


def review_everything(path: Path) -> None:
    """Give every entry of ``path`` a reviewed translation, as a translator who finished would."""
    catalog = load(path)
    for item in catalog:
        item.msgstr = f"[{path.parts[1]}] {item.msgid}"
    save(catalog, path)


def test_translate_without_models_succeeds_when_nothing_is_left_to_draft(project_dir, argos_dir):
    assert run("extract").exit_code == 0
    for path in (EN, FR):
        review_everything(path)
    files = {path: path.read_bytes() for path in (EN, FR)}
    result = run("translate")
    assert result.exit_code == 0, result.output
    assert "nothing to draft" in result.output
    assert {path: path.read_bytes() for path in (EN, FR)} == files


def test_translate_without_models_names_only_the_languages_with_something_to_draft(project_dir, argos_dir):
    assert run("extract").exit_code == 0
    review_everything(FR)
    result = run("translate")
    message = result.output.strip().splitlines()[-1]
    assert result.exit_code == 1 and message.startswith("Error: missing Argos Translate packages")
    assert "de→en" in message and "needed for en:" in message and "en→fr" not in message


def test_an_edited_draft_of_a_changed_sentence_is_offered_not_drafted_again(project_dir):
    """Issue 11, point 1: a translator rewrote a draft in an editor that kept `fuzzy` and the
    provenance comment; then the German sentence changed. The rewrite is kept, with `#|`."""
    draft(extracted(), FakeTranslator(), PIVOT)
    edit(FR, lambda catalog: setattr(entry(catalog, REGION), "msgstr", "La région espère du travail."))
    assert {e.msgid: e.state for e in catalogs.read_view(FR)}[REGION] is EntryState.EDITED_DRAFT
    seed = Path("seeds/nord.txt")
    seed.write_text(
        seed.read_text(encoding="utf-8").replace(REGION, "Die Region hofft auf viel Arbeit."), encoding="utf-8"
    )
    fake = FakeTranslator()
    draft(extracted(), fake, PIVOT)
    offered = entry(load(FR), "Die Region hofft auf viel Arbeit.")
    assert (offered.msgstr, offered.previous_msgid) == ("La région espère du travail.", REGION)
    assert "fuzzy" in offered.flags
    assert not any(e.obsolete and e.msgstr == "La région espère du travail." for e in load(FR))
    assert "Die Region hofft auf viel Arbeit. [en]" not in fake.sentences(EN_FR)


def test_a_draft_notes_its_confidence_and_a_pivot_multiplies_its_legs(project_dir, pivot_models, monkeypatch):
    from pipeline.po.confidence import draft_confidence, format_confidence

    scored = {}
    real = engines.ArgosTranslator.translate_scored

    def recording(self, pair, sentences):
        outputs = real(self, pair, sentences)
        scored.update(((pair, sentence), output) for sentence, output in zip(sentences, outputs, strict=True))
        return outputs

    monkeypatch.setattr(engines.ArgosTranslator, "translate_scored", recording)
    assert run("translate", "--beam-size", "1").exit_code == 0
    for found in catalogs.read_view(EN):
        assert draft_confidence(found.tcomment) == float(format_confidence(scored[DE_EN, found.msgid].confidence))
    for found in catalogs.read_view(FR):
        english = scored[DE_EN, found.msgid]
        expected = english.confidence * scored[EN_FR, english.text].confidence
        assert draft_confidence(found.tcomment) == float(format_confidence(expected))
        assert "(pivot) (confidence " in found.tcomment
        assert entry_state(found) is EntryState.MACHINE_DRAFT  # however sure the engine, a draft stays fuzzy
