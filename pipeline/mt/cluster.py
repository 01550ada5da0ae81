"""Machine translation on a Dask cluster: ``pipeline translate --scheduler tls://HOST:PORT``.

The client (this process) does everything but decoding: it reads and writes the catalogs under the
lock, masks glossary terms, tokenises, and forms exactly the batches a local run forms
(:meth:`pipeline.mt.engines.EngineOptions.batches`), so drafts are identical to a local run's. Workers
only run ``translate_batch`` on token lists and return token lists.

:func:`cluster_engine` connects, checks the workers, and yields the
:data:`~pipeline.mt.engines.EngineFactory` of :class:`DaskTranslator` engines that
:func:`pipeline.stages.translate.draft_project` takes, as it takes :func:`pipeline.mt.engines.local_engine`'s.

Packages
    Each Argos package a run uses is zipped once by the client and registered as a worker plugin
    (:class:`PackagePlugin`) named by the package's checksum and the decoding device. Dask keeps
    plugins on the scheduler and gives them to every worker, including workers that join or replace
    a dead one later; ``idempotent`` makes a second run on the same cluster ship nothing. The worker
    checks the checksum, unpacks into its own ``local_directory`` and loads one CTranslate2
    Translator (``inter_threads`` = the worker's threads) that every batch reuses: a Translator
    cannot be pickled, so it never travels.
A dead worker
    The scheduler reruns the batches it held on another worker; a batch that kills several workers in
    turn (``distributed.scheduler.allowed-failures``) ends the run with a one-line error. Results are
    taken once per batch, so nothing is drafted twice.
Security
    A Dask scheduler runs whatever its clients send. ``tls://`` addresses use Dask's own TLS settings
    (``distributed.comm.tls.*`` in Dask's configuration or ``DASK_DISTRIBUTED__COMM__TLS__...``
    variables, or the ``--tls-*`` options); a plain ``tcp://`` scheduler that is not on this machine
    is refused unless the caller allows it explicitly.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import io
import ipaddress
import os
import shutil
import socket
import tempfile
import time
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from pipeline.errors import ModelError, PipelineError
from pipeline.mt import batching, devices, engines
from pipeline.mt.packages import InstalledPackage, first_line
from pipeline.mt.routes import Pair

CONNECT_TIMEOUT_S = 5.0
"""How long to try to reach the scheduler before saying it cannot be reached."""

WORKERS_TIMEOUT_S = 30.0
"""How long to wait for a first worker when the scheduler has none."""

NO_WORKERS_TIMEOUT_S = 120.0
"""How long a run waits, by default, once every worker has died (``--no-workers-timeout``): long
enough for a nanny or a job scheduler to start new ones, short enough not to hang for ever."""

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc mallopt parameters (malloc.h)
_MMAP_THRESHOLD = 32 * 2**20  # glibc's own ceiling for its dynamic mmap threshold on 64-bit
_TRIM_THRESHOLD = 2 * _MMAP_THRESHOLD  # what glibc's dynamic trimming converges to


# --- connecting ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """``--tls-ca-file``, ``--tls-cert``, ``--tls-key``; None: Dask's configuration decides."""

    ca_file: Path | None = None
    cert: Path | None = None
    key: Path | None = None

    @property
    def given(self) -> bool:
        return any((self.ca_file, self.cert, self.key))


def check_address(address: str, *, allow_insecure: bool = False) -> str:
    """The scheduler address with its scheme; refuses a plain ``tcp://`` scheduler elsewhere.

    >>> check_address("127.0.0.1:8786")
    'tcp://127.0.0.1:8786'
    """
    from distributed.comm.addressing import parse_address, parse_host_port, unparse_address

    try:
        scheme, location = parse_address(address.strip())
        host, _ = parse_host_port(location)
    except ValueError as error:
        raise PipelineError(
            f"--scheduler {address}: not a scheduler address ({first_line(error)}); "
            "give tls://HOST:PORT or tcp://HOST:PORT"
        ) from None
    if scheme not in ("tcp", "tls"):
        raise PipelineError(f"--scheduler {address}: use a tls:// (or, on this machine, tcp://) address")
    if scheme == "tcp" and not allow_insecure and not on_this_machine(host):
        raise PipelineError(
            f"--scheduler {address}: refusing a plain tcp:// scheduler on another machine: a Dask "
            "scheduler runs whatever its clients send, unencrypted and unauthenticated; use tls:// with "
            "certificates (docs/machine-translation.md, 'Running a cluster safely'), or --allow-insecure-scheduler on a "
            "network you trust"
        )
    return unparse_address(scheme, location)


