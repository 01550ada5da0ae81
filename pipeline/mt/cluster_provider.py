"""``--engine dask`` (or ``--scheduler ADDRESS``): Argos packages decoded on a Dask cluster.

Dask is an optional extra (``cluster``), so this module imports :mod:`pipeline.mt.cluster` (and
Dask with it) only when the engine is asked for, and says in one line how to install it when it is
missing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.mt import argos_provider
from pipeline.mt.engines import EngineFactory
from pipeline.mt.plugins import EngineSettings

EXTRA = "cluster"
"""The optional dependencies that bring Dask (pyproject.toml)."""


def require_dask() -> None:
    """A one-line error naming the extra to install where Dask is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise PipelineError(
            f"--engine dask needs Dask, which is not installed: install the `{EXTRA}` extra "
            f"(`.venv/bin/pip install -e '.[{EXTRA}]'`, or `make install`)"
        ) from None


class DaskProvider(argos_provider.ArgosProvider):
    """The installed Argos packages (the pairs and missing-package advice of :class:`ArgosProvider`),
    shipped to the workers of ``--scheduler`` and decoded there."""

    name = "dask"

    def __init__(self, settings: EngineSettings):
        require_dask()
        scheduler = settings.cluster.scheduler
        if scheduler is None:
            raise PipelineError(
                "--engine dask needs a Dask scheduler: `translate --scheduler ADDRESS` "
                "(`evaluate` runs on this machine, with --engine argos)"
            )
        super().__init__(settings)
        self.cluster, self.scheduler = settings.cluster, scheduler

    @contextlib.contextmanager
    def open(self) -> Iterator[EngineFactory]:
        from pipeline.mt import cluster

        cluster.quiet_client_logs()
        tls = cluster.TlsFiles(*(None if path is None else Path(path) for path in self.cluster.tls))
        with cluster.cluster_engine(
            self.scheduler,
            self.options,
            allow_insecure=self.cluster.allow_insecure,
            tls=tls,
            no_workers_timeout=self.cluster.no_workers_timeout,
        ) as factory:
            yield factory
