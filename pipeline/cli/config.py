"""Project settings: ``[tool.pipeline]`` in ``pyproject.toml``, environment variables, options.

The schema is the CLI itself: every option of the ``pipeline`` group and of its commands is a key
named as the option without its dashes (``--beam-size`` → ``beam-size``, kebab-case as ruff and
black spell theirs), and an environment variable (``PIPELINE_BEAM_SIZE``), unless it only makes sense
for one run (:data:`PER_RUN_OPTIONS`: ``--json``, ``--list``…). A new option is therefore a new key
with no code here. Values are checked with the option's own click type, so the file accepts exactly
what the command line accepts, and an error names the file and the key's line.

Precedence is click's own (command line, environment, ``default_map``, default): this module only
finds the file, checks it and turns it into the ``default_map`` of the root context.

Hand-written rather than a library: tomllib gives no positions for values, and no configuration
library derives its schema from click options, which is what keeps one definition per setting.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from pipeline.errors import PipelineError
from pipeline.input_files import MAX_CONFIG_BYTES, read_regular_file

FILE_NAME = "pyproject.toml"
TABLE = "tool.pipeline"
ENV_PREFIX = "PIPELINE_"
PER_RUN_OPTIONS = frozenset(
    {
        "help",
        "version",
        "json",
        "list",
        "from-index",
        "lang",
        "all",
        "reviewed",
        "xliff",
        "copy-source",
        "name",
        "replace",
        "state",
    }
)
"""Options that choose what one run does or prints, not how the project is set up: not keys."""
COMMAND_LINE_ONLY = frozenset({"allow-insecure-scheduler"})
"""Options that lower security: a decision for each run, never one a cloned repository's file or a
forgotten variable makes silently (``translate --allow-insecure-scheduler``): not keys either."""


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """The ``[tool.pipeline]`` table of one ``pyproject.toml``, with the text to find keys' lines."""

    path: Path
    table: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""

    def line_of(self, key: str) -> int | None:
        """The line of ``key = …`` inside ``[tool.pipeline]`` (tomllib keeps no positions), else the
        table's header line, else None.

        >>> text = "[tool.pipeline]\\nlangs = ['fr']\\n[tool.x]\\nlangs = 1"
        >>> ConfigFile(Path("p"), {}, text).line_of("langs")
        2
        """
        header = None
        for number, line in enumerate(self.text.splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith("["):
                header = number if _TABLE_HEADER.fullmatch(stripped) else None
            elif header is not None and re.match(rf"""["']?{re.escape(key)}["']?\s*=""", stripped):
                return number
        return next(
            (
                number
                for number, line in enumerate(self.text.splitlines(), start=1)
                if _TABLE_HEADER.fullmatch(line.strip())
            ),
            None,
        )

    def error(self, key: str, message: str) -> PipelineError:
        return PipelineError(f"[{TABLE}] {key}: {message}", path=self.path, line=self.line_of(key))


_TABLE_HEADER = re.compile(r"""\[\s*(["']?)tool\1\s*\.\s*(["']?)pipeline\2\s*\]\s*(#.*)?""")
"""``[tool.pipeline]`` as TOML allows it to be written: spaces around the dot, quoted names."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One key: the option it configures in each command that has it (``()`` is the group)."""

    key: str
    options: tuple[tuple[tuple[str, ...], click.Option], ...]

    @property
    def envvar(self) -> str:
        return envvar_name(self.key)


class NumberRange(click.FloatRange):
    """click's ``FloatRange`` that refuses ``nan``: every comparison with it is false, so it passes the
    range check (``min-reviewed = nan`` then refused every edition as "below nan"). For options whose
    value is a number, on the command line, in a variable and in the file alike."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number", param, ctx)
        return number


EMPTY_PATH = "empty path: it would name the project's own folder (README.md as an article); name the folder"


class FolderPath(click.Path):
    """click's ``Path`` that refuses an empty value: ``--seeds ""`` named the working folder, so every
    ``*.md`` there (README.md) became an article; and control characters, which every message naming
    the folder would print raw (``PIPELINE_SEEDS=$'\x01'``)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(EMPTY_PATH, param, ctx)
        if isinstance(value, str) and not value.isprintable():
            self.fail(
                f"{value!a}: control characters in a folder name (a stray byte in a variable?); name the folder",
                param,
                ctx,
            )
        return super().convert(value, param, ctx)


def envvar_name(key: str) -> str:
    """The variable of a key: one per option, whichever commands take it.

    >>> envvar_name("beam-size")
    'PIPELINE_BEAM_SIZE'
    """
    return ENV_PREFIX + key.upper().replace("-", "_")


def option_key(option: click.Parameter) -> str | None:
    """The key of an option: its first long name without the dashes; None for what is no setting."""
    if not isinstance(option, click.Option) or option.hidden or not option.expose_value:
        return None
    key = next((name[2:] for name in option.opts if name.startswith("--")), None)
    return None if key in PER_RUN_OPTIONS | COMMAND_LINE_ONLY else key


def settings(group: click.Group) -> dict[str, Setting]:
    """Every key of the ``pipeline`` command tree, in the order the options are declared.

    A command's option named as one of the group's (``evaluate --langs``, a subset of ``pipeline
    --langs`` for one run) is not a key: the key is the group's.
    """
    found: dict[str, list] = {}
    for path, option in _options(group, ()):
        key = option_key(option)
        if key is not None and not (path and any(not where for where, _ in found.get(key, []))):
            found.setdefault(key, []).append((path, option))
    return {key: Setting(key, tuple(options)) for key, options in found.items()}


Located = tuple[tuple[str, ...], click.Parameter]
"""A parameter and the path of the command that has it (``("translate",)``; ``()`` for the group)."""


def _options(command: click.Command, path: tuple[str, ...]) -> Iterator[Located]:
    for param in command.params:
        yield path, param
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _options(sub, (*path, name))


def set_envvars(group: click.Group) -> None:
    """Give every setting's option its own variable, ``PIPELINE_<KEY>``, without the command's name
    that ``auto_envvar_prefix`` would add (``PIPELINE_TRANSLATE_BEAM_SIZE``)."""
    for setting in settings(group).values():
        for _, option in setting.options:
            if option.envvar is None:
                option.envvar = setting.envvar
                option.show_envvar = True


# --- finding and reading the file ----------------------------------------------------------------


def find_config(start: Path) -> ConfigFile | None:
    """The first ``pyproject.toml`` with a ``[tool.pipeline]`` table in ``start`` or a folder above
    it, as pytest looks for its own table; files without the table are passed over."""
    for folder in (start, *start.parents):
        candidate = folder / FILE_NAME
        if candidate.is_file():
            config = read_config(candidate)
            if config is not None:
                return config
    return None


def read_config(path: Path) -> ConfigFile | None:
    """The table of ``path``, or None when it has none; broken TOML is an error with its line."""
    try:
        data = read_regular_file(path, what="settings file", limit=MAX_CONFIG_BYTES)
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            raise PipelineError(
                "starts with a byte-order mark (BOM), which TOML does not allow (pip "
                "refuses it too); save the file as UTF-8 without BOM",
                path=path,
                line=1,
            )
        document = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise PipelineError(
            f"not UTF-8 ({error.reason}); save the file as UTF-8", path=path, line=data.count(b"\n", 0, error.start) + 1
        ) from None
    except OSError as error:
        raise PipelineError(f"cannot read: {error.strerror or error}", path=path) from None
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at (?:line (\d+), column \d+|end of document)\)$", str(error))
        message = str(error)[: found.start()].strip() if found else str(error)
        line = None if not found else int(found.group(1)) if found.group(1) else text.count("\n") or 1
        raise PipelineError(f"invalid TOML: {message}", path=path, line=line) from None
    tool = document.get("tool")
    if not isinstance(tool, dict) or "pipeline" not in tool:
        return None
    table = tool["pipeline"]
    config = ConfigFile(path=path, table=table if isinstance(table, dict) else {}, text=text)
    if not isinstance(table, dict):
        raise PipelineError(f"[{TABLE}] must be a table of settings", path=path, line=config.line_of("pipeline"))
    return config


