"""Machine translation engines: what turns a batch of sentences for a language pair into drafts.

:class:`Engine` is the seam: :func:`pipeline.drafting.draft` decides which sentences need a draft and
hands them to an engine in batches, one pair at a time; the engine only translates. Engines here:

* :class:`ArgosTranslator`: Argos Translate packages run locally through CTranslate2 in batches
  (never Argos's per-text ``translate()``, which re-splits sentences with a MiniSBD model it
  downloads on first use);
* :class:`FakeTranslator`: a deterministic stand-in for tests.

Another engine (a cluster one, say) plugs in by following :class:`Engine`; the CLI builds the engine
(:func:`local_engine`) and passes it to :func:`pipeline.drafting.draft_project`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline import argos_packages
from pipeline.argos_packages import InstalledPackage, Pair
from pipeline.errors import ModelError

MAX_INPUT_TOKENS = 500
"""Longest input handed to CTranslate2; longer sentences are translated in parts, with a warning.
Argos's models are trained on sentences far shorter than this, and their position tables end."""

DECODING_LENGTH_FACTOR = 2
DECODING_LENGTH_FLOOR = 32
"""Output limit: ``max(FLOOR, FACTOR * input tokens)``. A model that never emits ``</s>`` (a broken
or random one) or loops on a phrase stops there instead of at CTranslate2's 256 tokens."""


class Engine(Protocol):
    """A machine translation engine as :func:`pipeline.drafting.draft` uses it."""

    name: str
    """Shown in provenance, e.g. ``Argos Translate``."""
    warnings: list[str]
    """What the user should know about the run (e.g. a sentence translated in parts); may stay empty."""

    def label(self, pair: Pair) -> str:
        """The pair and the version of what translates it, e.g. ``de→en 1.9``."""

    def translate(self, pair: Pair, sentences: Sequence[str]) -> list[str]:
        """One translation per sentence, in order (a list as long as ``sentences``)."""


EngineFactory = Callable[[Mapping[Pair, InstalledPackage]], Engine]
"""Builds the engine for the packages each pair needs: :func:`pipeline.drafting.draft_project`
calls it once it knows which pairs have packages, so a run with nothing to do loads no model."""


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


@dataclass(slots=True)
class _LoadedModel:
    translator: Any
    tokenizer: Any
    target_prefix: str


class ArgosTranslator:
    """Argos Translate packages run through CTranslate2 in batches; one CTranslate2 Translator per pair.

    Sentences go through the package's tokenizer (``pkg.tokenizer.encode``), are sorted by length and
    cut into batches of ``max_batch_size``, and every batch is queued at once (``asynchronous=True``)
    so that ``inter_threads`` workers stay busy; each batch gets an output limit proportional to its
    longest input. Inputs over :data:`MAX_INPUT_TOKENS` are translated in parts, and a warning is
    added to :attr:`warnings`.
    """

    name = "Argos Translate"

    def __init__(self, packages: Mapping[Pair, InstalledPackage], options: EngineOptions = EngineOptions()):
        self.packages = dict(packages)
        self.options = options
        self.warnings: list[str] = []
        self._models: dict[Pair, _LoadedModel] = {}

    def label(self, pair: Pair) -> str:
        return f"{pair} {self.packages[pair].version}".rstrip()

    def translate(self, pair: Pair, sentences: Sequence[str]) -> list[str]:
        model = self._model(pair)
        parts: list[list[str]] = []
        owners: list[int] = []
        for index, sentence in enumerate(sentences):
            tokens = list(model.tokenizer.encode(sentence))
            pieces = split_tokens(tokens, MAX_INPUT_TOKENS)
            if len(pieces) > 1:
                self.warnings.append(f"{pair}: a sentence of {len(tokens)} tokens was translated in "
                                     f"{len(pieces)} parts (models take {MAX_INPUT_TOKENS}): "
                                     f"{sentence[:60]}…")
            parts += pieces
            owners += [index] * len(pieces)
        outputs = self._run(model, parts)
        joined: list[list[str]] = [[] for _ in sentences]
        for owner, output in zip(owners, outputs):
            joined[owner].append(output)
        return [" ".join(text for text in texts if text) for texts in joined]

    def _model(self, pair: Pair) -> _LoadedModel:
        if pair not in self._models:
            import ctranslate2
            from argostranslate.package import Package

            path = self.packages[pair].path
            try:
                package = Package(path)
                translator = ctranslate2.Translator(
                    str(path / "model"), device=self.options.device,
                    inter_threads=self.options.inter_threads, intra_threads=self.options.intra_threads,
                    compute_type=self.options.compute_type)
            except (RuntimeError, OSError, ValueError) as error:
                raise ModelError(f"cannot load the {pair} package ({argos_packages.first_line(error)}); reinstall "
                                 "it with `pipeline models install FILE.argosmodel`", path=path) from None
            self._models[pair] = _LoadedModel(translator, package.tokenizer, package.target_prefix)
        return self._models[pair]

    def _run(self, model: _LoadedModel, inputs: list[list[str]]) -> list[str]:
        """Translate token lists; returns detokenised text, in input order."""
        order = sorted((i for i in range(len(inputs)) if inputs[i]), key=lambda i: len(inputs[i]))
        prefix = [model.target_prefix] if model.target_prefix else []
        size = self.options.max_batch_size
        jobs = []
        for group in balanced_batches(order, size, self.options.inter_threads):
            batch = [inputs[i] for i in group]
            longest = max(len(tokens) for tokens in batch)
            jobs.append((group, model.translator.translate_batch(
                batch, target_prefix=[prefix] * len(batch) if prefix else None,
                beam_size=self.options.beam_size, max_batch_size=size, batch_type="examples",
                max_decoding_length=len(prefix) + decoding_limit(longest),
                replace_unknowns=True, length_penalty=0.2, asynchronous=True)))
        outputs = [""] * len(inputs)
        for group, results in jobs:
            for index, result in zip(group, results):
                tokens = result.result().hypotheses[0]
                if prefix and tokens[:1] == prefix:
                    tokens = tokens[1:]
                outputs[index] = detokenize(model.tokenizer, tokens, model.target_prefix)
        return outputs


