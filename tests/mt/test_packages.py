"""Argos packages: routes, `pipeline models list/install`, refusing broken files, the index offline."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.mt.packages import (
    BrokenPackage,
    InstalledPackage,
    install_package,
    installed_packages,
    newest_by_pair,
    package_roles,
    scan_packages,
)
from pipeline.mt.routes import Pair, Route, plan_route
from tests.conftest import run

DE_EN, EN_FR, DE_FR = Pair("de", "en"), Pair("en", "fr"), Pair("de", "fr")


# --- routes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "installed, steps, missing",
    [
        ({DE_FR, DE_EN, EN_FR}, (DE_FR,), ()),
        ({DE_EN, EN_FR}, (DE_EN, EN_FR), ()),
        ({DE_EN}, (DE_EN, EN_FR), (EN_FR,)),
        (set(), (DE_EN, EN_FR), (DE_EN, EN_FR)),
    ],
)
def test_french_goes_direct_when_it_can_else_through_english(installed, steps, missing):
    assert plan_route("de", "fr", installed) == Route("fr", steps, missing)


def test_english_is_always_direct():
    assert plan_route("de", "en", set()) == Route("en", (DE_EN,), (DE_EN,))
    assert str(plan_route("de", "fr", {DE_EN, EN_FR})) == "de→en→fr"


@pytest.mark.parametrize(
    "installed, steps, missing",
    [
        ({DE_EN, EN_FR}, (DE_EN, EN_FR), ()),
        ({DE_FR}, (DE_FR,), ()),
        (set(), (DE_EN, EN_FR), (DE_EN, EN_FR)),
        ({DE_EN, EN_FR, Pair("de_AT", "fr_FR")}, (Pair("de_AT", "fr_FR"),), ()),  # a regional package, if any, first
    ],
)
def test_a_regional_code_takes_its_languages_packages(installed, steps, missing):
    """Argos's packages are per language (``fr``, ``de``): ``fr_FR`` or a ``de_AT`` source reaches them
    instead of asking for en→fr_FR, which no index offers."""
    assert plan_route("de_AT", "fr_FR", installed) == Route("fr_FR", steps, missing)
    assert plan_route("de_AT", "en_GB", {DE_EN}) == Route("en_GB", (DE_EN,), ())


def test_traditional_chinese_and_brazilian_portuguese_take_argos_own_codes():
    """Argos names them ``zt`` and ``pb``; ``zh`` is simplified Chinese, never a draft for ``zh_Hant``."""
    en_zt, en_zh, en_pb, en_pt = Pair("en", "zt"), Pair("en", "zh"), Pair("en", "pb"), Pair("en", "pt")
    assert plan_route("en", "zh_Hant_TW", {en_zt, en_zh}) == Route("zh_Hant_TW", (en_zt,), ())
    assert plan_route("en", "zh_Hant", {en_zh}) == Route("zh_Hant", (en_zt,), (en_zt,))
    assert plan_route("en", "pt_BR", {en_pb, en_pt}) == Route("pt_BR", (en_pb,), ())
    assert plan_route("en", "pt_BR", {en_pt}) == Route("pt_BR", (en_pt,), ())


def test_newest_version_of_a_pair_wins(tmp_path):
    packages = [InstalledPackage(DE_EN, version, tmp_path / version) for version in ("1.9", "1.10", "1.2")]
    assert newest_by_pair(packages)[DE_EN].version == "1.10"


# --- installing files ----------------------------------------------------------------------------


def installed_dirs(argos_dir: Path) -> list[str]:
    return sorted(path.name for path in argos_dir.iterdir())


def test_install_then_list(project_dir, argos_dir, argos_archives):
    result = run("models", "install", str(argos_archives["de", "en"]), str(argos_archives["en", "fr"]))
    assert result.exit_code == 0, result.output
    assert installed_dirs(argos_dir) == ["translate-de_en-1_9", "translate-en_fr-1_9"]
    assert not list(argos_dir.parent.glob(".pipeline-install-*"))
    listing = run("models", "list")
    assert listing.exit_code == 0
    assert str(argos_dir / "translate-de_en-1_9") in listing.output and "1.9" in listing.output
    assert "de→en→fr" in listing.output and "pivot" in listing.output
    assert [p.pair for p in installed_packages()] == [DE_EN, EN_FR]


def test_installed_packages_are_the_ones_argos_sees(argos_dir, argos_archives):
    from argostranslate import package

    install_package(argos_archives["de", "en"])
    (seen,) = package.get_installed_packages()
    assert (seen.from_code, seen.to_code, seen.package_version) == ("de", "en", "1.9")


def test_reinstalling_replaces_the_package(argos_dir, argos_archives):
    first = install_package(argos_archives["de", "en"])
    (first.path / "stale-file").write_text("old")
    again = install_package(argos_archives["de", "en"])
    assert again.path == first.path and not (again.path / "stale-file").exists()
    assert installed_dirs(argos_dir) == ["translate-de_en-1_9"]


def test_a_package_nobody_needs_is_installed_with_a_note(project_dir, argos_dir, argos_archives):
    result = run("--langs", "en", "models", "install", str(argos_archives["en", "fr"]))
    assert result.exit_code == 0
    assert "installed en→fr" in result.output and "no configured language needs en→fr" in result.output
    assert "(not needed)" in run("--langs", "en", "models", "list").output


def rezip(source: Path, target: Path, change) -> Path:
    """Copy the archive ``source`` to ``target`` through ``change(name, data) -> data | None``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info, data)
    return target


