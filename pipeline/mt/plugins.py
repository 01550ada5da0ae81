"""Machine translation engines found by name, through the ``pipeline.engines`` entry-point group.

A package adds an engine with one module and one registration in its ``pyproject.toml``::

    [project.entry-points."pipeline.engines"]
    deepl = "pipeline_deepl:DeepLProvider"

The entry point names a callable (a class, usually) that takes :class:`EngineSettings` and returns an
:class:`EngineProvider`; ``pipeline translate --engine deepl`` loads it, and only it, when asked (as
Sphinx loads builders). The built-in engines register the same way (``argos``, ``dask``), with
:data:`BUILT_IN` as a fallback where the project's metadata is missing (babel's habit: a checkout run
without being installed). See docs/engines.md.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol

from pipeline.errors import PipelineError
from pipeline.mt.engines import EngineFactory, EngineOptions
from pipeline.mt.routes import Pair, Route

ENTRY_POINT_GROUP = "pipeline.engines"

DEFAULT_ENGINE = "argos"

BUILT_IN = {"argos": "pipeline.mt.argos_provider:ArgosProvider", "dask": "pipeline.mt.cluster_provider:DaskProvider"}
"""The built-in engines' entry points, used where the installed metadata does not list them."""


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """``--scheduler`` and the options that go with it (the ``dask`` engine's)."""

    scheduler: str | None = None
    allow_insecure: bool = False
    tls: tuple[Path | None, Path | None, Path | None] = (None, None, None)
    """``--tls-ca-file``, ``--tls-cert``, ``--tls-key``."""
    no_workers_timeout: float = 120


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """The engine options of the command line; each engine reads those it knows and ignores the rest."""

    options: EngineOptions = field(default_factory=EngineOptions)
    """CTranslate2's settings (beam size, threads, device…): the built-in engines'."""
    cluster: ClusterSettings = ClusterSettings()


class EngineProvider(Protocol):
    """What an engine plugin offers ``translate`` and ``evaluate``."""

    name: str
    """The name it is registered under, e.g. ``argos``."""

    def available_pairs(self) -> Collection[Pair]:
        """The pairs it can translate now (installed packages, what a service supports…)."""

    def missing_message(self, routes: Mapping[str, Route]) -> str:
        """One line: which pairs ``routes`` miss and how the user gets them."""

    def open(self) -> AbstractContextManager[EngineFactory]:
        """Get ready (check the device, connect to a cluster or a service) and yield the factory of
        engines; entered before anything is written, so a failure here changes nothing."""


ProviderClass = Callable[[EngineSettings], EngineProvider]


def available_engines() -> list[str]:
    """The names of every engine registered, the built-ins included, sorted."""
    return sorted({*BUILT_IN, *(entry.name for entry in entry_points(group=ENTRY_POINT_GROUP))})


def load_provider(name: str, settings: EngineSettings = EngineSettings()) -> EngineProvider:
    """The provider of engine ``name``, its module imported only now; a one-line error for a name no
    package registers."""
    return provider_class(name)(settings)


def provider_class(name: str) -> ProviderClass:
    found = {entry.name: entry for entry in entry_points(group=ENTRY_POINT_GROUP, name=name)}
    if name in found:
        return found[name].load()
    if name in BUILT_IN:
        module, _, attribute = BUILT_IN[name].partition(":")
        return getattr(importlib.import_module(module), attribute)
    raise PipelineError(f"--engine {name}: no such engine; available: {', '.join(available_engines())}")
