"""Where a project's files live, its languages and its lock (pipeline.project): language codes, the
seeds folder as editors leave it, and operating-system errors that name the file and what was being
done to it."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pipeline import project
from pipeline.errors import PipelineError
from pipeline.project import Project, english_language_name
from tests.conftest import SMALL_ARTICLE, deny_reading_catalogs, run
from tests.test_robustness import assert_refused, snapshot

# --- paths, articles and the lock ----------------------------------------------------------------


def test_paths_follow_the_gettext_layout():
    layout = Project(locales=Path("loc"))
    assert layout.template_path("nord") == Path("loc/nord.pot")
    assert layout.catalog_path("fr", "nord") == Path("loc/fr/LC_MESSAGES/nord.po")


def test_articles_are_the_sorted_txt_and_md_files(tmp_path):
    for name in ("b.txt", "a.txt", "c.md", "notes.rst"):
        (tmp_path / name).write_text("Ja.\n", encoding="utf-8")
    assert [path.name for path in Project(seeds=tmp_path).article_paths()] == ["a.txt", "b.txt", "c.md"]


def test_a_missing_seed_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(PipelineError) as raised:
        Project(seeds=tmp_path / "none").article_paths()
    assert str(raised.value).startswith(f"{tmp_path / 'none'}: no such folder")


def test_the_lock_is_exclusive_and_released(tmp_path):
    shared = Project(locales=tmp_path / "locales")
    with shared.lock(), pytest.raises(PipelineError, match="is updating these catalogs"), shared.lock():
        pass
    with shared.lock():
        pass


def test_language_names_come_from_babel():
    assert english_language_name("pt_BR") == "Portuguese (Brazil)"
    with pytest.raises(PipelineError, match="unknown language code 'xx'"):
        english_language_name("xx")


# --- language codes ------------------------------------------------------------------------------


def test_source_language_as_a_target_is_a_usage_error_and_creates_nothing(project_dir):
    for langs in ("fr,de", "DE", "fr,de-AT"):
        result = run("--langs", langs, "extract")
        assert result.exit_code == 2, result.output
        assert "source language" in result.output
    assert not Path("locales").exists()


def test_codes_are_normalised_to_one_spelling_per_locale(project_dir):
    result = run("--langs", "FR,pt-br,fr,PT_br", "extract")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in Path("locales").iterdir() if path.is_dir()) == ["fr", "pt_BR"]
    assert "Language: pt_BR" in Path("locales/pt_BR/LC_MESSAGES/nord.po").read_text(encoding="utf-8")


def test_normalise_language_keeps_distinct_locales_apart():
    assert project.target_languages(["en", "en-us", "EN_US", "en-GB"]) == ("en", "en_US", "en_GB")


def test_a_deprecated_code_is_the_language_it_stands_for_not_a_territory_of_it():
    """babel resolves ``iw`` through its likely subtags to ``he_IL``, so ``iw`` and ``he`` gave two
    catalogs of Hebrew; a code that names no territory gets none."""
    assert project.target_languages(["iw", "he", "in", "id", "ji", "mo"]) == ("he", "id", "yi", "ro")
    assert project.normalise_language("iw_IL") == "he_IL"
    assert project.normalise_language("zh-Hant-TW") == project.normalise_language("zh_TW") == "zh_Hant_TW"
    assert project.normalise_language("FR_fr") == project.normalise_language("fr-FR") == "fr_FR"


@pytest.mark.parametrize("code", ["und", "root", "C", "POSIX", "C.UTF-8", "en_US_POSIX"])
def test_codes_that_name_no_language_are_refused(code):
    """babel reads ``und`` (undetermined) as ``en_US`` and ``C`` as ``en_US_POSIX``: neither is a
    language a newsroom translates into."""
    with pytest.raises(PipelineError, match="unknown language code"):
        project.normalise_language(code)


def test_a_catalog_folder_spelt_differently_is_refused_not_doubled(project_dir):
    assert run("--langs", "pt_BR", "extract").exit_code == 0
    Path("locales/pt_BR").rename("locales/pt-BR")
    before = snapshot()
    assert_refused(run("--langs", "pt-br", "extract"), "locales/pt-BR", "rename it to 'pt_BR'")
    assert snapshot() == before and not Path("locales/pt_BR").exists()


def test_a_regional_code_does_not_set_the_languages_catalogs_aside(project_dir):
    """``langs = ["fr-FR"]`` after ``fr`` started empty ``fr_FR`` catalogs and left the translators'
    French aside; naming both keeps both."""
    assert run("--langs", "fr", "extract").exit_code == 0
    before = snapshot()
    assert_refused(run("--langs", "fr-FR", "extract"), "locales/fr", "fr_FR")
    assert snapshot() == before and not Path("locales/fr_FR").exists()
    assert run("--langs", "fr,fr-CA", "extract").exit_code == 0
    assert Path("locales/fr_CA/LC_MESSAGES/nord.po").exists()


# --- the seeds folder as editors leave it --------------------------------------------------------


def catalog_slugs() -> list[str]:
    return sorted(path.stem for path in Path("locales").glob("*.pot"))


def test_editor_leftovers_are_not_articles(project_dir):
    os.symlink("root@host.1234:1700000000", "seeds/.#nord.txt")  # Emacs lock file: a dangling symlink
    for name in ("nord.txt~", ".nord.txt.swp", "#nord.txt#", ".hidden.txt", "notes.md.orig"):
        Path("seeds", name).write_text(SMALL_ARTICLE, encoding="utf-8")
    result = run("extract")
    assert result.exit_code == 0, result.output
    assert catalog_slugs() == ["nord"]


def run_with_timeout(*args: str) -> subprocess.CompletedProcess:
    """A run in a child process: a hang (a FIFO opened for reading) fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )


