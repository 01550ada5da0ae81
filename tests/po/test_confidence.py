"""The engine's confidence (pipeline.po.confidence): kept where gettext tools keep it, read back, and used
by status, check, review-order and the review sheet. The figures of real engine runs are tested in
tests/mt/test_engines.py and tests/stages/test_translate.py; here drafts are written with known confidences."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.po import catalogs, confidence, views
from pipeline.po.confidence import rank_correlation, route_confidence, with_confidence
from pipeline.po.views import EntryState
from pipeline.qa import checks
from tests.conftest import entry, load, run, save, set_draft

FR = Path("locales/fr/LC_MESSAGES/nord.po")
EN = Path("locales/en/LC_MESSAGES/nord.po")
LONG_PROVENANCE = "Argos Translate de→en 1.9 → en→fr 1.9 (pivot)"


def drafts_with_confidences(path: Path, drafts: dict[str, float | None], *, reviewed: tuple[str, ...] = ()) -> None:
    """Make these entries of ``path`` machine drafts with these confidences (None: none noted)."""
    catalog = load(path)
    for msgid, value in drafts.items():
        set_draft(entry(catalog, msgid), f"Brouillon de « {msgid} »", with_confidence(LONG_PROVENANCE, value))
    for msgid in reviewed:
        entry(catalog, msgid).msgstr = f"Relu : {msgid}"
    save(catalog, path)


@pytest.fixture
def scored_project(project_dir: Path) -> Path:
    assert run("extract").exit_code == 0
    drafts_with_confidences(
        FR,
        {
            "Batterien aus dem Norden": 0.9,
            "Die Region hofft auf Arbeit.": 0.12,
            "Ein Satz, der trifft.": 0.41,
            "Ja.": None,
        },
        reviewed=("Verkor hat in Bourbourg eine Fabrik eröffnet.",),
    )
    return project_dir


# --- the figure and where it is kept -------------------------------------------------------------


def test_the_confidence_survives_polibs_wrapping_at_78_columns(tmp_path):
    draft = catalogs.with_machine_draft(
        views.Entry(msgid="Die Region hofft auf Arbeit."),
        "La région espère du travail.",
        with_confidence(LONG_PROVENANCE, 0.8234),
    )
    saved = polib.POFile(wrapwidth=78)
    saved.append(
        polib.POEntry(msgid=draft.msgid, msgstr=draft.msgstr, flags=list(draft.flags), tcomment=draft.tcomment)
    )
    saved.save(str(tmp_path / "fr.po"))
    text = (tmp_path / "fr.po").read_text(encoding="utf-8")
    assert text.count("\n# ") >= 2  # the provenance was wrapped over several comment lines
    [read] = catalogs.read_view(tmp_path / "fr.po").active()
    assert read.state is EntryState.MACHINE_DRAFT
    assert confidence.entry_confidence(read) == 0.82


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext not installed")
def test_the_confidence_survives_msgmerge(scored_project):
    merged = subprocess.run(
        ["msgmerge", "--quiet", "--previous", str(FR), "locales/nord.pot"],
        check=True,
        capture_output=True,
        env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    ).stdout
    FR.write_bytes(merged)
    found = {e.msgid: confidence.entry_confidence(e) for e in catalogs.read_view(FR).active()}
    assert found["Die Region hofft auf Arbeit."] == 0.12 and found["Batterien aus dem Norden"] == 0.9


def test_only_an_untouched_machine_draft_has_a_confidence():
    draft = catalogs.with_machine_draft(views.Entry(msgid="Ja."), "Oui.", with_confidence("Argos", 0.3))
    assert confidence.entry_confidence(draft) == 0.3
    edited = views.Entry(msgid="Ja.", msgstr="Oui !", flags=draft.flags, tcomment=draft.tcomment)
    reviewed = views.Entry(msgid="Ja.", msgstr="Oui.", tcomment=draft.tcomment)
    assert edited.state is EntryState.EDITED_DRAFT and confidence.entry_confidence(edited) is None
    assert confidence.entry_confidence(reviewed) is None


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=4))
def test_a_route_is_never_surer_than_its_least_sure_leg(legs):
    assert route_confidence(legs) <= min(legs)


# --- rank correlation ----------------------------------------------------------------------------


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 100)), min_size=3, max_size=30))
def test_rank_correlation_is_symmetric_and_bounded(pairs):
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    rho = rank_correlation(first, second)
    assert rho == rank_correlation(second, first)
    assert rho is None or -1 - 1e-9 <= rho <= 1 + 1e-9


@given(st.lists(st.integers(-1000, 1000), min_size=3, max_size=30, unique=True), st.randoms())
def test_rank_correlation_without_ties_is_spearmans_formula(values, random):
    other = values[:]
    random.shuffle(other)
    n = len(values)
    ranks_a, ranks_b = confidence.ranks(values), confidence.ranks(other)
    expected = 1 - 6 * sum((a - b) ** 2 for a, b in zip(ranks_a, ranks_b, strict=True)) / (n * (n * n - 1))
    assert rank_correlation(values, other) == pytest.approx(expected)
    assert rank_correlation(values, [value**3 for value in values]) == pytest.approx(1.0)


# --- status, check, review-order, review sheet ---------------------------------------------------


def test_status_counts_the_drafts_below_the_threshold(scored_project):
    fr = json.loads(run("status", "--json").stdout)
    assert fr["low_confidence_threshold"] == confidence.LOW_CONFIDENCE
    assert fr["catalogs"][0]["low_confidence"] == 2  # 0.12 and 0.41; not 0.9, not the unscored draft
    assert json.loads(run("status", "--json", "--low-confidence", "0.95").stdout)["catalogs"][0]["low_confidence"] == 3
    table = run("status").output
    assert "Machine drafts below confidence 0.5: 2 (nord fr: 2)" in table


@pytest.mark.parametrize("value", ["1.5", "-0.1", "nan"])
def test_the_threshold_is_range_checked(scored_project, value):
    result = run("status", "--low-confidence", value)
    assert result.exit_code == 2 and "--low-confidence" in result.output


def test_the_threshold_is_a_project_setting(scored_project):
    Path("pyproject.toml").write_text("[tool.pipeline]\nlow-confidence = 0.2\n", encoding="utf-8")
    assert json.loads(run("status", "--json").stdout)["catalogs"][0]["low_confidence"] == 1
    Path("pyproject.toml").write_text("[tool.pipeline]\nlow-confidence = 2\n", encoding="utf-8")
    result = run("status")
    assert result.exit_code != 0 and "pyproject.toml:2: [tool.pipeline] low-confidence" in result.output


def test_check_reports_very_low_confidence_drafts_as_info(scored_project):
    report = json.loads(run("check", "--json").stdout)
    found = [p for p in report["problems"] if p["check"] == "low_confidence"]
    assert [(p["severity"], p["path"]) for p in found] == [("info", str(FR))]  # 0.12 only
    assert "0.12" in found[0]["message"] and found[0]["message"].startswith("machine draft: ")
    assert "low_confidence" in run("check", "--list").output


def test_the_low_confidence_check_reads_the_context_only():
    context = checks.Context(lang="fr", confidence=0.1)
    assert list(checks.low_confidence("Ja.", "Oui.", context))
    assert not list(checks.low_confidence("Ja.", "Oui.", checks.Context(lang="fr", confidence=0.5)))
    assert not list(checks.low_confidence("Ja.", "Oui.", checks.Context(lang="fr")))


def test_review_order_puts_the_least_sure_drafts_first(scored_project):
    result = run("review-order", "nord", "--lang", "fr")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{FR} (fr): 7 entries to review, 2 machine draft(s) below confidence 0.5"
    listed = [line.split(": ", 2) for line in lines[1:]]
    assert [(state, msgid) for _, state, msgid in listed] == [
        ("machine draft, confidence 0.12 (review first)", "Die Region hofft auf Arbeit."),
        ("machine draft, confidence 0.41 (review first)", "Ein Satz, der trifft."),
        ("machine draft, confidence 0.9", "Batterien aus dem Norden"),
        ("machine draft", "Ja."),
        ("untranslated", "Dr. Weber sprach am 3. Oktober vor 1.200 Gästen."),
        ("untranslated", "„Hauptsache, hier passiert wieder was.“"),
        ("untranslated", "Ja."),
    ]
    assert all(where.startswith(f"{FR}:") and where.split(":")[1].isdigit() for where, _, _ in listed)


def test_review_order_as_json_and_for_every_language(scored_project):
    report = json.loads(run("review-order", "nord", "--json").stdout)
    assert [order["lang"] for order in report["catalogs"]] == ["fr", "en"]
    first = report["catalogs"][0]["entries"][0]
    assert (first["msgid"], first["confidence"], first["low"], first["state"]) == (
        "Die Region hofft auf Arbeit.",
        0.12,
        True,
        "machine draft",
    )
    assert all(e["state"] == "untranslated" for e in report["catalogs"][1]["entries"])


def test_review_order_of_an_unknown_article_is_one_line(scored_project):
    result = run("review-order", "sud", "--lang", "fr")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "sud.po" in line and "no such catalog" in line


def test_the_review_sheet_lists_and_flags_the_drafts_to_review_first(scored_project):
    assert run("build", "--review").exit_code == 0
    sheet = Path("editions/review/nord.html").read_text(encoding="utf-8")
    assert "Review these first: machine drafts below confidence 0.5" in sheet
    region = sheet.index('<a href="#s')
    assert sheet[region:].index("(0.12)") < sheet[region:].index("(0.41)")  # lowest first
    assert sheet.count("review first</span>") == 2 and "confidence 0.9</span>" in sheet
    assert "Brouillon" in sheet  # drafts are shown as drafts, never as reviewed
    assert run("build", "--review", "--low-confidence", "0.1").exit_code == 0
    assert "Review these first" not in Path("editions/review/nord.html").read_text(encoding="utf-8")
