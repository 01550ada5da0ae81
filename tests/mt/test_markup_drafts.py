"""Machine drafts of Markdown sentences keep exactly the source's inline markup, whatever the engine does."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.articles import markdown
from pipeline.glossary import PLACEHOLDER_FOUND, Glossary, Term
from pipeline.mt import markup_drafts
from pipeline.mt.engines import FakeTranslator, ScoredTranslation
from pipeline.mt.routes import Pair
from pipeline.project import Project
from pipeline.qa import checks
from pipeline.stages.translate import draft, engine_input, open_catalogs
from tests.articles.test_markdown import NEWSROOM, catalog_path
from tests.conftest import load, run

DE_EN = Pair("de", "en")


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("Die **[Studie](https://x.org)** sagt `a`.", ["**[", "](https://x.org)**", "`a`"]),
        ("*Von Anna Muster*", ["*", "*"]),
        ("Das ~~alte~~ Haus.[^1] Ende", ["~~", "~~", "[^1]"]),
        ("Siehe [den Bericht][bericht] und [Dossier].", ["[", "][bericht]", "[Dossier]"]),
        ("Ein \\*Stern\\* &shy; <b>x</b>", ["\\*", "\\*", "&shy;", "<b>", "</b>"]),
        ('![Bild *a*](b.jpg) und ![Foto](c.png "T")', ["![Bild *a*](b.jpg)", "![", '](c.png "T")']),
        ("Ein * Stern und snake_case_name.", []),
        ("__fett__ und _kursiv_", ["__", "__", "_", "_"]),
    ],
)
def test_markup_pieces(text, pieces):
    assert [text[start:end] for start, end in markup_drafts.markup_pieces(text)] == pieces


def test_glossary_terms_inside_link_text_are_masked_too():
    masked = markup_drafts.mask_markdown(
        "Die [Verkor-Fabrik](https://v.fr) in Dunkerque.", Glossary((Term("Dunkerque", {"en": "Dunkirk"}),))
    )
    assert masked.text == "Die ZQX1Verkor-FabrikZQX2 in ZQX3."


@pytest.mark.parametrize(
    "output, repaired",
    [
        ("The ZQX1 study ZQX2 says ZQX3.", "The ZQX1studyZQX2 says ZQX3."),
        ("The zqx 1study ZQX-2 saysZQX3.", "The ZQX1studyZQX2 says ZQX3."),
        ("The ZQX2 study ZQX1 says ZQX3.", None),
        ("The ZQX1 study says ZQX3.", None),
        ("The ZQX1 study ZQX2 ZQX2 says ZQX3.", None),
        ("The ZQX1ZQX2 says ZQX3.", None),  # the link lost its text
    ],
)
def test_repair_takes_an_answer_only_with_every_placeholder_once_in_order(output, repaired):
    assert markup_drafts.repair("Die ZQX1StudieZQX2 sagt ZQX3.", output) == repaired


class Mangler(FakeTranslator):
    """A stand-in that writes every sentence in capitals and does ``damage`` to its placeholders."""

    def __init__(self, damage):
        super().__init__()
        self.damage = damage

    def translate(self, pair: Pair, sentences: Sequence[str]) -> list[str]:
        self.calls.append((pair, tuple(sentences)))
        return [self.damage(sentence.upper()) for sentence in sentences]


def drop(text: str) -> str:
    return PLACEHOLDER_FOUND.sub("", text)


def double(text: str) -> str:
    return PLACEHOLDER_FOUND.sub(lambda match: match.group() + " " + match.group(), text)


def reverse(text: str) -> str:
    found = [match.group() for match in PLACEHOLDER_FOUND.finditer(text)][::-1]
    return PLACEHOLDER_FOUND.sub(lambda match: found.pop(0), text)


def spaced(text: str) -> str:
    return PLACEHOLDER_FOUND.sub(lambda match: f" {match.group()} ", text) + " *[x]"


@pytest.fixture(params=NEWSROOM, ids=lambda path: path.stem)
def newsroom_catalogs(request, project_dir: Path) -> Path:
    Path("seeds/nord.txt").unlink()
    shutil.copy(request.param, Path("seeds") / request.param.name)
    assert run("extract").exit_code == 0
    return Path("seeds") / request.param.name


@pytest.mark.parametrize("damage", [drop, double, reverse, spaced])
def test_every_draft_keeps_the_source_markup_whatever_the_engine_does_to_placeholders(newsroom_catalogs, damage):
    engine = Mangler(damage)
    draft(open_catalogs(Project()), engine, {"en": (DE_EN,)})
    english = load(catalog_path(newsroom_catalogs, "en"))
    assert any(markup_drafts.markup_pieces(found.msgid) for found in english)
    for found in english:
        assert found.msgstr, found.msgid  # every entry drafted: nothing given up
        problems = list(checks.inline_markup(found.msgid, found.msgstr, checks.Context(lang="en", markdown=True)))
        assert problems == [], (found.msgid, found.msgstr)
        for start, end in markdown.protected_spans(found.msgid):
            assert found.msgid[start:end] in found.msgstr
    if damage is drop:  # each dropped answer was rebuilt from its runs, sent in a second call
        assert len(engine.calls) == 2 and not any(PLACEHOLDER_FOUND.search(text) for text in engine.calls[1][1])


def test_a_byline_in_emphasis_keeps_it_when_the_engine_drops_the_placeholders():
    masked = engine_input("*Von Anna Muster*", Glossary(), markdown=True)
    output = markup_drafts.translate_keeping_markup(Mangler(drop), DE_EN, [masked.text], guarded={masked.text})[0]
    assert markup_drafts.finished_draft("*Von Anna Muster*", output, masked, "en", Glossary()) == "*VON ANNA MUSTER*"


def test_a_pivot_keeps_the_markup_through_both_steps():
    source = "Die [Studie](https://x.org/a) ist **neu**."
    masked = engine_input(source, Glossary(), markdown=True)
    guarded = {masked.text}
    english = markup_drafts.translate_keeping_markup(Mangler(drop), DE_EN, [masked.text], guarded=guarded)[0]
    french = markup_drafts.translate_keeping_markup(Mangler(reverse), Pair("en", "fr"), [english], guarded=guarded)[0]
    assert (
        markup_drafts.finished_draft(source, french, masked, "fr", Glossary())
        == "DIE [STUDIE](https://x.org/a) IST **NEU**."
    )


def test_text_the_engine_writes_that_would_read_as_markup_is_escaped():
    masked = engine_input("Ein *kurzer* Satz.", Glossary(), markdown=True)
    output = "A ZQX1shortZQX2 * text [en]"
    assert (
        markup_drafts.finished_draft("Ein *kurzer* Satz.", output, masked, "en", Glossary())
        == "A *short* \\* text \\[en\\]"
    )


def test_translate_with_tiny_real_models_drafts_no_inline_markup_problem(project_dir, pivot_models):
    Path("seeds/nord.txt").unlink()
    seeds = [path for path in NEWSROOM if path.stem in ("haushalt-tabellen", "wetter-bilanz")]
    for seed in seeds:
        shutil.copy(seed, Path("seeds") / seed.name)
    result = run("translate", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    for seed in seeds:
        for lang in ("en", "fr"):
            drafted = [found for found in load(catalog_path(seed, lang)) if found.msgstr]
            assert len(drafted) > 20
            result = run("check", "--json", str(catalog_path(seed, lang)))
            problems = [p for p in json.loads(result.stdout)["problems"] if p["check"] == "inline_markup"]
            assert problems == [], problems
            assert not any(re.search("ZQX", found.msgstr) for found in drafted)


PIECES = [
    "Die",
    "Stadt",
    "baut.",
    "*neu*",
    "**fett**",
    "~~alt~~",
    "[Link](https://a.de/x)",
    "`code`",
    "[^1]",
    "[Bericht][ref]",
    "<https://b.de>",
    "&shy;",
    "_kursiv_",
    "**[Studie](s.pdf)**",
    "\\*",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10), st.sampled_from([drop, double, reverse, spaced]))
def test_any_sentence_drafted_by_any_damaging_engine_keeps_its_markup(words, damage):
    source = " ".join(words)
    masked = engine_input(source, Glossary(), markdown=True)
    output = markup_drafts.translate_keeping_markup(Mangler(damage), DE_EN, [masked.text], guarded={masked.text})[0]
    drafted = markup_drafts.finished_draft(source, output, masked, "en", Glossary())
    assert drafted, (source, output)
    assert markdown.markup_of(drafted) == markdown.markup_of(source)


class SureMangler(Mangler):
    """A :class:`Mangler` that scores its output: always 0.5 sure."""

    def translate_scored(self, pair: Pair, sentences: Sequence[str]) -> list[ScoredTranslation]:
        return [ScoredTranslation(text, 0.5) for text in self.translate(pair, sentences)]


def test_a_draft_keeps_the_engines_confidence_unless_it_was_rebuilt_from_runs():
    masked = engine_input("Die [Studie](https://x.org/a) ist neu.", Glossary(), markdown=True)
    kept = markup_drafts.translate_scored_keeping_markup(
        SureMangler(lambda text: text), DE_EN, [masked.text], guarded={masked.text}
    )
    rebuilt = markup_drafts.translate_scored_keeping_markup(
        SureMangler(drop), DE_EN, [masked.text], guarded={masked.text}
    )
    assert [output.confidence for output in kept + rebuilt] == [0.5, None]
