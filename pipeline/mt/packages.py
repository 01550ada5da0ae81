"""Argos Translate packages: which are installed, which the project needs, how to install more.

Packages live where argostranslate keeps them (``ARGOS_PACKAGES_DIR``, by default
``~/.local/share/argos-translate/packages``), so an existing Argos installation is reused and what
``pipeline models install`` adds is visible to ``argospm`` and Argos's own tools.

``argostranslate`` is imported inside the functions that need it, never at module import: its
``settings`` module reads the environment and creates directories under ``$HOME`` when it is first
imported, and ``argostranslate.translate`` pulls in CTranslate2. ``pipeline --help`` stays instant.

Installing
    ``argostranslate.package.install_from_path`` checks only that the file is a zip and extracts it
    in place, so a truncated download leaves a broken directory that makes Argos's own package
    listing fail. :func:`install_package` checks the archive first (layout, metadata, CRCs), extracts
    it next to the packages folder, loads the tokenizer and the CTranslate2 model from there, and only
    then moves the directory into place.
The index
    Fetching and downloading from Argos's package index is :mod:`pipeline.mt.index`'s.
"""

from __future__ import annotations

import collections
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline import project
from pipeline.errors import ModelError
from pipeline.mt.routes import Pair, Route

TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


def install_hint() -> str:
    """How to install packages, with commands that run as printed from the current folder."""
    command = project.pipeline_command()
    return (
        f"install them with `{command} models install FILE.argosmodel…` (packages downloaded elsewhere) "
        f"or `{command} models install --from-index` (downloads from the Argos index)"
    )


@dataclass(frozen=True, slots=True)
class InstalledPackage:
    pair: Pair
    version: str
    path: Path
    """The package directory (holding ``metadata.json``, ``model/`` and the tokenizer)."""


PACKAGES_VARIABLE = "ARGOS_PACKAGES_DIR"


def check_packages_variable(environ: MutableMapping[str, str] = os.environ) -> None:
    """Make ``ARGOS_PACKAGES_DIR`` safe before argostranslate reads it (once, when first imported).

    Empty, it is taken as unset: argostranslate read it as the working folder, so ``models list``
    called ``seeds`` and ``locales`` broken packages and ``models install`` wrote into the project.
    Naming a file (or anything but a folder), it is an error that says so, not ``File exists``."""
    value = environ.get(PACKAGES_VARIABLE)
    if value is None:
        return
    if not value.strip():
        del environ[PACKAGES_VARIABLE]
        return
    try:
        mode = Path(value).stat().st_mode
    except OSError:
        return  # missing: argostranslate creates it
    if not stat.S_ISDIR(mode):
        kind = "a file" if stat.S_ISREG(mode) else project.file_kind(mode)
        raise ModelError(
            f"{PACKAGES_VARIABLE} names {kind}, not a folder: point it at the folder of Argos packages, or unset it",
            path=project.printable(Path(value)),
        )


def packages_dir() -> Path:
    """Where packages are installed: argostranslate's ``settings.package_data_dir``."""
    from argostranslate import settings

    return Path(settings.package_data_dir)


@dataclass(frozen=True, slots=True)
class BrokenPackage:
    """A folder in a packages folder that is no usable package (its metadata cannot be read)."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class PackageScan:
    installed: tuple[InstalledPackage, ...]
    broken: tuple[BrokenPackage, ...]


def installed_packages() -> list[InstalledPackage]:
    """Translation packages in every folder argostranslate searches, sorted by pair and version."""
    return list(scan_packages().installed)


def scan_packages() -> PackageScan:
    """Every package folder argostranslate searches: the translation packages, sorted by pair and
    version, and the folders whose ``metadata.json`` is missing or wrong, so that they can be listed
    as broken rather than leave their pair looking merely missing (Argos's own listing fails on
    them). Hidden folders (our staging and backups) and packages of other types (sentence boundary
    detection) are skipped."""
    from argostranslate import settings

    found, broken = [], []
    for folder in map(Path, settings.package_dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if not path.is_dir() or path.name.startswith("."):
                continue
            try:
                metadata = read_metadata(path / "metadata.json")
            except ValueError as error:
                broken.append(BrokenPackage(path, str(error)))
                continue
            if metadata.get("type", "translate") == "translate":
                found.append(
                    InstalledPackage(
                        pair=Pair(metadata["from_code"], metadata["to_code"]),
                        version=str(metadata.get("package_version", "")),
                        path=path,
                    )
                )
    installed = sorted(found, key=lambda package: (package.pair, version_key(package.version)))
    return PackageScan(installed=tuple(installed), broken=tuple(broken))


LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")
"""A language code as Argos's packages write them (``de``, ``zt``, ``pt_BR``): never a path."""


