"""How good is the machine translation? Score the engine against the translators' reviewed work.

``pipeline evaluate`` translates the source sentence of every reviewed entry, in memory, along the
routes ``translate`` takes (the same glossary masking, engine and batches of sentences), and compares the
output with the reviewed translations: chrF (the primary figure for sentence-level French and
English) and BLEU, both computed with sacrebleu's metric objects and reported with their signatures,
plus the share of glossary terms the engine output keeps. Nothing is written.

Why sacrebleu's objects and not our own n-gram counts: the figures must be comparable with published
ones, and the signature (``nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0``) says how
they were computed. sacrebleu is imported inside :func:`score`, so ``pipeline --help`` stays fast.

Scores are corpus-level, on detokenised text prepared the same way on both sides
(:func:`scoring_text`), with a bootstrap 95 % interval, and two routes of a language are compared
with sacrebleu's paired bootstrap test (:func:`paired_p_value`): on one article a point of difference
is usually noise, and the figures say so.

How well the engine's confidence (:mod:`pipeline.po.confidence`) predicts quality: Spearman's rank
correlation between each sentence's confidence and its sentence-level chrF (sacrebleu's
``sentence_score``; a sentence's chrF is noisy, but ranks are what ordering review needs).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from pipeline.articles.markdown import from_markdown_article, plain_inline
from pipeline.errors import PipelineError
from pipeline.glossary import Glossary, Masked, holds_rendering, restore
from pipeline.mt.engines import Engine, EngineFactory, ScoredTranslation, route_label
from pipeline.mt.plugins import EngineProvider, load_provider
from pipeline.mt.route_translation import Name, Progress, RouteTranslator, no_progress
from pipeline.mt.routes import PIVOT_LANGUAGE, Pair, Route, direct_route, pivot_route, plan_route
from pipeline.po import catalogs, confidence
from pipeline.po.views import EntryState
from pipeline.project import Project
from pipeline.stages.translate import DEFAULT_SAVE_EVERY, engine_input

DEFAULT_BOOTSTRAP = 1000
"""Resamples for the 95 % intervals (sacrebleu's ``n_bootstrap``) and the paired test between two
routes: for the seed article's 102 sentences, 0.05 s of CPU for a language's scores and 0.07 s for a
comparison; 0.3 s and 0.6 s for ten times as many (``bench/bench_evaluation.py``)."""

SIGNIFICANCE = 0.05
"""Below this p-value, two routes' chrF differ beyond what the sample's sentences make by chance."""


class RouteChoice(Enum):
    """Which routes ``evaluate`` scores for each language."""

    DEFAULT = "default"
    """The route ``translate`` would take: the direct package if installed, else the pivot."""
    DIRECT = "direct"
    PIVOT = "pivot"
    BOTH = "both"
    """Every route whose packages are installed (direct and pivot side by side)."""


# --- the reviewed sentences ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewedSentence:
    slug: str
    source: str
    """The source sentence (the entry's ``msgid``)."""
    reference: str
    """Its reviewed translation."""
    markdown: bool = False
    """A sentence of a Markdown article: its inline markup is masked from the engine and left out
    of the scores, on both sides."""

    def scored(self, text: str) -> str:
        """``text`` (the reference or a translation of this sentence) as it is scored."""
        return plain_inline(text) if self.markdown else text


def reviewed_sentences(project: Project, lang: str) -> tuple[ReviewedSentence, ...]:
    """Every reviewed entry of ``lang`` in the catalogs of the project's articles, in file order.

    Catalogs are read as they are on disk (no extraction first, since ``evaluate`` writes nothing);
    machine drafts, changed-source, untranslated and obsolete entries are left out."""
    found = []
    for article in project.article_paths():
        path = project.catalog_path(lang, article.stem)
        if not path.is_file():
            continue
        for entry in catalogs.read_view(path).active():
            if entry.state is EntryState.REVIEWED:
                found.append(
                    ReviewedSentence(article.stem, entry.msgid, entry.msgstr, from_markdown_article(entry.occurrences))
                )
    return tuple(found)


# --- routes --------------------------------------------------------------------------------------


def choose_routes(source: str, lang: str, installed: Iterable[Pair], choice: RouteChoice) -> list[Route]:
    """The routes to score for ``lang``; each may name missing packages (see :func:`missing_routes`).

    ``BOTH`` gives each route whose packages are all installed, or the default route (with what it
    misses) when none is; ``PIVOT`` for English, the pivot language itself, is an error.
    """
    installed = set(installed)
    direct = direct_route(source, lang, installed)
    if choice is RouteChoice.DIRECT:
        return [direct]
    pivot = pivot_route(source, lang, installed)
    if pivot is None:
        if choice is RouteChoice.PIVOT:
            raise PipelineError(
                f"{lang} has no pivot route: {PIVOT_LANGUAGE} is the pivot language (use --route direct or both)"
            )
        return [direct]
    if choice is RouteChoice.PIVOT:
        return [pivot]
    if choice is RouteChoice.BOTH:
        ready = [route for route in (direct, pivot) if route.available]
        if ready:
            return ready
    return [plan_route(source, lang, installed)]


def missing_routes(routes: Mapping[str, Sequence[Route]], choice: RouteChoice, provider: EngineProvider) -> str | None:
    """One line saying what to get, as ``translate`` says it (in ``provider``'s words); None when
    nothing is missing."""
    lacking = {lang: route for lang, options in routes.items() for route in options if route.missing}
    if not lacking:
        return None
    if choice in (RouteChoice.DIRECT, RouteChoice.PIVOT):
        return f"--route {choice.value}: {provider.missing_message(lacking)}"
    return provider.missing_message(lacking)


# --- translating in memory -----------------------------------------------------------------------


def translate_routes_scored(
    engine: Engine,
    routes: Mapping[Name, tuple[Pair, ...]],
    sentences: Iterable[str],
    *,
    glossary: Glossary = Glossary(),
    batch_size: int = DEFAULT_SAVE_EVERY,
    progress: Progress = no_progress,
    markdown: Collection[str] = frozenset(),
) -> dict[Name, dict[str, ScoredTranslation]]:
    """Translate ``sentences`` along every route, as :func:`pipeline.stages.translate.draft` does, in memory.

    ``routes`` maps a name (a language, or a language and route kind) to its chain of pairs. Terms
    are masked, each distinct input is sent once per pair in batches of ``batch_size``
    (:class:`pipeline.mt.route_translation.RouteTranslator`, the translator drafting uses), and the
    final language's renderings are restored. Returns name → sentence → translation, with the
    engine's confidence as a draft would note it (the legs of a route multiplied). The sentences in
    ``markdown`` come from Markdown articles (see :func:`pipeline.stages.translate.engine_input`).
    """
    masked: dict[str, Masked] = {
        sentence: engine_input(sentence, glossary, markdown=sentence in markdown)
        for sentence in dict.fromkeys(sentences)
    }
    translator = RouteTranslator(engine, batch_size, progress)
    texts = [item.text for item in masked.values()]
    translator.translate(routes, dict.fromkeys(routes, texts))
    return {
        name: {
            sentence: ScoredTranslation(
                restore(translator.output(route, item.text) or "", item, route[-1].target, glossary).strip(),
                translator.confidence(route, item.text),
            )
            for sentence, item in masked.items()
        }
        for name, route in routes.items()
    }


# --- scoring -------------------------------------------------------------------------------------


def scoring_text(text: str) -> str:
    """A hypothesis or reference as it is scored: the one place both sides are prepared, so that
    they are always prepared alike.

    Whitespace is normalised (runs of spaces and line breaks become one space). The inline markup
    of a Markdown article's sentences was already taken off both sides
    (:meth:`ReviewedSentence.scored`).

    >>> scoring_text("  Une phrase\\n  courte. ")
    'Une phrase courte.'
    """
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Score:
    """One corpus-level metric, as sacrebleu computed it."""

    name: str
    """``chrF2`` or ``BLEU``."""
    score: float
    """0–100."""
    signature: str
    """sacrebleu's signature, to be shared with the figure."""
    mean: float | None = None
    """Bootstrap mean (with :attr:`interval`), None without bootstrap."""
    interval: float | None = None
    """Half width of the bootstrap 95 % interval: the true figure is ``mean ± interval``."""

    def formatted(self) -> str:
        """``chrF2 = 41.30 (μ = 41.28 ± 2.10)``."""
        spread = f" (μ = {self.mean:.2f} ± {self.interval:.2f})" if self.interval is not None else ""
        return f"{self.name} = {self.score:.2f}{spread}"


def score(
    hypotheses: Sequence[str], references: Sequence[str], lang: str, *, n_bootstrap: int = DEFAULT_BOOTSTRAP
) -> tuple[Score, Score]:
    """(chrF, BLEU) of ``hypotheses`` against one reference each, at corpus level.

    The two lists must be parallel: sacrebleu takes a list of reference *streams* and, given a wrong
    nesting, silently scores only a few sentences (sacrebleu #220), so the lengths are checked here.
    ``n_bootstrap`` > 1 adds a 95 % interval (sacrebleu's bootstrap resampling, fixed seed).

    >>> chrf, bleu = score(["Le chat dort sur le tapis."], ["Le chat dort sur le tapis."], "fr", n_bootstrap=1)
    >>> round(chrf.score, 2), round(bleu.score, 2)
    (100.0, 100.0)
    """
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses for {len(references)} references")
    if not hypotheses:
        raise ValueError("nothing to score")
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF

    hyps = [scoring_text(text) for text in hypotheses]
    refs = [scoring_text(text) for text in references]
    # trg_lang picks BLEU's tokenizer (zh, ja, ko) and warns about a mismatch; it knows bare codes.
    chrf, bleu = CHRF(), BLEU(trg_lang=lang.split("_")[0])
    return _score(chrf, hyps, refs, n_bootstrap), _score(bleu, hyps, refs, n_bootstrap)


def _score(metric, hypotheses: list[str], references: list[str], n_bootstrap: int) -> Score:
    result = metric.corpus_score(hypotheses, [references], n_bootstrap=n_bootstrap)
    bootstrapped = n_bootstrap > 1
    # sacrebleu keeps the bootstrap figures in ``_mean``/``_ci`` (what its ``format()`` prints as
    # ``μ = … ± …``); the signature is read after scoring, as it then records ``bs`` and ``seed``.
    return Score(
        name=result.name,
        score=float(result.score),
        signature=metric.get_signature().format(),
        mean=float(result._mean) if bootstrapped else None,
        interval=float(result._ci) if bootstrapped else None,
    )


def confidence_correlation(
    confidences: Sequence[float | None], hypotheses: Sequence[str], references: Sequence[str]
) -> tuple[float | None, int]:
    """Spearman's rho between the engine's confidence in each hypothesis and its sentence chrF, over the
    hypotheses that have a confidence, and how many they are. Close to 1: the drafts the engine is
    least sure of are the worst, and ordering review by confidence pays.

    >>> confidence_correlation([0.9, 0.2, 0.6, None], ["Le chat dort.", "Xy zz.", "Le chien dort.", "?"],
    ...                        ["Le chat dort.", "Le chat mange.", "Le chat dort.", "Oui."])
    (1.0, 3)
    """
    if not len(confidences) == len(hypotheses) == len(references):
        raise ValueError(f"{len(confidences)} confidences, {len(hypotheses)} hypotheses, {len(references)} references")
    from sacrebleu.metrics.chrf import CHRF

    metric = CHRF()
    pairs = [
        (sure, metric.sentence_score(scoring_text(hypothesis), [scoring_text(reference)]).score)
        for sure, hypothesis, reference in zip(confidences, hypotheses, references, strict=True)
        if sure is not None
    ]
    return confidence.rank_correlation([sure for sure, _ in pairs], [chrf for _, chrf in pairs]), len(pairs)


def paired_p_value(
    first: Sequence[str], second: Sequence[str], references: Sequence[str], *, n_bootstrap: int = DEFAULT_BOOTSTRAP
) -> float:
    """sacrebleu's paired bootstrap resampling test of chrF between two outputs of the same sentences.

    Paired, so it is fairer than comparing the two intervals: both outputs are resampled together,
    and a sentence that is hard for both does not widen the difference.
    """
    if not len(first) == len(second) == len(references):
        raise ValueError(f"{len(first)} and {len(second)} hypotheses for {len(references)} references")
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.significance import PairedTest, Result

    prepared = [[scoring_text(text) for text in texts] for texts in (first, second, references)]
    test = PairedTest(
        [("first", prepared[0]), ("second", prepared[1])],
        {"chrF": CHRF()},
        [prepared[2]],
        test_type="bs",
        n_samples=n_bootstrap,
    )
    _, scores = test()
    [results] = [column for name, column in scores.items() if name != "System"]
    compared = results[1]  # sacrebleu types a column as str | Result: a metric's holds Results
    if not isinstance(compared, Result) or compared.p_value is None:
        raise RuntimeError(f"sacrebleu's paired test gave no p-value: {compared!r}")
    return float(compared.p_value)


# --- glossary terms kept -------------------------------------------------------------------------


def glossary_terms(source: str, hypothesis: str, lang: str, glossary: Glossary) -> tuple[int, int]:
    """(terms, kept): the distinct renderings the glossary asks for in ``source``'s translation, and
    how many ``hypothesis`` holds as a whole word with the glossary's case (a first letter raised to a
    capital counts, as in ``pipeline check``).

    >>> from pipeline.glossary import Term
    >>> terms = Glossary((Term("Dunkerque", {"en": "Dunkirk"}), Term("Verkor", {})))
    >>> glossary_terms("Verkor baut in Dunkerque.", "Verkor builds in Dunkerque.", "en", terms)
    (2, 1)
    """
    renderings = {glossary.rendering(term, lang) for term, _, _ in glossary.find(source)}
    kept = sum(1 for rendering in renderings if holds_rendering(hypothesis, rendering))
    return len(renderings), kept


# --- the evaluation ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RouteEvaluation:
    """The figures of one language along one route."""

    lang: str
    route: str
    """``de→fr`` or ``de→en→fr``."""
    kind: str
    """``direct`` or ``pivot``."""
    provenance: str
    """The engine and package versions, as drafts name them: ``Argos Translate de→en 1.9 → en→fr 1.9``."""
    sentences: int
    articles: int
    chrf: Score
    bleu: Score
    glossary_terms: int
    """Glossary renderings the sources call for (distinct per sentence)."""
    glossary_kept: int
    confidence_correlation: float | None = None
    """Spearman's rank correlation between the engine's confidence in each sentence and its sentence
    chrF (:func:`confidence_correlation`); None below three scored sentences or from an engine that
    does not score."""
    confidence_sentences: int = 0
    """The sentences with a confidence, that :attr:`confidence_correlation` is computed over."""

    @property
    def glossary_share(self) -> float | None:
        """Share of :attr:`glossary_terms` the output keeps; None when the sources hold none."""
        return self.glossary_kept / self.glossary_terms if self.glossary_terms else None


@dataclass(frozen=True, slots=True)
class RouteComparison:
    """Two routes of one language on the same reviewed sentences."""

    lang: str
    first: RouteEvaluation
    second: RouteEvaluation
    p_value: float | None
    """sacrebleu's paired bootstrap test on chrF: how often resampled sentences show a difference
    at least this large between two equally good routes. None without bootstrap."""

    @property
    def chrf_difference(self) -> float:
        """``first`` minus ``second``, in chrF points."""
        return self.first.chrf.score - self.second.chrf.score

    @property
    def beyond_noise(self) -> bool | None:
        """Whether the difference is significant at 5 %; a single article rarely tells routes apart."""
        return None if self.p_value is None else self.p_value < SIGNIFICANCE


@dataclass(frozen=True, slots=True)
class Evaluation:
    results: tuple[RouteEvaluation, ...]
    """Per language (in the order asked) and route (direct before pivot)."""
    unreviewed: tuple[str, ...] = ()
    """Languages without a reviewed sentence, so nothing to score."""
    warnings: tuple[str, ...] = ()
    """The engine's (e.g. a sentence translated in parts)."""
    comparisons: tuple[RouteComparison, ...] = ()
    """One per language scored along two routes (``--route both``)."""


def evaluate(
    references: Mapping[str, Sequence[ReviewedSentence]],
    routes: Mapping[str, Sequence[Route]],
    engine: Engine,
    *,
    glossary: Glossary = Glossary(),
    batch_size: int = DEFAULT_SAVE_EVERY,
    progress: Progress = no_progress,
    n_bootstrap: int = DEFAULT_BOOTSTRAP,
) -> Evaluation:
    """Translate the reviewed sentences of each language along each of its routes and score them.

    ``references[lang]`` are the reviewed sentences; ``routes[lang]`` the routes to score (all with
    their packages). Every language's routes are translated together, so shared legs run once.
    """
    chains = {(lang, route.kind): route.steps for lang, options in routes.items() for route in options}
    sources = [sentence.source for lang in routes for sentence in references[lang]]
    markdown = {sentence.source for lang in routes for sentence in references[lang] if sentence.markdown}
    translated = translate_routes_scored(
        engine, chains, sources, glossary=glossary, batch_size=batch_size, progress=progress, markdown=markdown
    )
    results, comparisons = [], []
    for lang, options in routes.items():
        reviewed = references[lang]
        scored_references = [sentence.scored(sentence.reference) for sentence in reviewed]
        outputs = [
            [sentence.scored(translated[(lang, route.kind)][sentence.source].text) for sentence in reviewed]
            for route in options
        ]
        sure = [
            [translated[(lang, route.kind)][sentence.source].confidence for sentence in reviewed] for route in options
        ]
        scored = [
            _route_evaluation(
                engine, lang, route, reviewed, hypotheses, scored_references, glossary, n_bootstrap, confidences
            )
            for route, hypotheses, confidences in zip(options, outputs, sure, strict=True)
        ]
        results += scored
        if len(scored) == 2:
            first, second = outputs
            p_value = (
                paired_p_value(first, second, scored_references, n_bootstrap=n_bootstrap) if n_bootstrap > 1 else None
            )
            comparisons.append(RouteComparison(lang, scored[0], scored[1], p_value=p_value))
    unreviewed = tuple(lang for lang, reviewed in references.items() if not reviewed)
    return Evaluation(
        results=tuple(results), unreviewed=unreviewed, warnings=tuple(engine.warnings), comparisons=tuple(comparisons)
    )


def _route_evaluation(
    engine: Engine,
    lang: str,
    route: Route,
    reviewed: Sequence[ReviewedSentence],
    hypotheses: Sequence[str],
    references: Sequence[str],
    glossary: Glossary,
    n_bootstrap: int,
    confidences: Sequence[float | None],
) -> RouteEvaluation:
    """``references``: the reviewed translations as scored, prepared once for every route of ``lang``;
    ``confidences``: the engine's in each hypothesis."""
    chrf, bleu = score(hypotheses, references, lang, n_bootstrap=n_bootstrap)
    correlation, scored = confidence_correlation(confidences, hypotheses, references)
    counts = [
        glossary_terms(sentence.source, hypothesis, lang, glossary)
        for sentence, hypothesis in zip(reviewed, hypotheses, strict=True)
    ]
    return RouteEvaluation(
        lang=lang,
        route=str(route),
        kind=route.kind,
        provenance=route_label(engine, route.steps),
        sentences=len(reviewed),
        articles=len({sentence.slug for sentence in reviewed}),
        chrf=chrf,
        bleu=bleu,
        glossary_terms=sum(terms for terms, _ in counts),
        glossary_kept=sum(kept for _, kept in counts),
        confidence_correlation=correlation,
        confidence_sentences=scored,
    )


def evaluate_project(
    project: Project,
    make_engine: EngineFactory,
    *,
    langs: Sequence[str] | None = None,
    choice: RouteChoice = RouteChoice.DEFAULT,
    glossary: Glossary = Glossary(),
    batch_size: int = DEFAULT_SAVE_EVERY,
    progress: Progress = no_progress,
    n_bootstrap: int = DEFAULT_BOOTSTRAP,
    provider: EngineProvider | None = None,
) -> Evaluation:
    """Score the engine against the project's reviewed translations in ``langs`` (default: the
    project's languages), with the pairs ``provider`` offers (default: the installed Argos packages,
    the newest of each pair), as ``translate``; ``make_engine`` comes from ``provider.open()``.

    Raises :class:`PipelineError` when a route to score lacks its packages (before any model is
    loaded: figures for some of the languages asked would read as figures for all), or when no
    language has a reviewed sentence. Nothing is written.
    """
    langs = [lang for lang in (project.langs if langs is None else langs) if lang != project.source_lang]
    references = {lang: reviewed_sentences(project, lang) for lang in langs}
    if not any(references.values()):
        raise PipelineError(
            f"no reviewed translation to evaluate against in {', '.join(langs)} (review some machine drafts first)",
            path=project.locales,
        )
    provider = provider or load_provider("argos")
    installed = provider.available_pairs()
    routes = {lang: choose_routes(project.source_lang, lang, installed, choice) for lang in langs if references[lang]}
    missing = missing_routes(routes, choice, provider)
    if missing:
        ready = [lang for lang, options in routes.items() if all(route.available for route in options)]
        alone = f" (or evaluate only {', '.join(ready)}: --langs {','.join(ready)})" if ready else ""
        raise PipelineError(missing + alone)
    engine = make_engine(sorted({pair for options in routes.values() for route in options for pair in route.steps}))
    return evaluate(
        references, routes, engine, glossary=glossary, batch_size=batch_size, progress=progress, n_bootstrap=n_bootstrap
    )
