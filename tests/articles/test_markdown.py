"""Markdown articles through the whole loop: units, catalogs, masking, editions, typography, QA."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.articles import markdown
from pipeline.articles.model import assemble, encode, units
from pipeline.articles.seeds import segment_text
from pipeline.articles.typography import NBSP, NNBSP, TYPOGRAPHY
from pipeline.glossary import Glossary, Term
from pipeline.mt.engines import FakeTranslator
from pipeline.project import Project
from pipeline.qa import checks
from pipeline.stages.translate import draft, open_catalogs
from tests.conftest import entry, load, run, save, set_draft

ARTICLE = """\
---
title: Batterien
tags: [industrie, nord]
---

# Batterien aus dem *Norden*

**Aus Dunkerque:** Verkor hat in [Bourbourg *und* **Gravelines**](https://example.org/a.b?x=1&y=2 "Karte") eine Fabrik eröffnet. Dr. Weber sprach
am 3. Oktober vor 1.200 Gästen.  
Eine Zeile mit `code. „Span“` darin.\\
Siehe [den Bericht][bericht] und <https://verkor.com/presse>.

Ein Untertitel
--------------

- Erster Punkt. Zweiter Satz.
- Zweiter Punkt mit *Betonung*.
  1. Verschachtelt.

> Ein Zitat über
> zwei Zeilen. Noch ein Satz.

![Eine Fabrik in Dunkerque](bilder/fabrik.jpg "Foto")

Ein [Verkor](https://verkor.com)-Sprecher sagte: "Wir bleiben."

```python
print("nicht übersetzen.")
```

    eingerückter Code. Nicht übersetzen.

<div class="kasten">HTML bleibt.</div>

***

[bericht]: https://example.org/bericht.pdf
"""  # noqa: W291 - two trailing spaces make a Markdown hard line break

UNITS = [
    (6, "Batterien aus dem *Norden*"),
    (
        8,
        (
            '**Aus Dunkerque:** Verkor hat in [Bourbourg *und* **Gravelines**](https://example.org/a.b?x=1&y=2 "Karte") '
            "eine Fabrik eröffnet."
        ),
    ),
    (8, "Dr. Weber sprach am 3. Oktober vor 1.200 Gästen."),
    (10, "Eine Zeile mit `code. „Span“` darin."),
    (11, "Siehe [den Bericht][bericht] und <https://verkor.com/presse>."),
    (13, "Ein Untertitel"),
    (16, "Erster Punkt."),
    (16, "Zweiter Satz."),
    (17, "Zweiter Punkt mit *Betonung*."),
    (18, "Verschachtelt."),
    (20, "Ein Zitat über zwei Zeilen."),
    (21, "Noch ein Satz."),
    (23, "Eine Fabrik in Dunkerque"),
    (23, "Foto"),  # the image's title
    (25, 'Ein [Verkor](https://verkor.com)-Sprecher sagte: "Wir bleiben."'),
]

FRENCH = {
    UNITS[0][1]: "Des batteries venues du *Nord*",
    UNITS[1][1]: "**De Dunkerque :** Verkor a ouvert une usine à [Bourbourg *et* **Gravelines**]"
    '(https://example.org/a.b?x=1&y=2 "Karte").',
    UNITS[2][1]: "Le Dr Weber a parlé le 3 octobre devant 1 200 invités.",
    UNITS[3][1]: "Une ligne avec `code. „Span“` dedans.",
    UNITS[4][1]: "Voir [le rapport][bericht] et <https://verkor.com/presse>.",
    UNITS[5][1]: "Un sous-titre",
    UNITS[6][1]: "Premier point.",
    UNITS[7][1]: "Deuxième phrase.",
    UNITS[8][1]: "Deuxième point avec *emphase*.",
    UNITS[9][1]: "Imbriqué.",
    UNITS[10][1]: "Une citation sur deux lignes.",
    UNITS[11][1]: "Encore une phrase.",
    UNITS[12][1]: "Une usine à Dunkerque <script>alert(1)</script>",
    UNITS[13][1]: "Photo (Nord)",
    UNITS[14][1]: 'Un porte-parole de [Verkor](https://verkor.com) a dit : "Nous restons."',
}

FR = Path("locales/fr/LC_MESSAGES/nord.po")
CONTEXTS = {"Foto": "image title"}
"""msgctxt of the units that have one."""


def parse(text: str):
    return segment_text(text, slug="nord", source="seeds/nord.md", markdown=True)


def rebuilt(article) -> bytes:
    return encode(article, assemble(article, lambda unit: unit.text))


@pytest.fixture
def markdown_project(project_dir: Path) -> Path:
    Path("seeds/nord.txt").unlink()
    Path("seeds/nord.md").write_text(ARTICLE, encoding="utf-8")
    assert run("extract").exit_code == 0
    return project_dir


def review(translations: dict[str, str], path: Path = FR, *, drafts: bool = False) -> None:
    catalog = load(path)
    for msgid, text in translations.items():
        found = entry(catalog, msgid, CONTEXTS.get(msgid))
        if drafts:
            set_draft(found, text, "test engine")
        else:
            found.msgstr = text
    save(catalog, path)


def edition(lang: str, suffix: str) -> str:
    return Path(f"editions/{lang}/nord.{suffix}").read_text(encoding="utf-8")


# --- units ---------------------------------------------------------------------------------------


def test_units_are_headings_paragraph_sentences_list_items_quotes_and_alt_texts():
    assert [(unit.line, unit.text) for unit in units(parse(ARTICLE))] == [
        (2, "Batterien"),
        *UNITS,
    ]  # title: front matter


def test_front_matter_code_html_and_definitions_are_not_units():
    texts = " ".join(unit.text for unit in units(parse(ARTICLE)))
    for kept in ("title:", "print(", "eingerückter", "HTML bleibt", "bericht.pdf", "***"):
        assert kept not in texts


def test_the_article_is_rebuilt_byte_for_byte():
    assert rebuilt(parse(ARTICLE)) == ARTICLE.encode("utf-8")


def test_crlf_and_bom_are_kept():
    data = "\ufeff# Titel\r\n\r\nEin Satz. Noch\r\nein Satz.\r\n"
    article = segment_text(data, slug="nord", source="seeds/nord.md", markdown=True)
    assert [unit.text for unit in units(article)] == ["Titel", "Ein Satz.", "Noch ein Satz."]
    assert rebuilt(article) == data.encode("utf-8")


def test_a_bare_carriage_return_ends_a_line_as_markdown_it_reads_it():
    text = "# Titel\rEin Satz.\rZwei.\n\nDrei.\n"
    article = parse(text)
    assert [(unit.line, unit.text) for unit in units(article)] == [
        (1, "Titel"),
        (2, "Ein Satz."),
        (3, "Zwei."),
        (5, "Drei."),
    ]
    assert rebuilt(article) == text.encode("utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "Er las [den Bericht. Dann](https://x.org/a.b) ging er. Noch ein Satz.",
        "Er sagte **laut. Sehr laut** und ging. Noch ein Satz.",
        "Der Befehl `ls. Dann` läuft. Noch ein Satz.",
        "*Er kam. Er sah.* Noch ein Satz.",
    ],
)
def test_a_sentence_never_ends_inside_markup(text):
    found = [unit.text for unit in units(parse(text + "\n"))]
    md = markdown.source_parser()
    assert found[-1] == "Noch ein Satz." or found == [text]  # longer units rather than cut markup
    assert " ".join(md.renderInline(sentence) for sentence in found) == md.renderInline(text)


def test_msgids_spell_emphasis_one_way_and_the_file_keeps_the_authors():
    text = "Ein _kurzer_ und __fetter__ Satz mit `a_b` und snake_case.\n"
    article = parse(text)
    assert [unit.text for unit in units(article)] == ["Ein *kurzer* und **fetter** Satz mit `a_b` und snake_case."]
    assert rebuilt(article) == text.encode("utf-8")


def test_emphasis_between_sentences_still_splits():
    assert [unit.text for unit in units(parse("**Dunkerque.** Ein Satz. Noch einer.\n"))] == [
        "**Dunkerque.**",
        "Ein Satz.",
        "Noch einer.",
    ]
    assert [unit.text for unit in units(parse("Er kam.**Dann** ging *Dr.* Weber.\n"))] == [
        "Er kam.**Dann** ging *Dr.* Weber."
    ]


def test_catalog_references_use_each_sentences_source_line(markdown_project):
    template = load(Path("locales/nord.pot"))
    assert entry(template, "Noch ein Satz.").occurrences == [("seeds/nord.md", "21")]
    assert entry(template, UNITS[1][1]).msgid.count("https://example.org/a.b?x=1&y=2") == 1


# --- a property: generated articles come back byte for byte --------------------------------------

WORD = st.sampled_from(["Die", "Fabrik", "in", "Dunkerque", "baut", "Zellen", "Dr.", "3.", "Oktober", "1.200"])
INLINE = st.one_of(
    WORD,
    WORD.map(lambda w: f"*{w}*"),
    WORD.map(lambda w: f"**{w}**"),
    WORD.map(lambda w: f"`{w}`"),
    WORD.map(lambda w: f"_{w}_"),
    WORD.map(lambda w: f"__{w}__"),
    st.just("snake_case_name"),
    WORD.map(lambda w: f"[{w}](https://x.org/{w.strip('.')}.html)"),
    st.just("<https://example.org/a?b=1>"),
    WORD.map(lambda w: f"[{w}][ref]"),
    st.just("„Zitat“"),
    WORD.map(lambda w: f"<em>{w}</em>"),
    st.just("https://x.de/a_b?c=1"),
    st.just("&amp;"),
    st.just("\\*"),
    WORD.map(lambda w: f"[*{w}* **x**](/a)"),
)
SENTENCE = st.lists(INLINE, min_size=1, max_size=6).map(" ".join).map(lambda s: s[0].upper() + s[1:] + ".")
LINES = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)
PARAGRAPH = st.lists(LINES, min_size=1, max_size=3).flatmap(
    lambda lines: st.sampled_from(["\n", "  \n", "\\\n"]).map(lambda brk: brk.join(lines))
)
BLOCK = st.one_of(
    PARAGRAPH,
    LINES.map(lambda t: "# " + t),
    LINES.map(lambda t: "## " + t + " ##"),
    st.lists(LINES, min_size=1, max_size=3).map(lambda items: "\n".join("- " + i for i in items)),
    st.lists(LINES, min_size=1, max_size=3).map(lambda items: "\n".join(f"{n}. " + i for n, i in enumerate(items, 1))),
    PARAGRAPH.map(lambda t: "> " + t.replace("\n", "\n> ")),
    st.just("```\ncode. Nicht.\n```"),
    WORD.map(lambda w: f"![{w} Bild](bilder/{w.strip('.')}.jpg)"),
    st.just("---"),
    st.just("<div>x</div>"),
)
ARTICLES = st.tuples(
    st.sampled_from(["", "---\ntitle: x\n---\n\n", '+++\ntitle = "x"\n+++\n\n']),
    st.lists(BLOCK, min_size=1, max_size=6),
    st.sampled_from(["\n\n", "\n\n\n"]),
    st.sampled_from(["", "\n", "\n\n[ref]: https://example.org/ref\n"]),
).map(lambda parts: parts[0] + parts[2].join(parts[1]) + parts[3])


@settings(max_examples=200, deadline=None)
@given(ARTICLES)
def test_generated_markdown_articles_are_rebuilt_byte_for_byte(text):
    assert rebuilt(parse(text)) == text.encode("utf-8")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ARTICLES)
def test_build_de_gives_generated_markdown_back_byte_for_byte(project_dir, text):
    for path in Path(".").glob("*/**/*"):
        if path.is_file() and path.suffix in {".po", ".pot", ".md", ".html", ".txt"}:
            path.unlink()
    Path("seeds/nord.md").write_text(text, encoding="utf-8")
    if not list(units(parse(text))):
        return
    assert run("extract").exit_code == 0
    result = run("build", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert Path("editions/de/nord.md").read_bytes() == text.encode("utf-8")


def test_build_de_gives_the_markdown_back_byte_for_byte(markdown_project):
    assert run("build", "--lang", "de").exit_code == 0
    assert Path("editions/de/nord.md").read_bytes() == Path("seeds/nord.md").read_bytes()


# --- machine translation -------------------------------------------------------------------------


def test_urls_and_code_never_reach_the_engine_and_come_back_byte_for_byte(markdown_project):
    fake = FakeTranslator()
    glossary = Glossary((Term("Verkor", {}), Term("Dunkerque", {"en": "Dunkirk"})))
    draft(open_catalogs(Project()), fake, {"en": (catalogs_pair("de", "en"),)}, glossary=glossary)
    sent = " ".join(sentence for _, batch in fake.calls for sentence in batch)
    for hidden in ("https://", "example.org", "verkor.com", "`code", "bericht]", "Verkor"):
        assert hidden not in sent
    english = load(Path("locales/en/LC_MESSAGES/nord.po"))
    assert entry(english, UNITS[1][1]).msgstr.count('(https://example.org/a.b?x=1&y=2 "Karte")') == 1
    # the stand-in's "[en]" would read as a reference link: the draft escapes it (pipeline.mt.markup_drafts)
    assert entry(english, UNITS[4][1]).msgstr.endswith("[bericht] und <https://verkor.com/presse>. \\[en\\]")
    assert entry(english, UNITS[14][1]).msgstr.startswith("Ein [Verkor](https://verkor.com)-Sprecher")


def catalogs_pair(source: str, target: str):
    from pipeline.mt.routes import Pair

    return Pair(source, target)


def test_text_articles_send_brackets_to_the_engine_as_before(project_dir):
    Path("seeds/nord.txt").write_text("Er sagte [sic] `so`.\n", encoding="utf-8")
    assert run("extract").exit_code == 0
    fake = FakeTranslator()
    draft(open_catalogs(Project()), fake, {"en": (catalogs_pair("de", "en"),)})
    assert fake.calls[0][1] == ("Er sagte [sic] `so`.",)


# --- editions ------------------------------------------------------------------------------------


@pytest.fixture
def french(markdown_project: Path) -> Path:
    review(FRENCH)
    result = run("build", "--lang", "fr")
    assert result.exit_code == 0, result.output
    return markdown_project


def test_markdown_edition_keeps_blocks_markup_and_untranslated_parts(french):
    md = edition("fr", "md")
    assert md.startswith("---\ntitle: Batterien\ntags: [industrie, nord]\n---\n\n*Mis à jour le ")
    for kept in (
        "# Des batteries venues du *Nord*\n",
        "\nUn sous-titre\n--------------\n",
        "- Premier point. Deuxième phrase.\n- Deuxième point avec *emphase*.\n  1. Imbriqué.\n",
        "> Une citation sur deux lignes. Encore une phrase.\n",
        '](bilder/fabrik.jpg "Photo \\(Nord\\)")',  # a title's delimiters escaped
        '```python\nprint("nicht übersetzen.")\n```\n',
        "    eingerückter Code. Nicht übersetzen.\n",
        '<div class="kasten">HTML bleibt.</div>\n',
        "[bericht]: https://example.org/bericht.pdf\n",
        '(https://example.org/a.b?x=1&y=2 "Karte")',
        "<https://verkor.com/presse>",
    ):
        assert kept in md, kept
    assert "invités.  \nUne ligne avec `code. „Span“` dedans.\\\nVoir [le rapport][bericht]" in md


def test_html_edition_renders_the_markup_and_escapes_translations(french):
    page = edition("fr", "html")
    for shown in (
        "<h1>Des batteries venues du <em>Nord</em></h1>",
        "<h2>Un sous-titre</h2>",
        (
            '<a href="https://example.org/a.b?x=1&amp;y=2" title="Karte">Bourbourg <em>et</em> '
            "<strong>Gravelines</strong></a>"
        ),
        '<a href="https://example.org/bericht.pdf">le rapport</a>',
        '<a href="https://verkor.com/presse">',
        "<li>Imbriqué.</li>",
        "<blockquote>",
        'src="bilder/fabrik.jpg"',
        "<br />",
        "<code>code. „Span“</code>",
    ):
        assert shown in page, shown
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert re.search(r'alt="Une usine à Dunkerque [^"]*"', page)
    assert "<title>Des batteries venues du Nord</title>" in page


def test_html_edition_marks_sentences_left_in_german(markdown_project):
    review({key: text for key, text in FRENCH.items() if key not in (UNITS[0][1], UNITS[12][1])})
    assert run("build", "--lang", "fr").exit_code == 0
    page = edition("fr", "html")
    assert '<h1><span class="untranslated" lang="de">Batterien aus dem <em>Norden</em></span></h1>' in page
    assert 'alt="Eine Fabrik in Dunkerque"' in page and "\u2e02" not in page and "\u2e03" not in page
    assert page.count('class="untranslated"') == 1
    assert "\u2e02" not in edition("fr", "md") + edition("fr", "txt")


def test_text_edition_is_plain_text(french):
    text = edition("fr", "txt")
    assert "\nDes batteries venues du Nord\n\n" in text
    assert "- Premier point. Deuxième phrase.\n- Deuxième point avec emphase.\n" in text
    assert "*" not in text.split("\n\n", 1)[1] and "](" not in text and "<https" not in text


def test_typography_never_inside_code_spans_or_urls(french):
    md = edition("fr", "md")
    assert "`code. „Span“`" in md  # code span as written
    assert f"[Verkor](https://verkor.com) a dit{NBSP}: «{NNBSP}Nous restons.{NNBSP}»" in md
    assert '(https://example.org/a.b?x=1&y=2 "Karte")' in md  # title quotes untouched


def test_typography_helper_leaves_protected_spans():
    text = 'Er sagte: "Ja" zu `"x"` und [„Link“](https://a.b/?q="1":2)!'
    shown = markdown.typeset_units([text], TYPOGRAPHY["fr"])[0]
    assert '`"x"`' in shown and '(https://a.b/?q="1":2)' in shown and f"«{NNBSP}Link{NNBSP}»" in shown


@pytest.mark.parametrize(
    "translation", ["# Titre", "- liste", "1. liste", "> citation", "---", "===", "```", "<div>", "Oui.\n# Non"]
)
def test_a_translation_cannot_start_a_block(markdown_project, translation):
    def blocks(shown: str) -> list[int]:
        review({"Zweiter Satz.": "Deuxième phrase.", "Erster Punkt.": shown, UNITS[4][1]: shown})
        assert run("build", "--lang", "fr").exit_code == 0
        rendered = markdown.to_html(edition("fr", "md"))
        return [
            rendered.count(tag) for tag in ("<h1>", "<h2>", "<li>", "<blockquote>", "<hr />", "<ol>", "<pre>", "<p>")
        ]

    assert blocks(translation) == blocks("Premier point.")


def test_a_heading_translation_keeps_a_final_hash(markdown_project):
    review({UNITS[0][1]: "Des batteries, numéro #"})
    assert run("build", "--lang", "fr").exit_code == 0
    assert "<h1>Des batteries, numéro #</h1>" in markdown.to_html(edition("fr", "md"))


def test_source_round_trip_renders_the_same_html(markdown_project):
    run("build", "--lang", "de")
    assert markdown.to_html(edition("de", "md")) == markdown.to_html(ARTICLE)


# --- QA ------------------------------------------------------------------------------------------

MARKDOWN = checks.Context(lang="fr", markdown=True)


def fails(source: str, translation: str, context: checks.Context = MARKDOWN) -> bool:
    return bool(list(checks.inline_markup(source, translation, context)))


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Siehe [hier](https://a.org/x).", "Voir [ici](https://a.org/y)."),
        ("Siehe [hier](https://a.org/x).", "Voir ici."),
        ("Ein *wichtiger* Satz.", "Une phrase importante."),
        ("Ein **fetter** Satz.", "Une phrase *grasse*."),
        ("Der Befehl `ls -l` läuft.", "La commande `ls -la` tourne."),
        ("Siehe [Bericht][ref].", "Voir [rapport][rapport]."),
        ("Siehe <https://a.org>.", "Voir https://a.org."),
    ],
)
def test_inline_markup_check_finds(source, translation):
    assert fails(source, translation)


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Siehe [hier](https://a.org/x) und *dort*.", "Voir *là* et [ici](https://a.org/x)."),
        ("Der Befehl `ls -l` läuft.", "La commande `ls -l` tourne."),
        ("Siehe [Bericht][ref].", "Voir [le rapport][ref]."),
        ("Ein Satz ohne Markup.", "Une phrase."),
    ],
)
def test_inline_markup_check_passes(source, translation):
    assert not fails(source, translation)


def test_inline_markup_check_is_for_markdown_articles_only():
    assert not fails("Ein *wichtiger* Satz.", "Une phrase.", checks.Context(lang="fr"))


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Der Befehl `zeige Zulieferer` läuft.", "The command `zeige Zulieferer` runs."),
        ("Siehe [Bericht][zulieferer].", "See [report][zulieferer]."),
        ("Siehe ![Bild](bilder/werk.png) und mehr.", "See ![picture](bilder/werk.png) and more."),
        (
            'Siehe [hier](https://x.de/steuereinnahmen "Zulieferer").',
            'See [here](https://x.de/steuereinnahmen "Zulieferer").',
        ),
    ],
)
def test_markup_kept_as_written_is_not_german_residue(source, translation):
    assert list(checks.untranslated_words(source, translation, checks.Context(lang="en", markdown=True))) == []


@pytest.mark.parametrize("source", ["`npm install --save`", "<https://x.de/zulieferer>", "`ls` 2024"])
def test_a_markdown_sentence_of_code_or_addresses_only_may_stay_unchanged(source):
    assert list(checks.unchanged(source, source, checks.Context(lang="en", markdown=True))) == []
    assert list(checks.unchanged("Der `ls` Befehl.", "Der `ls` Befehl.", checks.Context(lang="en", markdown=True)))


def test_german_residue_in_the_text_of_a_markdown_sentence_is_still_found():
    found = checks.untranslated_words(
        "Die `Liste` der Zulieferer.", "The `Liste` of Zulieferer.", checks.Context(lang="en", markdown=True)
    )
    assert list(found) == ["German left in the translation: Zulieferer"]


def test_check_reports_inline_markup_as_error_when_reviewed_and_warning_for_drafts(markdown_project):
    review({UNITS[8][1]: "Deuxième point avec emphase."})
    review({UNITS[3][1]: "Une ligne avec `code` dedans."}, drafts=True)
    result = run("check", "--json", str(FR))
    found = [
        (p["check"], p["severity"]) for p in json.loads(result.stdout)["problems"] if p["check"] == "inline_markup"
    ]
    assert sorted(found) == [("inline_markup", "error"), ("inline_markup", "warning")]
    assert result.exit_code == 3


def test_translate_with_real_models_keeps_urls_away_from_the_engine(markdown_project, pivot_models, monkeypatch):
    from tests.stages.test_translate import calls_to_engine

    calls = calls_to_engine(monkeypatch)
    result = run("translate", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    sent = " ".join(sentence for _, batch in calls for sentence in batch)
    assert "https://" not in sent and "bilder/" not in sent and "`code" not in sent
    drafts = [e for e in load(Path("locales/en/LC_MESSAGES/nord.po")) if e.msgstr]
    assert len(drafts) == len(UNITS) + 1  # and the front matter's title
    for found in drafts:  # random weights: whatever the engine kept of a placeholder is the URL itself
        for url in re.findall(r"https?://[^\s)>\"]+", found.msgstr):
            assert url in found.msgid


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "<div onclick=alert(1)>x</div>",
    ],
)
def test_markup_in_translations_is_never_run(markdown_project, attack):
    review(
        {
            UNITS[0][1]: attack + " Titre",
            UNITS[6][1]: attack,
            UNITS[2][1]: "Le Dr Weber " + attack,
            UNITS[12][1]: attack,
        }
    )
    assert run("build", "--lang", "fr").exit_code == 0
    page = edition("fr", "html")
    body = page.split("<article>", 1)[1]
    assert "<script" not in body and '<img src="x"' not in body and "<img src=x" not in body
    assert "javascript:" not in re.sub(r"&[a-z]+;|\[x\]\(javascript:alert\(1\)\)", "", body)
    assert "<div onclick" not in body


def test_build_de_keeps_crlf_and_bom_of_a_markdown_seed(project_dir):
    Path("seeds/nord.txt").unlink()
    data = "\ufeff# Titel\r\n\r\n> Ein Satz. Noch\r\n> ein Satz.\r\n\r\n```\r\ncode\r\n```\r\n".encode("utf-8")
    Path("seeds/nord.md").write_bytes(data)
    assert run("extract").exit_code == 0
    assert run("build", "--lang", "de").exit_code == 0
    assert Path("editions/de/nord.md").read_bytes() == data


def test_a_translation_with_a_line_break_is_put_on_one_line_and_named(markdown_project):
    review({UNITS[6][1]: "Premier point.\n# Titre\n\nAutre"})
    result = run("build", "--lang", "fr")
    assert result.exit_code == 0
    assert "- Premier point. # Titre Autre" in edition("fr", "md")
    assert "seeds/nord.md:16: fr: warning: line breaks, control characters" in result.output


# --- found on newsroom articles (tests/data/markdown/) -------------------------------------------


def test_toml_front_matter_is_kept_untranslated(project_dir):
    Path("seeds/nord.txt").unlink()
    text = '+++\nlayout = "Wahl"\ndraft = false\n+++\n\n# Titel\n\nEin Satz.\n'
    assert [unit.text for unit in units(parse(text))] == ["Titel", "Ein Satz."]  # no title: nothing to read
    Path("seeds/nord.md").write_text(text, encoding="utf-8")
    assert run("extract").exit_code == 0
    assert run("build", "--lang", "fr").exit_code == 0
    assert edition("fr", "md").startswith('+++\nlayout = "Wahl"\ndraft = false\n+++\n\n*Mis à jour le ')
    assert "Wahl" not in edition("fr", "html").split("<article>", 1)[1]
    assert "draft" not in edition("fr", "txt")


def test_a_lone_plus_line_is_no_front_matter():
    assert [unit.text for unit in units(parse("+++\n\nEin Satz.\n"))] == ["+++", "Ein Satz."]


def test_the_authors_inline_html_is_rendered_and_a_translators_is_shown_as_text(markdown_project):
    Path("seeds/nord.md").write_text(
        "Die <em>Einheitszelle</em> kommt.<br>\nSie ist <sup>neu</sup>.\n", encoding="utf-8"
    )
    assert run("extract").exit_code == 0
    review(
        {
            "Die <em>Einheitszelle</em> kommt.<br> Sie ist <sup>neu</sup>.": "La <em>cellule</em> arrive.<br> <script>alert(1)</script> Elle est <sup>neuve</sup>."
        }
    )
    assert run("build", "--lang", "fr").exit_code == 0
    body = edition("fr", "html").split("<article>", 1)[1]
    assert "La <em>cellule</em> arrive.<br>" in body and "<sup>neuve</sup>" in body
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_bare_urls_and_email_addresses_are_protected():
    text = "Tickets unter https://www.buchmesse.de/tickets?a=1 oder presse@buchmesse.de."
    spans = [text[start:end] for start, end in markdown.protected_spans(text)]
    assert spans == ["https://www.buchmesse.de/tickets?a=1", "presse@buchmesse.de"]


def test_text_edition_numbers_ordered_lists_and_indents_nested_ones():
    text = "1. Erstens.\n2. Zweitens.\n   - innen\n\n   Absatz.\n3. Drittens.\n"
    assert markdown.plain_text(text) == ("1. Erstens.\n2. Zweitens.\n   - innen\n\n   Absatz.\n3. Drittens.\n")


# --- newsroom articles (tests/data/markdown/): the whole loop, as on held-out articles ------------
# Front matter (YAML, TOML), ATX and setext headings, datelines, inline/reference/collapsed/angle-bracket
# links with titles, nested emphasis in links, images (alone and inline), loose/tight/nested lists,
# nested block quotes, code spans and blocks, hard breaks, HTML blocks and inline HTML, a pipe table
# (a paragraph to CommonMark), escapes, entities, bare URLs, CRLF, a BOM, trailing whitespace, no final
# newline. The French "translation" is the msgid in capitals outside its protected spans.

NEWSROOM = sorted((Path(__file__).parent.parent / "data" / "markdown").glob("*.md"))


@pytest.fixture(params=NEWSROOM, ids=lambda path: path.stem)
def newsroom(request, project_dir: Path) -> Path:
    Path("seeds/nord.txt").unlink()
    shutil.copy(request.param, Path("seeds") / request.param.name)
    assert run("extract").exit_code == 0
    return Path("seeds") / request.param.name


def shout(text: str) -> str:
    """``text`` in capitals outside its protected spans: a translation that keeps all the markup."""
    parts, last = [], 0
    for start, end in markdown.protected_spans(text):
        parts += [text[last:start].upper(), text[start:end]]
        last = end
    return "".join(parts) + text[last:].upper()


def catalog_path(seed: Path, lang: str = "fr") -> Path:
    return Path(f"locales/{lang}/LC_MESSAGES/{seed.stem}.po")


def translate_all(seed: Path, translate, *, drafts=lambda msgid: False) -> None:
    path = catalog_path(seed)
    catalog = load(path)
    for found in catalog:
        if drafts(found.msgid):
            set_draft(found, translate(found.msgid), "test engine")
        else:
            found.msgstr = translate(found.msgid)
    save(catalog, path)


def source_text(seed: Path) -> str:
    return seed.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def block_types(text: str) -> list[str]:
    return [
        token.type
        for token in markdown.source_parser().parse(text)  # footnotes where they stand
        if token.block and token.type not in ("inline", "front_matter")
    ]


def links(html: str) -> list[str]:
    return sorted(re.findall(r'(?:href|src)="([^"]*)"', html))


def test_newsroom_article_build_de_gives_it_back_byte_for_byte(newsroom):
    assert run("build", "--lang", "de").exit_code == 0
    assert Path("editions/de", newsroom.name).read_bytes() == newsroom.read_bytes()


def test_newsroom_article_msgids_are_readable(newsroom):
    for found in load(Path(f"locales/{newsroom.stem}.pot")):
        assert found.msgid == found.msgid.strip() and "\n" not in found.msgid
        assert not re.search("[\ue000-\uf8ff]|ZQX", found.msgid)
        assert not found.msgid.startswith(("#", "> ", "- ", "---", "+++", "title:", "[")), found.msgid


def test_newsroom_article_translated_keeps_blocks_links_and_protected_markup(newsroom):
    translate_all(newsroom, shout)
    result = run("build", "--lang", "fr")
    assert result.exit_code == 0, result.output
    source, md = source_text(newsroom), Path("editions/fr", newsroom.name).read_bytes().decode("utf-8-sig")
    front = markdown.split_front_matter(md.replace("\r\n", "\n"))[0].splitlines()
    assert [line for line in front if not line.startswith(("title", "description", "summary"))] == [
        line
        for line in markdown.split_front_matter(source)[0].splitlines()
        if not line.startswith(("title", "description", "summary"))
    ]
    assert block_types(md.replace("\r\n", "\n"))[2:-3] == block_types(source)  # less the date, the language links
    body = Path(f"editions/fr/{newsroom.stem}.html").read_text(encoding="utf-8").split("<article>", 1)[1]
    assert links(body) == links(markdown.to_html(source))
    assert "<script" not in body
    for found in load(catalog_path(newsroom)):
        for start, end in markdown.protected_spans(found.msgid):
            assert found.msgid[start:end] in md, found.msgid[start:end]  # no typography in code or URLs
    text = Path(f"editions/fr/{newsroom.stem}.txt").read_text(encoding="utf-8")
    assert "](" not in text and "**" not in text and "<https" not in text


def test_newsroom_article_check_is_silent_on_translations_that_keep_the_markup(newsroom):
    translate_all(newsroom, shout)
    result = run("check", "--json", str(catalog_path(newsroom)))
    found = [p for p in json.loads(result.stdout)["problems"] if p["check"] in ("inline_markup", "markup", "brackets")]
    assert found == []


def test_newsroom_article_check_flags_lost_markup(newsroom):
    template = load(Path(f"locales/{newsroom.stem}.pot"))
    marked = [
        e.msgid for e in template if markdown.markup_of(e.msgid) != markdown.markup_of(markdown.plain_inline(e.msgid))
    ]
    drafts = set(marked[1::2])
    translate_all(
        newsroom,
        lambda msgid: markdown.plain_inline(msgid) if msgid in marked else shout(msgid),
        drafts=drafts.__contains__,
    )
    result = run("check", "--json", str(catalog_path(newsroom)))
    found = sorted(
        (p["line"], p["severity"]) for p in json.loads(result.stdout)["problems"] if p["check"] == "inline_markup"
    )
    assert marked
    assert len({line for line, severity in found if severity == "error"}) == len(marked) - len(drafts)
    assert len({line for line, severity in found if severity == "warning"}) == len(drafts)
    assert {severity for _, severity in found} <= {"error", "warning"}


def test_newsroom_article_urls_and_code_never_reach_the_engine(newsroom):
    from pipeline.mt.routes import Pair

    fake = FakeTranslator()
    draft(open_catalogs(Project()), fake, {"en": (Pair("de", "en"),)})
    sent = "\n".join(fake.sentences(Pair("de", "en")))
    english = {e.msgid: e.msgstr for e in load(catalog_path(newsroom, "en"))}
    for msgid, translation in english.items():
        for start, end in markdown.protected_spans(msgid):
            assert msgid[start:end] not in sent
            assert msgid[start:end] in translation


@pytest.mark.parametrize(
    "source, shown",
    [
        ("**Zitat des Tages:** „Bücher“", f"**Zitat des Tages{NBSP}:** «{NNBSP}Bücher{NNBSP}»"),
        ("*Hinweis:* Dieser Text.", f"*Hinweis{NBSP}:* Dieser Text."),
        ("Wirklich?** Ja!_", f"Wirklich{NNBSP}?** Ja{NNBSP}!_"),
        ("Um 9:30 und `a:**`.", "Um 9:30 und `a:**`."),
    ],
)
def test_french_punctuation_space_before_a_closing_emphasis(source, shown):
    assert markdown.typeset_units([source], TYPOGRAPHY["fr"]) == [shown]


@pytest.mark.parametrize("source", ["Mehr im [Dossier][].", "Mehr im [Dossier]."])
def test_a_collapsed_or_shortcut_reference_may_be_translated_as_a_full_one(source):
    assert not fails(source, "Plus dans le [dossier][Dossier].")
    assert not fails(source, source)
    assert fails(source, "Plus dans le [dossier][Autre].")
    assert fails(source, "Plus dans le dossier.")


def test_text_edition_leaves_out_an_image_without_alt_text():
    text = "Ein Satz.\n\n![](bilder/leer.png)\n\nNoch einer.\n"
    assert markdown.plain_text(text) == "Ein Satz.\n\nNoch einer.\n"


def test_markup_followed_by_a_number_comes_back_from_the_engine():
    from pipeline.glossary import restore
    from pipeline.mt.markup_drafts import mask_markdown

    text = 'Ein Sprecher von <abbr title="50Hertz GmbH">50Hertz</abbr> sagte.'
    masked = mask_markdown(text, Glossary())
    assert "50Hertz GmbH" not in masked.text
    assert restore(masked.text, masked, "en", Glossary()) == text


def test_translate_with_real_models_keeps_a_newsroom_articles_markup_away_from_the_engine(
    project_dir, pivot_models, monkeypatch
):
    from tests.stages.test_translate import calls_to_engine

    Path("seeds/nord.txt").unlink()
    seed = next(path for path in NEWSROOM if path.stem == "buchmesse-frankfurt")
    shutil.copy(seed, Path("seeds") / seed.name)
    calls = calls_to_engine(monkeypatch)
    result = run("translate", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    sent = "\n".join(sentence for _, batch in calls for sentence in batch)
    template = load(Path(f"locales/{seed.stem}.pot"))
    for found in template:
        for start, end in markdown.protected_spans(found.msgid):
            assert found.msgid[start:end] not in sent
    for found in load(catalog_path(seed, "en")):  # random weights: a URL in a draft is the msgid's own
        assert found.msgstr
        for url in re.findall(r"https?://[^\s)>\"]+", found.msgstr):
            assert url in found.msgid


def test_a_markdown_article_is_split_with_the_rules_of_its_source_language():
    """`source-lang = "en"`: a `.md` article is split as a `.txt` one is, not with the German tables."""
    text = "# Title\n\nCome at 5 p.m. Tomorrow is fine.\n"
    as_markdown = segment_text(text, slug="s", source="s.md", markdown=True, language="en")
    as_text = segment_text(text.split("\n\n", 1)[1], slug="s", source="s.txt", language="en")
    assert (
        [unit.text for unit in units(as_markdown)][1:]
        == [unit.text for unit in units(as_text)]
        == ["Come at 5 p.m.", "Tomorrow is fine."]
    )
