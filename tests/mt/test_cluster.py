"""`pipeline translate --scheduler`: machine translation on a real Dask cluster on 127.0.0.1.

One scheduler and two single-threaded workers (real `dask scheduler` / `dask worker` processes, as a
user starts them) serve the whole module. The packages are the tiny random-weight test packages
(tests/argos_models.py), so assertions are about mechanics: same drafts as a local run, nothing lost
or drafted twice when a worker dies or the client is interrupted, clear errors.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.errors import ModelError, PipelineError
from pipeline.mt import cluster, devices
from pipeline.mt.routes import Pair
from pipeline.po import catalogs, confidence
from pipeline.po.views import EntryState, entry_state
from tests import dask_processes
from tests.argos_models import build_argos_package, default_training_text
from tests.conftest import REPO, load, run

EN = Path("locales/en/LC_MESSAGES/vallee-de-la-batterie.po")
FR = Path("locales/fr/LC_MESSAGES/vallee-de-la-batterie.po")
DE_EN = Pair("de", "en")
SETTINGS = ("--beam-size", "1", "--max-batch-size", "4", "--save-every", "24")
"""Several chunks of several batches each for the seed article's 102 sentences."""


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> str:
    with dask_processes.cluster(tmp_path_factory.mktemp("dask"), count=2, threads=1) as address:
        yield address


@pytest.fixture(scope="module")
def slow_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A de→en package whose every output is 150 tokens: batches that take a while, to be killed."""
    return build_argos_package(
        tmp_path_factory.mktemp("slow-model"),
        from_code="de",
        to_code="en",
        training_text=default_training_text(),
        layers=2,
        d_model=256,
        heads=4,
        ffn=1024,
        fixed_output_length=150,
        package_version="0.5",
    )


def catalog_texts() -> dict[Path, str]:
    """Every catalog, dates left out."""
    return {
        path: re.sub(r'"(PO-Revision|POT-Creation)-Date: [^"]*"', "", path.read_text(encoding="utf-8"))
        for path in sorted(Path("locales").rglob("*.po"))
    }


def cleared() -> None:
    for path in Path("locales").rglob("*.po*"):
        path.unlink()


def drafted(path: Path) -> list[str]:
    return [e.msgid for e in catalogs.read_view(path) if entry_state(e) is EntryState.MACHINE_DRAFT]


def test_drafts_on_the_cluster_are_identical_to_a_local_run(seed_project, pivot_models, scheduler):
    local = run("translate", *SETTINGS)
    assert local.exit_code == 0, local.output
    expected = catalog_texts()
    cleared()
    remote = run("translate", "--scheduler", scheduler, *SETTINGS)
    assert remote.exit_code == 0, remote.output
    assert catalog_texts() == expected
    assert all(entry_state(e) is EntryState.MACHINE_DRAFT for e in catalogs.read_view(FR))
    assert {confidence.CONFIDENCE_NOTE.sub("", catalogs.DRAFT_DIGEST.sub("", e.tcomment)) for e in load(FR)} == {
        catalogs.MACHINE_TRANSLATION_MARK + "Argos Translate de→en 1.9 → en→fr 1.9 (pivot) "
    }
    assert all(confidence.draft_confidence(e.tcomment) is not None for e in load(FR))  # part of catalog_texts()


def test_each_worker_keeps_one_checked_copy_of_each_package_and_loads_it_once(
    project_dir, pivot_models, scheduler, monkeypatch
):
    import distributed

    assert run("translate", "--scheduler", scheduler, "--beam-size", "1").exit_code == 0
    cleared()
    shipped = []
    monkeypatch.setattr(distributed.Client, "register_plugin", lambda self, plugin: shipped.append(plugin))
    assert run("translate", "--scheduler", scheduler, "--beam-size", "1").exit_code == 0
    assert shipped == []  # the cluster has both packages from the first run

    def loaded(dask_worker):
        plugins = {name: plugin for name, plugin in dask_worker.plugins.items() if name.startswith("pipeline-package-")}
        folder = Path(dask_worker.local_directory) / "pipeline-packages"
        return (
            {str(plugin.pair): (id(plugin.translator), plugin.archive) for plugin in plugins.values()},
            sorted(path.name for path in folder.iterdir()),
        )

    from distributed import Client

    with Client(scheduler, set_as_default=False) as client:
        for pairs, unpacked in client.run(loaded).values():
            assert set(pairs) == {"de→en", "en→fr"}  # one plugin (one Translator) per package
            assert all(archive == b"" for _, archive in pairs.values())  # the shipped zip is not kept
            assert len(unpacked) == 2 and all(len(name) == 64 for name in unpacked)  # sha256 folders


def test_a_worker_killed_mid_run_costs_only_its_batches(
    project_dir, argos_dir, slow_archive, scheduler, monkeypatch, tmp_path
):
    from distributed import Client

    assert run("models", "install", str(slow_archive)).exit_code == 0
    returned: list[str] = []
    real = cluster.DaskTranslator.translate_scored
    monkeypatch.setattr(
        cluster.DaskTranslator,
        "translate_scored",
        lambda self, pair, sentences: returned.extend(sentences) or real(self, pair, sentences),
    )
    marker = tmp_path / "killed"
    monkeypatch.setattr(cluster, "translate_on_worker", killing_the_first_worker_it_runs_on(marker))
    result = run(
        "--langs",
        "en",
        "translate",
        "--scheduler",
        scheduler,
        "--beam-size",
        "1",
        "--max-batch-size",
        "2",
        "--save-every",
        "8",
    )
    assert result.exit_code == 0, result.output
    assert marker.read_text() == "killed"  # exactly one worker died, holding a batch
    with Client(scheduler, set_as_default=False) as watcher:
        watcher.wait_for_workers(2, timeout=60)  # the nanny replaces it
    english = catalogs.read_view(Path("locales/en/LC_MESSAGES/nord.po"))
    assert all(entry_state(e) is EntryState.MACHINE_DRAFT for e in english)
    assert {e.msgid for e in english} == set(returned)
    assert len(returned) == len(set(returned))  # every sentence translated once


def killing_the_first_worker_it_runs_on(marker: Path):
    """A task that SIGKILLs the worker running the run's first batch, in the middle of that batch (as
    an out-of-memory kill would), then translates as usual: the worker dies holding work whatever the
    machine's load, with no clock involved. A local function, so that the task travels by value."""

    def translate_or_die(name, batch, decoding):
        try:
            claimed = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return cluster.translate_on_worker(name, batch, decoding)
        os.write(claimed, b"killed")
        os.close(claimed)
        os.kill(os.getpid(), signal.SIGKILL)

    return translate_or_die


