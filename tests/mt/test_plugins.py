"""Engines found by name through the ``pipeline.engines`` entry points (pipeline/mt/plugins.py), and
the proof that a package outside ``pipeline/`` adds one: tests/data/engine_plugin holds a module and
its dist-info, nothing more."""

from __future__ import annotations

import json
import re
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.mt import argos_provider, cluster_provider, plugins
from tests.conftest import REPO, load, run

PLUGIN = Path(__file__).parent.parent / "data" / "engine_plugin"
EN = Path("locales/en/LC_MESSAGES/nord.po")
FR = Path("locales/fr/LC_MESSAGES/nord.po")


@pytest.fixture
def echo_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The echo package on sys.path, as pip would put it: importlib.metadata finds its dist-info there."""
    monkeypatch.syspath_prepend(str(PLUGIN))


def review_drafts(path: Path) -> None:
    """Accept every machine draft of ``path`` as reviewed, as a translator clearing the fuzzy flags would."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^#, fuzzy\n", "", text, flags=re.MULTILINE), encoding="utf-8")


def test_a_package_outside_pipeline_adds_an_engine_that_translate_and_evaluate_use(
    project_dir, argos_dir, echo_installed
):
    result = run("translate", "--engine", "echo")
    assert result.exit_code == 0, result.output
    for path, lang in ((EN, "en"), (FR, "fr")):
        drafts = [item for item in load(path) if item.msgstr]
        assert drafts and all(item.msgstr == f"{item.msgid.upper()} [{lang}]" for item in drafts)
        assert all(f"machine translation: Echo de→{lang} 0.1" in item.tcomment for item in drafts)
        review_drafts(path)
    report = json.loads(run("evaluate", "--engine", "echo", "--json").stdout)
    assert {(item["lang"], item["provenance"]) for item in report["results"]} == {
        ("fr", "Echo de→fr 0.1"),
        ("en", "Echo de→en 0.1"),
    }
    assert all(item["chrf"]["score"] == 100 for item in report["results"])  # the same engine wrote the references
    assert not [
        path
        for path in (REPO / "pipeline").rglob("*.py")
        if re.search(r"echo_engine|EchoProvider|--engine echo", path.read_text(encoding="utf-8"))
    ]


def test_an_unknown_engine_is_one_line_naming_the_available_ones(project_dir):
    result = run("translate", "--engine", "nope")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["Error: --engine nope: no such engine; available: argos, dask"]
    assert not Path("locales").exists()  # refused before extraction


def test_a_registered_plugin_is_listed_among_the_available_engines(echo_installed):
    assert plugins.available_engines() == ["argos", "dask", "echo"]


def test_the_built_in_engines_load_through_their_entry_points():
    found = {entry.name: entry.value for entry in entry_points(group=plugins.ENTRY_POINT_GROUP)}
    assert found == plugins.BUILT_IN
    assert isinstance(plugins.load_provider("argos"), argos_provider.ArgosProvider)


def test_the_built_in_engines_load_without_metadata(monkeypatch):
    """A checkout run without being installed has no entry points: the built-ins still load (babel's habit)."""
    monkeypatch.setattr(plugins, "entry_points", lambda **selection: ())
    assert plugins.available_engines() == ["argos", "dask"]
    assert plugins.provider_class("argos") is argos_provider.ArgosProvider
    assert plugins.provider_class("dask") is cluster_provider.DaskProvider


@pytest.mark.parametrize(
    "args", [("--scheduler", "tcp://127.0.0.1:8786"), ("--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786")]
)
def test_the_dask_engine_without_dask_names_the_extra_to_install(project_dir, monkeypatch, args):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` raises ImportError
    result = run("translate", *args)
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: --engine dask needs Dask") and "`cluster` extra" in line
    assert not Path("locales").exists()


def test_the_dask_engine_needs_a_scheduler(project_dir):
    for command in ("translate", "evaluate"):
        result = run(command, "--engine", "dask")
        assert result.exit_code == 1 and "--engine dask needs a Dask scheduler" in result.output


def test_a_scheduler_goes_with_the_dask_engine_only(project_dir, echo_installed):
    result = run("translate", "--engine", "echo", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--scheduler goes with the dask engine, not --engine echo" in result.output


def test_the_engine_is_a_setting(project_dir, echo_installed):
    Path("pyproject.toml").write_text('[tool.pipeline]\nengine = "nope"\n', encoding="utf-8")
    result = run("translate")
    assert result.exit_code == 1 and "--engine nope: no such engine" in result.output


def test_providers_follow_the_protocol():
    provider: plugins.EngineProvider = plugins.load_provider("argos")
    assert provider.name == "argos" and callable(provider.open)
    with pytest.raises(PipelineError, match="no such engine"):
        plugins.load_provider("")
