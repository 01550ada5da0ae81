"""The catalogs are first-class gettext files: GNU tools and editors re-save them without noise or loss.

Runs when GNU gettext (msgcat, msgmerge, msgfmt) is installed; `.ci/run` installs it.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.po import catalogs, views
from tests.conftest import run, save

pytestmark = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext not installed")

SLUG = "vallee-de-la-batterie"
SEED = Path(f"seeds/{SLUG}.txt")
POT = Path(f"locales/{SLUG}.pot")
FR = Path(f"locales/fr/LC_MESSAGES/{SLUG}.po")
EN = Path(f"locales/en/LC_MESSAGES/{SLUG}.po")


def gettext(*args: str) -> bytes:
    return subprocess.run(
        args, check=True, capture_output=True, env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    ).stdout


def work_in_every_state(path: Path) -> None:
    """Reviewed entries (one with a translator comment), machine drafts and untranslated ones."""
    catalog = catalogs.read_view(path)
    active = (entry for entry in catalog.entries if not entry.obsolete)
    worked = {entry.key: _worked(number, entry) for number, entry in enumerate(active)}
    entries = tuple(worked.get(entry.key, entry) if not entry.obsolete else entry for entry in catalog.entries)
    save(dataclasses.replace(catalog, entries=entries), path)


def _worked(number: int, entry: views.Entry) -> views.Entry:
    if number % 3 == 0:
        reviewed = f"Traduction relue {number}, avec une phrase assez longue pour être coupée par gettext."
        comment = "relu par Claire" if number % 2 == 0 else entry.tcomment
        return dataclasses.replace(entry, msgstr=reviewed, tcomment=comment)
    if number % 3 == 1:
        return catalogs.with_machine_draft(entry, f"Brouillon {number}.", "Argos Translate de→en 1.0")
    return entry


def edit_the_article() -> None:
    """One sentence changed, one removed, one added."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("Ein kalter Wind weht", "Ein eisiger Wind weht")
    text = text.replace(
        " Genauer gesagt die Vallée de la batterie – ein Projekt, das klingt wie ein "
        "Marketingbegriff, sich aber längst als handfeste Realität entpuppt.",
        "",
    )
    SEED.write_text(text + "Ein neuer Schlusssatz kommt hinzu.\n", encoding="utf-8")


def status_figures() -> list[dict]:
    return [item["sentences"] for item in json.loads(run("status", "--json").stdout)["catalogs"]]


@pytest.fixture
def worked_on(seed_project: Path) -> Path:
    """The seed's catalogs after extraction, translators' work, and an update of the article."""
    assert run("extract").exit_code == 0
    for path in (FR, EN):
        work_in_every_state(path)
    edit_the_article()
    assert run("extract").exit_code == 0
    return seed_project


def test_every_file_is_written_as_msgcat_writes_it(worked_on):
    text = FR.read_text(encoding="utf-8")
    assert "#| msgid" in text and "#~ msgid" in text and "# machine translation: " in text
    for path in (POT, FR, EN):
        assert gettext("msgcat", str(path)) == path.read_bytes(), path


def test_msgmerge_with_the_unchanged_template_changes_nothing(worked_on):
    for path in (FR, EN):
        assert gettext("msgmerge", "--quiet", "--previous", str(path), str(POT)) == path.read_bytes(), path


def test_state_and_provenance_survive_msgmerge_update(worked_on):
    before = status_figures()
    for path in (FR, EN):
        gettext("msgmerge", "--quiet", "--previous", "--backup=off", "-U", str(path), str(POT))
    assert status_figures() == before
    drafts = [item for item in catalogs.read_view(FR) if views.entry_state(item) is views.EntryState.MACHINE_DRAFT]
    assert drafts and all("machine translation: Argos Translate" in item.tcomment for item in drafts)


def test_state_survives_msgcat_output(worked_on):
    before = status_figures()
    for path in (FR, EN):
        gettext("msgcat", "-o", str(path), str(path))
    assert status_figures() == before


@pytest.mark.parametrize(
    "resave",
    [
        lambda data: gettext("msgcat", "--no-wrap", str(FR)),
        lambda data: data.replace(b"\n", b"\r\n"),
        lambda data: b"\xef\xbb\xbf" + data,
    ],
    ids=["msgcat-no-wrap", "crlf", "bom"],
)
def test_a_catalog_resaved_by_an_editor_is_left_byte_for_byte(worked_on, resave):
    resaved = resave(FR.read_bytes())
    assert resaved != FR.read_bytes()
    FR.write_bytes(resaved)
    assert run("extract").exit_code == 0
    assert FR.read_bytes() == resaved


def test_counts_agree_with_msgfmt_statistics(worked_on):
    figures = {item["lang"]: item["sentences"] for item in json.loads(run("status", "--json").stdout)["catalogs"]}
    for lang, path in (("fr", FR), ("en", EN)):
        report = subprocess.run(
            ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
            check=True,
        ).stderr
        ours = figures[lang]
        assert report.startswith(
            f"{ours['reviewed']} translated messages, "
            f"{ours['machine_draft'] + ours['source_changed']} fuzzy translations, "
            f"{ours['untranslated']} untranslated messages."
        ), report
