"""Settings: ``[tool.pipeline]`` in pyproject.toml, PIPELINE_* variables, options, and their order."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest
import sentencex
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pipeline.cli import config
from pipeline.cli.commands import cli
from pipeline.errors import EXIT_ERROR, EXIT_REFUSED, PipelineError
from tests.conftest import REPO, load, run


def write_config(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(f'[project]\nname = "newsroom"\n\n[tool.pipeline]\n{body}\n', encoding="utf-8")
    return path


def settings(*args: str, env: dict[str, str] | None = None) -> dict:
    result = CliRunner().invoke(cli, [*args, "config", "--json"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_without_a_file_the_defaults_hold(project_dir):
    found = settings()
    assert found["file"] is None
    assert found["settings"]["langs"] == {
        "value": ["fr", "en"],
        "source": "default",
        "origin": "default",
        "commands": [],
    }
    assert found["settings"]["source-lang"]["value"] == "de"
    assert found["settings"]["beam-size"]["value"] is None


# --- precedence: option > environment > file > default, per kind of value ----------------------

KINDS = [  # key, value in the file, in the environment, on the command line (None: not a group option)
    ("langs", '["fr", "es"]', "it", "pt"),
    ("source-lang", '"en"', "fr", "it"),
    ("seeds", '"articles"', "env-seeds", "cli-seeds"),
    ("beam-size", "2", "3", None),
    ("min-reviewed", "90.5", "75", None),
    ("policy", '"reviewed"', "draft", None),
    ("review", "true", "false", None),
    ("glossary", '"terms.toml"', "env-terms.toml", None),
]


@pytest.mark.parametrize("key, in_file, in_env, on_line", KINDS, ids=[kind[0] for kind in KINDS])
def test_option_beats_environment_beats_file_beats_default(project_dir, key, in_file, in_env, on_line):
    variable = config.envvar_name(key)
    assert settings()["settings"][key]["source"] == "default"
    path = write_config(project_dir, f"{key} = {in_file}")
    from_file = settings()["settings"][key]
    assert (from_file["source"], from_file["origin"]) == ("file", f"{path}:5")
    from_env = settings(env={variable: in_env})["settings"][key]
    assert (from_env["source"], from_env["origin"]) == ("environment", variable)
    assert from_env["value"] != from_file["value"]
    if on_line is not None:
        from_line = settings(f"--{key}", on_line, env={variable: in_env})["settings"][key]
        assert (from_line["source"], from_line["origin"]) == ("option", f"--{key}")
        assert from_line["value"] not in (from_env["value"], from_file["value"])


def test_file_values_are_typed_as_the_options(project_dir):
    write_config(
        project_dir, 'langs = ["fr", "es"]\nbeam-size = 2\nmin-reviewed = 90\nreview = true\ncompute-type = "int8"'
    )
    found = {key: item["value"] for key, item in settings()["settings"].items()}
    assert (found["langs"], found["beam-size"], found["min-reviewed"], found["review"], found["compute-type"]) == (
        ["fr", "es"],
        2,
        90.0,
        True,
        "int8",
    )


def test_the_file_and_a_command_line_option_act_on_a_real_command(project_dir):
    write_config(project_dir, 'policy = "reviewed"\nmin-reviewed = 50')
    assert run("extract").exit_code == 0
    refused = run("build")  # nothing is reviewed: the file's policy refuses every edition
    assert refused.exit_code == EXIT_REFUSED
    assert "not built fr/nord" in refused.output
    drafted = run("build", "--policy", "draft")  # the option wins; the file's min-reviewed is not an error
    assert drafted.exit_code == 0, drafted.output
    assert (project_dir / "editions" / "fr" / "nord.html").exists()


def test_an_environment_variable_drives_a_real_command(project_dir):
    result = CliRunner().invoke(cli, ["extract"], env={"PIPELINE_LANGS": "fr,es"}, catch_exceptions=False)
    assert result.exit_code == 0
    assert sorted(path.name for path in (project_dir / "locales").iterdir() if path.is_dir()) == ["es", "fr"]


def test_a_bad_environment_value_is_a_usage_error(project_dir):
    result = CliRunner().invoke(cli, ["config"], env={"PIPELINE_BEAM_SIZE": "many"})
    assert result.exit_code == 2
    assert "beam-size" in result.output


# --- finding the file ----------------------------------------------------------------------------


def test_the_nearest_file_with_the_table_is_used_and_paths_are_relative_to_it(project_dir):
    path = write_config(project_dir, 'langs = ["fr"]\nseeds = "seeds"\nlocales = "catalogs"')
    inner = project_dir / "seeds" / "sub"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")  # no table: passed over
    os.chdir(inner)
    found = settings()
    assert found["file"] == str(path)
    assert found["settings"]["langs"]["value"] == ["fr"]
    assert Path(found["settings"]["locales"]["value"]).resolve() == project_dir / "catalogs"
    assert run("extract").exit_code == 0
    template = (project_dir / "catalogs" / "nord.pot").read_text(encoding="utf-8")
    assert "#: seeds/nord.txt:2" in template  # references relative to the file's folder, wherever one runs
    assert (project_dir / "catalogs" / "fr" / "LC_MESSAGES" / "nord.po").exists()
    assert not (project_dir / "catalogs" / "en").exists()


def test_the_text_output_says_where_each_value_comes_from(project_dir):
    path = write_config(project_dir, 'langs = ["fr", "es"]')
    result = CliRunner().invoke(
        cli, ["--seeds", "seeds", "config"], env={"PIPELINE_BEAM_SIZE": "2"}, catch_exceptions=False
    )
    lines = result.output.splitlines()
    assert lines[0] == f"configuration file: {path}"
    assert any(line.startswith("langs") and '["fr", "es"]' in line and f"# {path}:5" in line for line in lines)
    assert any(line.startswith("seeds") and "# --seeds" in line for line in lines)
    assert any(line.startswith("beam-size") and "# PIPELINE_BEAM_SIZE  [translate, evaluate]" in line for line in lines)
    assert any(line.startswith("save-every") and "# default" in line for line in lines)


def test_every_option_but_the_per_run_ones_is_a_key_with_its_variable():
    keys = config.settings(cli)
    assert {
        "langs",
        "source-lang",
        "seeds",
        "locales",
        "editions",
        "glossary",
        "policy",
        "min-reviewed",
        "beam-size",
        "max-batch-size",
        "compute-type",
        "save-every",
    } <= set(keys)
    assert not {"json", "list", "help", "version", "lang", "from-index"} & set(keys)
    assert [path for path, _ in keys["langs"].options] == [()]  # evaluate --langs narrows one run: not a key
    config.set_envvars(cli)
    assert {option.envvar for _, option in keys["glossary"].options} == {"PIPELINE_GLOSSARY"}


# --- errors: file and line, before anything is written -------------------------------------------

BAD_FILES = [
    ('langs = ["fr"]\nmin_reviewed = 90', 6, "min_reviewed: unknown key; write 'min-reviewed'"),
    ('langs = ["fr"]\nbeamsize = 2', 6, "did you mean 'beam-size'"),
    ('langs = "fr,en"', 5, 'langs: expected a list of language codes, e.g. langs = ["fr", "en"]'),
    ('beam-size = "4"', 5, "beam-size: expected a whole number, not str '4'"),
    ("review = 1", 5, "review: expected true or false"),
    ("beam-size = 99", 5, "beam-size: 99 is not in the range"),
    ('policy = "sometimes"', 5, "policy: 'sometimes' is not one of"),
    ('langs = ["fr", "xx"]', 5, "langs: unknown language code 'xx'"),
    ('source-lang = "klingon"', 5, "source-lang: unknown language code 'klingon'"),
    ('langs = ["fr",', 5, "invalid TOML"),
    ('langs = ["fr"]\nbeam-size = = 2', 6, "invalid TOML: Invalid value"),
]


@pytest.mark.parametrize(
    "body, line, message", BAD_FILES, ids=[f"{bad[2].split(':')[0]}-{number}" for number, bad in enumerate(BAD_FILES)]
)
def test_a_bad_file_is_one_line_with_file_and_line_and_nothing_is_written(project_dir, body, line, message):
    path = write_config(project_dir, body)
    result = run("extract")
    assert result.exit_code == EXIT_ERROR
    assert result.output.startswith(f"Error: {path}:{line}: ")
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (project_dir / "locales").exists()


def test_the_source_language_named_as_a_target_is_an_error_naming_where(project_dir):
    path = write_config(project_dir, 'source-lang = "en"\nlangs = ["fr", "en"]')
    result = run("extract")
    assert result.exit_code == EXIT_ERROR
    assert result.output.startswith(f"Error: {path}:6: 'en' is the source language, not a target")
    assert len(result.output.splitlines()) == 1
    usage = CliRunner().invoke(cli, ["--langs", "fr,EN", "extract"], env={"PIPELINE_SOURCE_LANG": "en"})
    assert usage.exit_code == 2 and "'en' is the source language, not a target" in usage.output
    assert "(build --lang en)" in usage.output


# --- another source language ---------------------------------------------------------------------

ENGLISH = "Mr. Smith opened a factory in St. Louis. It employs 1.200 people! The U.S. economy grew.\n"


def test_another_source_language_splits_with_sentencex_rules_and_plans_routes_from_it(project_dir):
    write_config(project_dir, 'source-lang = "en"')
    (project_dir / "seeds" / "nord.txt").write_text(ENGLISH, encoding="utf-8")
    segmented = json.loads(run("segment", "seeds/nord.txt", "--json").output)
    assert segmented["paragraphs"] == [[piece.strip() for piece in sentencex.segment("en", ENGLISH.strip())]]
    assert run("extract").exit_code == 0
    template = (project_dir / "locales" / "nord.pot").read_text(encoding="utf-8")
    assert '"Language: en\\n"' in template
    assert sorted(path.name for path in (project_dir / "locales").iterdir() if path.is_dir()) == ["fr"]
    assert settings()["settings"]["langs"]["value"] == ["fr"]  # the default targets, less the source
    models = run("models", "list").output
    assert "en→fr: direct en→fr: missing en→fr" in models


def test_routes_from_another_source_go_through_english():
    from pipeline.mt.routes import Pair, plan_routes

    routes = plan_routes("fr", ["es", "en"], installed=set())
    assert str(routes["es"]) == "fr→en→es" and str(routes["en"]) == "fr→en"
    assert str(plan_routes("fr", ["es"], installed={Pair("fr", "es")})["es"]) == "fr→es"


# --- the Makefile follows the file ----------------------------------------------------------------


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_make_targets_follow_the_file(tmp_path):
    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'langs = ["fr", "en"]' in text  # the seed project's own settings
    (tmp_path / "pyproject.toml").write_text(
        text.replace('langs = ["fr", "en"]', 'langs = ["fr", "en", "es"]'), encoding="utf-8"
    )
    venv = Path(sys.prefix)
    make = ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.installed"]
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIPELINE_")}
    subprocess.run([*make, "extract"], cwd=tmp_path, env=env, check=True, capture_output=True)
    assert (tmp_path / "locales" / "es" / "LC_MESSAGES" / "vallee-de-la-batterie.po").exists()
    status = subprocess.run([*make, "status"], cwd=tmp_path, env=env, check=True, capture_output=True, text=True)
    rows = [line.split() for line in status.stdout.splitlines() if line.startswith("vallee-de-la-batterie")]
    assert [row[1] for row in rows] == ["fr", "en", "es"]


# --- a new option is a new key, with no code in pipeline/config.py --------------------------------


def cluster_like_cli() -> click.Group:
    """The CLI as it will be once `translate` takes the cluster options (another branch adds them)."""

    @click.group()
    @click.option("--langs", default="fr,en")
    def group(langs: str) -> None:
        pass

    @group.command()
    @click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto")
    @click.option("--scheduler", metavar="ADDRESS", default=None)
    @click.option("--allow-insecure-scheduler", is_flag=True)
    @click.option("--tls-ca-file", type=click.Path(path_type=Path, dir_okay=False), default=None)
    @click.option("--worker", "workers", multiple=True, type=click.IntRange(1))
    def translate(**options) -> None:
        pass

    return group


def test_a_new_option_is_a_key_and_a_variable_with_no_code(tmp_path):
    group = cluster_like_cli()
    path = write_config(
        tmp_path, 'device = "cuda"\nscheduler = "tls://gpu1:8786"\ntls-ca-file = "ca.pem"\nworker = [1, 2]'
    )
    found = config.default_map(group, config.read_config(path), cwd=tmp_path)
    assert found == {
        "translate": {
            "device": "cuda",
            "scheduler": "tls://gpu1:8786",
            "tls_ca_file": Path("ca.pem"),
            "workers": [1, 2],
        }
    }
    config.set_envvars(group)
    assert {option.name: option.envvar for option in group.commands["translate"].params} == {
        "device": "PIPELINE_DEVICE",
        "scheduler": "PIPELINE_SCHEDULER",
        "allow_insecure_scheduler": None,
        "tls_ca_file": "PIPELINE_TLS_CA_FILE",
        "workers": "PIPELINE_WORKER",
    }
    with pytest.raises(PipelineError, match=r":5: \[tool.pipeline\] device: 'gpu' is not one of"):
        config.default_map(group, config.read_config(write_config(tmp_path, 'device = "gpu"')), cwd=tmp_path)
    with pytest.raises(PipelineError, match=r":5: \[tool.pipeline\] worker: expected a whole number, not str"):
        config.default_map(group, config.read_config(write_config(tmp_path, 'worker = ["x"]')), cwd=tmp_path)


def test_allowing_an_insecure_scheduler_is_never_a_file_setting(tmp_path):
    path = write_config(tmp_path, "allow-insecure-scheduler = true")
    with pytest.raises(PipelineError, match="--allow-insecure-scheduler is given on the command line only"):
        config.default_map(cluster_like_cli(), config.read_config(path), cwd=tmp_path)


def test_the_documented_example_is_a_valid_table(tmp_path):
    page = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = page.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "pyproject.toml"
    path.write_text(example, encoding="utf-8")
    found = config.default_map(cli, config.read_config(path), cwd=tmp_path)
    assert found["langs"] == "fr,en" and found["translate"]["beam_size"] == 2
    assert set(config.read_config(path).table) == set(config.settings(cli))  # complete: every key shown


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_editing_the_settings_does_not_reinstall_the_environment(tmp_path):
    """Adding a language changes pyproject.toml, on which the environment depends; reinstalling it
    would need the network, so only a change outside [tool.pipeline] does."""
    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    document = tomllib.loads(text)
    del document["tool"]["pipeline"]
    stamp = tmp_path / "venv" / ".installed"
    stamp.parent.mkdir()
    stamp.write_text(hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest() + "\n")
    os.utime(stamp, (0, 0))
    (tmp_path / "pyproject.toml").write_text(
        text.replace('langs = ["fr", "en"]', 'langs = ["fr", "es"]'), encoding="utf-8"
    )
    result = subprocess.run(
        ["make", "install", f"VENV={tmp_path / 'venv'}", f"PYTHON={sys.executable}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "pip" not in result.stdout + result.stderr
    assert not (tmp_path / "venv" / "bin").exists()
    assert stamp.stat().st_mtime > 0


def test_check_reads_the_source_numbers_in_the_source_language(project_dir):
    """An English source's 1,200 is twelve hundred: French 1 200 matches it (read as German, 1,2)."""
    write_config(project_dir, 'source-lang = "en"\nlangs = ["fr"]')
    (project_dir / "seeds" / "nord.txt").write_text("The plant employs 1,200 people.\n", encoding="utf-8")
    assert run("extract").exit_code == 0
    path = project_dir / "locales" / "fr" / "LC_MESSAGES" / "nord.po"
    catalog = load(path)
    catalog[0].msgstr = "L'usine emploie 1 200 personnes."
    catalog.save(str(path))
    report = json.loads(run("check", "--json").stdout)
    assert report["counts"]["error"] == 0, report["problems"]
    assert "numbers" not in [problem["check"] for problem in report["problems"]]