def balanced_batches(items: list[int], largest: int, workers: int) -> list[list[int]]:
    """Cut ``items`` into batches of at most ``largest``, as even as possible, and a multiple of
    ``workers`` of them where there are enough items: cutting 72 sentences into 32 + 32 + 8 leaves one
    of two workers idle while the other finishes; 4 x 18 keeps both busy to the end.

    >>> [len(batch) for batch in balanced_batches(list(range(72)), 32, 2)]
    [18, 18, 18, 18]
    >>> [len(batch) for batch in balanced_batches(list(range(10)), 4, 2)]
    [3, 3, 2, 2]
    >>> [len(batch) for batch in balanced_batches(list(range(3)), 32, 2)]
    [2, 1]
    """
    if not items:
        return []
    count = -(-len(items) // largest)
    count = min(len(items), -(-count // workers) * workers)
    size, extra = divmod(len(items), count)
    batches, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        batches.append(items[start:end])
        start = end
    return batches


def decoding_limit(input_tokens: int) -> int:
    """
    >>> decoding_limit(5), decoding_limit(40)
    (32, 80)
    """
    return max(DECODING_LENGTH_FLOOR, DECODING_LENGTH_FACTOR * input_tokens)


def split_tokens(tokens: list[str], limit: int) -> list[list[str]]:
    """Cut a token list into parts of at most ``limit`` tokens, at word starts where possible.

    >>> split_tokens(["▁a", "b", "▁c", "d", "▁e"], 3)
    [['▁a', 'b'], ['▁c', 'd', '▁e']]
    >>> split_tokens(["a@@", "b", "c@@", "d"], 3)
    [['a@@', 'b'], ['c@@', 'd']]
    """
    if len(tokens) <= limit:
        return [tokens]
    # SentencePiece marks a word start with "▁"; BPE marks a word that goes on with "@@".
    if any(token.startswith("▁") for token in tokens):
        starts_word = lambda i: tokens[i].startswith("▁")  # noqa: E731
    else:
        starts_word = lambda i: not tokens[i - 1].endswith("@@")  # noqa: E731
    parts, start = [], 0
    while len(tokens) - start > limit:
        cut = next((i for i in range(start + limit, start + limit // 2, -1) if starts_word(i)), start + limit)
        parts.append(tokens[start:cut])
        start = cut
    return [*parts, tokens[start:]]


def detokenize(tokenizer: Any, tokens: list[str], target_prefix: str = "") -> str:
    """Text from output tokens, trimmed.

    Argos's SentencePiece ``decode`` turns every ``_`` into a space; the processor's own
    ``decode_pieces`` does not (pieces it does not know keep their ``▁``, replaced here).
    """
    processor = getattr(tokenizer, "lazy_processor", None)
    if processor is not None:
        text = processor().decode_pieces(tokens).replace("▁", " ")
    else:
        text = tokenizer.decode(tokens)
    text = re.sub(" {2,}", " ", text).strip()
    if target_prefix and text.startswith(target_prefix):
        text = text[len(target_prefix):].strip()
    return text


def local_engine(options: EngineOptions = EngineOptions()) -> EngineFactory:
    """The factory of :class:`ArgosTranslator` engines with ``options``."""
    return lambda packages: ArgosTranslator(packages, options)
