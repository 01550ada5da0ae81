"""Runs that use the state store: the same output and files as runs without it, and no parsing of
what did not change."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import polib
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.articles import seeds
from pipeline.cli.commands import cli
from pipeline.editions import build
from pipeline.po import catalogs, template_match
from pipeline.project import Project
from pipeline.stages import extract, incremental
from pipeline.state_store import open_store
from tests.conftest import SMALL_ARTICLE, entry, load, run

ECHO_PLUGIN = Path(__file__).parent.parent / "data" / "engine_plugin"
"""A package adding the ``echo`` engine (tests/mt/test_plugins.py)."""

FR = Path("locales/fr/LC_MESSAGES/nord.po")

ARTICLES = ("nord", "sued")
LANGS = ("fr", "en")


def invoke(folder: Path, *args: str, state: bool = True) -> tuple[int, str]:
    """Run the CLI in ``folder``, so that both projects' files name the same relative paths."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(
            cli, ["--langs", ",".join(LANGS), *([] if state else ["--no-state"]), *args], catch_exceptions=False
        )
    finally:
        os.chdir(here)
    return result.exit_code, re.sub(r"[\d.]+ s \([\d.]+/s\)", "(speed)", result.output)  # translate's speed


def files(folder: Path) -> dict[str, bytes]:
    """Every file of the project but the store, without the header dates (they name the minute)."""
    date = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"$', re.MULTILINE)
    return {
        str(path.relative_to(folder)): date.sub(rb"\1", path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".pipeline" not in path.parts
    }


@contextlib.contextmanager
def echo_engine_installed() -> Iterator[None]:
    """The echo engine's package on sys.path while the block runs, as pip would put it."""
    sys.path.insert(0, str(ECHO_PLUGIN))
    try:
        yield
    finally:
        sys.path.remove(str(ECHO_PLUGIN))


# --- edits, as users and their tools make them ---------------------------------------------------


def edit_seed(folder: Path, article: str, number: int) -> None:
    path = folder / "seeds" / f"{article}.txt"
    if path.exists():
        path.write_text(path.read_text(encoding="utf-8") + f"Neuer Satz Nummer {number}.\n", encoding="utf-8")


def translate_in_editor(folder: Path, article: str, lang: str, number: int) -> None:
    """What Poedit or a script does: fill the first untranslated entry, save through polib (which
    wraps long lines)."""
    path = folder / "locales" / lang / "LC_MESSAGES" / f"{article}.po"
    if not path.exists():
        return
    catalog = polib.pofile(str(path))
    for item in catalog:
        if not item.obsolete and not item.msgstr:
            item.msgstr = f"Übersetzung {number} " + "lang " * 20
            break
    catalog.save(str(path))


TRANSLATED = re.compile(rb'(?:msgctxt "[^"\n]*"\n)?msgid "[^"\n]*"(?:\n"[^"\n]*")*\nmsgstr "[^"\n]*"(?:\n"[^"\n]*")*')


def same_size_edit_then_touch_r(folder: Path, article: str, lang: str, number: int) -> None:
    """Mark a translation fuzzy and shorten it by as many bytes, then put the modification time
    back, as ``touch -r`` does: size and modification time as they were, another state."""
    path = folder / "locales" / lang / "LC_MESSAGES" / f"{article}.po"
    data = path.read_bytes() if path.exists() else b""
    found = next((match for match in TRANSLATED.finditer(data) if b"lang lang" in match[0]), None)
    if found:
        before = path.stat()
        edited = b"#, fuzzy\n" + found[0].replace(b"lang lang", b"", 1)
        path.write_bytes(data[: found.start()] + edited + data[found.end() :])
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def delete_or_restore(folder: Path, relative: str, number: int, kept: dict[str, bytes]) -> None:
    path = folder / relative
    if path.exists():
        kept[relative] = path.read_bytes()
        path.unlink()
    elif relative in kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(kept[relative])


def touch(folder: Path, relative: str) -> None:
    if (folder / relative).exists():
        os.utime(folder / relative)


RELATIVE = st.sampled_from(
    [f"seeds/{a}.txt" for a in ARTICLES]
    + [f"locales/{a}.pot" for a in ARTICLES]
    + [f"locales/{lang}/LC_MESSAGES/{a}.po" for lang in LANGS for a in ARTICLES]
)
EDITS = st.one_of(
    st.tuples(st.just("seed"), st.sampled_from(ARTICLES)),
    st.tuples(st.just("editor"), st.sampled_from(ARTICLES), st.sampled_from(LANGS)),
    st.tuples(st.just("touch -r"), st.sampled_from(ARTICLES), st.sampled_from(LANGS)),
    st.tuples(st.just("delete/restore"), RELATIVE),
    st.tuples(
        st.just("delete/restore"),
        st.sampled_from([f"editions/{lang}/nord.{suffix}" for lang in ("de", "fr") for suffix in ("txt", "html")]),
    ),
    st.tuples(st.just("touch"), RELATIVE),
)
COMMANDS = st.sampled_from(
    [
        ("extract",),
        ("status",),
        ("status", "--json"),
        ("build",),
        ("build", "--review"),
        ("build", "--policy", "reviewed", "--min-reviewed", "10"),
        ("translate", "--engine", "echo"),
    ]
)


def apply(folder: Path, edit: tuple, number: int, kept: dict[str, bytes]) -> None:
    kind, *args = edit
    if kind == "seed":
        edit_seed(folder, args[0], number)
    elif kind == "editor":
        translate_in_editor(folder, *args, number)
    elif kind == "touch -r":
        same_size_edit_then_touch_r(folder, *args, number)
    elif kind == "delete/restore":
        delete_or_restore(folder, args[0], number, kept)
    else:
        touch(folder, args[0])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(EDITS, COMMANDS), min_size=1, max_size=8))