def without(suffix: str):
    return lambda name, data: None if name.endswith(suffix) else data


def replacing(suffix: str, content: bytes):
    return lambda name, data: content if name.endswith(suffix) else data


BROKEN = {
    "no-metadata": without("/metadata.json"),
    "metadata-not-json": replacing("/metadata.json", b"{from_code: de"),
    "metadata-without-to-code": replacing("/metadata.json", json.dumps({"from_code": "de"}).encode()),
    "no-model": without("/model.bin"),
    "no-tokenizer": without("/sentencepiece.model"),
    "model-not-a-model": replacing("/model.bin", b"\0" * 1000),
    "tokenizer-not-a-tokenizer": replacing("/sentencepiece.model", b"nonsense"),
}


def corrupt(source: Path, target: Path) -> Path:
    """Flip bytes in the middle of the (stored, uncompressed) model: the zip's CRC no longer matches."""
    data = bytearray(source.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    target.write_bytes(bytes(data))
    return target


def flatten(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename.split("/", 1)[1], old.read(info.filename))
    return target


@pytest.fixture(params=[*BROKEN, "not-a-zip", "truncated", "corrupted", "flattened", "escaping"])
def broken_archive(request, tmp_path, argos_archives) -> Path:
    good = argos_archives["de", "en"]
    target = tmp_path / f"{request.param}.argosmodel"
    if request.param in BROKEN:
        return rezip(good, target, BROKEN[request.param])
    if request.param == "not-a-zip":
        target.write_text("<html>404 Not Found</html>")
    elif request.param == "truncated":
        target.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif request.param == "corrupted":
        corrupt(good, target)
    elif request.param == "flattened":
        flatten(good, target)
    else:  # a member that would be written outside the packages folder
        shutil.copy(good, target)
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr("translate-de_en-1_9/../../evil.txt", b"x")
    return target


def test_broken_package_is_refused_with_one_line_naming_it(project_dir, argos_dir, broken_archive):
    result = run("models", "install", str(broken_archive))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {broken_archive}: ")
    assert installed_dirs(argos_dir) == []
    assert not list(argos_dir.parent.glob(".pipeline-install-*"))


def test_a_broken_file_among_several_installs_nothing(project_dir, argos_dir, argos_archives, tmp_path):
    broken = rezip(argos_archives["en", "fr"], tmp_path / "broken.argosmodel", without("/model.bin"))
    result = run("models", "install", str(argos_archives["de", "en"]), str(broken))
    assert result.exit_code == 1 and str(broken) in result.output
    assert installed_dirs(argos_dir) == []


def test_install_needs_files_or_from_index(project_dir, argos_dir):
    assert run("models", "install").exit_code == 2


# --- the index, offline --------------------------------------------------------------------------


def count_connection_attempts(monkeypatch, *, unreachable: bool = False) -> dict[str, int]:
    """Counts name lookups and connections (which fail at once when ``unreachable``): failing fast
    means trying once, whatever the machine's load."""
    attempts = {"getaddrinfo": 0, "create_connection": 0}
    for name in attempts:
        real = getattr(socket, name)

        def counted(*args, name=name, real=real, **kwargs):
            attempts[name] += 1
            if unreachable:
                raise OSError(101, "Network is unreachable")
            return real(*args, **kwargs)

        monkeypatch.setattr(socket, name, counted)
    return attempts


def test_from_index_offline_fails_fast_and_says_how_to_install_a_file(project_dir, argos_dir, monkeypatch):
    attempts = count_connection_attempts(monkeypatch)
    result = run("models", "install", "--from-index")
    assert sum(attempts.values()) <= 2  # fails fast: no retries
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "pipeline models install FILE.argosmodel" in line
    assert installed_dirs(argos_dir) == []


def test_from_index_without_a_network_fails_fast(project_dir, argos_dir, monkeypatch):
    from argostranslate import settings

    monkeypatch.setattr(settings, "remote_package_index", "https://example.invalid/index.json")
    attempts = count_connection_attempts(monkeypatch, unreachable=True)
    result = run("models", "install", "--from-index")
    assert 1 <= sum(attempts.values()) <= 2  # tried, and not again
    assert result.exit_code == 1 and "pipeline models install FILE.argosmodel" in result.output
    assert not Path(settings.local_package_index).exists()


# --- packages that are not what they say ---------------------------------------------------------


@pytest.mark.parametrize("code", ["../../x", "de/en", "", "DE EN", "x" * 40])
def test_metadata_whose_codes_are_not_language_codes_is_refused(project_dir, argos_dir, argos_archives, tmp_path, code):
    def recode(name, data):
        if not name.endswith("/metadata.json"):
            return data
        return json.dumps({**json.loads(data), "to_code": code}).encode()

    archive = rezip(argos_archives["de", "en"], tmp_path / "odd.argosmodel", recode)
    result = run("models", "install", str(archive))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        (f"Error: {archive}: not an Argos Translate package: metadata.json's to_code {code!r} is not a language code")
    ]
    assert installed_dirs(argos_dir) == []


