"""Argos Translate's package index: where it is, what it offers, and installing a package from it.

The index is Argos's own ``index.json`` (a JSON list of package metadata with ``links``), at the
address Argos's own setting gives (``ARGOS_PACKAGE_INDEX``, the folder holding ``index.json``), so a
mirror set up for Argos serves the pipeline too. It is fetched once per run, and not at all when
every needed package is installed (:func:`missing_packages`).

Argos's own download (``AvailablePackage.download``) has no timeout, progress or resume; the transfer
goes through :mod:`pipeline.mt.downloads` into Argos's download cache, and the file is checked and
installed by :func:`pipeline.mt.packages.install_package` only once it is complete.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import project
from pipeline.errors import ModelError
from pipeline.mt.downloads import DownloadError, Progress, Timeouts, download, get_bytes, no_progress
from pipeline.mt.packages import (
    InstalledPackage,
    check_metadata,
    first_line,
    install_package,
    installed_packages,
    version_key,
)
from pipeline.mt.routes import Pair, Route, plan_routes

INDEX_FILE = "index.json"
INDEX_LIMIT_BYTES = 16_000_000
"""An index lists packages, not their contents: anything larger is not an index."""


@dataclass(frozen=True, slots=True)
class IndexPackage:
    """A translation package the index offers."""

    pair: Pair
    version: str
    links: tuple[str, ...]
    sha256: str | None = None
    """The file's SHA-256 where the index gives one (``sha256``, or ``checksum`` as ``sha256:…``)."""

    def __str__(self) -> str:
        return f"{self.pair} {self.version}"

    @property
    def file_name(self) -> str:
        """The name Argos gives the download (``translate-de_en-1_0.argosmodel``), from checked codes."""
        return f"translate-{self.pair.source}_{self.pair.target}-{self.version.replace('.', '_')}.argosmodel"


def index_address() -> str:
    """The index's URL: Argos's ``ARGOS_PACKAGE_INDEX`` setting (environment or Argos's settings
    file) read now, as Argos reads it, with ``index.json`` appended to the folder it names."""
    from argostranslate import settings

    folder = settings.get_setting("ARGOS_PACKAGE_INDEX")
    if not folder:
        return str(settings.remote_package_index)
    if folder.endswith(".json"):
        return folder
    return folder.rstrip("/") + "/" + INDEX_FILE


def fetch_index(timeouts: Timeouts = Timeouts()) -> list[IndexPackage]:
    """The translation packages the index offers; a ModelError (one line) when it cannot be had."""
    address = index_address()
    try:
        body = get_bytes(address, timeouts, limit=INDEX_LIMIT_BYTES)
    except DownloadError as error:
        raise ModelError(
            f"cannot read the Argos Translate package index {address} ({error}); offline, "
            "download the .argosmodel files elsewhere and install each with "
            f"`{project.pipeline_command()} models install FILE.argosmodel`"
        ) from None
    return parse_index(body, address)


def parse_index(body: bytes, address: str) -> list[IndexPackage]:
    """The translation packages of an index's JSON; entries of other types or with unusable codes,
    versions or links are skipped, as Argos skips what it cannot use."""
    try:
        entries = json.loads(body)
    except ValueError as error:
        raise ModelError(f"the Argos Translate package index {address} is not JSON ({first_line(error)})") from None
    if not isinstance(entries, list):
        raise ModelError(f"the Argos Translate package index {address} is not a list of packages")
    return [package for package in map(_index_package, entries) if package is not None]


def _index_package(entry) -> IndexPackage | None:
    try:
        check_metadata(entry)
    except ValueError:
        return None
    version, links = entry.get("package_version", ""), entry.get("links")
    if (
        entry.get("type", "translate") != "translate"
        or not isinstance(version, str)
        or not version.replace(".", "").isalnum()
        or not isinstance(links, list)
        or not all(isinstance(link, str) for link in links)
        or not links
    ):
        return None
    return IndexPackage(Pair(entry["from_code"], entry["to_code"]), version, tuple(links), _sha256(entry))


def _sha256(entry: dict) -> str | None:
    value = entry.get("sha256") or entry.get("checksum")
    if not isinstance(value, str):
        return None
    value = value.removeprefix("sha256:")
    return value.lower() if len(value) == 64 and all(c in "0123456789abcdefABCDEF" for c in value) else None


def missing_packages(source_lang: str, langs: Sequence[str], timeouts: Timeouts = Timeouts()) -> list[IndexPackage]:
    """The index packages ``langs`` still need; empty when every needed package is installed (the
    index is then not fetched)."""
    routes = plan_routes(source_lang, langs, {package.pair for package in installed_packages()})
    if all(route.available for route in routes.values()):
        return []
    return select_downloads(fetch_index(timeouts), routes)


def select_downloads(available: Iterable[IndexPackage], routes: Mapping[str, Route]) -> list[IndexPackage]:
    """The index packages that give every route its missing pairs, a direct one where offered."""
    offered: dict[Pair, IndexPackage] = {}
    for candidate in available:
        newest = offered.get(candidate.pair)
        if newest is None or version_key(candidate.version) > version_key(newest.version):
            offered[candidate.pair] = candidate
    wanted: dict[Pair, IndexPackage] = {}
    for route in routes.values():
        direct = Pair(route.steps[0].source, route.target)
        steps = (direct,) if route.missing and direct in offered else route.missing
        for step in steps:
            if step not in offered:
                raise ModelError(
                    f"the Argos package index {index_address()} offers no {step} package; "
                    f"install one with `{project.pipeline_command()} models install "
                    "FILE.argosmodel`"
                )
            wanted[step] = offered[step]
    return [wanted[pair] for pair in sorted(wanted)]


def install_from_index(
    package: IndexPackage, timeouts: Timeouts = Timeouts(), *, progress: Progress = no_progress
) -> InstalledPackage:
    """Download ``package`` into Argos's download cache (resuming a partial file), check it, install it.

    A transfer that fails keeps its partial file for the next run; a complete file that is no package
    is deleted, so the next run does not resume it.
    """
    from argostranslate import settings

    destination = Path(settings.downloads_dir) / package.file_name
    destination.parent.mkdir(parents=True, exist_ok=True)
    errors = []
    for link in package.links:
        try:
            download(link, destination, timeouts, sha256=package.sha256, progress=progress)
            break
        except DownloadError as error:
            errors.append(f"download of {package} from {link} failed: {error}")
    else:
        raise ModelError("; ".join(errors))
    try:
        return install_package(destination)
    except ModelError as error:
        raise ModelError(f"{package} from {link}: {error.message}") from None
    finally:
        destination.unlink(missing_ok=True)
