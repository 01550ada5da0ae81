"""`pipeline tm export` and `pipeline tm import` (pipeline.exchange.memory, pipeline.memory.tmx)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from pipeline.memory.store import MemorySources
from pipeline.memory.tmx import TmxPair, pairs, read_tmx, tmx_bytes
from pipeline.mt.engines import FakeTranslator
from pipeline.mt.routes import Pair
from pipeline.project import Project
from pipeline.stages.translate import draft, open_catalogs
from tests.conftest import entry, load, run, save

DTD = etree.DTD(str(Path(__file__).resolve().parent.parent / "data" / "tmx" / "tmx14.dtd"))
FR = Path("locales/fr/LC_MESSAGES/nord.po")
EN = Path("locales/en/LC_MESSAGES/nord.po")
REGION = "Die Region hofft auf Arbeit."
VERKOR = "Verkor hat in Bourbourg eine Fabrik eröffnet."


def edit(path: Path, change) -> None:
    catalog = load(path)
    change(catalog)
    save(catalog, path)


def reviewed_project() -> None:
    """nord reviewed in part: REGION in French and English, VERKOR a French draft (fuzzy)."""
    assert run("extract").exit_code == 0

    def french(catalog):
        entry(catalog, REGION).msgstr = "La région espère du travail."
        draft = entry(catalog, VERKOR)
        draft.msgstr, draft.flags = "Verkor a ouvert une usine.", ["fuzzy"]

    edit(FR, french)
    edit(EN, lambda catalog: setattr(entry(catalog, REGION), "msgstr", "The region hopes for work."))


def draft_from_memory(routes: dict) -> None:
    draft(open_catalogs(Project()), FakeTranslator(), routes, memory_sources=MemorySources.of(Project()))


def valid(path: Path) -> bool:
    return DTD.validate(etree.parse(str(path)))


# --- export --------------------------------------------------------------------------------------


def test_export_writes_valid_tmx_of_the_reviewed_pairs_only(project_dir):
    reviewed_project()
    result = run("tm", "export", "memory.tmx")
    assert result.exit_code == 0, result.output
    assert "wrote memory.tmx (1 fr, 1 en reviewed pairs)" in result.output
    assert valid(Path("memory.tmx")), DTD.error_log
    found = list(pairs(read_tmx(Path("memory.tmx")), "de", ("fr", "en")))
    assert [(pair.source, pair.target, pair.lang, pair.note) for pair in found] == [
        (REGION, "La région espère du travail.", "fr", "nord"),
        (REGION, "The region hopes for work.", "en", "nord"),
    ]


def test_export_of_one_language(project_dir):
    reviewed_project()
    assert run("tm", "export", "fr.tmx", "--lang", "fr").exit_code == 0
    assert valid(Path("fr.tmx"))
    assert [pair.lang for pair in pairs(read_tmx(Path("fr.tmx")), "de", ("fr", "en"))] == ["fr"]


def test_export_includes_orphaned_catalogs_and_special_characters(project_dir):
    reviewed_project()
    edit(FR, lambda catalog: setattr(entry(catalog, "Ja."), "msgstr", "Oui <b> & « non »."))
    Path("seeds/nord.txt").rename("seeds/neu.txt")  # nord.po is an orphan now
    assert run("tm", "export", "memory.tmx").exit_code == 0
    assert valid(Path("memory.tmx"))
    targets = {pair.target for pair in pairs(read_tmx(Path("memory.tmx")), "de", ("fr",))}
    assert {"La région espère du travail.", "Oui <b> & « non »."} <= targets


def test_an_empty_memory_is_still_valid_tmx(project_dir):
    assert run("extract").exit_code == 0
    assert run("tm", "export", "memory.tmx").exit_code == 0
    assert valid(Path("memory.tmx"))


# --- import --------------------------------------------------------------------------------------


def agency_file(path: Path, found: list[TmxPair]) -> Path:
    path.write_bytes(tmx_bytes(found, "de"))
    return path


def test_import_copies_the_file_into_the_project_unchanged(project_dir, tmp_path):
    source = agency_file(tmp_path / "agency.tmx", [TmxPair(REGION, "La région espère du travail.", "fr")])
    result = run("tm", "import", str(source))
    assert result.exit_code == 0, result.output
    kept = Path("locales/memories/agency.tmx")
    assert kept.read_bytes() == source.read_bytes()
    assert "imported locales/memories/agency.tmx (1 fr, 0 en pairs)" in result.output
    assert "unchanged" in run("tm", "import", str(source)).output


def test_regional_language_codes_of_cat_tools_count_for_the_language(project_dir, tmp_path):
    source = tmp_path / "memoq.tmx"
    source.write_text(
        tmx_bytes([TmxPair(REGION, "La région espère du travail.", "fr")], "de")
        .decode()
        .replace('xml:lang="de"', 'xml:lang="de-DE"')
        .replace('xml:lang="fr"', 'xml:lang="FR-fr"'),
        encoding="utf-8",
    )
    assert run("tm", "import", str(source)).exit_code == 0
    assert run("extract").exit_code == 0
    draft_from_memory({"fr": (Pair("de", "fr"),)})
    assert entry(load(FR), REGION).msgstr == "La région espère du travail."


@pytest.mark.parametrize(
    "content, message",
    [
        (b"<tmx><body><tu>", "not a TMX file"),
        (b"<xliff version='1.2'/>", "not a TMX file: the root element is not <tmx>"),
    ],
)
def test_a_file_that_is_not_tmx_is_refused_with_its_name(project_dir, tmp_path, content, message):
    source = tmp_path / "broken.tmx"
    source.write_bytes(content)
    result = run("tm", "import", str(source))
    assert result.exit_code == 1 and message in result.output and "broken.tmx" in result.output
    assert not Path("locales/memories").exists()


def test_a_memory_without_a_pair_for_the_project_is_refused(project_dir, tmp_path):
    source = agency_file(tmp_path / "es.tmx", [TmxPair(REGION, "La región espera trabajo.", "es")])
    result = run("tm", "import", str(source))
    assert result.exit_code == 1 and "no unit has a de segment and a translation into fr, en" in result.output


def test_another_memory_of_the_same_name_is_replaced_only_when_asked(project_dir, tmp_path):
    (tmp_path / "first").mkdir()
    first = agency_file(tmp_path / "first" / "agency.tmx", [TmxPair(REGION, "Première.", "fr")])
    second = agency_file(tmp_path / "agency.tmx", [TmxPair(REGION, "Seconde.", "fr")])
    assert run("tm", "import", str(first)).exit_code == 0
    refused = run("tm", "import", str(second))
    assert refused.exit_code == 1 and "--replace" in refused.output
    assert Path("locales/memories/agency.tmx").read_bytes() == first.read_bytes()
    assert run("tm", "import", str(second), "--name", "agency2").exit_code == 0
    assert run("tm", "import", str(second), "--replace").exit_code == 0
    assert Path("locales/memories/agency.tmx").read_bytes() == second.read_bytes()


@pytest.mark.parametrize("name", ["../x", "a/b", ".hidden", ""])
def test_a_memory_name_is_a_plain_file_name(project_dir, tmp_path, name):
    source = agency_file(tmp_path / "agency.tmx", [TmxPair(REGION, "La région.", "fr")])
    result = run("tm", "import", str(source), "--name", name)
    assert result.exit_code == 1 and "cannot name a memory" in result.output


def test_export_then_import_in_another_project_drafts_from_it(project_dir, tmp_path):
    reviewed_project()
    assert run("tm", "export", str(tmp_path / "desk.tmx")).exit_code == 0
    shutil.rmtree("locales")
    assert run("tm", "import", str(tmp_path / "desk.tmx")).exit_code == 0
    assert run("extract").exit_code == 0
    draft_from_memory({"fr": (Pair("de", "fr"),), "en": (Pair("de", "en"),)})
    for path, expected in ((FR, "La région espère du travail."), (EN, "The region hopes for work.")):
        found = entry(load(path), REGION)
        assert found.msgstr == expected and "fuzzy" in found.flags
        assert "translation memory: desk.tmx" in found.tcomment


@pytest.mark.parametrize("lang", ["es", "de"])
def test_export_of_a_language_the_project_does_not_translate_into_is_refused(project_dir, lang):
    assert run("extract").exit_code == 0
    result = run("tm", "export", "memory.tmx", "--lang", lang)
    assert result.exit_code == 2 and "--lang" in result.output and not Path("memory.tmx").exists()
