"""The engines (pipeline.mt.engines): the real Argos/CTranslate2 path on tiny random-weight packages
(tests/argos_models.py), so the assertions are about mechanics, never wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.mt import batching, engines
from pipeline.mt.routes import Pair
from tests.conftest import run

DE_EN = Pair("de", "en")


# --- the Argos/CTranslate2 engine ----------------------------------------------------------------


class Spy:
    """Wraps a CTranslate2 Translator and records what translate_batch is given."""

    def __init__(self, translator):
        self.translator, self.batches = translator, []

    def translate_batch(self, batch, **options):
        self.batches.append((batch, options))
        return self.translator.translate_batch(batch, **options)


def engine(pivot_models: Path, **options) -> engines.ArgosTranslator:
    from pipeline.mt import packages

    installed = packages.newest_by_pair(packages.installed_packages())
    return engines.ArgosTranslator(installed, engines.EngineOptions(beam_size=1, **options))


def spied(argos: engines.ArgosTranslator, pair: Pair) -> Spy:
    argos._model(pair)
    spy = argos._models[pair].translator = Spy(argos._models[pair].translator)
    return spy


def test_engine_batches_sentences_with_one_translator_per_pair(pivot_models, monkeypatch):
    import ctranslate2

    created = []
    real = ctranslate2.Translator
    monkeypatch.setattr(
        ctranslate2, "Translator", lambda *args, **kwargs: created.append(args) or real(*args, **kwargs)
    )
    argos = engine(pivot_models, max_batch_size=4, inter_threads=2, intra_threads=1)
    sentences = [f"Satz Nummer {n} über Batterien." for n in range(10)]
    spy = spied(argos, DE_EN)
    first = argos.translate(DE_EN, sentences)
    assert argos.translate(DE_EN, sentences) == first  # deterministic, same Translator
    assert len(created) == 1
    assert [len(batch) for batch, _ in spy.batches] == [3, 3, 2, 2] * 2  # two workers, even batches
    options = spy.batches[0][1]
    assert options["batch_type"] == "examples" and options["max_batch_size"] == 4
    longest = max(len(tokens) for tokens in spy.batches[0][0])
    assert options["max_decoding_length"] == batching.decoding_limit(longest)
    assert all(isinstance(text, str) and text == text.strip() and text for text in first)


def test_over_long_sentences_are_translated_in_parts_with_a_warning(pivot_models, monkeypatch):
    monkeypatch.setattr(engines, "MAX_INPUT_TOKENS", 8)
    argos = engine(pivot_models)
    spy = spied(argos, DE_EN)
    long_sentence = " ".join(["Die Batterie wird in der Fabrik gebaut"] * 4) + "."
    (text,) = argos.translate(DE_EN, [long_sentence])
    assert text
    assert max(len(tokens) for batch, _ in spy.batches for tokens in batch) <= 8
    assert len(argos.warnings) == 1 and "de→en" in argos.warnings[0]


def test_detokenizing_keeps_underscores_and_trims(pivot_models):
    argos = engine(pivot_models)
    tokenizer = argos._model(DE_EN).tokenizer
    text = "Die Datei heißt batterie_2025.txt"
    assert batching.detokenize(tokenizer, tokenizer.encode(text)) == text
    assert batching.detokenize(tokenizer, ["▁tok12", "▁Die"]) == "tok12 Die"


def test_target_prefix_is_forced_and_stripped(pivot_models):
    """Multilingual packages name the target language with a first token (metadata target_prefix)."""
    from types import SimpleNamespace

    class Echo:  # a stand-in CTranslate2 Translator: the prefix, the input, then the end token
        def __init__(self):
            self.prefixes = []

        def translate_batch(self, batch, *, target_prefix, **options):
            self.prefixes += target_prefix
            return [
                SimpleNamespace(
                    result=lambda tokens=tokens, prefix=prefix: SimpleNamespace(
                        hypotheses=[prefix + tokens + ["</s>"]], scores=[-0.5]
                    )
                )
                for tokens, prefix in zip(batch, target_prefix, strict=True)
            ]

    argos = engine(pivot_models)
    model = argos._model(DE_EN)
    model.translator, model.target_prefix = Echo(), "__en__"
    assert argos.translate(DE_EN, ["Die Region.", "Ja."]) == ["Die Region.", "Ja."]
    assert model.translator.prefixes == [["__en__"], ["__en__"]]


def test_both_engines_follow_the_engine_protocol(pivot_models):
    for candidate in (engines.FakeTranslator(), engine(pivot_models)):
        assert isinstance(candidate.name, str) and candidate.warnings == []
        assert candidate.label(DE_EN).startswith("de→en ")
        assert len(candidate.translate(DE_EN, ["Ja.", "Die Region hofft auf Arbeit."])) == 2


def test_local_engine_builds_argos_with_the_options(pivot_models):
    from pipeline.mt.packages import installed_packages, newest_by_pair

    installed = newest_by_pair(installed_packages())
    built = engines.local_engine(engines.EngineOptions(beam_size=2))(installed)
    assert isinstance(built, engines.ArgosTranslator) and built.options.beam_size == 2


def test_a_compute_type_the_device_lacks_is_named_as_such(project_dir, pivot_models, monkeypatch):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device: {"int8", "float32"})
    result = run("translate", "--compute-type", "float16")
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert "compute type float16 is not available on this device (cpu)" in line
    assert "int8" in line and "reinstall" not in line


# --- what every caller of an engine relies on --------------------------------------------------------


class ShortEngine(engines.FakeTranslator):
    """Drops the last translation, as a broken engine might."""

    def translate(self, pair, sentences):
        return super().translate(pair, sentences)[:-1]


def test_an_answer_without_one_translation_per_sentence_is_refused():
    with pytest.raises(RuntimeError, match="Fake returned 1 translations for 2 sentences"):
        engines.translate_checked(ShortEngine(), DE_EN, ["Ja.", "Nein."])
    assert engines.translate_checked(engines.FakeTranslator(), DE_EN, ["Ja."]) == ["Ja. [en]"]


def test_a_route_is_labelled_with_the_engine_and_each_step():
    route = (DE_EN, Pair("en", "fr"))
    assert engines.route_label(engines.FakeTranslator(), route) == "Fake de→en 0.0 → en→fr 0.0"


# --- the engine's confidence ---------------------------------------------------------------------


def test_a_hypothesis_log_probability_is_what_ctranslate2_scores_its_tokens(pivot_models):
    """The sum recovered from translate_batch's length-penalised score equals the tokens' own
    log-probabilities (score_batch), the end token counted when the model produced one."""
    argos = engine(pivot_models)
    model = argos._model(DE_EN)
    sentences = ["Ja.", "Die Region hofft auf Arbeit.", "Verkor hat in Bourbourg eine Fabrik eröffnet."]
    tokens = [model.tokenizer.encode(sentence) for sentence in sentences]
    for decoding in (engines.EngineOptions(beam_size=1).decoding(), engines.EngineOptions(beam_size=4).decoding()):
        hypotheses = batching.translate_batch(model.translator, tokens, decoding)
        scored = model.translator.score_batch(tokens, [hypothesis.tokens for hypothesis in hypotheses])
        for hypothesis, reference in zip(hypotheses, scored, strict=True):
            assert hypothesis.scored_tokens in (len(hypothesis.tokens), len(hypothesis.tokens) + 1)
            assert hypothesis.log_prob == pytest.approx(sum(reference.log_probs[: hypothesis.scored_tokens]), rel=1e-3)


def test_every_translation_comes_with_a_confidence_between_0_and_1(pivot_models):
    argos = engine(pivot_models)
    sentences = ["Ja.", "Die Region hofft auf Arbeit."]
    scored = argos.translate_scored(DE_EN, sentences)
    assert [output.text for output in scored] == argos.translate(DE_EN, sentences)
    assert all(0 < output.confidence <= 1 for output in scored)
    assert engines.translate_scored(engines.FakeTranslator(), DE_EN, sentences)[0].confidence is None
