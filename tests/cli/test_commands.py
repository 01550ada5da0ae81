"""The CLI (pipeline.cli.commands): a thin layer; what it adds is parsing, printing and exit codes. And the
command line as a newcomer meets it: advice that runs as printed, quiet pipes, notices."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pipeline import errors
from pipeline.cli.commands import cli
from pipeline.mt import packages
from tests.conftest import REPO, SMALL_ARTICLE, run


def test_exit_codes_live_in_one_place():
    from pipeline.cli import commands

    assert (errors.EXIT_REFUSED, errors.CHECK_FAILED, errors.INTERRUPTED) == (3, 3, 130)
    assert commands.CHECK_FAILED is errors.CHECK_FAILED and commands.INTERRUPTED is errors.INTERRUPTED


def test_unknown_language_is_a_usage_error(project_dir):
    result = run("--langs", "fr,xx", "extract")
    assert result.exit_code == 2 and "unknown language code 'xx'" in result.output


def test_a_pipeline_error_is_one_line_with_exit_status_1(project_dir):
    result = run("--seeds", "nowhere", "extract")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        ("Error: nowhere: no such folder; put the articles (*.txt, *.md) there")
    ]


def test_extract_prints_every_file_once(project_dir):
    first = run("extract")
    assert first.exit_code == 0
    assert first.output.splitlines() == [
        "updated locales/nord.pot",
        "updated locales/fr/LC_MESSAGES/nord.po (+8 new, 0 changed, 0 obsolete)",
        "updated locales/en/LC_MESSAGES/nord.po (+8 new, 0 changed, 0 obsolete)",
    ]
    again = run("extract")
    assert again.output.splitlines() == [
        "unchanged locales/nord.pot",
        "unchanged locales/fr/LC_MESSAGES/nord.po",
        "unchanged locales/en/LC_MESSAGES/nord.po",
    ]


def test_shared_options_read_the_same_everywhere():
    from pipeline.cli.commands import check, segment, status, translate

    def names(command):
        return {option.name: option.help for option in command.params}

    assert names(segment)["as_json"] and names(status)["as_json"] and names(check)["as_json"]
    assert {"glossary_path"} <= set(names(translate)) & set(names(check))


def test_help_imports_neither_argostranslate_nor_ctranslate2():
    code = (
        "import sys\n"
        "from pipeline.cli.commands import cli\n"
        'for args in (["--help"], ["translate", "--help"], ["models", "--help"]):\n'
        "    try:\n"
        "        cli(args, prog_name='pipeline')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('argostranslate', 'ctranslate2')))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert output.stdout.strip().splitlines()[-1] == "[]"


# --- the command line as a newcomer meets it ------------------------------------------------------


def printed_command(message: str) -> list[str]:
    """The first `command` quoted in a message, as words."""
    return re.search(r"`([^`]+)`", message).group(1).split()


def runs_from_here(program: str) -> bool:
    return shutil.which(program) is not None or ("/" in program and os.access(program, os.X_OK))


def test_install_advice_runs_as_printed_from_the_repository_root(project_dir, argos_dir, monkeypatch):
    result = run("translate")
    assert result.exit_code == 1
    assert packages.install_hint() in result.output.strip().splitlines()[-1]
    monkeypatch.chdir(REPO)
    advice = printed_command(packages.install_hint())
    assert runs_from_here(advice[0]), advice
    assert advice[1:3] == ["models", "install"]
    help_text = subprocess.run([advice[0], "models", "install", "--help"], capture_output=True, text=True, timeout=60)
    assert help_text.returncode == 0 and "FILES" in help_text.stdout


def test_install_advice_from_elsewhere_is_an_absolute_path_or_on_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runs_from_here(printed_command(packages.install_hint())[0])


def test_make_models_installs_the_files_given():
    dry = subprocess.run(
        ["make", "-n", "-C", str(REPO), "models", "FILES=a.argosmodel b.argosmodel"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert dry.returncode == 0, dry.stderr
    assert "pipeline models install a.argosmodel b.argosmodel" in dry.stdout


def test_readme_set_up_shows_how_to_install_models():
    set_up = (REPO / "README.md").read_text(encoding="utf-8").split("## Set-up", 1)[1].split("\n## ", 1)[0]
    assert "make models FILES=" in set_up and ".venv/bin/pipeline models install" in set_up


def test_status_into_a_pipe_closed_early_ends_quietly(project_dir):
    for number in range(1500):
        Path(f"seeds/artikel-{number:04}.txt").write_text(SMALL_ARTICLE, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "status"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    child.stdout.readline()
    child.stdout.close()  # as `| head -1` does
    stderr = child.stderr.read().decode()
    child.wait(timeout=60)
    assert stderr == ""
    assert child.returncode != 0


def test_a_missing_glossary_is_one_notice(project_dir):
    assert run("extract").exit_code == 0
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines() == [
        "notice: glossary.toml: no such file; no names or terms are protected"
    ]
    Path("glossary.toml").write_text('keep = ["Verkor"]\n', encoding="utf-8")
    assert CliRunner().invoke(cli, ["check"]).stderr == ""


def test_install_advice_inside_the_scripts_folder_is_a_path(monkeypatch):
    from pipeline.project import pipeline_command

    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.chdir(Path(sys.executable).parent)
    assert pipeline_command() == "./pipeline"


def test_status_names_the_source_language_its_words_are_counted_in(project_dir):
    (project_dir / "seeds" / "nord.txt").write_text(
        "Mr. Smith opened a factory. It employs people.\n", encoding="utf-8"
    )
    assert run("--source-lang", "en", "--langs", "fr", "extract").exit_code == 0
    result = run("--source-lang", "en", "--langs", "fr", "status")
    assert result.exit_code == 0 and "words are counted on the English source" in result.output
    assert "German" not in result.output
    assert "words are counted on the German source" in run("status").output


def test_a_ctrl_c_after_the_command_has_finished_exits_as_interrupted():
    """A Ctrl-C that lands once everything is written and said, while the interpreter shuts down (a
    cluster client's threads closing), ends the process with 130 at once: it was killed by the
    signal, with a traceback or none, depending on where the clean-up was."""
    code = (
        "import os, signal, time\n"
        "from pipeline.cli import commands\n"
        "try:\n"
        "    commands.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "time.sleep(30)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--help"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == errors.INTERRUPTED, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
