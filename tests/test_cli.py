"""The CLI (pipeline.cli): a thin layer; what it adds is parsing, printing and exit codes."""

from __future__ import annotations

import subprocess
import sys
import time

from pipeline import errors
from tests.conftest import REPO, run


def test_exit_codes_live_in_one_place():
    from pipeline import cli

    assert (errors.EXIT_REFUSED, errors.CHECK_FAILED, errors.INTERRUPTED) == (3, 3, 130)
    assert cli.CHECK_FAILED is errors.CHECK_FAILED and cli.INTERRUPTED is errors.INTERRUPTED


def test_unknown_language_is_a_usage_error(project_dir):
    result = run("--langs", "fr,xx", "extract")
    assert result.exit_code == 2 and "unknown language code 'xx'" in result.output


def test_a_pipeline_error_is_one_line_with_exit_status_1(project_dir):
    result = run("--seeds", "nowhere", "extract")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["Error: nowhere: no such folder; put the German articles "
                                                  "(*.txt) there"]


def test_extract_prints_every_file_once(project_dir):
    first = run("extract")
    assert first.exit_code == 0
    assert first.output.splitlines() == ["updated locales/nord.pot",
                                         "updated locales/fr/LC_MESSAGES/nord.po (+8 new, 0 changed, 0 obsolete)",
                                         "updated locales/en/LC_MESSAGES/nord.po (+8 new, 0 changed, 0 obsolete)"]
    again = run("extract")
    assert again.output.splitlines() == ["unchanged locales/nord.pot", "unchanged locales/fr/LC_MESSAGES/nord.po",
                                         "unchanged locales/en/LC_MESSAGES/nord.po"]


def test_shared_options_read_the_same_everywhere():
    from pipeline.cli import check, segment, status, translate

    def names(command):
        return {option.name: option.help for option in command.params}

    assert names(segment)["as_json"] and names(status)["as_json"] and names(check)["as_json"]
    assert {"glossary_path"} <= set(names(translate)) & set(names(check))


def test_help_imports_neither_argostranslate_nor_ctranslate2():
    code = ("import sys\n"
            "from pipeline.cli import cli\n"
            "for args in ([\"--help\"], [\"translate\", \"--help\"], [\"models\", \"--help\"]):\n"
            "    try:\n"
            "        cli(args, prog_name='pipeline')\n"
            "    except SystemExit:\n"
            "        pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('argostranslate', 'ctranslate2')))\n")
    started = time.monotonic()
    output = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                            check=True)
    assert output.stdout.strip().splitlines()[-1] == "[]"
    assert time.monotonic() - started < 10
