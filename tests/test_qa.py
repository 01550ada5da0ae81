"""QA checks: each check on plain text, then `pipeline check` on real catalogs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from pipeline import catalogs, qa
from pipeline.glossary import Glossary, Term
from pipeline.qa import Context, Severity
from tests.conftest import entry, load, run

FR = Path("locales/fr/LC_MESSAGES/nord.po")
EN = Path("locales/en/LC_MESSAGES/nord.po")

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")

GLOSSARY = Glossary((
    Term("Dunkerque", {"en": "Dunkirk", "fr": "Dunkerque"}),
    Term("EU", {"en": "EU", "fr": "UE"}),
    Term("Mercedes Benz", {"en": "Mercedes-Benz", "fr": "Mercedes-Benz"}),
    Term("Gigafactory", {"en": "gigafactory", "fr": "gigafactory"}),
    Term("Verkor", {}),
    Term("Bourbourg", {}),
    Term("Düsseldorf", {}),
))


def problems(check, source: str, translation: str, lang: str = "en") -> list[str]:
    return list(check(source, translation, Context(lang=lang, glossary=GLOSSARY, markdown=True)))


def fails(check, source: str, translation: str, lang: str = "en") -> bool:
    return bool(problems(check, source, translation, lang))


def passes(check, source: str, translation: str, lang: str = "en") -> bool:
    return not problems(check, source, translation, lang)


FAILING = [
    (qa.numbers, "Investitionen von rund 1,5 Milliarden Euro.", "Investments of about 1,5 billion euros.", "en"),
    (qa.numbers, "Er sprach vor 1.200 Gästen.", "He spoke to 1.200 guests.", "en"),
    (qa.numbers, "Ab 2026 rollen die Lieferungen.", "Deliveries start in 2025.", "en"),
    (qa.numbers, "Bis 2028 sollen 16 Gigawattstunden erreicht sein.", "By 2028, sixteen gigawatt hours.", "en"),
    (qa.glossary, "Ein kalter Wind bei Dunkerque.", "A cold wind near Dunkerque.", "en"),
    (qa.glossary, "Frankreich und die EU.", "La France et l'EU.", "fr"),
    (qa.glossary, "ACC, getragen von Mercedes Benz.", "ACC, backed by Mercedes Benz.", "en"),
    (qa.glossary, "Verkor plant ambitioniert.", "Verkhor has ambitious plans.", "en"),
    (qa.brackets, "Ein Satz (kurz) hier.", "A sentence (short here.", "en"),
    (qa.brackets, "„Hauptsache, hier passiert wieder was.“", "“The main thing is that something happens.", "en"),
    (qa.endpunc, "Wird das nicht zu viel des Guten?", "Is that not too much of a good thing.", "en"),
    (qa.endpunc, "Abonniere einfach den Newsletter!", "Abonnez-vous à la lettre.", "fr"),
    (qa.endpunc, "Batterien aus dem Norden", "Batteries from the North.", "en"),
    (qa.empty, "Ja.", " ", "fr"),
    (qa.empty, "Ja.", "\n", "fr"),
    (qa.unchanged, "Die Region hofft auf Arbeit.", "Die Region hofft auf Arbeit.", "fr"),
    (qa.length, "Die Dieselkrise traf die Zulieferer hart, die Konkurrenz drückte die Margen.",
     "The diesel crisis.", "en"),
    (qa.length, "Die Region hofft auf Arbeit.",
     "The region hopes for work, for jobs, for a future, for anything at all, really, yes indeed.", "en"),
    (qa.repeated, "Die Batterie wird zum geopolitischen Faktor.",
     "The battery becomes a geopolitical factor factor factor factor.", "en"),
    (qa.repeated, "Schritt für Schritt.", "Step by step, step by step, step by step, step by step.", "en"),
    (qa.untranslated_words, "Die Region hofft auf Arbeit und Wohlstand.",
     "The region hopes for work und Wohlstand.", "en"),
    (qa.untranslated_words, "Kleine Fehler, große Verluste.", "Petites erreurs, große pertes.", "fr"),
    (qa.markup, "Siehe [den Bericht](https://x.org/b.pdf).", "See [the report](https://x.org/a.pdf).", "en"),
]

PASSING = [
    (qa.numbers, "Investitionen von rund 1,5 Milliarden Euro.", "Investments of about 1.5 billion euros.", "en"),
    (qa.numbers, "Investitionen von rund 1,5 Milliarden Euro.", "Des investissements de 1,5 milliard.", "fr"),
    (qa.numbers, "Er sprach vor 1.200 Gästen.", "He spoke to 1,200 guests.", "en"),
    (qa.numbers, "Er sprach vor 1.200 Gästen.", "Il parla devant 1 200 invités.", "fr"),
    (qa.numbers, "Er sprach vor 1.200 Gästen.", "Il parla devant 1\u202f200 invités.", "fr"),
    (qa.numbers, "Er sprach vor 1.200 Gästen.", "Il parla devant 1\u00a0200 invités.", "fr"),
    (qa.numbers, "Dr. Weber sprach am 3. Oktober.", "Dr Weber spoke on 3rd October.", "en"),
    (qa.numbers, "Bis 2028 sollen 16 Gigawattstunden erreicht sein.", "D'ici 2028, 16 gigawattheures.", "fr"),
    (qa.numbers, "Industrie im 21. Jahrhundert eben.", "L'industrie du 21e siècle.", "fr"),
    (qa.numbers, "Fragen über Fragen.", "Questions upon questions.", "en"),
    (qa.glossary, "Ein kalter Wind bei Dunkerque.", "A cold wind near Dunkirk.", "en"),
    (qa.glossary, "Ein kalter Wind bei Dunkerque.", "Un vent froid près de Dunkerque.", "fr"),
    (qa.glossary, "Frankreich und die EU.", "La France et l'UE.", "fr"),
    (qa.glossary, "ACC, getragen von Mercedes Benz.", "ACC, soutenue par Mercedes-Benz.", "fr"),
    (qa.glossary, "Eine Gigafactory in Bourbourg.", "A gigafactory in Bourbourg.", "en"),
    (qa.brackets, "Ein Satz (kurz) hier.", "A sentence (short) here.", "en"),
    (qa.brackets, "„Hauptsache, hier passiert wieder was.“", "« L'essentiel, c'est qu'il se passe quelque chose. »",
     "fr"),
    (qa.brackets, "„Wenn die Politik wackelt, wackeln wir alle.", "“When politics wobbles, we all wobble.", "en"),
    (qa.endpunc, "Wird das nicht zu viel des Guten?", "N'est-ce pas trop\u202f?", "fr"),
    (qa.endpunc, "„Hauptsache, hier passiert wieder was.“", "“What matters is that something happens.”", "en"),
    (qa.endpunc, "„Hauptsache, hier passiert wieder was.“", "« L'essentiel, c'est que ça bouge. »", "fr"),
    (qa.endpunc, "Nicht über Nacht, klar.", "Not overnight, of course…", "en"),
    (qa.endpunc, "Ein Artikel von M. Legrand", "An article by M. Legrand", "en"),
    (qa.endpunc, "Abonniere einfach den Newsletter!", "Abonnez-vous à la lettre\u00a0!", "fr"),
    (qa.empty, "Ja.", "Oui.", "fr"),
    (qa.unchanged, "Verkor.", "Verkor.", "fr"),
    (qa.unchanged, "Verkor, Bourbourg, 2026.", "Verkor, Bourbourg, 2026.", "en"),
    (qa.unchanged, "Ja.", "Oui.", "fr"),
    (qa.length, "Die Region hofft auf Arbeit.", "The region is hoping for jobs.", "en"),
    (qa.length, "Ja.", "Oui, absolument, sans le moindre doute.", "fr"),
    (qa.repeated, "Schritt für Schritt, Zelle für Zelle.", "Step by step, cell by cell.", "en"),
    (qa.repeated, "Ja, ja, ja.", "Yes, yes, yes.", "en"),
    (qa.untranslated_words, "Die Region hofft auf Arbeit.", "The region hopes for work.", "en"),
    (qa.untranslated_words, "Hier glaubt man an die Zukunft.", "Hier, on croyait à l'avenir.", "fr"),
    (qa.untranslated_words, "Das Werk in Düsseldorf.", "The plant in Düsseldorf.", "en"),
    (qa.markup, "Siehe [den *Bericht*](https://x.org/b.pdf).", "See the *[report](https://x.org/b.pdf)*.", "en"),
]


def case_id(case) -> str:
    return f"{case[0].__name__}-{case[1][:24]}"


@pytest.mark.parametrize("check, source, translation, lang", FAILING, ids=[case_id(case) for case in FAILING])
def test_check_fails(check, source, translation, lang):
    assert fails(check, source, translation, lang)


@pytest.mark.parametrize("check, source, translation, lang", PASSING, ids=[case_id(case) for case in PASSING])
def test_check_passes(check, source, translation, lang):
    assert passes(check, source, translation, lang)


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.sampled_from(["en", "fr"]))
def test_a_number_written_as_the_target_language_writes_it_passes(value, lang):
    source = f"Es geht um {format_decimal(value, locale='de')} Euro."
    translation = f"It is about {format_decimal(value, locale=lang)} euros."
    assert passes(qa.numbers, source, translation, lang)


def test_every_check_has_failing_and_passing_cases_and_a_title():
    functions = {check.function for check in qa.CHECKS}
    assert functions == {case[0] for case in FAILING} == {case[0] for case in PASSING}
    assert all(check.title and not check.title.endswith(".") for check in qa.CHECKS)


def test_no_check_returns_an_error_for_a_draft():
    assert all(check.draft is not Severity.ERROR for check in qa.CHECKS)


def test_messages_say_what_is_wrong():
    assert problems(qa.numbers, "vor 1.200 Gästen", "before 1.200 guests") == [
        "'1.200' is missing from the translation (written '1,200' in en)"]
    assert problems(qa.glossary, "bei Dunkerque", "near Dunkerque") == [
        "'Dunkerque' must be rendered as 'Dunkirk'"]
    assert problems(qa.endpunc, "Warum?", "Why.") == [
        "the source ends with question mark, the translation with full stop"]


def test_check_entry_applies_severities_and_ignores():
    context = Context(lang="en", glossary=GLOSSARY)
    source, wrong = "Bei Dunkerque 1,5 Millionen?", "Near Dunkerque 2 million."
    reviewed = {(check.name, severity) for check, severity, _ in qa.check_entry(source, wrong, context, draft=False)}
    assert reviewed == {("numbers", Severity.ERROR), ("glossary", Severity.ERROR), ("endpunc", Severity.WARNING)}
    draft = {(check.name, severity) for check, severity, _ in qa.check_entry(source, wrong, context, draft=True)}
    assert draft == {("numbers", Severity.WARNING), ("glossary", Severity.WARNING), ("endpunc", Severity.INFO)}
    ignored = qa.check_entry(source, wrong, context, draft=False, ignore=["numbers", "endpunc"])
    assert [check.name for check, _, _ in ignored] == ["glossary"]
    assert list(qa.check_entry(source, wrong, context, draft=False, ignore=["all"])) == []


# --- catalog checks on plain data ----------------------------------------------------------------

HEADER = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=(n > 1);"}


@pytest.mark.parametrize("check, metadata", [
    (qa.language, {**HEADER, "Language": "en"}),
    (qa.language, {**HEADER, "Language": ""}),
    (qa.charset, {**HEADER, "Content-Type": "text/plain; charset=ISO-8859-1"}),
    (qa.charset, {**HEADER, "Content-Type": "text/plain"}),
    (qa.plural_forms, {key: value for key, value in HEADER.items() if key != "Plural-Forms"}),
])
def test_header_checks_fail(check, metadata):
    assert list(check(metadata, "fr"))


@pytest.mark.parametrize("check", [qa.language, qa.charset, qa.plural_forms])
def test_header_checks_pass(check):
    assert list(check(HEADER, "fr")) == []
    assert list(qa.language({**HEADER, "Language": "pt-BR"}, "pt_BR")) == []


def test_duplicates_and_obsolete():
    keys = [(None, "Ja.", 10), ("occurrence 2", "Ja.", 14), (None, "Ja.", 18)]
    assert list(qa.duplicates(keys)) == [(18, "'Ja.' is already defined at line 10")]
    [(line, message)] = qa.obsolete([("Alt.", 30), ("Ja.", 34), ("Weg.", 38)], current={"Ja."})
    assert line == 30 and message.startswith("2 obsolete entries no longer match any sentence")
    assert list(qa.obsolete([("Ja.", 34)], current={"Ja."})) == []


def test_problem_prints_as_path_line_check_message():
    problem = qa.Problem("locales/fr/LC_MESSAGES/nord.po", 12, "numbers", Severity.ERROR, "'16' is missing")
    assert str(problem) == "locales/fr/LC_MESSAGES/nord.po:12: [numbers] '16' is missing"


# --- pipeline check ------------------------------------------------------------------------------


def msgid_line(path: Path, msgid: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines.index(f'msgid "{msgid}"') + 1


def translate(path: Path, translations: dict[str, str], *, comments: dict[str, str] | None = None,
              drafts: dict[str, str] | None = None) -> None:
    catalog = load(path)
    for msgid, msgstr in translations.items():
        entry(catalog, msgid).msgstr = msgstr
    for msgid, comment in (comments or {}).items():
        entry(catalog, msgid).tcomment = comment
    for msgid, msgstr in (drafts or {}).items():
        catalogs.set_machine_draft(entry(catalog, msgid), msgstr, "test engine")
    path.write_text(catalogs.format_catalog(catalog), encoding="utf-8")


WEBER = "Dr. Weber sprach am 3. Oktober vor 1.200 Gästen."


def test_untranslated_catalogs_pass(project_dir):
    run("extract")
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "checked 2 catalog(s): 0 errors, 0 warnings, 0 info" in result.output


def test_error_in_reviewed_entry_fails_with_path_and_line(project_dir):
    run("extract")
    translate(EN, {WEBER: "Dr Weber spoke to 1.200 guests on 3 October.",
                   "Die Region hofft auf Arbeit.": "The region hopes for work."})
    result = run("check")
    assert result.exit_code == qa_exit_code() == 3
    expected = (f"{EN}:{msgid_line(EN, WEBER)}: [numbers] '1.200' is missing from the translation "
                "(written '1,200' in en)")
    assert result.output.splitlines()[:2] == ["errors (1):", expected]


def qa_exit_code() -> int:
    from pipeline.cli import CHECK_FAILED
    return CHECK_FAILED


def test_same_problem_in_machine_draft_is_a_warning(project_dir):
    run("extract")
    translate(FR, {}, drafts={WEBER: "Le Dr Weber a parlé devant 1.300 invités le 3 octobre."})
    result = run("check")
    assert result.exit_code == 0, result.output
    line = msgid_line(FR, WEBER)
    assert f"{FR}:{line}: [numbers] machine draft: '1.200' is missing" in result.output
    assert result.output.index("warnings (1):") < result.output.index(f"{FR}:{line}:")


def test_qa_ignore_comment_silences_named_checks(project_dir):
    run("extract")
    translate(EN, {WEBER: "Dr Weber spoke to a thousand guests on 3 October!"},
              comments={WEBER: "qa-ignore: numbers, endpunc"})
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "[numbers]" not in result.output and "[endpunc]" not in result.output
    catalog_text = EN.read_text(encoding="utf-8")
    assert "# qa-ignore: numbers, endpunc\n" in catalog_text, "a translator comment, kept by msgmerge"


def test_unknown_check_in_qa_ignore_is_reported(project_dir):
    run("extract")
    translate(EN, {WEBER: "Dr Weber spoke to 1,200 guests on 3 October."}, comments={WEBER: "qa-ignore: numbrs"})
    result = run("check")
    assert f"{EN}:{msgid_line(EN, WEBER)}: [qa-ignore] unknown check 'numbrs'" in result.output


def test_json_output(project_dir):
    run("extract")
    translate(FR, {"Die Region hofft auf Arbeit.": "La région espère du travail ?"})
    result = run("check", "--json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["catalogs"] == [str(FR), str(EN)]
    assert report["counts"] == {"error": 0, "warning": 1, "info": 0}
    assert report["problems"] == [{
        "path": str(FR), "line": msgid_line(FR, "Die Region hofft auf Arbeit."), "check": "endpunc",
        "severity": "warning", "message": "the source ends with full stop, the translation with question mark"}]


def test_json_output_keeps_the_exit_code(project_dir):
    run("extract")
    translate(FR, {"Die Region hofft auf Arbeit.": " "})
    result = run("check", "--json")
    assert result.exit_code == 3
    assert json.loads(result.output)["counts"]["error"] == 1


def test_header_language_must_match_folder(project_dir):
    run("extract")
    FR.write_text(FR.read_text(encoding="utf-8").replace('"Language: fr\\n"', '"Language: de\\n"'),
                  encoding="utf-8")
    result = run("check", str(FR))
    assert result.exit_code == 3
    assert f"{FR}:4: [language] the header says Language: de, but the catalog is in the 'fr' folder" \
        in result.output


@needs_msgfmt
def test_duplicate_msgids_are_reported_by_us_and_by_msgfmt(project_dir):
    run("extract")
    text = FR.read_text(encoding="utf-8")
    FR.write_text(text + '\nmsgid "Ja."\nmsgstr "Oui."\n', encoding="utf-8")
    duplicate = len(FR.read_text(encoding="utf-8").split("\n")) - 2
    result = run("check", str(FR))
    assert result.exit_code == 3
    assert f"{FR}:{duplicate}: [duplicates] 'Ja.' is already defined at line {msgid_line(FR, 'Ja.')}" \
        in result.output
    assert f"{FR}:{duplicate}: [msgfmt] duplicate message definition" in result.output


def test_obsolete_entries_are_info(project_dir):
    run("extract")
    translate(FR, {"Die Region hofft auf Arbeit.": "La région espère du travail."})
    article = Path("seeds/nord.txt")
    article.write_text(article.read_text(encoding="utf-8").replace("Die Region hofft auf Arbeit. ", ""),
                       encoding="utf-8")
    run("extract")
    result = run("check")
    assert result.exit_code == 0, result.output
    obsolete_line = FR.read_text(encoding="utf-8").split("\n").index('#~ msgid "Die Region hofft auf Arbeit."') + 1
    assert result.output.splitlines()[:2] == [
        "info (1):",
        f"{FR}:{obsolete_line}: [obsolete] 1 obsolete entry no longer matches any sentence; kept in case "
        "a sentence comes back (`msgattrib --no-obsolete` removes them)"]


def test_unreadable_catalog_is_a_finding_not_a_crash(project_dir):
    run("extract")
    FR.write_text(FR.read_text(encoding="utf-8") + "\nfoo bar\n", encoding="utf-8")
    line = len(FR.read_text(encoding="utf-8").split("\n")) - 1
    result = run("check")
    assert result.exit_code == 3
    assert f"{FR}:{line}: [syntax] syntax error; fix the file" in result.output
    assert "checked 2 catalog(s): 1 errors" in result.output, "the other catalog is still checked"


def test_catalog_that_is_not_utf8_is_a_finding(project_dir):
    run("extract")
    line = msgid_line(FR, "Verkor hat in Bourbourg eine Fabrik eröffnet.")
    FR.write_bytes(FR.read_bytes().replace("eröffnet".encode(), "eröffnet".encode("latin-1")))
    result = run("check", str(FR))
    assert result.exit_code == 3
    assert f"{FR}:{line}: [charset] not UTF-8; convert it with `msgconv -t UTF-8`" in result.output


def test_file_outside_the_locales_folder_takes_its_language_from_the_header(project_dir):
    run("extract")
    translate(FR, {"Ja.": "Ja."})
    copy = Path("review.po")
    shutil.copy(FR, copy)
    result = run("check", str(copy))
    assert f"{copy}:{msgid_line(copy, 'Ja.')}: [unchanged] the translation is identical" in result.output
    copy.write_text(copy.read_text(encoding="utf-8").replace('"Language: fr\\n"', '"Language: \\n"'),
                    encoding="utf-8")
    result = run("check", str(copy))
    assert result.exit_code == 3
    assert f"{copy}:4: [language] cannot tell the catalog's language" in result.output


def test_check_without_catalogs_says_what_to_do(project_dir):
    result = run("check")
    assert result.exit_code == 1
    assert "run `pipeline extract` first" in result.output


def test_repository_glossary_is_used_by_default(seed_project):
    shutil.copy(Path(__file__).resolve().parent.parent / "glossary.toml", seed_project / "glossary.toml")
    run("extract")
    source = "Ein kalter Wind weht über die flachen Ebenen bei Dunkerque."
    translate(Path("locales/en/LC_MESSAGES/vallee-de-la-batterie.po"),
              {source: "A cold wind blows over the flat plains near Dunkerque."})
    result = run("check")
    assert result.exit_code == 3
    assert "[glossary] 'Dunkerque' must be rendered as 'Dunkirk'" in result.output
    assert run("check", "--glossary", "missing.toml").exit_code == 0


def test_list_shows_every_check_with_its_severities(project_dir):
    result = run("check", "--list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(qa.CHECKS)
    assert lines[1].split()[:4] == ["numbers", "error", "(draft:", "warning)"]

