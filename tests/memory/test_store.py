"""The translation memory (pipeline.memory.store) as `translate` uses it: exact and fuzzy matches from every
catalog of a language, orphaned catalogs and imported memories, always as fuzzy drafts.

Memories are built in the tests: catalogs reviewed by editing them, TMX files written with
pipeline.memory.tmx. The engine is the deterministic FakeTranslator.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from pipeline.memory import store
from pipeline.memory.store import MemorySources, Segment, TranslationMemory
from pipeline.memory.tmx import TmxPair, tmx_bytes
from pipeline.mt.engines import FakeTranslator
from pipeline.mt.routes import Pair
from pipeline.po import catalogs, views
from pipeline.po.views import EntryState, entry_state
from pipeline.project import Project
from pipeline.stages.translate import draft, open_catalogs
from tests.conftest import MT_GLOSSARY, entry, load, run, save

FR = Path("locales/fr/LC_MESSAGES/nord.po")
SUED_FR = Path("locales/fr/LC_MESSAGES/sued.po")
DE_FR = Pair("de", "fr")
DIRECT = {"fr": (DE_FR,)}
WEBER = "Dr. Weber sprach am 3. Oktober vor 1.200 Gästen."
WEBER_FR = "Le Dr Weber a parlé le 3 octobre devant 1\u202f200 invités."
REGION = "Die Region hofft auf Arbeit."


def review(path: Path, translations: dict[str, str]) -> None:
    catalog = load(path)
    for msgid, msgstr in translations.items():
        entry(catalog, msgid).msgstr = msgstr
    save(catalog, path)


def provenance(found: polib.POEntry) -> str:
    return catalogs.DRAFT_DIGEST.sub("", found.tcomment).removeprefix(catalogs.MACHINE_TRANSLATION_MARK)


def draft_all(**options) -> tuple[FakeTranslator, object]:
    fake = FakeTranslator()
    project = Project()
    report = draft(
        open_catalogs(project), fake, DIRECT, glossary=MT_GLOSSARY, memory_sources=MemorySources.of(project, **options)
    )
    return fake, report


@pytest.fixture
def reviewed_nord(project_dir):
    """nord's French catalog with WEBER reviewed, and an article "sued" that says it again, changed."""
    assert run("extract").exit_code == 0
    review(FR, {WEBER: WEBER_FR})
    Path("seeds/sued.txt").write_text(
        "Neu im Süden\nDr. Weber sprach am 3. Oktober vor 1.500 Gästen.\n", encoding="utf-8"
    )
    assert run("extract").exit_code == 0
    return project_dir


# --- fuzzy matches -------------------------------------------------------------------------------


def test_a_similar_reviewed_sentence_is_offered_with_its_old_source_and_the_new_figure(reviewed_nord):
    fake, report = draft_all()
    offered = entry(catalogs.read_view(SUED_FR), "Dr. Weber sprach am 3. Oktober vor 1.500 Gästen.")
    assert offered.msgstr == "Le Dr Weber a parlé le 3 octobre devant 1\u202f500 invités."
    assert offered.previous_msgid == WEBER  # `#|`: what the translation was made for
    assert "fuzzy" in offered.flags and entry_state(offered) is not EntryState.REVIEWED
    score = math.floor(fuzz.ratio(offered.msgid, WEBER))  # 97: two characters of 48 differ
    assert provenance(offered) == f"translation memory {score} % (nord:2), 1\u202f200 → 1\u202f500"
    assert offered.msgid not in fake.sentences(DE_FR)  # the engine never saw it
    french = {drafts.lang: (drafts.memory, drafts.memory_fuzzy) for drafts in report.languages}
    assert french == {"fr": (1, 1)}


def test_a_match_whose_numbers_cannot_be_put_in_is_left_to_the_engine(reviewed_nord):
    review(FR, {WEBER: "Le Dr Weber a parlé le 3 octobre devant mille deux cents invités."})
    fake, _ = draft_all()
    drafted = entry(load(SUED_FR), "Dr. Weber sprach am 3. Oktober vor 1.500 Gästen.")
    assert drafted.previous_msgid is None and provenance(drafted).startswith("Fake")
    assert drafted.msgid in fake.sentences(DE_FR)


