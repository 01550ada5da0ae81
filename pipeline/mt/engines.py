"""Machine translation engines: what turns a batch of sentences for a language pair into drafts.

:class:`Engine` is the seam: :func:`pipeline.stages.translate.draft` decides which sentences need a draft and
hands them to an engine in batches, one pair at a time; the engine only translates. Engines here:

* :class:`ArgosTranslator`: Argos Translate packages run locally through CTranslate2 in batches
  (never Argos's per-text ``translate()``, which re-splits sentences with a MiniSBD model it
  downloads on first use);
* :class:`FakeTranslator`: a deterministic stand-in for tests;
* :class:`pipeline.mt.cluster.DaskTranslator`: the same batches decoded on a Dask cluster.

Engines are offered by providers found by name (:mod:`pipeline.mt.plugins`): :class:`pipeline.mt.argos_provider.ArgosProvider`
(``--engine argos``, the default) opens :func:`local_engine`'s factory, and
:class:`pipeline.mt.cluster_provider.DaskProvider` (``--engine dask`` or ``--scheduler``) that of
:func:`pipeline.mt.cluster.cluster_engine`; the CLI passes it to :func:`pipeline.stages.translate.draft_project`. Both Argos engines
encode, cut and decode in :class:`ArgosEngine`, through :mod:`pipeline.mt.batching`, so their drafts are
identical, and so are their confidences (:meth:`ArgosEngine.translate_scored`, :mod:`pipeline.po.confidence`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline.errors import ModelError
from pipeline.mt import batching, devices, packages
from pipeline.mt.packages import InstalledPackage, first_line
from pipeline.mt.routes import Pair
from pipeline.po import confidence
from pipeline.project import pipeline_command

MAX_INPUT_TOKENS = 500
"""Longest input handed to CTranslate2; longer sentences are translated in parts, with a warning.
Argos's models are trained on sentences far shorter than this, and their position tables end."""


class Engine(Protocol):
    """A machine translation engine as :func:`pipeline.stages.translate.draft` uses it.

    An engine that can say how sure it is also has ``translate_scored(pair, sentences)``, returning
    :class:`ScoredTranslation` objects (see :func:`translate_scored`); the Argos engines do."""

    name: str
    """Shown in provenance, e.g. ``Argos Translate``."""
    warnings: list[str]
    """What the user should know about the run (e.g. a sentence translated in parts); may stay empty."""

    def label(self, pair: Pair) -> str:
        """The pair and the version of what translates it, e.g. ``de→en 1.9``."""

    def translate(self, pair: Pair, sentences: Sequence[str]) -> list[str]:
        """One translation per sentence, in order (a list as long as ``sentences``)."""


@dataclass(frozen=True, slots=True)
class ScoredTranslation:
    text: str
    confidence: float | None = None
    """The engine's confidence in ``text`` (:func:`pipeline.po.confidence.token_confidence`); None from an
    engine that does not score its output (the fake, one a plugin provides)."""


def translate_scored(engine: Engine, pair: Pair, sentences: Sequence[str]) -> list[ScoredTranslation]:
    """One scored translation per sentence, in order: the engine's ``translate_scored`` where it has
    one, else its ``translate`` without confidence; checked as :func:`translate_checked` checks."""
    scoring = getattr(engine, "translate_scored", None)
    if scoring is None:
        return [ScoredTranslation(text) for text in translate_checked(engine, pair, sentences)]
    outputs = scoring(pair, sentences)
    if len(outputs) != len(sentences):
        raise RuntimeError(f"{engine.name} returned {len(outputs)} translations for {len(sentences)} sentences")
    return outputs


def translate_checked(engine: Engine, pair: Pair, sentences: Sequence[str]) -> list[str]:
    """``engine.translate``, refusing an answer without one translation per sentence: zipped with
    its sentences, a shorter or longer list would put translations on the wrong entries."""
    outputs = engine.translate(pair, sentences)
    if len(outputs) != len(sentences):
        raise RuntimeError(f"{engine.name} returned {len(outputs)} translations for {len(sentences)} sentences")
    return outputs


def route_label(engine: Engine, route: Sequence[Pair]) -> str:
    """The engine and what translates each step of ``route``: ``Argos Translate de→en 1.9 → en→fr 1.9``."""
    return f"{engine.name} " + " → ".join(engine.label(pair) for pair in route)


EngineFactory = Callable[[Collection[Pair]], Engine]
"""Builds the engine for the pairs a run needs: :func:`pipeline.stages.translate.draft_project` calls
it once it knows which pairs it needs, so a run with nothing to do loads no model."""


