"""Files the user names (glossary, catalogs given to check, settings) are read as seeds are: regular
files only, with a size limit, so a FIFO or /dev/zero is one line, never a hang or a memory blow-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import input_files
from pipeline.errors import PipelineError
from tests.conftest import run

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def pipeline(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The CLI in a child process with a time limit: a regression hangs the child, not the suite."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("how", ["option", "variable"])
@pytest.mark.parametrize("command", ["check", "translate"])
def test_a_fifo_as_glossary_is_one_line(project_dir, command, how):
    os.mkfifo("glossary.fifo")
    args, env = (
        (["--glossary", "glossary.fifo"], None) if how == "option" else ([], {"PIPELINE_GLOSSARY": "glossary.fifo"})
    )
    result = pipeline(command, *args, env=env)
    assert result.returncode == 1
    assert (
        result.stderr.strip().splitlines()[-1]
        == "Error: glossary.fifo: not a glossary: a named pipe (FIFO), not a regular file"
    )
    assert not Path("locales/.pipeline.lock").exists() or command == "check"


@pytest.mark.parametrize("command", ["check", "translate"])
def test_dev_zero_as_glossary_is_one_line(project_dir, command, monkeypatch):
    monkeypatch.setenv("PIPELINE_GLOSSARY", "/dev/zero")
    result = run(command)
    assert result.exit_code == 1
    assert (
        result.output.strip().splitlines()[-1]
        == "Error: /dev/zero: not a glossary: a character device, not a regular file"
    )


def test_a_glossary_over_the_size_limit_is_refused(project_dir):
    with open("glossary.toml", "wb") as stream:  # sparse: no disk space used
        stream.truncate(input_files.MAX_GLOSSARY_BYTES + 1)
    result = run("check")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "Error: glossary.toml: larger than 16 MB: too large for a glossary"


def test_check_given_a_fifo_is_one_line(project_dir):
    os.mkfifo("a.po")
    result = pipeline("check", "a.po")
    assert result.returncode == 1
    assert (
        result.stderr.strip().splitlines()[-1] == "Error: a.po: not a catalog: a named pipe (FIFO), not a regular file"
    )


def test_check_given_a_device_is_one_line(project_dir):
    Path("zero.po").symlink_to("/dev/zero")
    assert (
        run("check", "zero.po").output.strip().splitlines()[-1]
        == "Error: zero.po: not a catalog: a character device, not a regular file"
    )


def test_a_settings_file_that_is_a_fifo_is_passed_over_and_one_given_is_refused(project_dir):
    os.mkfifo("pyproject.toml")
    assert pipeline("status").returncode in (0, 1)  # finished: the FIFO was not opened
    with pytest.raises(PipelineError, match="not a settings file: a named pipe"):
        from pipeline.cli.config import read_config

        read_config(Path("pyproject.toml"))


def test_a_missing_file_is_file_not_found_for_the_caller(tmp_path):
    with pytest.raises(FileNotFoundError):
        input_files.read_regular_file(tmp_path / "none", what="glossary", limit=10)