def test_below_the_threshold_the_engine_drafts(reviewed_nord):
    _fake, report = draft_all(threshold=98)
    drafted = entry(load(SUED_FR), "Dr. Weber sprach am 3. Oktober vor 1.500 Gästen.")
    assert provenance(drafted) == "Fake de→fr 0.0" and drafted.previous_msgid is None
    assert [drafts.memory_fuzzy for drafts in report.languages] == [0]


@pytest.mark.parametrize("setting, fuzzy", [(("--memory-threshold", "100"), False), ((), True)])
def test_the_threshold_is_a_translate_option(reviewed_nord, pivot_models, setting, fuzzy):
    result = run("translate", *setting)
    assert result.exit_code == 0, result.output
    offered = entry(load(SUED_FR), "Dr. Weber sprach am 3. Oktober vor 1.500 Gästen.")
    assert (offered.previous_msgid == WEBER) is fuzzy
    assert ("1 from translation memory (1 of similar sentences)" in result.output) is fuzzy


def test_the_threshold_is_a_project_setting(reviewed_nord, pivot_models):
    Path("pyproject.toml").write_text("[tool.pipeline]\nmemory-threshold = 100\n", encoding="utf-8")
    assert run("translate").exit_code == 0  # exact matches only
    assert entry(load(SUED_FR), "Dr. Weber sprach am 3. Oktober vor 1.500 Gästen.").previous_msgid is None


@pytest.mark.parametrize("value", ["49", "101", "nan"])
def test_a_threshold_out_of_range_is_refused(project_dir, value):
    result = run("translate", "--memory-threshold", value)
    assert result.exit_code == 2 and "--memory-threshold" in result.output


def test_a_threshold_out_of_range_in_the_file_names_its_line(project_dir):
    Path("pyproject.toml").write_text("[tool.pipeline]\nmemory-threshold = 120\n", encoding="utf-8")
    result = run("translate")
    assert result.exit_code == 1
    assert "pyproject.toml:2: [tool.pipeline] memory-threshold:" in result.output