class FakeTranslator:
    """A deterministic stand-in: ``"Satz." → "Satz. [en]"``; records every call.

    ``fail_after`` raises KeyboardInterrupt on the call after that many, as Ctrl-C would.
    """

    name = "Fake"

    def __init__(self, *, fail_after: int | None = None):
        self.calls: list[tuple[Pair, tuple[str, ...]]] = []
        self.fail_after = fail_after
        self.warnings: list[str] = []

    def label(self, pair: Pair) -> str:
        return f"{pair} 0.0"

    def translate(self, pair: Pair, sentences: Sequence[str]) -> list[str]:
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise KeyboardInterrupt
        self.calls.append((pair, tuple(sentences)))
        return [f"{sentence} [{pair.target}]" for sentence in sentences]

    def sentences(self, pair: Pair) -> list[str]:
        """Every sentence sent for ``pair``, in order."""
        return [sentence for called, batch in self.calls if called == pair for sentence in batch]


def default_threads() -> tuple[int, int]:
    """(inter_threads, intra_threads): one single-threaded batch per core, up to four at once.

    On two cores, two batches side by side (2, 1) beat one batch on two threads (1, 2); see
    ``bench/bench_translation.py``.
    """
    cores = os.cpu_count() or 1
    inter = max(1, min(cores, 4))
    return inter, max(1, cores // inter)


@dataclass(frozen=True, slots=True)
class EngineOptions:
    beam_size: int = 4
    """Argos's own default: drafts read as Argos's users know them. 2 is about 1.8 times faster."""
    max_batch_size: int = 32
    """Sentences per CTranslate2 batch (batch_type "examples")."""
    inter_threads: int = field(default_factory=lambda: default_threads()[0])
    intra_threads: int = field(default_factory=lambda: default_threads()[1])
    compute_type: str = "default"
    """CTranslate2's compute type; "default" keeps the package's (int8 for published packages)."""
    device: str = "cpu"
    """``cpu``, ``cuda`` or ``auto`` (see :mod:`pipeline.mt.devices`): :func:`local_engine` decides ``auto``
    on this machine; on a cluster each worker decides."""

    def decoding(self, target_prefix: str = "") -> batching.Decoding:
        return batching.Decoding(self.beam_size, self.max_batch_size, target_prefix)

    def batches(self, parts: Sequence[Sequence[str]]) -> list[list[int]]:
        """How ``parts`` are cut into batches, wherever they run: the same settings give the same
        batches locally and on a cluster, hence the same drafts."""
        return batching.plan_batches(parts, max_batch_size=self.max_batch_size, workers=self.inter_threads)


def check_compute_type(options: EngineOptions) -> None:
    """Refuse a compute type the device cannot run, by name: CTranslate2's own error on loading would
    read as a broken package ("reinstall it"), which it is not."""
    import ctranslate2

    if options.compute_type in ("default", "auto"):
        return
    supported = ctranslate2.get_supported_compute_types(options.device)
    if options.compute_type not in supported:
        raise ModelError(
            f"compute type {options.compute_type} is not available on this device "
            f"({options.device}); use one of {', '.join(sorted(supported))}, or leave "
            "--compute-type out to keep the package's"
        )


@dataclass(slots=True)
class _LoadedModel:
    translator: Any
    tokenizer: Any
    target_prefix: str


def package_label(pair: Pair, package: InstalledPackage) -> str:
    """``de→en 1.9``: the pair and the version of the package that translates it, as provenance
    names it (the same for every engine that runs Argos packages, local or cluster)."""
    return f"{pair} {package.version}".rstrip()


class ArgosEngine:
    """What every engine that runs Argos packages shares: its provenance (:func:`package_label`) and
    the way sentences become batches and batches become drafts (:mod:`pipeline.mt.batching`), written
    once so that engines decoding in different places give identical drafts. A subclass says where
    a pair's tokenizer comes from (:meth:`_tokenizer`) and where batches are decoded (:meth:`_decode`).

    Sentences go through the package's tokenizer (``pkg.tokenizer.encode``), are sorted by length and
    cut into batches (:meth:`EngineOptions.batches`), each with an output limit proportional to its
    longest input. Inputs over :data:`MAX_INPUT_TOKENS` are translated in parts, and a warning is
    added to :attr:`warnings`.
    """

    name = "Argos Translate"

    def __init__(self, packages: Mapping[Pair, InstalledPackage], options: EngineOptions = EngineOptions()):
        self.packages = dict(packages)
        self.options = options
        self.warnings: list[str] = []

    def label(self, pair: Pair) -> str:
        return package_label(pair, self.packages[pair])

    def translate(self, pair: Pair, sentences: Sequence[str]) -> list[str]:
        return [output.text for output in self.translate_scored(pair, sentences)]

    def translate_scored(self, pair: Pair, sentences: Sequence[str]) -> list[ScoredTranslation]:
        """Each sentence's translation with the model's confidence in it: the mean probability of
        its tokens (the parts of a sentence translated in parts taken together)."""
        tokenizer, target_prefix = self._tokenizer(pair)
        encoded = batching.encode(tokenizer, sentences, limit=MAX_INPUT_TOKENS)
        self.warnings += batching.split_warnings(pair, sentences, encoded, MAX_INPUT_TOKENS)
        decoding = self.options.decoding(target_prefix)
        groups = self.options.batches(encoded.parts)
        results = self._decode(pair, [[encoded.parts[i] for i in group] for group in groups], decoding)
        outputs = batching.in_part_order(groups, results, len(encoded.parts))
        tokens = [None if output is None else output.tokens for output in outputs]
        texts = batching.join(tokenizer, encoded, tokens, len(sentences), target_prefix)
        scores = batching.sentence_log_probs(encoded, outputs, len(sentences))
        return [
            ScoredTranslation(text, confidence.token_confidence(*score))
            for text, score in zip(texts, scores, strict=True)
        ]

    def _tokenizer(self, pair: Pair) -> tuple[Any, str]:
        """The package's tokenizer for ``pair`` and its target prefix, its model made ready."""
        raise NotImplementedError

    def _decode(
        self, pair: Pair, batches: list[list[list[str]]], decoding: batching.Decoding
    ) -> Iterable[Sequence[batching.Hypothesis]]:
        """The best hypotheses of every batch, batch by batch in order."""
        raise NotImplementedError


class ArgosTranslator(ArgosEngine):
    """Argos Translate packages run through CTranslate2 in batches; one CTranslate2 Translator per pair.

    Every batch is queued at once (``asynchronous=True``) so that ``inter_threads`` workers stay busy.
    """

    def __init__(self, packages: Mapping[Pair, InstalledPackage], options: EngineOptions = EngineOptions()):
        super().__init__(packages, options)
        self._models: dict[Pair, _LoadedModel] = {}

    def _tokenizer(self, pair: Pair) -> tuple[Any, str]:
        model = self._model(pair)
        return model.tokenizer, model.target_prefix

    def _decode(
        self, pair: Pair, batches: list[list[list[str]]], decoding: batching.Decoding
    ) -> Iterable[Sequence[batching.Hypothesis]]:
        translator = self._model(pair).translator
        queued = [batching.start_batch(translator, batch, decoding) for batch in batches]  # all at once
        return ([batching.best_hypothesis(result, decoding) for result in results] for results in queued)

    def _model(self, pair: Pair) -> _LoadedModel:
        if pair not in self._models:
            import ctranslate2
            from argostranslate.package import Package

            path = self.packages[pair].path
            check_compute_type(self.options)
            try:
                package = Package(path)
                translator = ctranslate2.Translator(
                    str(path / "model"),
                    device=self.options.device,
                    inter_threads=self.options.inter_threads,
                    intra_threads=self.options.intra_threads,
                    compute_type=self.options.compute_type,
                )
            except (RuntimeError, OSError, ValueError) as error:
                raise ModelError(
                    f"cannot load the {pair} package ({first_line(error)}); reinstall "
                    f"it with `{pipeline_command()} models install FILE.argosmodel`",
                    path=path,
                ) from None
            self._models[pair] = _LoadedModel(translator, package.tokenizer, package.target_prefix)
        return self._models[pair]


def local_engine(
    options: EngineOptions = EngineOptions(), installed: Mapping[Pair, InstalledPackage] | None = None
) -> EngineFactory:
    """The factory of :class:`ArgosTranslator` engines with ``options`` for the pairs asked, from
    ``installed`` (default: the newest installed package of each pair), their device decided on this
    machine now (``--device cuda`` without a GPU fails here, before anything is written)."""
    placed = placed_options(options)
    return lambda pairs: ArgosTranslator(packages_for(pairs, installed), placed)


def placed_options(options: EngineOptions) -> EngineOptions:
    """``options`` with the device decided on this machine (``auto`` becomes ``cpu`` or ``cuda``)."""
    placement = devices.place(options.device, options.compute_type)
    return dataclasses.replace(options, device=placement.device, compute_type=placement.compute_type)


def packages_for(
    pairs: Iterable[Pair], installed: Mapping[Pair, InstalledPackage] | None = None
) -> dict[Pair, InstalledPackage]:
    """The package of each pair in ``installed`` (default: the newest installed of each pair)."""
    if installed is None:
        installed = packages.newest_by_pair(packages.installed_packages())
    return {pair: installed[pair] for pair in pairs}