def read_metadata(path: Path) -> dict:
    """A package's ``metadata.json``; a ValueError says what is wrong with it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError("no metadata.json") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"metadata.json cannot be read ({first_line(error)})") from None
    try:
        metadata = json.loads(text)
    except ValueError as error:
        raise ValueError(f"metadata.json is not valid JSON ({first_line(error)})") from None
    check_metadata(metadata)
    return metadata


def check_metadata(metadata) -> None:
    """The fields the pipeline relies on: a JSON object whose codes are language codes, since they
    end up in routes, provenance comments and (through Argos) paths."""
    if not isinstance(metadata, dict):
        raise ValueError("metadata.json is not a JSON object")
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str):
            raise ValueError(f"metadata.json has no {key}")
        if not LANGUAGE_CODE.fullmatch(metadata[key]):
            raise ValueError(f"metadata.json's {key} {metadata[key]!r} is not a language code")


def version_key(version: str) -> tuple:
    """Sort key for package versions: numerically where they are numbers (``1.10`` after ``1.9``)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in version.split("."))


def newest_by_pair(packages: Iterable[InstalledPackage]) -> dict[Pair, InstalledPackage]:
    """One package per pair: the newest version where several are installed."""
    newest: dict[Pair, InstalledPackage] = {}
    for package in packages:
        current = newest.get(package.pair)
        if current is None or version_key(package.version) > version_key(current.version):
            newest[package.pair] = package
    return newest


def package_roles(packages: Sequence[InstalledPackage]) -> dict[Path, str]:
    """Where several packages serve one pair, which one translation uses and why (the newest
    version, as :func:`newest_by_pair` picks); nothing for a pair served once."""
    newest = newest_by_pair(packages)
    served = collections.Counter(package.pair for package in packages)
    roles = {}
    for package in packages:
        if served[package.pair] < 2:
            continue
        chosen = newest[package.pair]
        if package.path == chosen.path:
            roles[package.path] = f"used (newest of {served[package.pair]} {package.pair} packages)"
        elif package.version == chosen.version:
            roles[package.path] = f"not used: {chosen.path.name} has the same version and comes first"
        else:
            roles[package.path] = f"not used: {chosen.version} is newer"
    return roles


def missing_message(routes: Mapping[str, Route]) -> str:
    """One line: which pairs are missing, for which languages, and the two ways to install them."""
    missing = sorted({step for route in routes.values() for step in route.missing})
    langs = [lang for lang, route in routes.items() if route.missing]
    direct = [
        f"{route.steps[0].source}→{lang}" for lang, route in routes.items() if route.missing and route.kind == "pivot"
    ]
    alternative = f" (or a direct {', '.join(direct)} package)" if direct else ""
    return (
        f"missing Argos Translate packages {', '.join(map(str, missing))}{alternative} needed for "
        f"{', '.join(langs)}: {install_hint()}"
    )


# --- checking and installing a package file ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PackageFile:
    """What the archive of a valid package says about itself."""

    path: Path
    root: str
    """The one top-level directory of the archive, which becomes the installed directory's name."""
    pair: Pair
    version: str