def test_a_batch_that_kills_every_worker_it_meets_is_one_line(project_dir, pivot_models, scheduler, monkeypatch):
    import distributed
    from distributed.scheduler import KilledWorker

    def killing(futures, **options):  # what as_completed gives after allowed-failures deaths
        killed = KilledWorker(
            "translate_on_worker-1234", SimpleNamespace(address="tcp://127.0.0.1:1"), allowed_failures=3
        )
        yield FailedFuture(killed)

    monkeypatch.setattr(distributed, "as_completed", killing)
    result = run("--langs", "en", "translate", "--scheduler", scheduler, "--beam-size", "1")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: a de→en batch was lost with every worker that ran it (4 died running it, the last "
        "tcp://127.0.0.1:1); finished batches are saved: see the workers' logs (out of memory?) and run again"
    )


class FailedFuture:
    """A future that failed with ``error`` (hashable, as Dask's futures are)."""

    status = "error"

    def __init__(self, error: BaseException):
        self.error = error

    def exception(self) -> BaseException:
        return self.error


def test_a_run_whose_every_worker_died_stops_after_the_timeout_keeping_finished_drafts(
    project_dir, pivot_models, tmp_path, monkeypatch
):
    counter = tmp_path / "batches"
    monkeypatch.setattr(cluster, "translate_on_worker", killing_every_worker_at_batch(5, counter))
    with (
        dask_processes.scheduler(tmp_path / "dask") as address,
        dask_processes.workers(tmp_path / "dask", address, count=1),
    ):
        dask_processes.wait_for_workers(address, 1)
        result = run(
            "--langs",
            "en",
            "translate",
            "--scheduler",
            address,
            "--beam-size",
            "1",
            "--max-batch-size",
            "1",
            "--save-every",
            "2",
            "--no-workers-timeout",
            "1",
        )
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines()[-1] == (
        "Error: every Dask worker has gone (none for 1 s) while translating de→en; finished batches are "
        "saved: start workers (`dask worker SCHEDULER`) and run again, or wait longer with --no-workers-timeout"
    )
    assert len(drafted(Path("locales/en/LC_MESSAGES/nord.po"))) == 4  # two chunks of two, saved


