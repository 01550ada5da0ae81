"""Editions: policies and threshold, typography, escaping, links, the source round trip, review sheet."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from babel import Locale

from pipeline import errors
from pipeline.articles.typography import NNBSP, TYPOGRAPHY, typeset
from pipeline.editions import build
from pipeline.po import catalogs, views
from pipeline.project import Project
from tests.conftest import SEED, entry, load, run, save, set_draft

FR = Path("locales/fr/LC_MESSAGES/nord.po")
EN = Path("locales/en/LC_MESSAGES/nord.po")

FRENCH = {
    "Batterien aus dem Norden": "Des batteries venues du Nord",
    "Verkor hat in Bourbourg eine Fabrik eröffnet.": "Verkor a ouvert une usine à Bourbourg.",
    "Dr. Weber sprach am 3. Oktober vor 1.200 Gästen.": "Le Dr Weber a parlé le 3 octobre devant 1 200 invités.",
    "Die Region hofft auf Arbeit.": "La région espère du travail.",
    "Ja.": "Oui.",
    "„Hauptsache, hier passiert wieder was.“": "„L'essentiel, c'est qu'il se passe à nouveau quelque chose.“",
    "Ein Satz, der trifft.": "Une phrase qui fait mouche.",
}
ENGLISH = {
    "Batterien aus dem Norden": "Batteries from the North",
    "Verkor hat in Bourbourg eine Fabrik eröffnet.": "Verkor has opened a factory in Bourbourg.",
    "Dr. Weber sprach am 3. Oktober vor 1.200 Gästen.": "Dr Weber spoke to 1,200 guests on 3 October.",
    "Die Region hofft auf Arbeit.": "The region hopes for work.",
    "Ja.": "Yes.",
    "„Hauptsache, hier passiert wieder was.“": "„As long as something is happening here again.“",
    "Ein Satz, der trifft.": "A sentence that hits home.",
}
SECOND_JA = ("occurrence 2", "Ja.")


def translate(path: Path, translations: dict, *, drafts: bool = False) -> None:
    """Fill msgstrs (keys are msgids or (msgctxt, msgid)), reviewed or as machine drafts."""
    catalog = load(path)
    for key, text in translations.items():
        context, msgid = key if isinstance(key, tuple) else (None, key)
        found = entry(catalog, msgid, context)
        if drafts:
            set_draft(found, text, "test engine")
        else:
            found.msgstr = text
    save(catalog, path)


def set_revision_date(path: Path, value: str) -> None:
    catalog = load(path)
    catalog.metadata["PO-Revision-Date"] = value
    save(catalog, path)


def edition(lang: str, suffix: str, slug: str = "nord") -> str:
    return Path(f"editions/{lang}/{slug}.{suffix}").read_text(encoding="utf-8")


def snapshot() -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(Path("editions").rglob("*")) if path.is_file()}


@pytest.fixture
def extracted(project_dir: Path) -> Path:
    assert run("extract").exit_code == 0
    return project_dir


@pytest.fixture
def all_reviewed(extracted: Path) -> Path:
    translate(FR, {**FRENCH, SECOND_JA: "Oui."})
    translate(EN, {**ENGLISH, SECOND_JA: "Yes."})
    return extracted


# --- policies ------------------------------------------------------------------------------------


def test_draft_policy_fills_in_machine_drafts_and_says_so(extracted):
    translate(FR, {key: FRENCH[key] for key in list(FRENCH)[:4]})
    translate(FR, {"Ja.": "Oui.", "Ein Satz, der trifft.": "Une phrase qui fait mouche."}, drafts=True)
    result = run("build")
    assert result.exit_code == 0, result.output
    text = edition("fr", "txt")
    assert "La région espère du travail. Oui.\n" in text  # reviewed, then draft
    assert "Une phrase qui fait mouche." in text
    assert "„Hauptsache, hier passiert wieder was.“" in text  # untranslated: German, listed
    assert "seeds/nord.txt:4: fr: not translated, left in the source language" in result.output
    for suffix in ("txt", "md", "html"):
        assert "traduction automatique non relue (2 phrases sur 8" in edition("fr", suffix)
        assert "2 phrases sur 8 ne sont pas encore traduites et restent en allemand" in edition("fr", suffix)


def test_draft_policy_marks_sentences_left_in_german_in_html(extracted):
    translate(FR, {key: FRENCH[key] for key in list(FRENCH)[:5]})
    run("build")
    assert '<span class="untranslated" lang="de">Ein Satz, der trifft.</span>' in edition("fr", "html")


def test_complete_reviewed_edition_has_no_notice(all_reviewed):
    result = run("build", "--policy", "reviewed")
    assert result.exit_code == 0, result.output
    for suffix in ("txt", "md", "html"):
        assert "Avertissement" not in edition("fr", suffix)
    assert edition("fr", "txt").endswith(
        "Oui.\n«\u202fL’essentiel, c’est qu’il se passe à nouveau quelque chose.\u202f» "
        "Une phrase qui fait mouche. Oui.\n"
    )


def test_reviewed_policy_ignores_machine_drafts_and_lists_missing_sentences(all_reviewed):
    catalog = load(FR)
    found = entry(catalog, "Die Region hofft auf Arbeit.")
    found.msgstr = ""
    set_draft(found, "La région espère du travail.", "test engine")
    save(catalog, FR)
    result = run("build", "--policy", "reviewed", "--lang", "fr")
    assert result.exit_code == errors.EXIT_REFUSED == 3
    assert "not built fr/nord: 7 of 8 sentences reviewed (88 %), below --min-reviewed 100" in result.output
    assert (
        "seeds/nord.txt:3: fr: no reviewed translation (machine draft): Die Region hofft auf Arbeit." in result.output
    )
    assert not Path("editions/fr").exists()
    assert "no edition was published before" in result.output


def test_refused_edition_keeps_what_was_published_before(all_reviewed):
    assert run("build", "--policy", "reviewed").exit_code == 0
    published = snapshot()
    translate(FR, {"Ja.": "Oui !"})  # still reviewed: no reason to refuse
    Path("seeds/nord.txt").write_text(
        Path("seeds/nord.txt").read_text(encoding="utf-8") + "Ein neuer Satz.\n", encoding="utf-8"
    )
    run("extract")
    result = run("build", "--policy", "reviewed")
    assert result.exit_code == 3
    assert (
        "kept the previous edition (editions/fr/nord.txt, editions/fr/nord.md, editions/fr/nord.html)" in result.output
    )
    assert "seeds/nord.txt:5: fr: no reviewed translation (untranslated): Ein neuer Satz." in result.output
    assert {path: data for path, data in snapshot().items() if "/fr/" in str(path)} == {
        path: data for path, data in published.items() if "/fr/" in str(path)
    }


@pytest.mark.parametrize(("threshold", "built"), [("80", True), ("87.5", True), ("90", False)])
def test_min_reviewed_threshold(extracted, threshold, built):
    translate(FR, FRENCH)  # 7 of 8: the second "Ja." is missing
    result = run("build", "--policy", "reviewed", "--min-reviewed", threshold, "--lang", "fr")
    assert result.exit_code == (0 if built else 3), result.output
    assert Path("editions/fr/nord.txt").exists() is built
    if built:
        assert edition("fr", "txt").endswith("Une phrase qui fait mouche. Ja.\n")
        assert "1 phrase sur 8 n’est pas encore traduite et reste en allemand" in edition("fr", "html")
        assert "seeds/nord.txt:4: fr: not translated, left in the source language (untranslated): Ja." in result.output


def test_min_reviewed_needs_the_reviewed_policy(extracted):
    result = run("build", "--min-reviewed", "50")
    assert result.exit_code == 2
    assert "only applies with --policy reviewed" in result.output


def test_unknown_language_is_a_usage_error(extracted):
    result = run("build", "--lang", "it")
    assert result.exit_code == 2
    assert "not the source language or one of --langs" in result.output


def test_missing_catalog_asks_for_extract(project_dir):
    result = run("build")
    assert result.exit_code == 1
    assert "locales/nord.pot: no such catalog; run `pipeline extract`" in result.output


def test_stale_template_is_not_used(extracted):
    Path("seeds/nord.txt").write_text("Ganz neuer Text.\n", encoding="utf-8")
    result = run("build", "--lang", "de")
    assert result.exit_code == 1
    assert "locales/nord.pot: out of date with seeds/nord.txt" in result.output


# --- the source round trip -----------------------------------------------------------------------


def test_source_edition_is_the_seed_byte_for_byte(extracted):
    result = run("build", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert Path("editions/de/nord.txt").read_bytes() == Path("seeds/nord.txt").read_bytes()
    assert not Path("editions/fr").exists()


def test_source_edition_keeps_crlf_and_bom(project_dir):
    data = ("\ufeff" + "Titel\r\n\r\n  Erster Satz. Zweiter Satz.  \r\n\r\n\r\n").encode("utf-8")
    Path("seeds/nord.txt").write_bytes(data)
    run("extract")
    assert run("build", "--lang", "de").exit_code == 0
    assert Path("editions/de/nord.txt").read_bytes() == data


def test_real_seed_round_trips_through_the_catalogs(seed_project):
    assert run("extract").exit_code == 0
    result = run("build", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert Path(f"editions/de/{SEED.stem}.txt").read_bytes() == SEED.read_bytes()


def test_source_edition_reads_the_template_msgids(extracted, monkeypatch):
    """The source is rebuilt from the catalog, not copied: a changed msgid would show."""
    real = catalogs.translations_of

    def doctored(catalog, path, *, template=False):
        found = real(catalog, path, template=template)
        if template:
            found.entries[(None, "Ja.")] = catalogs.Translation("JA.", views.EntryState.REVIEWED)
        return found

    monkeypatch.setattr(catalogs, "translations_of", doctored)
    run("build", "--lang", "de")
    assert "Arbeit. JA.\n" in edition("de", "txt")


# --- typography in editions (the rules themselves: tests/articles/test_typography.py) ----------


def test_typography_is_applied_in_the_edition_not_the_catalog(all_reviewed):
    before = FR.read_bytes()
    translate(EN, {"„Hauptsache, hier passiert wieder was.“": '"The main thing is that something happens."'})
    run("build")
    assert FR.read_bytes() == before
    assert entry(load(EN), "„Hauptsache, hier passiert wieder was.“").msgstr.startswith('"The')
    assert "“The main thing is that something happens.”" in edition("en", "txt")
    assert f"«{NNBSP}L’essentiel" in edition("fr", "html")


# --- escaping, links, dates ----------------------------------------------------------------------


def test_html_escapes_catalog_text(all_reviewed):
    translate(FR, {"Die Region hofft auf Arbeit.": "<script>alert(1)</script> & <b>gras</b> <a href=x>"})
    run("build")
    page = edition("fr", "html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt; &lt;a href=x&gt;" in page
    assert "<script" not in page and "<b>" not in page


def test_markdown_escapes_catalog_text(all_reviewed):
    translate(
        FR,
        {
            "Batterien aus dem Norden": "Des *batteries* # du [Nord](x) #",
            "Verkor hat in Bourbourg eine Fabrik eröffnet.": "1. Verkor_a <ouvert> une `usine`.",
        },
    )
    translate(EN, {"Die Region hofft auf Arbeit.": "- The region &amp; work | ~~all~~"})
    run("build")
    page = edition("fr", "md")
    assert page.startswith("# Des \\*batteries\\* \\# du \\[Nord\\](x) \\#\n")
    assert "\n1\\. Verkor\\_a \\<ouvert\\> une \\`usine\\`." in page
    assert "\n\\- The region \\&amp; work \\| \\~\\~all\\~\\~ Yes." in edition("en", "md")


def test_html_document_has_language_title_charset_and_alternates(all_reviewed):
    run("build")
    page = edition("fr", "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">')
    assert "<title>Des batteries venues du Nord</title>" in page
    assert "<h1>Des batteries venues du Nord</h1>" in page
    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
    assert links == [
        ("de", "../de/nord.html"),
        ("fr", "../fr/nord.html"),
        ("en", "../en/nord.html"),
        ("x-default", "../de/nord.html"),
    ]
    assert '<a href="../en/nord.html" hreflang="en" lang="en">English</a>' in page
    assert "http" not in page.replace('"', " ").split("<body>")[0].replace("http-equiv", "")


def test_date_is_the_catalog_revision_date_in_the_locale(all_reviewed):
    set_revision_date(FR, "2026-03-05 10:00+0100")
    set_revision_date(EN, "2026-03-05 10:00+0100")
    run("build")
    assert '<time datetime="2026-03-05">Mis à jour le 5 mars 2026</time>' in edition("fr", "html")
    assert edition("en", "txt").startswith("Updated March 5, 2026\n")
    assert "*Mis à jour le 5 mars 2026*" in edition("fr", "md")


def test_a_catalog_without_a_revision_date_is_dated_by_the_build(all_reviewed, monkeypatch):
    set_revision_date(FR, "YEAR-MO-DA HO:MI+ZONE")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 15 January 2027
    run("build")
    assert '<time datetime="2027-01-15">Mis à jour le 15 janvier 2027</time>' in edition("fr", "html")


# --- the date is the day the edition's text last changed (issue 22, point 9) --------------------


def test_a_merge_that_changes_nothing_visible_keeps_the_date_and_the_files(all_reviewed, monkeypatch):
    assert run("build").exit_code == 0
    published = snapshot()
    set_revision_date(FR, "2027-01-10 09:00+0000")  # msgmerge, a PO editor's save…
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # a later run
    result = run("build")
    assert snapshot() == published
    assert "Mis à jour le 29 novembre 2026" in edition("fr", "txt")
    assert "wrote" not in result.output


def test_a_visible_change_dates_only_that_edition_with_the_run(all_reviewed, monkeypatch):
    assert run("build").exit_code == 0
    english = edition("en", "html")
    translate(FR, {"Ja.": "Oui !"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15 08:00 UTC
    assert run("build").exit_code == 0
    assert edition("fr", "txt").startswith("Mis à jour le 15 janvier 2027\n")
    assert '<time datetime="2027-01-15">' in edition("fr", "html")
    assert edition("en", "html") == english  # unchanged text, unchanged date


def test_a_first_edition_is_dated_by_its_catalog_when_that_is_earlier(all_reviewed, monkeypatch):
    set_revision_date(FR, "2026-03-05 10:00+0100")
    set_revision_date(EN, "2027-06-01 10:00+0000")  # later than the run: the run's day
    run("build")
    assert "Mis à jour le 5 mars 2026" in edition("fr", "txt")
    assert edition("en", "txt").startswith("Updated November 29, 2026\n")


def test_the_date_follows_the_editions_regional_locale(all_reviewed):
    Path("pyproject.toml").write_text('[tool.pipeline]\nedition-locale = ["en=en-GB"]\n', encoding="utf-8")
    assert run("build").exit_code == 0
    assert edition("en", "txt").startswith("Updated 29 November 2026\n")
    assert "*Updated 29 November 2026*" in edition("en", "md")
    assert edition("fr", "txt").startswith("Mis à jour le 29 novembre 2026\n")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("en", "'en': write LANG=LOCALE, e.g. en=en_GB"),
        ("en=fr_FR", "'en=fr_FR': fr_FR is not a locale of en (French (France)); e.g. en=en_GB"),
        ("en=xx_YY", "unknown language code 'xx_YY'"),
    ],
)
def test_an_edition_locale_that_is_no_locale_of_its_language_is_refused(project_dir, value, message):
    Path("pyproject.toml").write_text(f'[tool.pipeline]\nedition-locale = ["{value}"]\n', encoding="utf-8")
    result = run("build")
    assert result.exit_code == errors.EXIT_ERROR
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: {project_dir / 'pyproject.toml'}:2: [tool.pipeline] edition-locale: ")
    assert message in line


def test_markdown_and_text_hold_the_same_sentences(all_reviewed):
    run("build")
    text, markdown = edition("fr", "txt"), edition("fr", "md")
    for sentence in FRENCH.values():
        shown = typeset(sentence, TYPOGRAPHY["fr"])
        assert shown in text and build.escape_markdown(shown) in markdown


# --- review sheet --------------------------------------------------------------------------------


def test_review_sheet_shows_each_state_and_the_previous_source(extracted):
    translate(FR, {key: FRENCH[key] for key in list(FRENCH)[:4]})
    translate(FR, {"Ja.": "Oui."}, drafts=True)
    article = Path("seeds/nord.txt")
    article.write_text(
        article.read_text(encoding="utf-8").replace("eine Fabrik eröffnet.", "eine große Fabrik eröffnet."),
        encoding="utf-8",
    )
    run("extract")
    result = run("build", "--review")
    assert result.exit_code == 0, result.output
    assert "wrote editions/review/nord.html" in result.output
    sheet = Path("editions/review/nord.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<tr id="s\d+">', sheet)) == 8
    assert (
        "(<del>removed</del>, <ins>added</ins>): Verkor hat in Bourbourg eine <ins>große </ins>Fabrik eröffnet."
        in sheet
    )
    rows = dict(re.findall(r'<tr id="(s\d+)">(.*?)</tr>', sheet))
    assert '<span class="state changed">source changed</span>' in rows["s2"]
    assert '<span class="state reviewed">reviewed</span>' in rows["s3"]
    assert '<span class="state draft">machine draft</span>' in rows["s5"]
    assert '<span class="state missing">missing</span>' in rows["s6"]
    summary = re.search(r"<tr><th>Français</th>(.*?)</tr>", sheet).group(1)
    # reviewed, machine draft, edited draft, source changed, missing
    assert re.findall(r'<td class="count">([^<]+)</td>', summary) == ["3", "1", "0", "1", "3", "38 %"]


def test_review_sheet_diff_shows_removed_words():
    assert (
        build.diff_html("vor 1.200 <Gästen>", "vor 1.500 <Gästen>")
        == "vor 1.<del>200</del><ins>500</ins> &lt;Gästen&gt;"
    )
    assert (
        build.diff_html("Die Region hofft auf Arbeit.", "Die Region hofft.")
        == "Die Region hofft<del> auf Arbeit</del>."
    )


# --- determinism ---------------------------------------------------------------------------------


def test_second_build_writes_nothing(all_reviewed):
    run("build", "--review")
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in Path("editions").rglob("*.*")}
    result = run("build", "--review")
    assert "wrote" not in result.output
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in Path("editions").rglob("*.*")} == before


def test_extract_without_changes_keeps_editions_identical(all_reviewed):
    run("build")
    before = snapshot()
    run("extract")
    run("build")
    assert snapshot() == before


# --- one plan per edition ------------------------------------------------------------------------


def test_each_edition_is_typeset_once_and_each_locale_parsed_once(all_reviewed, monkeypatch):
    planned, parsed = [], []
    real_typeset, real_parse = build.typeset_edition, Locale.parse

    def counting_typeset(edition):
        planned.append(edition.lang)
        return real_typeset(edition)

    def counting_parse(identifier, *args, **kwargs):
        if isinstance(identifier, str):
            parsed.append(identifier)
        return real_parse(identifier, *args, **kwargs)

    monkeypatch.setattr(build, "typeset_edition", counting_typeset)
    monkeypatch.setattr(Locale, "parse", counting_parse)
    build.locale_of.cache_clear()
    build.build(Project())
    assert sorted(planned) == ["de", "en", "fr"]
    assert sorted(parsed) == ["de", "en", "fr"]


# --- a translation cannot change the edition's structure -----------------------------------------


@pytest.mark.parametrize(
    "translation", ["Oui.\n\nNon.", "Oui.\n# Titre", "Oui.\r- liste", "Oui.\u2028Non.", "Oui.\x0b\x1fNon."]
)
def test_line_breaks_in_a_translation_are_normalised_and_named(all_reviewed, translation):
    translate(FR, {"Ja.": translation})
    result = run("build", "--lang", "fr")
    assert result.exit_code == 0, result.output
    txt = edition("fr", "txt")
    body = txt.split("\n\n", 1)[1]
    assert body.splitlines()[2].startswith("La région espère du travail. Oui. ")
    assert len(body.splitlines()) == 4  # the seed's four paragraphs
    md = edition("fr", "md")
    assert "\n# Titre" not in md and "\n- liste" not in md
    assert "seeds/nord.txt:3: fr: warning: line breaks, control characters" in result.output
    assert result.output.count("warning: line breaks") == 1


@pytest.mark.parametrize("translation", ["    La région espère du travail.", "\tLa région espère du travail. "])
def test_spaces_around_a_translation_cannot_make_a_code_block(all_reviewed, translation):
    translate(FR, {"Die Region hofft auf Arbeit.": translation})
    result = run("build", "--lang", "fr")
    assert result.exit_code == 0, result.output
    md = edition("fr", "md")
    assert "\nLa région espère du travail. Oui." in md and "    La région" not in md
    assert "<pre>" not in edition("fr", "html")
    assert "seeds/nord.txt:3: fr: warning: " in result.output


def test_a_source_with_a_line_break_keeps_its_translation_as_written():
    unit = build.Unit("A\nB", None, 1, 1, 1)
    found = catalogs.Translation("C\nD", views.EntryState.REVIEWED)
    assert build.choose(unit, found, build.Policy.DRAFT).text == "C\nD"


# --- golden editions (tests/golden/editions/<case>/<lang>/<slug>.<suffix>, found by glob) --------

GOLDEN = Path(__file__).parent.parent / "golden" / "editions"


def golden_case_text(project: Path) -> None:
    translate(FR, {key: FRENCH[key] for key in list(FRENCH)[:5]})
    translate(FR, {"Ein Satz, der trifft.": "Une phrase qui fait mouche."}, drafts=True)
    translate(EN, {**ENGLISH, SECOND_JA: "Yes."})


def golden_case_markdown(project: Path) -> None:
    from tests.articles.test_markdown import ARTICLE, CONTEXTS
    from tests.articles.test_markdown import FRENCH as MARKDOWN_FRENCH

    Path("seeds/nord.txt").unlink()
    Path("seeds/nord.md").write_text(ARTICLE, encoding="utf-8")
    assert run("extract").exit_code == 0
    translate(FR, {(CONTEXTS.get(msgid), msgid): text for msgid, text in list(MARKDOWN_FRENCH.items())[:-1]})


GOLDEN_CASES = {"text": golden_case_text, "markdown": golden_case_markdown}


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_editions_match_the_golden_files(extracted, case):
    GOLDEN_CASES[case](extracted)
    assert run("build").exit_code == 0
    built = {path.relative_to("editions"): path.read_text(encoding="utf-8") for path in Path("editions").glob("*/*.*")}
    folder = GOLDEN / case
    if os.environ.get("UPDATE_GOLDEN"):
        for relative, text in built.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_text(text, encoding="utf-8")
    golden = {path.relative_to(folder): path.read_text(encoding="utf-8") for path in folder.glob("*/*.*")}
    assert sorted(built) == sorted(golden)
    for relative, text in golden.items():
        assert built[relative] == text, relative
