"""OmegaT as a real CAT-tool client of `pipeline export`/`import`, driven headless (console modes).

Skipped where Debian's ``omegat`` package is not installed. OmegaT's built-in XLIFF filter translates
units that have a target, hence ``export --copy-source``. OmegaT lists the segments as it sees them
(inline codes as its own ``<f0/>`` tags) in a pseudo-translated memory; the test translates that
memory, and OmegaT writes the translated XLIFF from it as a translator's project would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import entry, load, run
from tests.exchange.test_xliff import ARTICLE, LINKED

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
pytestmark = pytest.mark.skipif(
    not OMEGAT_JAR.is_file() or shutil.which("java") is None, reason="OmegaT is not installed (Debian package omegat)"
)

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
  <source_dir>__DEFAULT__</source_dir><source_dir_excludes/><target_dir>__DEFAULT__</target_dir>
  <tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir><glossary_file>__DEFAULT__</glossary_file>
  <dictionary_dir>__DEFAULT__</dictionary_dir><source_lang>DE</source_lang><target_lang>FR</target_lang>
  <source_tok>org.omegat.tokenizer.LuceneGermanTokenizer</source_tok>
  <target_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</target_tok>
  <sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations>
  <remove_tags>false</remove_tags>
</project></omegat>
"""
TRANSLATIONS = {
    "Batterien aus dem Norden": "Des batteries du Nord",
    "Die Region hofft auf Arbeit.": "La région espère du travail.",
    "Verkor hat in <f0/>Bourbourg<f1/> eine <f2/>Fabrik<f3/><h4/> eröffnet.": "Verkor a ouvert une <f2/>usine<f3/><h4/> à <f0/>Bourbourg<f1/>.",
}


def omegat(project: Path, home: Path, *options: str) -> None:
    command = ["java", "-Djava.awt.headless=true", "-jar", str(OMEGAT_JAR), str(project), *options]
    subprocess.run(command, check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(home)})


def translate_memory(pseudo: Path, memory: Path) -> None:
    """The pseudo-translated memory with the target of each segment this test knows translated."""
    tree = etree.parse(str(pseudo))
    for unit in tree.iterfind(".//tu"):
        source, target = unit.iterfind("tuv/seg")
        if source.text in TRANSLATIONS:
            target.text = TRANSLATIONS[source.text]
    tree.write(str(memory), encoding="UTF-8", xml_declaration=True)


def test_a_file_translated_in_omegat_imports_back_with_its_markup(project_dir: Path, tmp_path: Path) -> None:
    (project_dir / "seeds" / "nord.txt").unlink()
    (project_dir / "seeds" / "nord.md").write_text(ARTICLE, encoding="utf-8")
    assert run("extract").exit_code == 0
    assert run("export", "--lang", "fr", "--copy-source").exit_code == 0
    project = tmp_path / "omegat-project"
    for folder in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    shutil.copy(project_dir / "xliff/fr/nord.xlf", project / "source")
    omegat(
        project,
        tmp_path,
        "--mode=console-createpseudotranslatetmx",
        f"--pseudotranslatetmx={tmp_path / 'pseudo.tmx'}",
        "--pseudotranslatetype=equal",
    )
    translate_memory(tmp_path / "pseudo.tmx", project / "omegat" / "project_save.tmx")
    omegat(project, tmp_path, "--mode=console-translate")

    result = run("import", str(project / "target" / "nord.xlf"))

    assert result.exit_code == 0, result.output
    catalog = load(project_dir / "locales/fr/LC_MESSAGES/nord.po")
    linked = entry(catalog, LINKED)
    assert (linked.msgstr, linked.fuzzy) == ("Verkor a ouvert une [usine](https://verkor.com) à **Bourbourg**.", True)
    assert entry(catalog, "Die Region hofft auf Arbeit.").msgstr == "La région espère du travail."
    assert entry(catalog, "Die Gewerkschaft bleibt skeptisch.").msgstr == ""  # OmegaT left the source copy