def on_this_machine(host: str) -> bool:
    """Whether every address ``host`` resolves to is a loopback address or one of this machine's."""
    import psutil

    try:
        found = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except OSError as error:
        raise PipelineError(f"--scheduler: cannot resolve {host} ({first_line(error)})") from None
    own = {address.address.split("%")[0] for addresses in psutil.net_if_addrs().values() for address in addresses}
    return all(ipaddress.ip_address(address.split("%")[0]).is_loopback or address in own for address in found)


def security_for(address: str, tls: TlsFiles) -> Any:
    """Dask's ``Security`` for a ``tls://`` address: from the options, else from Dask's configuration."""
    from distributed.security import Security

    if not address.startswith("tls://"):
        if tls.given:
            raise PipelineError(f"--tls-* options need a tls:// scheduler address, not {address}")
        return None
    if tls.given:
        missing = [
            name
            for name, value in (("--tls-ca-file", tls.ca_file), ("--tls-cert", tls.cert), ("--tls-key", tls.key))
            if value is None
        ]
        if missing:
            raise PipelineError(f"tls:// with options needs {', '.join(missing)} too")
        for path in (tls.ca_file, tls.cert, tls.key):
            if path is not None and not path.is_file():  # None: refused just above
                raise PipelineError("no such file", path=path)
        security = Security(
            tls_ca_file=str(tls.ca_file),
            tls_client_cert=str(tls.cert),
            tls_client_key=str(tls.key),
            require_encryption=True,
        )
    else:
        security = Security()
    # Security sets its fields with setattr over __slots__: mypy does not see them.
    if not security.tls_ca_file:  # type: ignore[attr-defined]
        raise PipelineError(
            f"{address}: no TLS certificates: give --tls-ca-file, --tls-cert and --tls-key, or set "
            "distributed.comm.tls.ca-file, .client.cert and .client.key in Dask's configuration "
            "(or DASK_DISTRIBUTED__COMM__TLS__CA_FILE, __CLIENT__CERT, __CLIENT__KEY)"
        )
    return security