@example(steps=[(("editor", "nord", "fr"), ("status",)), (("touch -r", "nord", "fr"), ("status",))])
@example(
    steps=[
        (("editor", "nord", "fr"), ("build",)),
        (("touch -r", "nord", "fr"), ("build",)),
        (("delete/restore", "locales/fr/LC_MESSAGES/sued.po"), ("build", "--review")),
    ]
)
@example(steps=[(("touch", "seeds/nord.txt"), ("build",)), (("delete/restore", "editions/fr/nord.txt"), ("build",))])
def test_runs_with_the_store_match_runs_without_it(steps):
    with tempfile.TemporaryDirectory() as work, echo_engine_installed():
        stored, plain = Path(work, "stored"), Path(work, "plain")
        for folder in (stored, plain):
            (folder / "seeds").mkdir(parents=True)
            for article in ARTICLES:
                (folder / "seeds" / f"{article}.txt").write_text(SMALL_ARTICLE, encoding="utf-8")
            invoke(folder, "extract", state=folder is stored)
        kept: dict[Path, dict[str, bytes]] = {stored: {}, plain: {}}
        for number, (edit, command) in enumerate(steps):
            for folder in (stored, plain):
                apply(folder, edit, number, kept[folder])
            assert invoke(stored, *command) == invoke(plain, *command, state=False), (edit, command)
            assert files(stored) == files(plain), (edit, command)
        assert (stored / ".pipeline" / "state.sqlite").is_file() and not (plain / ".pipeline").exists()


# --- what a run with nothing changed reads ---------------------------------------------------------


def count_reads(monkeypatch) -> dict[str, int]:
    counts = {"articles": 0, "catalogs": 0}
    read_article, read_view = seeds.read_article, catalogs.read_view

    def counting_article(*args, **kwargs):
        counts["articles"] += 1
        return read_article(*args, **kwargs)

    def counting_catalog(*args, **kwargs):
        counts["catalogs"] += 1
        return read_view(*args, **kwargs)

    monkeypatch.setattr(seeds, "read_article", counting_article)  # every command reads through it
    for module in (catalogs, extract, template_match):
        monkeypatch.setattr(module, "read_view", counting_catalog)
    return counts


