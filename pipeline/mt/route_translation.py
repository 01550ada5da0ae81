"""Translating sentences along routes: the one algorithm ``translate`` and ``evaluate`` share.

Each route is a chain of pairs (one, or two through a pivot). Pairs run in the order their inputs
become available (first steps of every route, then second steps); each distinct input is sent once
per pair, in batches of ``batch_size``, so a source sentence goes to English once, for English and
for the pivot alike. Inputs are engine inputs (glossary terms and markup already masked by the
caller); outputs and the engine's confidences are kept in memory by (pair, input).

Drafting saves as it goes: it passes ``after_batch``, called after every batch of a pair and once
when the pair is done, so Ctrl-C loses at most the batch in progress. Evaluation passes nothing.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from pipeline.mt import markup_drafts
from pipeline.mt.engines import Engine, ScoredTranslation
from pipeline.mt.routes import Pair
from pipeline.po import confidence

Name = TypeVar("Name", bound=Hashable)
"""What names a route: a language, or a language and a route kind."""


class ProgressBar(Protocol):
    def update(self, n_steps: int) -> None: ...


Progress = Callable[[Pair, int], contextlib.AbstractContextManager[ProgressBar]]
"""``progress(pair, total)``: a context whose value's ``update(n)`` is called after each batch of
``n`` sentences; ``click.progressbar(length=total)`` is one."""


class _NoBar:
    def update(self, n_steps: int) -> None:
        pass


@contextlib.contextmanager
def no_progress(pair: Pair, total: int) -> Iterator[ProgressBar]:
    yield _NoBar()


@dataclass(frozen=True, slots=True)
class PairRun:
    pair: Pair
    sentences: int
    """Distinct sentences sent to the engine for this pair."""
    batches: int
    seconds: float


def pair_order(routes: Mapping[Name, Sequence[Pair]]) -> list[Pair]:
    """Pairs in the order their inputs become available: first steps of every route, then second."""
    order: list[Pair] = []
    for depth in range(max((len(route) for route in routes.values()), default=0)):
        for route in routes.values():
            if depth < len(route) and route[depth] not in order:
                order.append(route[depth])
    return order


@dataclass(slots=True)
class RouteTranslator:
    """Translates engine inputs along routes with ``engine``, remembering every leg's output.

    ``guarded`` holds the inputs whose placeholders must all come back (Markdown sentences, see
    :func:`pipeline.mt.markup_drafts.translate_scored_keeping_markup`); their outputs join it."""

    engine: Engine
    batch_size: int
    progress: Progress = no_progress
    guarded: set[str] = field(default_factory=set)
    after_batch: Callable[[Pair], None] = lambda pair: None
    done: dict[tuple[Pair, str], ScoredTranslation] = field(default_factory=dict)
    """(pair, input) → output, inputs and outputs masked."""

    def output(self, route: Sequence[Pair], text: str, depth: int | None = None) -> str | None:
        """What ``text`` becomes after the first ``depth`` steps of ``route`` (all by default); None
        while a step is still due."""
        for step in route[:depth]:
            found = self.done.get((step, text))
            if found is None:
                return None
            text = found.text
        return text

    def confidence(self, route: Sequence[Pair], text: str) -> float | None:
        """The engine's confidence in ``text`` along ``route``: every leg's, multiplied."""
        legs = []
        for depth, step in enumerate(route):
            source = self.output(route, text, depth)
            found = None if source is None else self.done.get((step, source))
            legs.append(None if found is None else found.confidence)
        return confidence.route_confidence(legs)

    def translate(self, routes: Mapping[Name, Sequence[Pair]], inputs: Mapping[Name, Sequence[str]]) -> list[PairRun]:
        """Translate ``inputs[name]`` along ``routes[name]``, for every route, pair after pair."""
        return [self._translate_pair(pair, self._todo(pair, routes, inputs)) for pair in pair_order(routes)]

    def _todo(
        self, pair: Pair, routes: Mapping[Name, Sequence[Pair]], inputs: Mapping[Name, Sequence[str]]
    ) -> list[str]:
        todo: dict[str, None] = {}
        for name, route in routes.items():
            for depth in (i for i, step in enumerate(route) if step == pair):
                for text in (self.output(route, given, depth) for given in inputs[name]):
                    if text == "":  # an earlier step gave nothing: there is nothing to translate
                        self.done[(pair, text)] = ScoredTranslation("")
                    elif text is not None and (pair, text) not in self.done:
                        todo[text] = None
        return list(todo)

    def _translate_pair(self, pair: Pair, todo: list[str]) -> PairRun:
        started, batches = time.monotonic(), 0
        with self.progress(pair, len(todo)) as bar:
            for start in range(0, len(todo), self.batch_size):
                batch = todo[start : start + self.batch_size]
                outputs = markup_drafts.translate_scored_keeping_markup(self.engine, pair, batch, guarded=self.guarded)
                self.done.update(((pair, text), output) for text, output in zip(batch, outputs, strict=True))
                batches += 1
                self.after_batch(pair)
                bar.update(len(batch))
        self.after_batch(pair)  # entries whose translation was known before this pair ran
        return PairRun(pair=pair, sentences=len(todo), batches=batches, seconds=time.monotonic() - started)