def test_a_fuzzy_memory_draft_survives_a_polib_save_as_a_draft(reviewed_nord):
    draft_all()
    catalog = polib.pofile(str(SUED_FR), wrapwidth=78)
    catalog.save()
    found = catalogs.read_view(SUED_FR)
    offered = next(e for e in found.active() if e.msgid.startswith("Dr. Weber"))
    assert offered.previous_msgid == WEBER and "fuzzy" in offered.flags
    assert offered.state is not EntryState.REVIEWED


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext not installed")
def test_a_fuzzy_memory_draft_survives_msgmerge_and_is_not_drafted_again(reviewed_nord):
    draft_all()
    subprocess.run(
        ["msgmerge", "--quiet", "--previous", "--backup=off", "-U", str(SUED_FR), "locales/sued.pot"],
        check=True,
        capture_output=True,
        env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    merged = SUED_FR.read_bytes()
    offered = next(e for e in catalogs.read_view(SUED_FR).active() if e.msgid.startswith("Dr. Weber"))
    assert offered.previous_msgid == WEBER and "fuzzy" in offered.flags
    assert views.is_machine_draft(offered)  # the digest still matches: a draft, not a person's text
    fake, report = draft_all()
    assert fake.calls == [] and report.written == () and SUED_FR.read_bytes() == merged


# --- exact matches, orphans, imported memories ----------------------------------------------------


def test_an_exact_match_stays_a_draft_with_the_article_it_comes_from(reviewed_nord):
    review(FR, {REGION: "La région espère du travail."})
    Path("seeds/sued.txt").write_text(f"Neu im Süden\n{REGION}\n", encoding="utf-8")
    assert run("extract").exit_code == 0
    draft_all()
    reused = entry(catalogs.read_view(SUED_FR), REGION)
    assert reused.msgstr == "La région espère du travail." and reused.previous_msgid is None
    assert entry_state(reused) is EntryState.MACHINE_DRAFT
    assert provenance(reused) == "translation memory: nord"


def test_the_reviewed_work_of_a_catalog_whose_seed_is_gone_stays_in_the_memory(reviewed_nord):
    review(FR, {REGION: "La région espère du travail."})
    Path("seeds/nord.txt").unlink()  # nord.po is now an orphan
    Path("seeds/sued.txt").write_text(f"Neu im Süden\n{REGION} {WEBER}\n", encoding="utf-8")
    assert run("extract").exit_code == 0
    fake, _report = draft_all()
    sued = load(SUED_FR)
    assert entry(sued, REGION).msgstr == "La région espère du travail."
    assert provenance(entry(sued, REGION)) == "translation memory: nord"
    assert entry(sued, WEBER).msgstr == WEBER_FR
    assert fake.sentences(DE_FR) == ["Neu im Süden"]
    assert store.orphan_paths("fr", MemorySources.of(Project())) == [FR]


def test_an_imported_memory_gives_exact_and_fuzzy_drafts_with_its_name_and_line(project_dir, tmp_path):
    agency = tmp_path / "agency.tmx"
    agency.write_bytes(
        tmx_bytes(
            [
                TmxPair(REGION, "La région espère du travail.", "fr"),
                TmxPair("Die Region hofft auf viel Arbeit.", "x", "en"),
                TmxPair(
                    "Verkor hat in Bourbourg eine Fabrik gebaut.", "Verkor a construit une usine à Bourbourg.", "fr"
                ),
            ],
            "de",
        )
    )
    assert run("tm", "import", str(agency)).exit_code == 0
    assert run("extract").exit_code == 0
    draft_all()
    french = load(FR)
    assert provenance(entry(french, REGION)) == "translation memory: agency.tmx"
    fuzzy = entry(french, "Verkor hat in Bourbourg eine Fabrik eröffnet.")
    assert fuzzy.msgstr == "Verkor a construit une usine à Bourbourg."
    assert fuzzy.previous_msgid == "Verkor hat in Bourbourg eine Fabrik gebaut."
    third_unit = [
        number
        for number, line in enumerate(agency.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip().startswith("<tu ")
    ][2]
    assert provenance(fuzzy) == f"translation memory 88 % (agency.tmx:{third_unit})"


def test_the_project_catalogs_come_before_imported_memories():
    project = Segment("Satz.", "Phrase du desk.", "nord", 3)
    imported = Segment("Satz.", "Phrase de l'agence.", "agency.tmx", 9)
    found = TranslationMemory("fr", [project, imported]).match("Satz.", threshold=85)
    assert found is not None and found.translation == "Phrase du desk." and found.exact


def test_a_broken_orphaned_catalog_stops_the_run_with_its_name(reviewed_nord):
    Path("locales/fr/LC_MESSAGES/alt.po").write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    with pytest.raises(catalogs.CatalogError, match=r"alt\.po"):
        draft_all()


def test_a_changed_link_target_of_a_markdown_sentence_is_never_offered_as_it_was():
    old = "Mehr dazu [im Bericht](https://a.example/bericht-2025) der Agentur."
    new = "Mehr dazu [im Bericht](https://a.example/bericht-2026) der Agentur."
    memory_of = TranslationMemory("en", [Segment(old, "More [in the report](https://a.example/bericht-2025).", "x")])
    found = memory_of.match(new, threshold=85, markdown=True)
    assert found is not None and found.translation == "More [in the report](https://a.example/bericht-2026)."
    assert found.replaced == (("(https://a.example/bericht-2025)", "(https://a.example/bericht-2026)"),)
    lost = TranslationMemory("en", [Segment(old, "More in the report.", "x")])
    assert lost.match(new, threshold=85, markdown=True) is None  # the link is not in the translation


SENTENCE = st.lists(
    st.sampled_from(
        ["Die", "Region", "hofft", "auf", "Arbeit", "16", "18", "Verkor", "Bourbourg", "baut", "heute", "1.200"]
    ),
    min_size=1,
    max_size=8,
).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(SENTENCE, st.text(min_size=1, max_size=20)), min_size=1, max_size=8), SENTENCE)
def test_nothing_from_the_memory_is_ever_a_reviewed_translation(pairs, sentence):
    """Exact or fuzzy, a memory match becomes a fuzzy draft; only a fuzzy one carries a `#|` source."""
    found = TranslationMemory("fr", [Segment(source, target, "x") for source, target in pairs]).match(
        sentence, threshold=50, glossary=MT_GLOSSARY
    )
    if found is None:
        return
    drafted = catalogs.with_machine_draft(
        views.Entry(msgid=sentence), found.translation, found.provenance, previous_msgid=found.previous_source
    )
    assert "fuzzy" in drafted.flags and drafted.state is not EntryState.REVIEWED
    assert (drafted.previous_msgid is None) is found.exact is (found.segment.source == sentence)