def test_an_unchanged_project_is_stated_not_parsed(project_dir, monkeypatch):
    (project_dir / "seeds" / "sued.txt").write_text(SMALL_ARTICLE, encoding="utf-8")
    for _ in range(2):  # files written by the first run are compared by content in the second
        assert run("extract").exit_code == run("status").exit_code == run("build").exit_code == 0
    counts = count_reads(monkeypatch)
    result = run("extract")
    assert result.output.count("unchanged ") == 6
    assert run("status").exit_code == 0
    assert run("build").output.count("unchanged (") == 6
    assert counts == {"articles": 0, "catalogs": 0}

    (project_dir / "seeds" / "sued.txt").write_text(SMALL_ARTICLE + "Ein neuer Satz.\n", encoding="utf-8")
    result = run("extract")
    assert result.output.count("updated ") == 3 and counts == {"articles": 1, "catalogs": 3}
    assert run("status").exit_code == 0
    assert counts == {"articles": 1, "catalogs": 3 + 2 + 1}  # the two catalogs, and their template once


def test_check_leaves_out_catalogs_found_clean_until_they_change(project_dir):
    assert run("extract").exit_code == 0
    first = run("check")
    assert "checked 2 catalog(s)" in first.output and "left out" not in first.output
    again = run("check")
    assert "checked 0 catalog(s)" in again.output and "left out 2 catalog(s)" in again.output
    assert "checked 2 catalog(s)" in run("check", "--all").output

    catalog = load(project_dir / FR)
    entry(
        catalog, "Dr. Weber sprach am 3. Oktober vor 1.200 Gästen."
    ).msgstr = "Le Dr Weber a parlé le 3 octobre devant 1 300 invités."
    catalog.save(str(project_dir / FR))
    for _ in range(2):  # a catalog with an error stays in every check until it is fixed
        result = run("check")
        assert result.exit_code == 3 and "checked 1 catalog(s)" in result.output
        assert "[numbers]" in result.output and "left out 1 catalog(s)" in result.output

    (project_dir / "glossary.toml").write_text('keep = ["Verkor"]\n', encoding="utf-8")
    assert "checked 2 catalog(s)" in run("check").output  # a new glossary: every catalog again


def test_a_project_with_the_default_front_matter_keys_extracts_and_builds_through_the_store(project_dir):
    """``Project.front_matter_keys`` is None for the default keys (found by mypy: the store's key
    called ``list(None)``)."""
    project = Project(root=project_dir)
    assert project.front_matter_keys is None
    (project_dir / "locales").mkdir()
    with open_store(project.locales) as store:
        written = [result.path.name for result in next(incremental.extract_project(project, store))]
        assert written == ["nord.pot", "nord.po", "nord.po"]
        assert [result.lang for result in incremental.build_project(project, store, build.BuildOptions()).editions] == [
            "de",
            "fr",
            "en",
        ]


def test_translate_after_one_change_parses_only_that_articles_catalogs(project_dir, argos_dir, monkeypatch):
    """The other articles' catalogs hold nothing to draft: they are not opened, and the translation
    memory recalls their reviewed pairs from the store."""
    monkeypatch.syspath_prepend(str(ECHO_PLUGIN))
    (project_dir / "seeds" / "sued.txt").write_text(SMALL_ARTICLE + "Ein anderer Satz.\n", encoding="utf-8")
    assert run("translate", "--engine", "echo").exit_code == 0
    for path in Path("locales").rglob("*.po"):  # a translator accepts every draft
        path.write_text(re.sub(r"^#, fuzzy\n", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE))
    nord = project_dir / "seeds" / "nord.txt"
    nord.write_text(SMALL_ARTICLE + "Ein erster neuer Satz.\n", encoding="utf-8")
    assert run("translate", "--engine", "echo").exit_code == 0  # the memory's records are made
    counts = count_reads(monkeypatch)
    nord.write_text(SMALL_ARTICLE + "Ein anderer Satz. Ein ganz neuer Satz.\n", encoding="utf-8")
    result = run("translate", "--engine", "echo")
    assert result.exit_code == 0, result.output
    assert "en: 1 machine drafts (Echo de→en 0.1), 1 from translation memory" in result.output
    assert counts == {"articles": 1, "catalogs": 3}  # nord's template and catalogs, by extraction
