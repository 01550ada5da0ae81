"""The documentation's commands run as written: every `pipeline` command line in the README and in
docs/ names commands and options that exist, shell blocks use the `.venv/bin/` form (the environment
is not activated after `make`), and every `make` target named exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from pipeline.cli.commands import cli
from tests.conftest import REPO

PAGES = sorted([REPO / "README.md", *(REPO / "docs").rglob("*.md")])
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE_COMMAND = re.compile(r"`((?:\.venv/bin/)?pipeline [^`]+)`")
SHELLS = {"sh", "bash", "console", "shell"}
PROGRAM = ".venv/bin/pipeline"


def shell_lines(text: str) -> list[str]:
    """The command lines of the page's shell blocks, comments and prompts taken off."""
    lines = []
    for language, body in FENCE.findall(text):
        if language in SHELLS:
            for line in body.splitlines():
                line = line.split(" #", 1)[0].removeprefix("$ ").strip()
                if line and not line.startswith("#"):
                    lines.append(line)
    return lines


def pipeline_arguments(words: list[str]) -> list[str] | None:
    """The arguments after the program, past ``VAR=value`` assignments; None for another program."""
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        words = words[1:]
    if words and words[0] in (PROGRAM, "pipeline"):
        return words[1:]
    return None


def unknown_words(arguments: list[str]) -> list[str]:
    """Options the command they follow does not have, and a subcommand a group lacks. A synopsis's
    brackets (``[--langs fr,en]``) and metavariables (``COMMAND``, ``FILE``) are read as written."""
    command: click.Command = cli
    unknown: list[str] = []
    words = iter(word.strip("[]") for word in arguments)
    for word in words:
        if word in ("|", "&&", ">", "2>&1"):
            break
        if word.startswith("-"):
            name = word.split("=", 1)[0]
            param = next((param for param in command.params if name in (*param.opts, *param.secondary_opts)), None)
            if param is None and name != "--help":
                unknown.append(f"{word} (not an option of {command.name})")
            elif isinstance(param, click.Option) and not param.is_flag and "=" not in word:
                next(words, None)  # its value
        elif isinstance(command, click.Group) and not word.isupper():
            if word not in command.commands:
                unknown.append(f"{word} (no such command of {command.name})")
                break
            command = command.commands[word]
    return unknown


def commands_of(page: Path) -> list[tuple[str, list[str]]]:
    text = page.read_text(encoding="utf-8")
    shell = [(line, pipeline_arguments(shlex.split(line))) for line in shell_lines(text)]
    inline = [(span, pipeline_arguments(span.replace("…", "").split())) for span in INLINE_COMMAND.findall(text)]
    return [(line, arguments) for line, arguments in shell + inline if arguments is not None]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_every_pipeline_command_names_real_commands_and_options(page):
    wrong = {line: unknown for line, arguments in commands_of(page) if (unknown := unknown_words(arguments))}
    assert not wrong


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_shell_blocks_run_the_installed_command_as_make_leaves_it(page):
    """``make`` installs into .venv without activating it: a bare ``pipeline`` in a block to copy is
    "command not found"."""
    bare = [
        line for line in shell_lines(page.read_text(encoding="utf-8")) if (shlex.split(line) or [""])[0] == "pipeline"
    ]
    assert not bare


def test_every_make_target_named_in_the_docs_exists():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    named = {
        target for page in PAGES for target in re.findall(r"`make ([a-z][\w-]*)", page.read_text(encoding="utf-8"))
    }
    assert named and named <= targets, named - targets


def test_the_page_checker_sees_a_wrong_option():
    assert unknown_words(["build", "--reveiw"]) == ["--reveiw (not an option of build)"]
    assert unknown_words(["modles", "list"]) == ["modles (no such command of cli)"]
    assert unknown_words(["--langs", "fr", "models", "install", "--from-index"]) == []


def _commands(group: click.Group, path: str = "pipeline"):
    for name, command in group.commands.items():
        yield f"{path} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} {name}")


@pytest.mark.parametrize(
    "name, command", list(_commands(cli)), ids=lambda value: value if isinstance(value, str) else ""
)
def test_no_command_is_described_cut_short_in_help(name, command):
    """``--help`` lists commands in an 80-column terminal with what fits of their description:
    each has a short help that fits whole (``Check translations (every catalog, or FILES) before
    an...`` said nothing)."""
    assert not command.get_short_help_str(limit=60).endswith("..."), name
