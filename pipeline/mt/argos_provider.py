"""``--engine argos``, the default engine: the installed Argos packages, run here through CTranslate2
(:class:`pipeline.mt.engines.ArgosTranslator`), offered to ``translate`` and ``evaluate`` as every engine is
(:mod:`pipeline.mt.plugins`)."""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator, Mapping

from pipeline.mt import packages
from pipeline.mt.engines import ArgosTranslator, EngineFactory, packages_for, placed_options
from pipeline.mt.packages import InstalledPackage
from pipeline.mt.plugins import EngineSettings
from pipeline.mt.routes import Pair, Route


class ArgosProvider:
    """``--engine argos`` (the default): the installed Argos packages, run here through CTranslate2."""

    name = "argos"

    def __init__(self, settings: EngineSettings):
        self.options = settings.options
        self._installed: dict[Pair, InstalledPackage] | None = None

    @property
    def installed(self) -> dict[Pair, InstalledPackage]:
        """The newest installed package of each pair, scanned once."""
        if self._installed is None:
            self._installed = packages.newest_by_pair(packages.installed_packages())
        return self._installed

    def available_pairs(self) -> Collection[Pair]:
        return set(self.installed)

    def missing_message(self, routes: Mapping[str, Route]) -> str:
        return packages.missing_message(routes)

    @contextlib.contextmanager
    def open(self) -> Iterator[EngineFactory]:
        placed = placed_options(self.options)  # before anything is written
        yield lambda pairs: ArgosTranslator(packages_for(pairs, self.installed), placed)