@contextlib.contextmanager
def connect(
    address: str, *, allow_insecure: bool = False, tls: TlsFiles = TlsFiles(), timeout: float = CONNECT_TIMEOUT_S
) -> Iterator[Any]:
    """A Dask client of the scheduler at ``address`` with at least one worker; closed afterwards."""
    from distributed import Client

    address = check_address(address, allow_insecure=allow_insecure)
    security = security_for(address, tls)
    try:
        client = Client(address, timeout=timeout, security=security, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise PipelineError(
            f"cannot reach the Dask scheduler at {address} ({first_line(error)}); check "
            "that `dask scheduler` runs there and that the address, port and TLS "
            "settings are right"
        ) from None
    try:
        _wait_for_workers(client, address)
        yield client
    finally:
        client.close()


def _wait_for_workers(client: Any, address: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
    except TimeoutError:
        raise PipelineError(
            f"the Dask scheduler at {address} has no workers (waited "
            f"{WORKERS_TIMEOUT_S:.0f} s); start some with `dask worker {address}`"
        ) from None


def check_workers_device(client: Any, device: str) -> None:
    """``--device cuda`` needs a GPU on every worker: checked before anything is written."""
    if device != "cuda":
        return
    counts = client.run(devices.cuda_devices)
    without = sorted(address for address, count in counts.items() if count < 1)
    if without:
        raise PipelineError(
            f"--device cuda: CTranslate2 sees no CUDA GPU on worker(s) {', '.join(without)}; use --device cpu (or auto)"
        )


# --- the workers' side ---------------------------------------------------------------------------


def relax_malloc_trimming() -> bool:
    """Undo the nanny's ``MALLOC_TRIM_THRESHOLD_=65536`` for this process; True if it was set.

    Dask's nanny sets that variable for every worker it starts (``distributed.nanny.pre-spawn-environ``)
    to return memory to the system early. It also stops glibc from raising its mmap threshold, so each
    of CTranslate2's large temporary buffers is mapped and unmapped again: measured here, decoding took
    2.2 times as long, mostly in the kernel. Users start plain ``dask worker`` processes, so the
    worker undoes it itself, through ``mallopt``, with glibc's usual ceilings.
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: the variable means nothing there
        return False
    libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
    libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
    return True


def unpack_package(archive: bytes, checksum: str, folder: Path) -> Path:
    """Check ``archive`` against ``checksum`` and unpack it as ``folder`` (once: an unpacked folder
    is reused). Returns the package directory inside."""
    if hashlib.sha256(archive).hexdigest() != checksum:
        raise ModelError(f"the package arrived damaged (checksum is not {checksum[:12]}…)", path=folder)
    if not folder.is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=folder.parent))
        try:
            with zipfile.ZipFile(io.BytesIO(archive)) as files:
                files.extractall(staging)
            os.replace(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    (root,) = [path for path in folder.iterdir() if path.is_dir()]
    return root


class PackagePlugin(WorkerPlugin):
    """One Argos package on every worker: shipped once, checked, unpacked, loaded once."""

    idempotent = True

    def __init__(self, package: InstalledPackage, archive: bytes, checksum: str, *, device: str, compute_type: str):
        self.name = plugin_name(checksum, device, compute_type)
        self.pair = package.pair
        self.archive, self.checksum = archive, checksum
        self.device, self.compute_type = device, compute_type
        self.translator: Any = None

    def setup(self, worker: Any) -> None:
        import ctranslate2

        relax_malloc_trimming()
        root = unpack_package(
            self.archive, self.checksum, Path(worker.local_directory) / "pipeline-packages" / self.checksum
        )
        self.archive = b""  # unpacked: no need to hold it in memory
        placement = devices.place(self.device, self.compute_type, where=f"worker {worker.address}")
        try:
            self.translator = ctranslate2.Translator(
                str(root / "model"),
                device=placement.device,
                compute_type=placement.compute_type,
                inter_threads=worker.state.nthreads,
                intra_threads=1,
            )
        except (RuntimeError, OSError, ValueError) as error:
            raise ModelError(
                f"cannot load the {self.pair} package on worker {worker.address} ({first_line(error)})", path=root
            ) from None

    def teardown(self, worker: Any) -> None:
        self.translator = None


def plugin_name(checksum: str, device: str, compute_type: str) -> str:
    return f"pipeline-package-{checksum[:20]}-{device}-{compute_type}"


def translate_on_worker(name: str, batch: list[list[str]], decoding: batching.Decoding) -> list[batching.Hypothesis]:
    """A task: one batch through the worker's Translator of plugin ``name``; hypotheses (token lists
    and their log-probabilities) back."""
    from distributed import get_worker

    translator = getattr(get_worker().plugins.get(name), "translator", None)  # None: no such plugin
    if translator is None:
        raise ModelError(f"this worker has no package {name} (its plugin failed; see the worker's log)")
    return batching.translate_batch(translator, batch, decoding)


# --- the client's side ---------------------------------------------------------------------------


def pack_package(directory: Path) -> bytes:
    """The package directory as a zip in memory, files sorted and dated alike, so the same package
    always gives the same bytes and checksum. Stored, not deflated: int8 weights do not compress."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as files:
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(
                    f"{directory.name}/{path.relative_to(directory).as_posix()}", date_time=(2000, 1, 1, 0, 0, 0)
                )
                files.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _failure(pair: Pair, error: BaseException) -> BaseException:
    """The error to raise for a batch that failed: a one-line error where the cluster killed it."""
    from distributed.scheduler import KilledWorker

    if isinstance(error, KilledWorker):
        last = getattr(error.last_worker, "address", error.last_worker)
        return PipelineError(
            f"a {pair} batch was lost with every worker that ran it ({error.allowed_failures + 1} "
            f"died running it, the last {last}); finished batches are saved: see the workers' "
            "logs (out of memory?) and run again"
        )
    return error  # raised by the task itself, e.g. a ModelError


def completed(client: Any, pending: set[Any], pair: Pair, no_workers_timeout: float) -> Iterator[Any]:
    """The futures of ``pending`` as they finish; a one-line error once the cluster has had no worker
    for ``no_workers_timeout`` seconds (Dask would wait for one for ever)."""
    from distributed import as_completed

    poll = min(1.0, no_workers_timeout / 4)
    alone_since: float | None = None
    while pending:
        finished = []
        with contextlib.suppress(TimeoutError):  # as_completed's timeout counts from its creation
            for future in as_completed(list(pending), loop=client.loop, timeout=poll):
                finished.append(future)
                pending.discard(future)
                yield future
        alone_since = None if finished else _still_alone(client, alone_since, pair, no_workers_timeout)


def _still_alone(client: Any, since: float | None, pair: Pair, limit: float) -> float | None:
    """When the cluster's last worker went (None while it has one); an error past ``limit`` seconds."""
    if client.nthreads():
        return None
    now = time.monotonic()
    if since is not None and now - since >= limit:
        raise PipelineError(
            f"every Dask worker has gone (none for {limit:g} s) while translating {pair}; "
            "finished batches are saved: start workers (`dask worker SCHEDULER`) and run "
            "again, or wait longer with --no-workers-timeout"
        )
    return now if since is None else since


_has_plugin = lambda dask_scheduler, name: name in dask_scheduler.worker_plugins  # noqa: E731
"""Whether an earlier run registered the plugin: a lambda, so it travels by value and the scheduler
needs nothing of ours installed."""


@dataclass(slots=True)
class _Shipped:
    plugin: str
    tokenizer: Any
    target_prefix: str


class DaskTranslator(engines.ArgosEngine):
    """The :class:`pipeline.mt.engines.Engine` protocol on a Dask cluster: the batches of
    :class:`pipeline.mt.engines.ArgosEngine`, decoded by the workers.

    ``translate`` is called per save chunk by :func:`pipeline.stages.translate.draft`: all batches of the
    chunk are submitted at once, gathered as they complete, and returned in order; futures are
    dropped once gathered, and cancelled on an interruption so the cluster stops working for us.
    """

    def __init__(
        self,
        client: Any,
        packages: Mapping[Pair, InstalledPackage],
        options: engines.EngineOptions,
        *,
        no_workers_timeout: float = NO_WORKERS_TIMEOUT_S,
    ):
        super().__init__(packages, options)
        self.client = client
        self.no_workers_timeout = no_workers_timeout
        self._shipped: dict[Pair, _Shipped] = {}

    def _tokenizer(self, pair: Pair) -> tuple[Any, str]:
        shipped = self._ship(pair)
        return shipped.tokenizer, shipped.target_prefix

    def _decode(
        self, pair: Pair, batches: list[list[list[str]]], decoding: batching.Decoding
    ) -> list[list[batching.Hypothesis]]:
        from concurrent.futures import CancelledError  # what distributed raises (distributed.utils)

        plugin = self._shipped[pair].plugin
        futures = {
            self.client.submit(translate_on_worker, plugin, batch, decoding, pure=False): number
            for number, batch in enumerate(batches)
        }
        results: list[Any] = [None] * len(batches)
        try:
            # Results are fetched here, not by as_completed(with_results=True): a fetch that fails
            # there (the scheduler died meanwhile) leaves the iterator waiting forever.
            for future in completed(self.client, set(futures), pair, self.no_workers_timeout):
                if future.status == "error":
                    raise _failure(pair, future.exception())
                results[futures.pop(future)] = future.result()
        except (CancelledError, OSError):  # the scheduler went away, or cancelled our work
            raise PipelineError(
                f"lost the Dask scheduler while translating {pair}; finished batches are "
                "saved: run again when the cluster is back"
            ) from None
        finally:
            if futures:  # interrupted or failed: stop the rest of the chunk
                with contextlib.suppress(Exception):
                    self.client.cancel(list(futures))
            futures.clear()
        return results

    def _ship(self, pair: Pair) -> _Shipped:
        """Register the package of ``pair`` with the cluster (once), and load its tokenizer here."""
        if pair not in self._shipped:
            from argostranslate.package import Package

            package = self.packages[pair]
            archive = pack_package(package.path)
            checksum = hashlib.sha256(archive).hexdigest()
            plugin = PackagePlugin(
                package, archive, checksum, device=self.options.device, compute_type=self.options.compute_type
            )
            try:
                if not self.client.run_on_scheduler(_has_plugin, name=plugin.name):
                    self.client.register_plugin(plugin)
            except PipelineError:
                raise
            except Exception as error:
                hint = "; install this project on every worker" if isinstance(error, ImportError) else ""
                raise ModelError(
                    f"the workers could not load the {pair} package ({first_line(error)}){hint}", path=package.path
                ) from None
            argos = Package(package.path)
            self._shipped[pair] = _Shipped(plugin.name, argos.tokenizer, argos.target_prefix)
        return self._shipped[pair]


# --- the engine factory --------------------------------------------------------------------------


@contextlib.contextmanager
def cluster_engine(
    scheduler: str,
    options: engines.EngineOptions,
    *,
    allow_insecure: bool = False,
    tls: TlsFiles = TlsFiles(),
    no_workers_timeout: float = NO_WORKERS_TIMEOUT_S,
    installed: Mapping[Pair, InstalledPackage] | None = None,
) -> Iterator[engines.EngineFactory]:
    """The factory of :class:`DaskTranslator` engines on the cluster of ``scheduler`` for the pairs
    asked (their packages from ``installed``, default the newest installed), while the client is
    open. Address, TLS, the scheduler, its workers and ``--device cuda`` on every worker are checked
    on entry, so a caller that enters it first has written nothing when it fails."""
    with connect(scheduler, allow_insecure=allow_insecure, tls=tls) as client:
        check_workers_device(client, options.device)
        yield lambda pairs: DaskTranslator(
            client, engines.packages_for(pairs, installed), options, no_workers_timeout=no_workers_timeout
        )


def quiet_client_logs() -> None:
    """Keep Dask's client loggers to critical messages.

    The client logs every reconnection attempt with a traceback; what matters reaches the user as one
    line (a :class:`PipelineError`), and the scheduler's and workers' own logs keep the details.
    Importing :mod:`distributed` sets its loggers' levels, so this runs after it (this module imports it).
    """
    import logging

    for name in ["distributed", *(name for name in logging.root.manager.loggerDict if name.startswith("distributed."))]:
        logging.getLogger(name).setLevel(logging.CRITICAL)
