"""`pipeline models install --from-index` against a real HTTP server on 127.0.0.1 serving Argos's index
format and packages built by the tests; the transfer itself is never replaced."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import ModelError
from pipeline.mt.index import IndexPackage, install_from_index, parse_index, select_downloads
from pipeline.mt.routes import Pair, plan_routes
from tests import package_server
from tests.conftest import run
from tests.package_server import PackageServer

PAIRS = (("de", "en"), ("en", "fr"))
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> PackageServer:
    """A package server, reached through Argos's own index setting, with no proxy in the way."""
    for variable in PROXY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
        monkeypatch.delenv(variable.upper(), raising=False)
    served = PackageServer()
    httpd = package_server.start(served)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", served.address + "/")
    yield served
    served.stopped.set()
    httpd.shutdown()
    httpd.server_close()


def index_entry(archive: Path, link: str, **extra) -> dict:
    metadata = json.loads(zipfile.ZipFile(archive).read(f"{archive.stem}/metadata.json"))
    return {**metadata, "links": [link], **extra}


def serve_index(server: PackageServer, argos_archives, pairs=PAIRS, **behaviour) -> dict[tuple, str]:
    """Serve ``pairs``' packages (each with ``behaviour``) and an index of them; returns their paths."""
    paths = {pair: f"/packages/{argos_archives[pair].name}" for pair in pairs}
    entries = [
        index_entry(argos_archives[pair], server.serve(paths[pair], argos_archives[pair].read_bytes(), **behaviour))
        for pair in pairs
    ]
    server.serve("/index.json", json.dumps(entries).encode())
    return paths


def installed_dirs(argos_dir: Path) -> list[str]:
    return sorted(path.name for path in argos_dir.iterdir())


def downloads_dir() -> Path:
    from argostranslate import settings

    return Path(settings.downloads_dir)


def error_line(result) -> str:
    (line,) = result.output.strip().splitlines()[-1:]
    assert result.exit_code == 1 and line.startswith("Error: "), result.output
    return line


# --- a good server -------------------------------------------------------------------------------


def test_installs_the_missing_legs_fetching_the_index_once(project_dir, argos_dir, argos_archives, server):
    paths = serve_index(server, argos_archives)
    result = run("models", "install", "--from-index")
    assert result.exit_code == 0, result.output
    assert installed_dirs(argos_dir) == ["translate-de_en-1_9", "translate-en_fr-1_9"]
    assert server.requested("/index.json") == [None]
    assert f"downloading de→en 1.9 from {server.address}{paths['de', 'en']}" in result.output
    assert list(downloads_dir().iterdir()) == []


def test_with_every_package_installed_the_index_is_not_fetched(project_dir, pivot_models, server):
    result = run("models", "install", "--from-index")
    assert result.exit_code == 0 and "every needed package is installed" in result.output
    assert server.requests == []


def test_progress_is_reported_in_bytes_up_to_the_announced_size(argos_dir, argos_archives, server, tmp_path):
    body = argos_archives["de", "en"].read_bytes()
    url = server.serve("/p.argosmodel", body)
    seen = []
    package = IndexPackage(Pair("de", "en"), "1.9", (url,))
    install_from_index(package, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, len(body)) and seen[-1] == (len(body), len(body))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_the_standard_proxy_variables_are_honoured(project_dir, argos_dir, argos_archives, server, monkeypatch):
    """The index and the packages live on a host that does not exist; the proxy serves them."""
    entries = [
        index_entry(argos_archives[pair], f"http://mirror.invalid/{argos_archives[pair].name}") for pair in PAIRS
    ]
    for pair in PAIRS:
        server.serve(f"/{argos_archives[pair].name}", argos_archives[pair].read_bytes())
    server.serve("/index.json", json.dumps(entries).encode())
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://mirror.invalid/")
    monkeypatch.setenv("http_proxy", server.address)
    result = run("models", "install", "--from-index")
    assert result.exit_code == 0, result.output
    assert installed_dirs(argos_dir) == ["translate-de_en-1_9", "translate-en_fr-1_9"]


# --- interrupted transfers -----------------------------------------------------------------------


def test_a_transfer_cut_short_names_what_happened_keeps_the_part_and_resumes(
    project_dir, argos_dir, argos_archives, server
):
    body = argos_archives["de", "en"].read_bytes()
    third = len(body) // 3
    paths = serve_index(server, argos_archives, cut_after=third)
    line = error_line(run("models", "install", "--from-index"))
    assert (
        f"download of de→en 1.9 from {server.address}{paths['de', 'en']} failed: connection closed "
        f"after {third / 1000:.1f} of {len(body) / 1000:.1f} kB" in line
    )
    assert installed_dirs(argos_dir) == []
    (part,) = downloads_dir().iterdir()
    assert part.name.endswith(".part") and part.stat().st_size == third

    serve_index(server, argos_archives)
    result = run("models", "install", "--from-index")
    assert result.exit_code == 0, result.output
    assert server.requested(paths["de", "en"])[-1] == f"bytes={third}-"
    assert installed_dirs(argos_dir) == ["translate-de_en-1_9", "translate-en_fr-1_9"]
    assert list(downloads_dir().iterdir()) == []


