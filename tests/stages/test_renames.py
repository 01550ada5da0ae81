"""A renamed or moved seed keeps its catalogs, every state intact (issue 22, point 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.po.catalogs import read_view
from pipeline.po.views import EntryState
from tests.conftest import run
from tests.editions.test_build import EN, ENGLISH, FR, FRENCH, SECOND_JA, translate


def reviewed(project_dir: Path) -> dict[Path, dict]:
    assert run("extract").exit_code == 0
    translate(FR, {**FRENCH, SECOND_JA: "Oui."})
    translate(EN, {**ENGLISH, "Ja.": "Yes."}, drafts=True)  # English: machine drafts
    return {path: states(path) for path in (FR, EN)}


def states(path: Path) -> dict:
    return {entry.key: (entry.msgstr, entry.state) for entry in read_view(path).active()}


def renamed(path: Path) -> Path:
    return path.with_name("sued.po")


def test_a_renamed_seed_carries_every_catalog_over(project_dir):
    before = reviewed(project_dir)
    Path("locales/es/LC_MESSAGES").mkdir(parents=True)  # a language no longer in --langs: moved too
    shutil.copy(FR, "locales/es/LC_MESSAGES/nord.po")
    Path("seeds/nord.txt").rename("seeds/sued.txt")
    result = run("extract")
    assert result.exit_code == 0, result.output
    assert (
        "renamed locales/nord.pot → locales/sued.pot (the article was renamed: 100% of its sentences" in result.output
    )
    assert not Path("locales/nord.pot").exists() and not FR.exists()
    assert Path("locales/es/LC_MESSAGES/sued.po").exists()
    for path, was in before.items():
        assert states(renamed(path)) == was
    assert "seeds/sued.txt:" in renamed(FR).read_text(encoding="utf-8")  # references follow the new file
    assert run("build").exit_code == 0
    assert "Avertissement" not in Path("editions/fr/sued.txt").read_text(encoding="utf-8")
    assert not Path("editions/fr/nord.txt").exists()


def test_a_renamed_and_edited_seed_is_recognised_and_the_edit_merged(project_dir):
    reviewed(project_dir)
    text = Path("seeds/nord.txt").read_text(encoding="utf-8")
    Path("seeds/nord.txt").unlink()
    Path("seeds/sued.txt").write_text(
        text.replace("Die Region hofft auf Arbeit.", "Die Region hofft auf viel Arbeit."), encoding="utf-8"
    )
    assert run("extract").exit_code == 0
    found = {entry.msgid: entry for entry in read_view(renamed(FR)).active()}
    assert found["Verkor hat in Bourbourg eine Fabrik eröffnet."].state is EntryState.REVIEWED
    assert found["Die Region hofft auf viel Arbeit."].previous_msgid == "Die Region hofft auf Arbeit."


def test_an_unrelated_new_article_does_not_take_an_orphans_catalogs(project_dir):
    reviewed(project_dir)
    Path("seeds/nord.txt").unlink()
    Path("seeds/anders.txt").write_text("Ganz etwas anderes steht hier.\nUnd noch ein Satz.\n", encoding="utf-8")
    assert run("extract").exit_code == 0
    assert Path("locales/nord.pot").exists() and FR.exists()
    assert all(not msgstr for msgstr, _ in states(Path("locales/fr/LC_MESSAGES/anders.po")).values())