def killing_every_worker_at_batch(number: int, counter: Path):
    """A task that, at the run's ``number``-th batch, SIGKILLs its worker's whole process group (the
    nanny too, so nothing replaces it), as losing every machine of a cluster would."""

    def translate_or_kill_all(name, batch, decoding):
        with open(counter, "ab") as stream:
            stream.write(b".")
        if counter.stat().st_size >= number:
            os.killpg(os.getpgid(0), signal.SIGKILL)
        return cluster.translate_on_worker(name, batch, decoding)

    return translate_or_kill_all


def holding_run(tmp_path: Path, *arguments: str) -> tuple[list[str], Path]:
    """A `pipeline` command line whose cluster batches after the first two wait until the returned
    gate exists (tests/mt/holding_run.py), and the gate."""
    gate = tmp_path / "gate"
    command = [sys.executable, "-m", "tests.mt.holding_run", "2", str(tmp_path / "batches"), str(gate), *arguments]
    return command, gate


def holding_env(argos_dir: Path) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "ARGOS_PACKAGES_DIR": str(argos_dir), "PYTHONPATH": path}


def wait_for_drafts(path: Path, process: subprocess.Popen) -> None:
    """Until the run's first chunk is saved (the run cannot finish: its next batches are held)."""
    deadline = time.monotonic() + 120
    while not (path.exists() and drafted(path)):
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < deadline, "no chunk saved in 120 s"
        time.sleep(0.05)


ONE_SENTENCE_BATCHES = ("--beam-size", "1", "--max-batch-size", "1", "--save-every", "2")
"""Chunks of two one-sentence batches: the first chunk is saved, the second is held."""


def test_ctrl_c_keeps_finished_batches_and_a_rerun_finishes(project_dir, argos_dir, slow_archive, scheduler, tmp_path):
    assert run("models", "install", str(slow_archive)).exit_code == 0
    assert run("extract").exit_code == 0
    english = Path("locales/en/LC_MESSAGES/nord.po")
    arguments = ("--langs", "en", "translate", "--scheduler", scheduler, *ONE_SENTENCE_BATCHES)
    command, gate = holding_run(tmp_path, *arguments)
    env = holding_env(argos_dir)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        wait_for_drafts(english, process)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    finally:
        process.kill()
        gate.touch()  # the held batches go on, and the workers are free for the next test
    assert process.returncode == 130, output
    kept = drafted(english)
    assert len(kept) == 2  # the first chunk, saved before Ctrl-C
    assert "interrupted" in output and "Traceback" not in output
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(drafted(english)) == len(load(english))
    assert f"{len(load(english)) - len(kept)} machine drafts" in again.stdout


def test_a_scheduler_lost_mid_run_is_one_line_and_finished_chunks_are_kept(
    project_dir, argos_dir, slow_archive, tmp_path
):
    assert run("models", "install", str(slow_archive)).exit_code == 0
    english = Path("locales/en/LC_MESSAGES/nord.po")
    with (
        dask_processes.scheduler(tmp_path / "dask") as address,
        dask_processes.workers(tmp_path / "dask", address, count=1),
    ):
        dask_processes.wait_for_workers(address, 1)
        arguments = ("--langs", "en", "translate", "--scheduler", address, *ONE_SENTENCE_BATCHES)
        command, gate = holding_run(tmp_path, *arguments)
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=holding_env(argos_dir)
        )
        try:
            wait_for_drafts(english, process)
            os.kill(int((tmp_path / "dask" / "scheduler.pid").read_text()), signal.SIGKILL)
            output, _ = process.communicate(timeout=90)
        finally:
            process.kill()
            gate.touch()
    assert process.returncode == 1, output
    assert "Traceback" not in output
    assert "Error: lost the Dask scheduler while translating de→en" in output.strip().splitlines()[-1]
    assert len(drafted(english)) == 2


def test_interrupt_between_chunks_keeps_every_finished_chunk(project_dir, pivot_models, scheduler, monkeypatch):
    real, calls = cluster.DaskTranslator.translate_scored, []

    def interrupted(self, pair, sentences):
        if calls:
            raise KeyboardInterrupt
        calls.append(list(sentences))
        return real(self, pair, sentences)

    monkeypatch.setattr(cluster.DaskTranslator, "translate_scored", interrupted)
    result = run("translate", "--scheduler", scheduler, "--beam-size", "1", "--save-every", "3")
    assert result.exit_code == 130
    assert set(drafted(Path("locales/en/LC_MESSAGES/nord.po"))) == set(calls[0])