@given(
    before=st.lists(
        st.sampled_from(['seeds = "s"', "# langs = ['xx']", "", "review = true", '"save-every" = 9']), max_size=5
    ),
    spacing=st.sampled_from(["=", " = ", "  =  "]),
    other_table=st.booleans(),
)
def test_the_line_of_a_key_is_found_in_our_table_only(before, spacing, other_table):
    prefix = '[tool.other]\nlangs = ["de"]\n' if other_table else ""
    text = prefix + "[tool.pipeline]\n" + "".join(line + "\n" for line in before) + f'langs{spacing}["fr"]\n'
    assert config.ConfigFile(Path("p"), {}, text).line_of("langs") == text.count("\n")


@pytest.mark.parametrize("where", ["file", "environment", "option"])
def test_min_reviewed_not_a_number_is_refused(project_dir, where):
    """``nan`` passes a range check (every comparison with it is false): a build would then refuse
    every edition as "below --min-reviewed nan"."""
    args, env = ["build", "--policy", "reviewed"], None
    if where == "file":
        path = write_config(project_dir, "min-reviewed = nan")
    elif where == "environment":
        env = {"PIPELINE_MIN_REVIEWED": "nan"}
    else:
        args += ["--min-reviewed", "NaN"]
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert result.exit_code == (1 if where == "file" else 2), result.output
    assert "min-reviewed" in result.output and "not a number" in result.output
    if where == "file":
        assert f"{path}:5:" in result.output
    assert not Path("editions").exists()