def test_a_server_that_ignores_range_sends_the_whole_file_again(project_dir, argos_dir, argos_archives, server):
    serve_index(server, argos_archives, cut_after=1000)
    assert run("models", "install", "--from-index").exit_code == 1
    serve_index(server, argos_archives, ranges=False)
    result = run("models", "install", "--from-index")
    assert result.exit_code == 0, result.output
    assert installed_dirs(argos_dir) == ["translate-de_en-1_9", "translate-en_fr-1_9"]


def test_a_server_that_stalls_after_its_headers_is_given_up_on(project_dir, argos_dir, argos_archives, server):
    serve_index(server, argos_archives, stall=True)
    line = error_line(run("models", "install", "--from-index", "--read-timeout", "0.2"))
    assert "download of de→en 1.9" in line and "no data within the read timeout" in line
    assert installed_dirs(argos_dir) == []


def test_a_server_error_is_one_line(project_dir, argos_dir, argos_archives, server):
    serve_index(server, argos_archives, status=500)
    line = error_line(run("models", "install", "--from-index"))
    assert "download of de→en 1.9" in line and "the server answered 500 Internal Server Error" in line
    assert installed_dirs(argos_dir) == []


def test_a_connection_refused_says_so(project_dir, argos_dir, argos_archives, server):
    paths = serve_index(server, argos_archives)
    entries = json.loads(server.paths["/index.json"].body)
    entries[0]["links"] = ["http://127.0.0.1:9" + paths["de", "en"]]
    server.serve("/index.json", json.dumps(entries).encode())
    assert "cannot connect" in error_line(run("models", "install", "--from-index"))


# --- what the index and the files say ------------------------------------------------------------


def test_a_checksum_from_the_index_is_verified_before_installing(project_dir, argos_dir, argos_archives, server):
    paths = serve_index(server, argos_archives)
    entries = json.loads(server.paths["/index.json"].body)
    entries[0]["sha256"] = "0" * 64
    right = hashlib.sha256(argos_archives["en", "fr"].read_bytes()).hexdigest()
    entries[1]["checksum"] = f"sha256:{right}"
    server.serve("/index.json", json.dumps(entries).encode())
    line = error_line(run("models", "install", "--from-index"))
    assert f"{paths['de', 'en']} failed: the file's SHA-256 is not the index's" in line
    assert installed_dirs(argos_dir) == [] and list(downloads_dir().iterdir()) == []

    entries[0]["sha256"] = hashlib.sha256(argos_archives["de", "en"].read_bytes()).hexdigest()
    server.serve("/index.json", json.dumps(entries).encode())
    assert run("models", "install", "--from-index").exit_code == 0
    assert installed_dirs(argos_dir) == ["translate-de_en-1_9", "translate-en_fr-1_9"]


def test_an_index_that_is_not_json_is_one_line(project_dir, argos_dir, server):
    server.serve("/index.json", b"<html>moved</html>")
    line = error_line(run("models", "install", "--from-index"))
    assert f"the Argos Translate package index {server.address}/index.json is not JSON" in line


def test_an_index_without_a_needed_pair_is_one_line(project_dir, argos_dir, argos_archives, server):
    serve_index(server, argos_archives, pairs=[("de", "en")])
    line = error_line(run("models", "install", "--from-index"))
    assert "offers no en→fr package" in line and server.address in line


def test_a_link_to_a_file_that_is_no_package_is_one_line_and_not_kept(project_dir, argos_dir, argos_archives, server):
    paths = serve_index(server, argos_archives)
    server.serve(paths["de", "en"], b"<html>not found, but 200</html>")
    line = error_line(run("models", "install", "--from-index"))
    assert f"de→en 1.9 from {server.address}{paths['de', 'en']}: not an Argos Translate package" in line
    assert installed_dirs(argos_dir) == [] and list(downloads_dir().iterdir()) == []


@pytest.mark.parametrize("option", ["--read-timeout", "--connect-timeout"])
def test_timeouts_have_a_sane_range(project_dir, argos_dir, option):
    assert run("models", "install", "--from-index", option, "0").exit_code == 2


def test_index_entries_with_unusable_codes_versions_or_links_are_skipped():
    good = {"from_code": "de", "to_code": "en", "package_version": "1.0", "links": ["http://x/p"]}
    entries = [
        good,
        {**good, "to_code": "../../x"},
        {**good, "package_version": "../1"},
        {**good, "links": []},
        {**good, "type": "sbd"},
        "nonsense",
    ]
    assert parse_index(json.dumps(entries).encode(), "i") == [IndexPackage(Pair("de", "en"), "1.0", ("http://x/p",))]


def test_selection_takes_a_direct_package_when_offered_else_the_newest_pivot_legs():
    def offered(source: str, target: str, version: str = "1.0") -> IndexPackage:
        return IndexPackage(Pair(source, target), version, ("http://x",))

    routes = plan_routes("de", ("fr", "en"), set())
    index = [offered("de", "en", "1.0"), offered("de", "en", "1.9"), offered("en", "fr"), offered("fr", "en")]
    assert select_downloads(index, routes) == [offered("de", "en", "1.9"), offered("en", "fr")]
    direct = select_downloads([*index, offered("de", "fr")], routes)
    assert {package.pair for package in direct} == {Pair("de", "en"), Pair("de", "fr")}
    with pytest.raises(ModelError, match="offers no en→fr"):
        select_downloads([offered("de", "en")], routes)
