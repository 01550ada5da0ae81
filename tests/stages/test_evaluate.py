"""Evaluating machine translation against reviewed work (pipeline.stages.evaluate, `pipeline evaluate`).

sacrebleu's figures are checked on pairs of strings whose scores are worked out by hand. The command
runs the tiny random-weight Argos packages (tests/argos_models.py): their scores mean nothing, so the
assertions are about structure, routes, counts and that nothing is written.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.glossary import Glossary, Term
from pipeline.mt import engines
from pipeline.mt.engines import FakeTranslator
from pipeline.mt.routes import Pair, Route
from pipeline.stages import evaluate
from pipeline.stages.evaluate import ReviewedSentence, RouteChoice, choose_routes, score, translate_routes_scored
from tests.conftest import MT_GLOSSARY, REPO, load, run, save

FR = Path("locales/fr/LC_MESSAGES/nord.po")
EN = Path("locales/en/LC_MESSAGES/nord.po")
DE_EN, EN_FR, DE_FR = Pair("de", "en"), Pair("en", "fr"), Pair("de", "fr")


# --- sacrebleu's figures on pairs worked out by hand ---------------------------------------------


def test_identical_text_scores_100_on_both_metrics():
    chrf, bleu = score(
        ["Verkor a ouvert une usine à Bourbourg.", "La région espère du travail."],
        ["Verkor a ouvert une usine à Bourbourg.", "La région espère du travail."],
        "fr",
    )
    assert (chrf.score, bleu.score) == pytest.approx((100.0, 100.0))
    assert chrf.name == "chrF2" and bleu.name == "BLEU"


def test_bleu_of_a_known_pair():
    # Six tokens each; matching 1- to 4-grams: 5/6, 3/5, 2/4, 1/3 (the second "the" is clipped);
    # same length, so no brevity penalty: BLEU = (5/6 · 3/5 · 2/4 · 1/3) ** (1/4) = (1/12) ** (1/4).
    _, bleu = score(["the cat sat on the mat"], ["the cat sat on a mat"], "en", n_bootstrap=1)
    assert bleu.score == pytest.approx(100 * (1 / 12) ** 0.25)  # 53.73


def test_chrf_of_a_known_pair():
    # Character n-grams of "abcd" against "abce" (precision = recall, so F = precision):
    # 1-grams 3/4, 2-grams 2/3 (ab, bc), 3-grams 1/2 (abc), 4-grams 0/1; no 5- or 6-grams on either
    # side, so those orders do not count: chrF = (3/4 + 2/3 + 1/2 + 0) / 4.
    chrf, _ = score(["abcd"], ["abce"], "en", n_bootstrap=1)
    assert chrf.score == pytest.approx(100 * (3 / 4 + 2 / 3 + 1 / 2) / 4)  # 47.92


def test_scores_carry_their_signatures_and_a_bootstrap_interval():
    chrf, bleu = score(["Le chat dort.", "Il pleut."] * 5, ["Le chat dort.", "Il neige."] * 5, "fr")
    assert "nrefs:1" in chrf.signature and "nc:6" in chrf.signature and "nw:0" in chrf.signature
    assert "nrefs:1" in bleu.signature and "tok:13a" in bleu.signature
    assert "bs:1000" in bleu.signature
    for figure in (chrf, bleu):
        assert figure.interval is not None and figure.interval >= 0
        assert "±" in figure.formatted()


def test_paired_test_tells_a_real_difference_from_noise():
    references = [f"Le chantier numéro {i} avance vite." for i in range(60)]
    good = list(references)
    poor = [f"Chantier {i} vite." for i in range(60)]
    assert evaluate.paired_p_value(good, poor, references) < 0.05
    almost = [*good[:59], "Le chantier numéro 59 avance."]
    assert evaluate.paired_p_value(good, almost, references) > 0.05


def test_hypotheses_and_references_must_be_parallel():
    with pytest.raises(ValueError, match="2 hypotheses for 1 references"):
        score(["a b c d", "e f g h"], ["a b c d"], "en")


def test_both_sides_are_prepared_alike():
    chrf, bleu = score(["  Le chat\n dort sur le tapis. "], ["Le chat dort  sur le tapis."], "fr", n_bootstrap=1)
    assert (chrf.score, bleu.score) == pytest.approx((100.0, 100.0))


def test_glossary_terms_kept_count_renderings_with_their_case():
    terms = Glossary((Term("Gigafactory", {"en": "gigafactory"}), Term("ProLogium", {})))
    source = "Die Gigafactory von ProLogium."
    assert evaluate.glossary_terms(source, "Gigafactory of ProLogium.", "en", terms) == (2, 2)
    assert evaluate.glossary_terms(source, "The gigafactory of Prologium.", "en", terms) == (2, 1)
    assert evaluate.glossary_terms("Ein Satz.", "A sentence.", "en", terms) == (0, 0)


# --- routes --------------------------------------------------------------------------------------


def test_route_choices():
    pivot_only, everything = {DE_EN, EN_FR}, {DE_EN, EN_FR, DE_FR}
    assert [str(r) for r in choose_routes("de", "fr", pivot_only, RouteChoice.DEFAULT)] == ["de→en→fr"]
    assert [str(r) for r in choose_routes("de", "fr", everything, RouteChoice.DEFAULT)] == ["de→fr"]
    assert [str(r) for r in choose_routes("de", "fr", everything, RouteChoice.BOTH)] == ["de→fr", "de→en→fr"]
    assert [str(r) for r in choose_routes("de", "fr", pivot_only, RouteChoice.BOTH)] == ["de→en→fr"]
    assert [str(r) for r in choose_routes("de", "en", everything, RouteChoice.BOTH)] == ["de→en"]
    assert choose_routes("de", "fr", pivot_only, RouteChoice.DIRECT) == [Route("fr", (DE_FR,), (DE_FR,))]
    assert choose_routes("de", "fr", {DE_FR}, RouteChoice.PIVOT)[0].missing == (DE_EN, EN_FR)
    with pytest.raises(PipelineError, match="en has no pivot route"):
        choose_routes("de", "en", everything, RouteChoice.PIVOT)


def test_forced_routes_of_a_regional_target_use_its_languages_packages():
    installed = {DE_FR, DE_EN, EN_FR}
    assert [str(r) for r in choose_routes("de", "fr_FR", installed, RouteChoice.DIRECT)] == ["de→fr"]
    assert [str(r) for r in choose_routes("de", "fr_FR", installed, RouteChoice.PIVOT)] == ["de→en→fr"]
    assert all(route.available for route in choose_routes("de", "fr_FR", installed, RouteChoice.BOTH))


# --- translating in memory, as drafting does -----------------------------------------------------


def translate_routes(engine, routes, sentences, **options) -> dict:
    """:func:`translate_routes_scored`, the translations only (what these tests compare)."""
    scored = translate_routes_scored(engine, routes, sentences, **options)
    return {name: {sentence: output.text for sentence, output in outputs.items()} for name, outputs in scored.items()}


def test_translation_in_memory_masks_terms_and_translates_german_once():
    fake = FakeTranslator()
    sentences = ["Verkor baut in Dunkerque.", "Ja.", "Ja."]
    out = translate_routes(
        fake, {"en": (DE_EN,), "fr": (DE_EN, EN_FR), ("fr", "direct"): (DE_FR,)}, sentences, glossary=MT_GLOSSARY
    )
    assert fake.sentences(DE_EN) == ["ZQX1 baut in ZQX2.", "Ja."]  # once each, for en and the pivot
    assert fake.sentences(EN_FR) == ["ZQX1 baut in ZQX2. [en]", "Ja. [en]"]
    assert out["en"]["Verkor baut in Dunkerque."] == "Verkor baut in Dunkirk. [en]"
    assert out["fr"]["Verkor baut in Dunkerque."] == "Verkor baut in Dunkerque. [en] [fr]"
    assert out[("fr", "direct")]["Ja."] == "Ja. [fr]"


def test_sentences_of_markdown_articles_keep_urls_and_code_from_the_engine_and_markup_from_the_scores():
    fake = FakeTranslator()
    sentence = "Siehe [den Bericht](https://example.org/bericht) und `make test`."
    out = translate_routes(fake, {"en": (DE_EN,)}, [sentence], markdown={sentence})
    assert "https://example.org" not in fake.sentences(DE_EN)[0] and "make test" not in fake.sentences(DE_EN)[0]
    assert "(https://example.org/bericht)" in out["en"][sentence] and "`make test`" in out["en"][sentence]
    reviewed = ReviewedSentence("a", sentence, "See [the report](https://example.org/bericht).", markdown=True)
    assert reviewed.scored(reviewed.reference) == "See the report."
    assert ReviewedSentence("b", "Ja.", "*Yes*.").scored("*Yes*.") == "*Yes*."  # text articles: as written


WORDS = st.sampled_from(["Verkor", "baut", "in", "Dunkerque", "Ja", "die", "Gigafactory", "", "."])
SENTENCES = st.lists(st.lists(WORDS, max_size=6).map(" ".join), max_size=12)


@settings(max_examples=50, deadline=None)
@given(SENTENCES, st.integers(1, 5))
def test_every_sentence_gets_one_translation_per_route_and_each_input_goes_once(sentences, batch_size):
    fake = FakeTranslator()
    routes = {"en": (DE_EN,), "fr": (DE_EN, EN_FR), "direct": (DE_FR,)}
    out = translate_routes(fake, routes, sentences, glossary=MT_GLOSSARY, batch_size=batch_size)
    assert all(set(translations) == set(sentences) for translations in out.values())
    for pair in (DE_EN, EN_FR, DE_FR):
        sent = fake.sentences(pair)
        assert len(sent) == len(set(sent)) and "" not in sent
        assert all(len(batch) <= batch_size for called, batch in fake.calls if called == pair)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(min_size=1).filter(str.strip), min_size=1, max_size=5))
def test_text_scored_against_itself_is_100_chrf(texts):
    chrf, _ = score(texts, texts, "fr", n_bootstrap=1)
    assert chrf.score == pytest.approx(100.0)


def test_translation_in_memory_reports_progress_per_pair_in_batches():
    import contextlib

    seen = []

    @contextlib.contextmanager
    def progress(pair, total):
        class Bar:
            def update(self, n):
                seen.append((pair, total, n))

        yield Bar()

    translate_routes(
        FakeTranslator(), {"fr": (DE_EN, EN_FR)}, [f"Satz {i}." for i in range(5)], batch_size=2, progress=progress
    )
    assert seen == [(DE_EN, 5, 2), (DE_EN, 5, 2), (DE_EN, 5, 1), (EN_FR, 5, 2), (EN_FR, 5, 2), (EN_FR, 5, 1)]


def test_evaluate_scores_each_route_on_the_reviewed_sentences():
    reviewed = (ReviewedSentence("a", "Ja.", "Ja. [fr]"), ReviewedSentence("b", "Nein.", "Non."))
    routes = {"fr": [Route("fr", (DE_FR,)), Route("fr", (DE_EN, EN_FR))], "en": []}
    result = evaluate.evaluate({"fr": reviewed, "en": ()}, {"fr": routes["fr"]}, FakeTranslator(), n_bootstrap=1)
    assert [(r.lang, r.kind, r.route, r.sentences, r.articles) for r in result.results] == [
        ("fr", "direct", "de→fr", 2, 2),
        ("fr", "pivot", "de→en→fr", 2, 2),
    ]
    assert result.results[1].provenance == "Fake de→en 0.0 → en→fr 0.0"
    assert result.unreviewed == ("en",)
    [comparison] = result.comparisons
    assert comparison.chrf_difference > 0 and comparison.beyond_noise is None


# --- the command, with the tiny real-format packages ---------------------------------------------


def review(path: Path, every: int = 1) -> None:
    """Give every ``every``-th entry of ``path`` a reviewed translation, and empty the others."""
    catalog = load(path)
    for number, item in enumerate(catalog):
        item.msgstr = f"[{path.parts[1]}] {item.msgid}" if number % every == 0 else ""
    save(catalog, path)


def snapshot(folder: Path) -> dict[Path, tuple[bytes, int]]:
    return {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def reviewed_project(project_dir: Path) -> Path:
    assert run("extract").exit_code == 0
    review(EN)
    review(FR, every=2)
    return project_dir


def test_evaluate_follows_the_route_translate_takes_and_writes_nothing(reviewed_project, pivot_models):
    before = snapshot(Path("locales"))
    result = run("evaluate", "--json")
    assert result.exit_code == 0, result.output
    assert snapshot(Path("locales")) == before and not Path("editions").exists()
    report = json.loads(result.stdout)
    by_lang = {item["lang"]: item for item in report["results"]}
    assert [(item["lang"], item["kind"], item["route"]) for item in report["results"]] == [
        ("fr", "pivot", "de→en→fr"),
        ("en", "direct", "de→en"),
    ]
    assert by_lang["fr"]["provenance"] == "Argos Translate de→en 1.9 → en→fr 1.9"
    assert by_lang["en"]["sentences"] == len(load(EN)) and by_lang["en"]["articles"] == 1
    assert by_lang["fr"]["sentences"] == sum(1 for e in load(FR) if e.msgstr)
    for item in report["results"]:
        for name in ("chrf", "bleu"):
            assert 0 <= item[name]["score"] <= 100 and "nrefs:1" in item[name]["signature"]
            assert item[name]["interval"] is not None
        assert set(item["glossary"]) == {"terms", "kept", "share"}
    assert report["comparisons"] == [] and report["unreviewed"] == []


def test_route_both_compares_direct_and_pivot(reviewed_project, pivot_models, argos_archives):
    assert run("models", "install", str(argos_archives["de", "fr"])).exit_code == 0
    report = json.loads(run("evaluate", "--json", "--route", "both").stdout)
    assert [(item["lang"], item["kind"]) for item in report["results"]] == [
        ("fr", "direct"),
        ("fr", "pivot"),
        ("en", "direct"),
    ]
    fr = [item for item in report["results"] if item["lang"] == "fr"]
    assert fr[0]["sentences"] == fr[1]["sentences"]
    [comparison] = report["comparisons"]
    assert (comparison["lang"], comparison["first"], comparison["second"]) == ("fr", "direct", "pivot")
    assert isinstance(comparison["beyond_noise"], bool) and 0 < comparison["p_value"] <= 1

    text = run("evaluate", "--route", "both", "--langs", "fr")
    assert text.exit_code == 0, text.output
    assert "fr direct de→fr (Argos Translate de→fr 2.0)" in text.output
    assert "fr pivot de→en→fr" in text.output and "en direct" not in text.output
    assert "fr: direct − pivot = " in text.output and "signatures:" in text.output


def test_default_route_is_direct_when_its_package_is_installed(reviewed_project, pivot_models, argos_archives):
    assert run("models", "install", str(argos_archives["de", "fr"])).exit_code == 0
    report = json.loads(run("evaluate", "--json", "--langs", "fr").stdout)
    assert [(item["lang"], item["route"]) for item in report["results"]] == [("fr", "de→fr")]


def test_a_forced_route_without_its_packages_is_a_one_line_error(reviewed_project, pivot_models):
    result = run("evaluate", "--route", "direct")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: --route direct: missing Argos Translate packages de→fr needed for fr:")
    result = run("evaluate", "--route", "pivot", "--langs", "en")
    assert result.exit_code == 1 and "en has no pivot route" in result.output


def test_without_models_the_error_is_the_one_translate_gives(reviewed_project, argos_dir):
    review(EN, every=2)  # something left to draft in both languages, for translate to need models
    evaluated = run("evaluate")
    translated = run("translate")
    assert evaluated.exit_code == translated.exit_code == 1
    assert evaluated.output.strip().splitlines() == translated.output.strip().splitlines()[-1:]


def test_missing_packages_for_one_language_say_which_can_be_evaluated(reviewed_project, argos_dir, argos_archives):
    assert run("models", "install", str(argos_archives["de", "en"])).exit_code == 0
    result = run("evaluate")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "en→fr" in line and line.endswith("(or evaluate only en: --langs en)")
    assert run("evaluate", "--langs", "en").exit_code == 0


def test_the_source_language_is_a_usage_error(reviewed_project):
    result = run("evaluate", "--langs", "fr,de")
    assert result.exit_code == 2 and "'de' is the source language" in result.output


def test_a_language_that_is_no_target_of_the_project_is_a_usage_error(reviewed_project):
    result = run("evaluate", "--langs", "es")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "Error: Invalid value for --langs: es is not one of the project's languages (fr, en); see `pipeline --langs`"
    )


@pytest.mark.parametrize("langs", ["xx", ","])
def test_a_bad_language_list_is_a_usage_error_naming_the_option(reviewed_project, langs):
    result = run("evaluate", "--langs", langs)
    assert result.exit_code == 2 and "Invalid value for --langs" in result.output, result.output


def test_ctrl_c_exits_130_and_writes_nothing(reviewed_project, pivot_models, monkeypatch):
    def interrupted(self, pair, sentences):
        raise KeyboardInterrupt

    before = snapshot(Path("locales"))
    monkeypatch.setattr(engines.ArgosTranslator, "translate_scored", interrupted)
    result = run("evaluate")
    assert result.exit_code == 130 and "nothing was written" in result.output
    assert snapshot(Path("locales")) == before


def test_nothing_reviewed_is_a_one_line_error(project_dir, pivot_models):
    assert run("extract").exit_code == 0
    result = run("evaluate")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "no reviewed translation to evaluate against in fr, en" in line


def test_glossary_terms_never_reach_the_model(reviewed_project, pivot_models, monkeypatch):
    from argostranslate.tokenizer import SentencePieceTokenizer

    Path("glossary.toml").write_text('keep = ["Verkor", "Bourbourg"]\n', encoding="utf-8")
    tokenised = []
    real_encode = SentencePieceTokenizer.encode
    monkeypatch.setattr(
        SentencePieceTokenizer, "encode", lambda self, text: tokenised.append(text) or real_encode(self, text)
    )
    report = json.loads(run("evaluate", "--json", "--langs", "en").stdout)
    assert "ZQX1 hat in ZQX2 eine Fabrik eröffnet." in tokenised
    assert not any("Verkor" in text for text in tokenised)
    assert report["results"][0]["glossary"]["terms"] == 2  # Verkor and Bourbourg in one sentence


def test_evaluate_uses_the_engine_translate_uses(reviewed_project, pivot_models, monkeypatch):
    pairs = []
    real = engines.ArgosTranslator.translate_scored
    monkeypatch.setattr(
        engines.ArgosTranslator,
        "translate_scored",
        lambda self, pair, sentences: pairs.append(pair) or real(self, pair, sentences),
    )
    assert run("evaluate", "--json").exit_code == 0
    assert pairs == [DE_EN, EN_FR]  # German to English once, for English and the pivot alike


def test_evaluate_takes_the_engine_settings_translate_takes(reviewed_project, pivot_models, monkeypatch):
    settings_used = []
    real = engines.ArgosTranslator.__init__

    def recording(self, packages, options=engines.EngineOptions()):
        settings_used.append(options)
        real(self, packages, options)

    monkeypatch.setattr(engines.ArgosTranslator, "__init__", recording)
    assert run("evaluate", "--json", "--beam-size", "2", "--max-batch-size", "8").exit_code == 0
    assert [(options.beam_size, options.max_batch_size) for options in settings_used] == [(2, 8)]


def test_help_does_not_import_sacrebleu():
    code = (
        "import sys\n"
        "from pipeline.cli.commands import cli\n"
        'for args in (["--help"], ["evaluate", "--help"]):\n'
        "    try:\n"
        "        cli(args, prog_name='pipeline')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sacrebleu', 'ctranslate2')))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert output.stdout.strip().splitlines()[-1] == "[]"


def test_evaluate_reports_how_well_the_confidence_ranks_sentences(reviewed_project, pivot_models):
    """Spearman's rho between the engine's confidence and sentence chrF, over every reviewed sentence
    (the tiny random models give some figure: only the mechanics are asserted)."""
    report = json.loads(run("evaluate", "--json").stdout)
    for item in report["results"]:
        assert item["confidence"]["sentences"] == item["sentences"]
        rho = item["confidence"]["spearman"]
        assert rho is None or -1 <= rho <= 1
    text = run("evaluate").output
    assert text.count("confidence vs sentence chrF: Spearman's rho = ") == 2


def test_an_engine_without_scores_gives_no_correlation():
    sentences = [ReviewedSentence("nord", f"Satz {n}.", f"Phrase {n}.") for n in range(4)]
    route = choose_routes("de", "en", [DE_EN], RouteChoice.DEFAULT)[0]
    result = evaluate.evaluate({"en": sentences}, {"en": [route]}, FakeTranslator(), n_bootstrap=1)
    [scored] = result.results
    assert (scored.confidence_correlation, scored.confidence_sentences) == (None, 0)
