"""Cutting a Markdown paragraph into sentences: the markup stays whole, in linear time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pipeline.articles import markdown_cuts
from pipeline.articles.markdown import AnyReference, source_parser
from pipeline.articles.seeds import segment_text

FRAGMENTS = [
    "Satz.",
    "Ein Satz.",
    "*kurzer*",
    "**fett.**",
    "*offen",
    "zu*",
    "[Link",
    "](u)",
    "[a](b)",
    "`code",
    "Code`",
    "<b>",
    "</b>",
    "_x_",
    "__y__",
    "~~z~~",
    "Ja.",
    "Nein!",
    "\\*",
    "&amp;",
    "***",
    "[x]",
]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Each space-separated word as a 'sentence': every gap is a candidate cut."""
    spans, position = [], 0
    for word in text.split(" "):
        spans.append((position, position + len(word)))
        position += len(word) + 1
    return spans


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=2, max_size=12))
def test_cuts_found_from_positions_are_those_found_by_rendering(words):
    text = " ".join(words)
    spans, env = paragraph_spans(text), {"references": AnyReference()}
    md = source_parser()
    whole = md.renderInline(text, env)
    assert markdown_cuts.keep_markup_whole(md, text, spans, env) == markdown_cuts._by_rendering(
        md, text, spans, env, whole
    )


class ParsedCharacters:
    """Counts the characters markdown-it parses: the work of segmentation, without a clock."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.count = 0
        for name in ("parse", "parseInline"):
            real = getattr(MarkdownIt, name)
            monkeypatch.setattr(MarkdownIt, name, self.counting(real))

    def counting(self, real):
        def parse(md, src, env=None):
            self.count += len(src)
            return real(md, src, env)

        return parse


def work(unit: str, repeat: int, counter: ParsedCharacters) -> int:
    counter.count = 0
    segment_text("# T\n\n" + unit * repeat + "\n", slug="x", source="x.md", markdown=True, language="de")
    return counter.count


@pytest.mark.parametrize("unit", ["[Satz. ", "**Satz.** ", "Ein *kurzer* Satz. ", "Satz *eins. ", "_Satz._ "])
def test_segmenting_a_paragraph_is_linear_in_its_length(unit, monkeypatch):
    counter = ParsedCharacters(monkeypatch)
    single, double = work(unit, 200, counter), work(unit, 400, counter)
    assert double <= 2.2 * single, (single, double)  # quadratic work would give about 4


def test_the_linear_time_bench_runs_in_quick_mode():
    import subprocess
    import sys

    from tests.conftest import REPO

    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_linear_time.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 22 and all("ratio" in line for line in result.stdout.splitlines())