def test_two_packages_for_one_pair_list_which_is_used_and_why(project_dir, argos_dir, argos_archives, tmp_path):
    def newer(name, data):
        return (
            json.dumps({**json.loads(data), "package_version": "1.10"}).encode()
            if name.endswith("/metadata.json")
            else data
        )

    renamed = tmp_path / "renamed.argosmodel"
    with (
        zipfile.ZipFile(rezip(argos_archives["de", "en"], tmp_path / "newer.argosmodel", newer)) as old,
        zipfile.ZipFile(renamed, "w") as new,
    ):
        for info in old.infolist():
            new.writestr(info.filename.replace("translate-de_en-1_9", "translate-de_en-1_10"), old.read(info))
    assert run("models", "install", str(argos_archives["de", "en"]), str(renamed)).exit_code == 0
    listing = run("models", "list").output
    (old_line,) = [line for line in listing.splitlines() if "translate-de_en-1_9" in line]
    (new_line,) = [line for line in listing.splitlines() if "translate-de_en-1_10" in line]
    assert "used (newest of 2 de→en packages)" in new_line
    assert "not used: 1.10 is newer" in old_line


def test_a_package_with_broken_metadata_is_listed_as_broken(project_dir, argos_dir, argos_archives):
    package = install_package(argos_archives["de", "en"])
    (package.path / "metadata.json").write_text("{from_code: de", encoding="utf-8")
    listing = run("models", "list")
    assert listing.exit_code == 0
    (broken,) = [line for line in listing.output.splitlines() if str(package.path) in line]
    assert "broken" in broken and "metadata.json is not valid JSON" in broken
    assert "none" not in listing.output.split("needed:")[0]


def test_two_packages_of_the_same_version_say_which_one_is_used(tmp_path):
    first, second = (InstalledPackage(DE_EN, "1.9", tmp_path / name) for name in ("a", "b"))
    roles = package_roles([first, second])
    assert roles[first.path] == "used (newest of 2 de→en packages)"
    assert roles[second.path] == "not used: a has the same version and comes first"


def test_an_installed_package_whose_codes_are_paths_is_broken_and_unused(project_dir, argos_dir, argos_archives):
    package = install_package(argos_archives["de", "en"])
    metadata = json.loads((package.path / "metadata.json").read_text(encoding="utf-8"))
    (package.path / "metadata.json").write_text(json.dumps({**metadata, "to_code": "../../x"}), encoding="utf-8")
    scan = scan_packages()
    assert scan.installed == ()
    assert scan.broken == (BrokenPackage(package.path, "metadata.json's to_code '../../x' is not a language code"),)


def test_translate_into_a_regional_code_uses_the_languages_packages(project_dir, pivot_models):
    """``langs = ["fr-FR"]`` (a common habit) drafted nothing: it asked for an en→fr_FR package."""
    result = run("--langs", "fr-FR,en-GB", "translate", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    for lang, route in (("fr_FR", "de→en 1.9 → en→fr 1.9"), ("en_GB", "de→en 1.9")):
        text = Path(f"locales/{lang}/LC_MESSAGES/nord.po").read_text(encoding="utf-8")
        assert f"# machine translation: Argos Translate {route}" in text
        assert 'msgstr ""\n\n' not in text.split("\n\n", 1)[1] + "\n\n"  # every entry drafted


# --- ARGOS_PACKAGES_DIR that is empty or no folder (issue 23) ---------------------------------------


def pipeline_process(*args: str, **env: str) -> subprocess.CompletedProcess:
    """The CLI in a fresh process: argostranslate reads ARGOS_PACKAGES_DIR once, when first imported."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_an_empty_argos_packages_dir_is_unset_not_the_working_folder(project_dir):
    (project_dir / "locales").mkdir()
    result = pipeline_process("models", "list", ARGOS_PACKAGES_DIR="")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("installed in ") and first.endswith("argos-translate/packages:")
    assert "broken" not in result.stdout and "seeds" not in result.stdout


def test_an_argos_packages_dir_that_is_a_file_says_so(project_dir):
    (project_dir / "packages").write_text("", encoding="utf-8")
    result = pipeline_process("models", "list", ARGOS_PACKAGES_DIR="packages")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        (
            "Error: packages: ARGOS_PACKAGES_DIR names a file, not a folder: point it at the folder of Argos "
            "packages, or unset it"
        )
    ]