def check_package_file(path: Path) -> PackageFile:
    """Check an ``.argosmodel`` archive without extracting it; a problem is a one-line ModelError."""
    if not path.is_file():
        raise ModelError("no such file", path=path)
    if not zipfile.is_zipfile(path):
        raise ModelError("not an Argos Translate package: not a zip archive (or a truncated download)", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            root = _single_root(names, path)
            metadata = _archive_metadata(archive, f"{root}/metadata.json", path)
            _require(names, f"{root}/model/model.bin", "no CTranslate2 model (model/model.bin)", path)
            if not any(f"{root}/{name}" in names for name in TOKENIZER_FILES):
                raise ModelError(
                    f"not an Argos Translate package: no tokenizer ({' or '.join(TOKENIZER_FILES)})", path=path
                )
            damaged = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as error:
        raise ModelError(f"damaged archive ({first_line(error)}); download it again", path=path) from None
    if damaged is not None:
        raise ModelError(f"damaged archive (bad checksum in {damaged}); download it again", path=path)
    return PackageFile(
        path=path,
        root=root,
        pair=Pair(metadata["from_code"], metadata["to_code"]),
        version=str(metadata.get("package_version", "")),
    )


def _single_root(names: list[str], path: Path) -> str:
    roots = set()
    for name in names:
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or ".." in parts or "\\" in name or ":" in parts[0]:
            raise ModelError(f"not an Argos Translate package: unsafe member name {name!r}", path=path)
        roots.add(parts[0] if len(parts) > 1 or name.endswith("/") else "")
    if len(roots) != 1 or "" in roots or next(iter(roots)).startswith("."):
        raise ModelError("not an Argos Translate package: the archive must hold one package directory", path=path)
    return roots.pop()


def _archive_metadata(archive: zipfile.ZipFile, name: str, path: Path) -> dict:
    _require(archive.namelist(), name, "no metadata.json", path)
    try:
        metadata = json.loads(archive.read(name).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ModelError(
            f"not an Argos Translate package: metadata.json is not valid JSON ({first_line(error)})", path=path
        ) from None
    try:
        check_metadata(metadata)
    except ValueError as error:
        raise ModelError(f"not an Argos Translate package: {error}", path=path) from None
    if metadata.get("type", "translate") != "translate":
        raise ModelError(f"not a translation package (type {metadata['type']!r})", path=path)
    return metadata


def _require(names: list[str], name: str, what: str, path: Path) -> None:
    if name not in names:
        raise ModelError(f"not an Argos Translate package: {what}", path=path)


def first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def install_package_files(paths: Sequence[Path]) -> list[InstalledPackage]:
    """Install ``.argosmodel`` files: every file is checked before any is installed, so one bad
    file among several installs none."""
    for path in paths:
        check_package_file(path)
    return [install_package(path) for path in paths]


def install_package(path: Path) -> InstalledPackage:
    """Check ``path``, extract it beside the packages folder, load it, then move it into place.

    A package already installed under the same directory name is replaced. Nothing changes in the
    packages folder unless the new package loads.
    """
    package_file = check_package_file(path)
    destination_dir = packages_dir()
    destination_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pipeline-install-", dir=destination_dir.parent))
    try:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(staging)
        _check_loads(staging / package_file.root, path)
        target = destination_dir / package_file.root
        _replace_dir(staging / package_file.root, target)
    except (OSError, zipfile.BadZipFile) as error:
        raise ModelError(f"could not install: {first_line(error)}", path=path) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _forget_argos_language_cache()
    return InstalledPackage(pair=package_file.pair, version=package_file.version, path=target)


def _check_loads(package_dir: Path, path: Path) -> None:
    """Load the tokenizer and the CTranslate2 model the way translation will."""
    import ctranslate2
    import sentencepiece

    tokenizer = package_dir / "sentencepiece.model"
    if tokenizer.exists():
        try:
            sentencepiece.SentencePieceProcessor(model_file=str(tokenizer))
        except (OSError, RuntimeError):
            raise ModelError(
                "not an Argos Translate package: sentencepiece.model is not a SentencePiece model", path=path
            ) from None
    try:
        ctranslate2.Translator(str(package_dir / "model"), device="cpu", compute_type="default")
    except Exception as error:
        raise ModelError(
            f"not an Argos Translate package: the model does not load ({first_line(error)})", path=path
        ) from None


def _replace_dir(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``, replacing it; the old directory is restored if the move fails."""
    backup = None
    if target.exists():
        backup = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(backup, ignore_errors=True)
        os.replace(target, backup)
    try:
        shutil.move(str(source), str(target))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        if backup is not None:
            os.replace(backup, target)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def _forget_argos_language_cache() -> None:
    """Argos caches its language list; let a caller in this process see the new package."""
    import sys

    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()