def test_a_fifo_is_refused_without_being_opened(project_dir):
    os.mkfifo("seeds/pipe.txt")
    completed = run_with_timeout("extract")
    assert completed.returncode == 1
    assert completed.stderr.strip() == "Error: seeds/pipe.txt: not an article: a named pipe (FIFO), not a regular file"
    assert not Path("locales/nord.pot").exists()


def test_a_socket_is_refused(project_dir):
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind("seeds/sock.txt")
        assert_refused(run("extract"), "seeds/sock.txt", "a socket")


def test_a_folder_named_like_an_article_is_refused(project_dir):
    Path("seeds/old.txt").mkdir()
    assert_refused(run("extract"), "seeds/old.txt", "a folder")


def test_a_symlink_leading_outside_the_seeds_folder_is_refused(project_dir, tmp_path):
    outside = tmp_path / "private.txt"
    outside.write_text(SMALL_ARTICLE, encoding="utf-8")
    os.symlink(outside, "seeds/leak.txt")
    assert_refused(run("extract"), "seeds/leak.txt", "outside the seeds folder")
    assert not Path("locales/nord.pot").exists()


def test_a_symlink_inside_the_seeds_folder_is_an_article(project_dir):
    os.symlink("nord.txt", "seeds/alias.txt")
    assert run("extract").exit_code == 0
    assert catalog_slugs() == ["alias", "nord"]


def test_a_dangling_article_symlink_is_refused(project_dir):
    os.symlink("gone.txt", "seeds/dangling.txt")
    assert_refused(run("extract"), "seeds/dangling.txt", "missing file")


def test_a_name_windows_cannot_store_is_refused(project_dir):
    Path("seeds/nord.txt").rename('seeds/a"b#c.txt')
    assert_refused(run("extract"), 'seeds/a"b#c.txt', '"', "Windows")


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("-rf.txt", "start with '-'"),
        ("--help.txt", "start with '-'"),
        ("a\x01b.txt", "control characters"),
        ("a\nb.txt", "line breaks"),
    ],
)
def test_a_name_tools_would_misread_is_refused(project_dir, name, fragment):
    """``msgfmt -rf.po`` or ``git add --help.po`` read such a catalog's name as an option; a control
    character or a line break in a name breaks the catalog's ``#:`` reference and every listing."""
    Path("seeds/nord.txt").rename(Path("seeds") / name)
    assert_refused(run("extract"), fragment)
    assert catalog_slugs() == []


def test_an_article_whose_suffix_is_in_capitals_is_refused_not_silently_skipped(project_dir):
    """``Artikel.TXT``, as some Windows and macOS tools save it, was left out of every run without a word."""
    Path("seeds/nord.txt").rename("seeds/nord.TXT")
    Path("seeds/sud.txt").write_text(SMALL_ARTICLE, encoding="utf-8")
    assert_refused(run("extract"), "seeds/nord.TXT", "rename it to 'nord.txt'")
    assert catalog_slugs() == []


def test_a_slug_with_url_characters_makes_working_links(project_dir):
    Path("seeds/nord.txt").rename("seeds/wahl#2&münchen.txt")
    assert run("extract").exit_code == 0
    result = run("build", "--lang", "fr")
    assert result.exit_code == 0, result.output
    html = Path("editions/fr/wahl#2&münchen.html").read_text(encoding="utf-8")
    assert 'href="../de/wahl%232%26m%C3%BCnchen.html"' in html
    markdown = Path("editions/fr/wahl#2&münchen.md").read_text(encoding="utf-8")
    assert "(../en/wahl%232%26m%C3%BCnchen.md)" in markdown


def test_seed_suffixes_drive_the_listing(project_dir, monkeypatch):
    Path("seeds/extra.md").write_text(SMALL_ARTICLE, encoding="utf-8")
    assert [path.name for path in project.seed_paths(Path("seeds"))] == ["extra.md", "nord.txt"]
    monkeypatch.setattr(project, "SEED_SUFFIXES", (".txt",))
    assert [path.name for path in project.seed_paths(Path("seeds"))] == ["nord.txt"]


# --- operating-system errors name the file and the action ----------------------------------------


def test_seeds_that_is_a_file(project_dir):
    assert_refused(run("--seeds", "seeds/nord.txt", "extract"), "seeds/nord.txt: is a file, not a folder")


def test_locales_that_is_a_file(project_dir):
    Path("lfile").write_text("x", encoding="utf-8")
    assert_refused(run("--locales", "lfile", "extract"), "lfile: is a file, not a folder")