def test_the_cluster_factory_builds_engines_that_follow_the_engine_protocol(pivot_models, scheduler):
    from pipeline.mt import engines, packages

    installed = packages.newest_by_pair(packages.installed_packages())
    options = engines.EngineOptions(beam_size=1, max_batch_size=2, inter_threads=2)
    sentences = ["Ja.", "Die Region hofft auf Arbeit.", "Verkor hat eine Fabrik eröffnet."]
    local = engines.local_engine(options)(installed)
    with cluster.cluster_engine(scheduler, options) as make_engine:
        remote = make_engine(installed)
        assert isinstance(remote, cluster.DaskTranslator)
        assert remote.name == local.name and remote.warnings == []
        assert remote.label(DE_EN) == local.label(DE_EN)
        assert remote.translate(DE_EN, sentences) == local.translate(DE_EN, sentences)


def test_an_unreachable_scheduler_is_one_line_within_seconds(project_dir, monkeypatch):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    import distributed

    real, timeouts = distributed.Client, []
    monkeypatch.setattr(
        distributed, "Client", lambda *args, **kwargs: timeouts.append(kwargs["timeout"]) or real(*args, **kwargs)
    )
    result = run("translate", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert timeouts == [cluster.CONNECT_TIMEOUT_S]  # the client gives up after it: within seconds
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:")
    assert not Path("locales").exists()  # checked before anything was written


@pytest.mark.parametrize(
    "address, refusal",
    [
        ("tcp://203.0.113.7:8786", "--allow-insecure-scheduler"),  # documentation range: never contacted
        ("203.0.113.7:8786", "--allow-insecure-scheduler"),  # no scheme is tcp
        ("tls://127.0.0.1:8786", "no TLS certificates"),
        ("ucx://127.0.0.1:8786", "tls://"),
    ],
)
def test_insecure_or_unusable_addresses_are_refused_before_any_connection(project_dir, address, refusal, monkeypatch):
    import distributed

    monkeypatch.setattr(distributed, "Client", lambda *args, **kwargs: pytest.fail("tried to connect"))
    result = run("translate", "--scheduler", address)
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: ") and refusal in line
    assert not Path("locales").exists()


def test_loopback_and_this_machines_addresses_count_as_local():
    assert cluster.on_this_machine("127.0.0.1") and cluster.on_this_machine("localhost")
    assert not cluster.on_this_machine("203.0.113.7")


def test_cluster_options_need_a_scheduler(project_dir):
    result = run("translate", "--allow-insecure-scheduler")
    assert result.exit_code == 2 and "--scheduler" in result.output


# --- devices -------------------------------------------------------------------------------------


def test_device_cuda_without_a_gpu_is_one_line_and_changes_nothing(project_dir, pivot_models, monkeypatch):
    monkeypatch.setattr(devices, "cuda_devices", lambda: 0)
    result = run("translate", "--device", "cuda")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: --device cuda: CTranslate2 sees no CUDA GPU")
    assert not Path("locales").exists()


def test_the_local_factory_decides_the_device_when_it_is_made(monkeypatch):
    from pipeline.mt import engines

    monkeypatch.setattr(devices, "cuda_devices", lambda: 0)
    with pytest.raises(PipelineError, match="--device cuda"):
        engines.local_engine(engines.EngineOptions(device="cuda"))
    assert engines.local_engine(engines.EngineOptions(device="auto"))({}).options.device == "cpu"


def test_device_cuda_on_a_cluster_without_gpus_names_the_workers(project_dir, pivot_models, scheduler):
    if devices.cuda_devices():
        pytest.skip("this machine has a GPU")
    result = run("translate", "--scheduler", scheduler, "--device", "cuda")
    assert result.exit_code == 1 and "no CUDA GPU on worker(s) tcp://127.0.0.1:" in result.output
    assert not Path("locales").exists()


def test_auto_takes_the_gpu_with_a_half_precision_compute_type():
    gpu = {"gpus": lambda: 1, "gpu_types": lambda: {"float32", "int8_float32", "float16", "int8_float16"}}
    assert devices.place("auto", **gpu) == devices.Placement("cuda", "int8_float16")
    assert devices.place("cuda", "float32", **gpu) == devices.Placement("cuda", "float32")
    assert devices.place("auto", gpus=lambda: 0) == devices.Placement("cpu", "default")
    assert devices.place("cpu", **gpu) == devices.Placement("cpu", "default")


# --- the worker's side, in this process ----------------------------------------------------------


def test_a_damaged_package_is_refused_on_the_worker(tmp_path, argos_archives):
    archive = argos_archives["de", "en"].read_bytes()
    checksum = __import__("hashlib").sha256(archive).hexdigest()
    with pytest.raises(ModelError, match="arrived damaged"):
        cluster.unpack_package(archive[:-10], checksum, tmp_path / checksum)
    root = cluster.unpack_package(archive, checksum, tmp_path / checksum)
    assert (root / "model" / "model.bin").is_file()
    assert cluster.unpack_package(archive, checksum, tmp_path / checksum) == root  # reused


def test_the_nannys_malloc_setting_is_undone(monkeypatch):
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    assert not cluster.relax_malloc_trimming()
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    assert cluster.relax_malloc_trimming()


def test_packing_is_deterministic(pivot_models):
    (folder,) = [path for path in pivot_models.iterdir() if path.name.startswith("translate-de_en")]
    assert cluster.pack_package(folder) == cluster.pack_package(folder)


def test_cli_help_lists_the_cluster_options():
    output = subprocess.run(
        [sys.executable, "-m", "pipeline", "translate", "--help"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    for option in ("--scheduler", "--allow-insecure-scheduler", "--device", "--tls-ca-file"):
        assert option in output


# --- TLS -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A throw-away CA and one certificate for 127.0.0.1 signed by it (openssl), as a site would make."""
    import shutil

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    for command in (
        "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=pipeline-test-ca",
        "req -newkey rsa:2048 -nodes -keyout key.pem -out cert.csr -subj /CN=127.0.0.1",
        ("x509 -req -in cert.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out cert.pem -days 2 -extfile san.ext"),
    ):
        subprocess.run(["openssl", *command.split()], cwd=folder, check=True, capture_output=True)
    return {"ca": folder / "ca.pem", "cert": folder / "cert.pem", "key": folder / "key.pem"}


@pytest.fixture(scope="module")
def tls_scheduler(tmp_path_factory: pytest.TempPathFactory, certificates) -> str:
    from distributed.security import Security

    folder = tmp_path_factory.mktemp("dask-tls")
    tls_args = (
        "--tls-ca-file",
        str(certificates["ca"]),
        "--tls-cert",
        str(certificates["cert"]),
        "--tls-key",
        str(certificates["key"]),
    )
    with (
        dask_processes.scheduler(folder, tls_args=tls_args) as address,
        dask_processes.workers(folder, address, count=1, tls_args=tls_args),
    ):
        dask_processes.wait_for_workers(
            address,
            1,
            security=Security(
                tls_ca_file=str(certificates["ca"]),
                tls_client_cert=str(certificates["cert"]),
                tls_client_key=str(certificates["key"]),
                require_encryption=True,
            ),
        )
        yield address


def test_tls_with_certificates_from_the_options(project_dir, pivot_models, tls_scheduler, certificates):
    assert tls_scheduler.startswith("tls://")
    result = run(
        "translate",
        "--scheduler",
        tls_scheduler,
        "--beam-size",
        "1",
        "--tls-ca-file",
        str(certificates["ca"]),
        "--tls-cert",
        str(certificates["cert"]),
        "--tls-key",
        str(certificates["key"]),
    )
    assert result.exit_code == 0, result.output
    assert all(e.msgstr for e in load(Path("locales/fr/LC_MESSAGES/nord.po")))


def test_tls_with_certificates_from_dasks_configuration(project_dir, pivot_models, tls_scheduler, certificates):
    import dask

    with dask.config.set(
        {
            "distributed.comm.tls.ca-file": str(certificates["ca"]),
            "distributed.comm.tls.client.cert": str(certificates["cert"]),
            "distributed.comm.tls.client.key": str(certificates["key"]),
        }
    ):
        result = run("translate", "--scheduler", tls_scheduler, "--beam-size", "1")
    assert result.exit_code == 0, result.output
    assert all(e.msgstr for e in load(Path("locales/en/LC_MESSAGES/nord.po")))


def test_a_tls_scheduler_refuses_a_client_without_a_certificate_it_trusts(
    project_dir, tls_scheduler, certificates, tmp_path
):
    import shutil

    stranger = tmp_path / "stranger"
    shutil.copytree(certificates["ca"].parent, stranger)
    for command in ("req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=x",):
        subprocess.run(["openssl", *command.split()], cwd=stranger, check=True, capture_output=True)
    result = run(
        "translate",
        "--scheduler",
        tls_scheduler,
        "--tls-ca-file",
        str(certificates["ca"]),
        "--tls-cert",
        str(stranger / "cert.pem"),
        "--tls-key",
        str(stranger / "key.pem"),
    )
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: cannot reach the Dask scheduler at {tls_scheduler}")
    assert not Path("locales").exists()
