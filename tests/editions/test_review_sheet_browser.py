"""The review sheet and an edition as a real browser renders them (headless Chromium; skipped without it).

A string comparison cannot tell whether a page parses as intended: these tests read the DOM that
Chromium built, so an unescaped ``<script>`` or ``</td>`` in a translation would show up as a
changed document, an executed script or a broken table.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import entry, load, run, save, set_draft

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)")

FR = Path("locales/fr/LC_MESSAGES/nord.po")
ATTACK = (
    "<script>document.body.setAttribute('data-pwned', 'script')</script>"
    "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\"></td></tr>"
)


def chromium(tmp_path: Path, page: Path, *options: str) -> str:
    """Run headless Chromium on ``page`` offline and return its standard output."""
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *options,
        page.resolve().as_uri(),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


@pytest.fixture
def built(project_dir: Path) -> Path:
    """Every state in the French catalog: reviewed, machine draft, source changed, missing; and an
    attack in a reviewed translation."""
    run("extract")
    catalog = load(FR)
    entry(catalog, "Batterien aus dem Norden").msgstr = "Des batteries venues du Nord"
    entry(catalog, "Verkor hat in Bourbourg eine Fabrik eröffnet.").msgstr = "Verkor a ouvert une usine."
    entry(catalog, "Die Region hofft auf Arbeit.").msgstr = ATTACK
    set_draft(entry(catalog, "Ja."), "Oui.", "test engine")
    save(catalog, FR)
    article = project_dir / "seeds" / "nord.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("eine Fabrik", "eine neue Fabrik"), encoding="utf-8")
    run("extract")
    result = run("build", "--review")
    assert result.exit_code == 0, result.output
    return project_dir


def test_review_sheet_renders_one_row_per_sentence_with_visible_states(built, tmp_path):
    dom = chromium(tmp_path, built / "editions/review/nord.html", "--dump-dom")
    assert re.search(r"<body[^>]*>", dom).group() == "<body>"  # no script ran
    rows = re.findall(r'<tr id="s(\d+)">(.*?)</tr>', dom, flags=re.S)
    assert [number for number, _ in rows] == [str(number) for number in range(1, 9)]
    assert all(row.count("<td") == 4 for _, row in rows)  # number, German, French, English
    labels = {number: re.findall(r'<span class="state (\w+)">([^<]+)</span>', row) for number, row in rows}
    assert labels["1"][0] == ("reviewed", "reviewed")
    assert labels["2"][0] == ("changed", "source changed")
    assert labels["5"][0] == ("draft", "machine draft")
    assert labels["6"][0] == ("missing", "missing")
    assert "eine <ins>neue </ins>Fabrik" in rows[1][1]
    assert "&lt;script&gt;document.body.setAttribute" in rows[3][1]


def test_edition_shows_the_attack_as_text_and_runs_nothing(built, tmp_path):
    dom = chromium(tmp_path, built / "editions/fr/nord.html", "--dump-dom")
    assert re.search(r"<body[^>]*>", dom).group() == "<body>"  # no script ran
    assert "<script" not in dom and "<img" not in dom
    assert "<p>&lt;script&gt;document.body.setAttribute(" in dom  # shown as text (in French quotes)
    assert "&lt;/td&gt;&lt;/tr&gt; Oui.</p>" in dom
    assert '<html lang="fr">' in dom and "<title>Des batteries venues du Nord</title>" in dom
    assert len(re.findall(r"<p>", dom)) == 3  # paragraphs 2 to 4
    assert 'role="note"' in dom  # the unreviewed-translation notice


def test_screenshots_render(built, tmp_path):
    for page in ("editions/review/nord.html", "editions/fr/nord.html"):
        picture = tmp_path / (page.replace("/", "-") + ".png")
        chromium(tmp_path, built / page, f"--screenshot={picture}", "--window-size=1200,900", "--hide-scrollbars")
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size > 10_000
