"""The one route translator (pipeline/mt/route_translation.py) that drafting and evaluation share."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.mt.engines import FakeTranslator
from pipeline.mt.route_translation import RouteTranslator, pair_order
from pipeline.mt.routes import Pair
from pipeline.project import Project
from pipeline.stages.evaluate import translate_routes_scored
from pipeline.stages.translate import draft, open_catalogs
from tests.conftest import run

DE_EN, EN_FR, DE_FR = Pair("de", "en"), Pair("en", "fr"), Pair("de", "fr")
PIVOT = {"fr": (DE_EN, EN_FR), "en": (DE_EN,)}


def test_pairs_run_in_the_order_their_inputs_become_available():
    assert pair_order({"fr": (DE_EN, EN_FR), "direct": (DE_FR,), "en": (DE_EN,)}) == [DE_EN, DE_FR, EN_FR]


def test_the_callback_runs_after_every_batch_and_once_a_pair_is_done():
    seen: list[tuple[Pair, int]] = []
    translator = RouteTranslator(FakeTranslator(), batch_size=2)
    translator.after_batch = lambda pair: seen.append((pair, len(translator.done)))
    runs = translator.translate(PIVOT, {"fr": ["A.", "B.", "C."], "en": ["A.", "B.", "C."]})
    assert seen == [(DE_EN, 2), (DE_EN, 3), (DE_EN, 3), (EN_FR, 5), (EN_FR, 6), (EN_FR, 6)]
    assert [(run.pair, run.sentences, run.batches) for run in runs] == [(DE_EN, 3, 2), (EN_FR, 3, 2)]
    assert translator.output(PIVOT["fr"], "B.") == "B. [en] [fr]"
    assert translator.output(PIVOT["fr"], "D.") is None  # never translated


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(["A.", "B.", "C.", "D.", "E."]), min_size=1, max_size=8), st.integers(1, 4))
def test_inputs_are_sent_once_per_pair_in_batches_of_the_size_asked(inputs, batch_size):
    fake = FakeTranslator()
    RouteTranslator(fake, batch_size=batch_size).translate(PIVOT, {"fr": inputs, "en": inputs})
    assert fake.sentences(DE_EN) == list(dict.fromkeys(inputs))
    for pair in (DE_EN, EN_FR):
        sizes = [len(batch) for called, batch in fake.calls if called == pair]
        assert all(size == batch_size for size in sizes[:-1]) and 0 < sizes[-1] <= batch_size


def test_drafting_and_evaluation_send_the_engine_the_same_batches(project_dir):
    assert run("extract").exit_code == 0
    opened = open_catalogs(Project())
    sentences = [entry.msgid for entry in opened[0].catalog.active()]
    drafting, evaluating = FakeTranslator(), FakeTranslator()
    draft(opened, drafting, PIVOT, save_every=3)
    translate_routes_scored(evaluating, PIVOT, sentences, batch_size=3)
    assert drafting.calls == evaluating.calls and len(drafting.calls) > 2