# --- checking values, building click's default_map ----------------------------------------------


def default_map(group: click.Group, config: ConfigFile, *, cwd: Path) -> dict[str, Any]:
    """click's ``default_map`` for the root context: every key checked and converted, placed under
    each command that has the option. Raises :class:`PipelineError` with the key's line at the first
    bad key, so nothing runs (and nothing is written) with a half-read configuration."""
    known = settings(group)
    result: dict[str, Any] = {}
    for key, value in config.table.items():
        if key not in known:
            raise config.error(key, unknown_key_message(key, known))
        for path, option in known[key].options:
            converted = file_value(config, key, value, option, cwd=cwd)
            target = result
            for name in path:
                target = target.setdefault(name, {})
            target[option.name] = converted
    return result


def unknown_key_message(key: str, known: Mapping[str, Setting]) -> str:
    """Names the right spelling when only the separator differs, else the closest keys."""
    respelt = key.replace("_", "-")
    if respelt in COMMAND_LINE_ONLY:
        return f"--{respelt} is given on the command line only, for each run that needs it"
    if respelt in known:
        return f"unknown key; write {respelt!r} (keys are spelt as the options, with hyphens)"
    close = difflib.get_close_matches(respelt, known, n=2)
    hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
    return f"unknown key; {hint}valid keys: {', '.join(sorted(known))}"


LANGUAGE_LIST_KEYS = frozenset({"langs"})
"""Options whose command-line value is a comma-separated list, written as a TOML array in the file."""