@pytest.mark.parametrize("key", ["seeds", "locales", "editions", "glossary"])
def test_an_empty_path_in_the_file_is_an_error_not_the_projects_folder(project_dir, key):
    """``seeds = ""`` named the project's own folder: README.md became an article."""
    path = write_config(project_dir, f'{key} = ""')
    result = CliRunner().invoke(cli, ["extract"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert f"{path}:5: [tool.pipeline] {key}: empty" in result.output
    assert not Path("locales").exists()


@pytest.mark.parametrize("option", ["--seeds", "--locales", "--editions"])
def test_an_empty_folder_option_is_a_usage_error(project_dir, option):
    result = CliRunner().invoke(cli, [option, "", "extract"], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "empty" in result.output
    assert not Path("locales").exists()


@pytest.mark.parametrize(
    "data, line, message",
    [
        ('\ufeff[tool.pipeline]\nlangs = ["fr"]\n'.encode("utf-8"), 1, "byte-order mark"),  # Windows Notepad
        ('[tool.pipeline]\n# Sprache\nlangs = ["fr"] # Französisch\n'.encode("latin-1"), 3, "not UTF-8"),
        (b"[tool.'pipeline']\nbeam-size = 0\n", 2, "beam-size: 0 is not in the range"),
        (b'[ "tool" . "pipeline" ]\nbeam-size = 0\n', 2, "beam-size: 0 is not in the range"),
    ],
)
def test_a_file_as_editors_save_it_is_one_line_with_its_line(project_dir, data, line, message):
    path = project_dir / "pyproject.toml"
    path.write_bytes(data)
    result = run("extract")
    assert result.exit_code == EXIT_ERROR, result.output
    assert result.output.startswith(f"Error: {path}:{line}: "), result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert not (project_dir / "locales").exists()


# --- numeric settings have a sane range (issue 23) -----------------------------------------------


def test_every_numeric_setting_has_an_upper_and_a_lower_bound():
    for setting in config.settings(cli).values():
        for _, option in setting.options:
            if isinstance(option.type, (click.types.IntParamType, click.types.FloatParamType)):
                assert isinstance(option.type, click.types._NumberRangeBase), setting.key
                assert option.type.min is not None and option.type.max is not None, setting.key


@pytest.mark.parametrize("value", ["99999999999999999999999", "2147483648"])
@pytest.mark.parametrize("command", ["translate", "evaluate"])
def test_an_absurd_batch_size_on_the_command_line_is_a_usage_error(project_dir, command, value):
    result = CliRunner().invoke(cli, [command, "--max-batch-size", value])
    assert result.exit_code == 2
    assert f"{value} is not in the range 1<=x<=4096." in result.output.splitlines()[-1]


@pytest.mark.parametrize("value", ["99999999999999999999999", "2147483648"])
def test_an_absurd_batch_size_in_the_file_names_its_line(project_dir, value):
    (project_dir / "pyproject.toml").write_text(f"[tool.pipeline]\nmax-batch-size = {value}\n", encoding="utf-8")
    result = run("translate")
    assert result.exit_code == EXIT_ERROR
    assert result.output.strip().splitlines() == [
        (
            f"Error: {project_dir / 'pyproject.toml'}:2: [tool.pipeline] max-batch-size: {value} is not in the "
            "range 1<=x<=4096."
        )
    ]


@pytest.mark.parametrize("value", ["\x01", "seeds\x1b[2J", "a\nb"])
def test_a_folder_with_control_characters_is_refused_without_printing_them(project_dir, value, monkeypatch):
    monkeypatch.setenv("PIPELINE_SEEDS", value)
    result = run("status")
    assert result.exit_code == 2
    assert f"{value!a}: control characters in a folder name" in result.output
    assert not any(character in result.output for character in "\x01\x1b")
    assert result.output.count("\n") == 4  # usage, hint, blank line, the error


@pytest.mark.parametrize("as_json", [[], ["--json"]])
def test_config_names_a_bad_variable_instead_of_a_usage_error_of_another_command(project_dir, monkeypatch, as_json):
    monkeypatch.setenv("PIPELINE_BEAM_SIZE", "99")
    result = run("config", *as_json)
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[0] == "Usage: cli config [OPTIONS]"
    assert result.output.strip().splitlines()[-1:] == [
        (
            "Error: Invalid value for '--beam-size' (env var: 'PIPELINE_BEAM_SIZE'): 99 is not in the range "
            "1<=x<=32 (a setting of `translate`)"
        )
    ]