@pytest.mark.parametrize("command", [["status"], ["status", "--json"], ["build", "--lang", "fr"]])
def test_every_command_says_locales_is_a_file(project_dir, command):
    assert run("extract").exit_code == 0
    Path("lfile").write_text("x", encoding="utf-8")
    assert_refused(run("--locales", "lfile", *command), "lfile: is a file, not a folder")


def test_status_says_seeds_is_a_file_instead_of_calling_every_article_orphaned(project_dir):
    assert run("extract").exit_code == 0
    assert_refused(run("--seeds", "seeds/nord.txt", "status"), "seeds/nord.txt: is a file, not a folder")


def test_disk_full_names_the_file_then_a_rerun_recovers(project_dir, monkeypatch):
    assert run("extract").exit_code == 0
    Path("seeds/nord.txt").write_text(SMALL_ARTICLE + "Ein neuer Satz.\n", encoding="utf-8")
    before = snapshot()

    def full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", full)
        result = run("extract")
    assert_refused(result, "locales/nord.pot: cannot write", "No space left on device")
    assert snapshot() == before  # no half-written file, no temporary file left behind
    again = run("extract")
    assert again.exit_code == 0, again.output
    assert "Ein neuer Satz." in Path("locales/fr/LC_MESSAGES/nord.po").read_text(encoding="utf-8")
    assert not list(Path("locales").rglob("*.tmp"))


def test_a_read_only_folder_names_the_catalog_not_a_temporary_file(project_dir, monkeypatch):
    assert run("extract").exit_code == 0
    Path("seeds/nord.txt").write_text(SMALL_ARTICLE + "Ein neuer Satz.\n", encoding="utf-8")

    def read_only(*args, dir=None, prefix="", suffix="", **kwargs):  # tests run as root: chmod would not stop it
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), f"{dir}/{prefix}x7g2k{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = run("extract")
    assert_refused(result, "locales/nord.pot: cannot write", "Permission denied")
    assert ".tmp" not in result.output


def test_locales_under_a_file_names_the_folder_and_the_action(project_dir):
    Path("afile").write_text("x", encoding="utf-8")
    assert_refused(
        run("--locales", "afile/locales", "extract"),
        "afile/locales: cannot create the catalogs folder (Not a directory)",
    )


def test_an_unreadable_catalog_names_the_file_and_the_action(project_dir, monkeypatch):
    assert run("extract").exit_code == 0
    deny_reading_catalogs(monkeypatch)
    for command in ("extract", "status"):
        assert_refused(run(command), "locales/fr/LC_MESSAGES/nord.po: cannot read (Permission denied)")


def test_status_also_refuses_a_catalog_folder_spelt_differently(project_dir):
    assert run("--langs", "fr", "extract").exit_code == 0
    Path("locales/fr").rename("locales/FR")
    assert_refused(run("--langs", "fr", "status"), "locales/FR", "rename it to 'fr'")


def test_disk_full_while_taking_the_lock_names_the_lock_file(project_dir, monkeypatch):
    class FullDisk:
        """An open lock file on a full disk: writes fail when flushed."""

        def __init__(self, *args, **kwargs):
            self.file = open(*args, **kwargs)  # noqa: SIM115 - a stand-in for open(); closed by __exit__

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def __getattr__(self, name):
            return getattr(self.file, name)

        def flush(self):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(project, "open", FullDisk, raising=False)
    assert_refused(run("extract"), "locales/.pipeline.lock: cannot write the lock file (No space left on device)")


def test_an_unreadable_seeds_folder_names_the_folder_and_the_action(project_dir, monkeypatch):
    listed = os.scandir

    def denied(path="."):
        if Path(path).name == "seeds":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return listed(path)

    monkeypatch.setattr(os, "scandir", denied)
    assert_refused(run("extract"), "seeds: cannot list the articles (Permission denied)")


@pytest.mark.parametrize("command", ["extract", "build", "status", "translate"])
def test_folders_that_overlap_are_refused(project_dir, command):
    assert run("extract").exit_code == 0 and run("build").exit_code == 0
    Path("pyproject.toml").write_text('[tool.pipeline]\nseeds = "editions/de"\n', encoding="utf-8")
    before = {path: path.read_bytes() for path in Path("editions").rglob("*") if path.is_file()}
    result = run(command)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: the seeds folder (editions/de) and the editions folder (editions) overlap; give each its own "
        "folder (--seeds, --editions)"
    )
    assert {path: path.read_bytes() for path in Path("editions").rglob("*") if path.is_file()} == before


def test_a_symlink_does_not_hide_an_overlap(project_dir):
    Path("more").symlink_to("seeds")
    assert_refused(
        run("--locales", "more", "extract"), "the seeds folder (seeds) and the locales folder (more) overlap"
    )


def test_outputs_inside_the_seeds_folder_are_allowed(project_dir):
    assert run("--locales", "seeds/locales", "--editions", "seeds/editions", "extract").exit_code == 0
    assert run("--locales", "seeds/locales", "--editions", "seeds/editions", "build").exit_code == 0