def file_value(config: ConfigFile, key: str, value: Any, option: click.Option, *, cwd: Path) -> Any:
    """The file's ``value`` as the option's click type converts it; paths relative to the file.

    An option given several times (``multiple=True``) takes a TOML array of its values.
    """
    if key in LANGUAGE_LIST_KEYS:
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise config.error(key, f'expected a list of language codes, e.g. {key} = ["fr", "en"]')
        value = ",".join(value)
    elif option.multiple:
        if not isinstance(value, list):
            raise config.error(key, f"expected a list, not {type(value).__name__} {value!r}")
        value = [_single_value(config, key, item, option, cwd=cwd) for item in value]
    else:
        value = _single_value(config, key, value, option, cwd=cwd)
    checking = click.Context(click.Command(None))
    try:
        converted = option.type_cast_value(checking, value)
        if option.callback is not None:
            option.callback(checking, option, converted)
    except click.BadParameter as error:
        raise config.error(key, error.message) from None
    return value


def _single_value(config: ConfigFile, key: str, value: Any, option: click.Option, *, cwd: Path) -> Any:
    expected = _toml_types(option)
    if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
        raise config.error(key, f"expected {_describe(expected)}, not {type(value).__name__} {value!r}")
    if not isinstance(option.type, click.Path):
        return value
    path = str(value)  # a str: the only TOML type a path option takes
    if not path.strip():
        raise config.error(key, EMPTY_PATH)
    return _relative_to(config.path.parent / path, cwd)


def _toml_types(option: click.Option) -> tuple[type, ...]:
    kind = option.type
    if option.is_flag or isinstance(kind, click.types.BoolParamType):
        return (bool,)
    if isinstance(kind, click.types.IntParamType):
        return (int,)
    if isinstance(kind, click.types.FloatParamType):
        return (int, float)
    return (str,)


def _describe(types: tuple[type, ...]) -> str:
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
    return names[types[-1]]


def _relative_to(path: Path, cwd: Path) -> Path:
    """``path`` relative to the working folder when it is below it, so messages and catalog
    references read as they do without a file (``seeds/x.txt``, not an absolute path)."""
    try:
        return Path(os.path.relpath(path, cwd)) if not path.is_absolute() or path.is_relative_to(cwd) else path
    except ValueError:  # another drive (Windows)
        return path


# --- where each value came from ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SettingInForce:
    key: str
    value: Any
    source: str
    """``option``, ``environment``, ``file`` or ``default``."""
    origin: str
    """``--langs``, ``PIPELINE_LANGS``, ``pyproject.toml:12`` or ``default``."""
    commands: tuple[str, ...]
    """The commands that take it (``("translate", "check")``); none for the group's own options."""


SOURCE_NAMES: dict[ParameterSource | None, str] = {
    ParameterSource.COMMANDLINE: "option",
    ParameterSource.ENVIRONMENT: "environment",
    ParameterSource.DEFAULT_MAP: "file",
    ParameterSource.DEFAULT: "default",
}


def origin(ctx: click.Context, name: str, config: ConfigFile | None) -> tuple[str, str]:
    """(source, where) of parameter ``name`` in ``ctx``: ``("file", "pyproject.toml:12")``…"""
    source = SOURCE_NAMES.get(ctx.get_parameter_source(name), "default")
    option = next(param for param in ctx.command.params if param.name == name)
    key = option_key(option) or name
    where = {"option": f"--{key}", "environment": envvar_name(key), "default": "default"}.get(source)
    if where is None:  # from the file, or a default_map given by a caller (config None)
        line = None if config is None else config.line_of(key)
        where = "default_map" if config is None else str(config.path) if line is None else f"{config.path}:{line}"
    return source, where


def settings_in_force(ctx: click.Context, group: click.Group, config: ConfigFile | None) -> list[SettingInForce]:
    """Each key's value and origin, read through click as the commands would read them: a context is
    made (not invoked) for each command that has the option."""
    root = ctx.find_root()
    contexts: dict[tuple[str, ...], click.Context] = {(): root}
    found = []
    for setting in settings(group).values():
        path, option = setting.options[0]
        try:
            option_ctx = _context_for(contexts, path, group)
        except click.UsageError as error:  # a bad variable: a usage error of this command, not of `path`
            raise click.UsageError(
                f"{error.format_message().rstrip('.')} (a setting of `{' '.join(path)}`)", ctx=ctx
            ) from None
        source, where = origin(option_ctx, option.name, config)
        found.append(
            SettingInForce(
                key=setting.key,
                value=_plain(option_ctx.params.get(option.name)),
                source=source,
                origin=where,
                commands=tuple(" ".join(path) for path, _ in setting.options if path),
            )
        )
    return found


def _context_for(
    contexts: dict[tuple[str, ...], click.Context], path: tuple[str, ...], group: click.Group
) -> click.Context:
    if path not in contexts:
        parent = _context_for(contexts, path[:-1], group)
        command = parent.command.commands[path[-1]]  # type: ignore[attr-defined]
        # A subgroup (``models``) given no arguments would print its help and exit; it is only the
        # parent of the command whose options are read, and has no options of its own.
        contexts[path] = command.make_context(
            path[-1], [], parent=parent, resilient_parsing=isinstance(command, click.Group)
        )
    return contexts[path]


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
