"""The meaning checks (issue 27): wrong language, quantities, dates, names, negation, direction,
modality, truncation. Each is tried on its own failing and passing cases, and all of them must stay
silent on the seed's reviewed translations and on the evaluation sets' correct ones."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.glossary import load_glossary
from pipeline.po import catalogs
from pipeline.qa import checks, language, names, quantities
from pipeline.qa.checks import Context, Severity
from pipeline.qa.meaning import direction, modality, negation, truncated
from tests.conftest import REPO
from tests.qa.test_checks import GLOSSARY, fails, passes

MEANING_CHECKS = [check for check in checks.CHECKS if check.function.__module__ != checks.__name__]
BENCH_DATA = REPO / "bench" / "data"

FAILING = [
    # the wrong language
    (language.wrong_language, "Die Gewerkschaft fordert höhere Löhne.", "The union is demanding higher wages.", "fr"),
    (
        language.wrong_language,
        "Die Gewerkschaft fordert höhere Löhne.",
        "Le syndicat réclame des salaires plus élevés.",
        "en",
    ),
    (
        language.wrong_language,
        "Elektroautos verkaufen sich nicht von selbst.",
        "Elektroautos verkaufen sich leider nicht von alleine, sagt man.",
        "en",
    ),
    # quantities: scale, currency, unit
    (quantities.quantities, "Investitionen von rund 1,5 Milliarden Euro.", "Environ 1,5 million d'euros.", "fr"),
    (quantities.quantities, "Investitionen von rund 1,5 Milliarden Euro.", "Investment of around £1.5bn.", "en"),
    (quantities.quantities, "Investitionen von rund 1,5 Milliarden Euro.", "Investment of $1.5 billion.", "en"),
    (quantities.quantities, "Ein Gewinn von 12 Mio. Euro.", "A profit of €12bn.", "en"),
    (quantities.quantities, "Bis 2028 sollen 16 Gigawattstunden erreicht sein.", "By 2028, 16 gigawatts.", "en"),
    (
        quantities.quantities,
        "Bis 2028 sollen 16 Gigawattstunden erreicht sein.",
        "D'ici 2028, 16 mégawattheures.",
        "fr",
    ),
    (quantities.quantities, "Die Trasse ist 85 Kilometer lang.", "The line is 85 miles long.", "en"),
    (quantities.quantities, "Der Zins stieg um 0,5 Prozentpunkte.", "The rate rose by 0.5 per cent.", "en"),
    (quantities.quantities, "Die Lieferzeit beträgt 14 Wochen.", "Le délai est de 14 jours.", "fr"),
    (quantities.quantities, "Er verbraucht 20 Megawattstunden am Tag.", "It uses 20 megawatt hours a week.", "en"),
    # dates
    (names.dates, "Im Dezember 2025 öffnete die Fabrik.", "En novembre 2025, l'usine a ouvert.", "fr"),
    (names.dates, "Im Dezember 2025 öffnete die Fabrik.", "The factory opened in 2025.", "en"),
    (names.dates, "Am Donnerstag treffen sich die Aktionäre.", "Shareholders meet on Tuesday.", "en"),
    (names.dates, "Die Fabrik von morgen.", "L'usine d'hier.", "fr"),
    (names.dates, "Gestern hat der Aufsichtsrat entschieden.", "Tomorrow the board will decide.", "en"),
    (names.dates, "Die Fabrik soll im Frühjahr 2027 öffnen.", "The plant is due to open in autumn 2027.", "en"),
    # names
    (
        names.names,
        "China, Südkorea, Japan – dort sitzen die Platzhirsche.",
        "China, South Korea, Taiwan – that is where the top dogs are.",
        "en",
    ),
    (names.names, "Die Rohstoffe kommen aus Chile und Kanada.", "Les matières premières viennent du Chili.", "fr"),
    (names.names, "Die Raffinerie verarbeitet polnisches Öl.", "The refinery processes Russian oil.", "en"),
    (
        names.names,
        "Laut Northvolt-Chef Peter Carlsson fehlen Fachkräfte.",
        "According to Northvolt's chief Peter Karlsson, skilled workers are lacking.",
        "en",
    ),
    (names.names, "Die Ministerin besuchte das Werk in Heide.", "The minister visited the plant in Husum.", "en"),
    (
        names.names,
        "Bundeskanzler Friedrich Merz eröffnete die Messe.",
        "Le chancelier Olaf Scholz a inauguré le salon.",
        "fr",
    ),
    # negation
    (
        negation,
        "Elektroautos verkaufen sich nicht automatisch von selbst.",
        "Les voitures électriques se vendent toutes seules.",
        "fr",
    ),
    (negation, "Keiner der Bewerber erfüllte die Anforderungen.", "All of the bidders met the requirements.", "en"),
    (negation, "Ohne Hilfe wäre das Werk geschlossen worden.", "Avec de l'aide, l'usine aurait fermé.", "fr"),
    (negation, "Die Finanzierung ist gesichert.", "The funding is not secured.", "en"),
    (negation, "Das Vorhaben ist keineswegs gescheitert.", "Le projet a échoué.", "fr"),
    # direction
    (direction, "Die Nachfrage ist deutlich gestiegen.", "La demande a nettement baissé.", "fr"),
    (direction, "Es wurden weniger Ladesäulen gebaut.", "More charging points were built.", "en"),
    (direction, "Die Zahl der Insolvenzen nahm deutlich zu.", "The number of insolvencies dropped.", "en"),
    (direction, "Das Werk liegt südlich von Rostock.", "The plant lies north of Rostock.", "en"),
    (direction, "Die Quote sank im Oktober auf 7,1 Prozent.", "En octobre, le taux est monté à 7,1 %.", "fr"),
    (direction, "Die Stadtwerke könnten die Preise senken.", "The utility could raise its prices.", "en"),
    (direction, "Im vergangenen Jahr investierte das Land.", "L'an prochain, le Land investira.", "fr"),
    # modality
    (modality, "Bis 2028 sollen 16 Gigawattstunden erreicht sein.", "By 2028, capacity reached 16 GWh.", "en"),
    (modality, "Das Unternehmen plant eine zweite Fabrik.", "L'entreprise construit une deuxième usine.", "fr"),
    (modality, "Die Preise könnten im Winter anziehen.", "Prices are climbing in the winter.", "en"),
    (modality, "Angeblich steht der Verkauf bevor.", "La vente est imminente.", "fr"),
    # truncation and omission
    (
        truncated,
        "Der Hafen investiert in neue Kräne und eine eigene Bahnanbindung.",
        "Le port investit dans de nouvelles grues et un.",
        "fr",
    ),
    (
        truncated,
        "Der Hafen investiert in neue Kräne und eine eigene Bahnanbindung.",
        "The port is investing in new cranes and the.",
        "en",
    ),
    (
        truncated,
        (
            "Der Vorstand begründete die Entscheidung mit hohen Energiekosten, schwacher Nachfrage "
            "aus Asien und einem harten Wettbewerb."
        ),
        "The board cited high energy costs.",
        "en",
    ),
]

PASSING = [
    (
        language.wrong_language,
        "Die Gewerkschaft fordert höhere Löhne.",
        "Le syndicat réclame des salaires plus élevés.",
        "fr",
    ),
    (
        language.wrong_language,
        "Batterietechnik gilt als unforgiving business.",
        "Les batteries passent pour un « unforgiving business », dit-on dans le secteur.",
        "fr",
    ),
    (language.wrong_language, "Verkor plant ambitioniert.", "Verkor's plans are ambitious.", "en"),
    (quantities.quantities, "Investitionen von rund 1,5 Milliarden Euro.", "Investment of around €1.5bn.", "en"),
    (
        quantities.quantities,
        "Investitionen von rund 1,5 Milliarden Euro.",
        "Des investissements de quelque 1,5 milliard d'euros.",
        "fr",
    ),
    (
        quantities.quantities,
        "Investitionen von rund 1,5 Milliarden Euro.",
        "Des investissements de 1,5 milliard.",
        "fr",
    ),
    (quantities.quantities, "Investitionen von 1,5 Milliarden Euro.", "Investment of 1,500 million euros.", "en"),
    (quantities.quantities, "Bis 2028 sollen 16 Gigawattstunden erreicht sein.", "By 2028, 16 GWh.", "en"),
    (
        quantities.quantities,
        "Bis 2028 sollen 16 Gigawattstunden erreicht sein.",
        "D'ici 2028, 16 000 mégawattheures.",
        "fr",
    ),
    (quantities.quantities, "Der Anteil stieg um 5 Prozent.", "La part a augmenté de 5 %.", "fr"),
    (quantities.quantities, "Er sprach vor 1.200 Gästen.", "He spoke to 1,200 guests.", "en"),
    (quantities.quantities, "Drei Tage, 20 Punkte.", "Three days, 20 points.", "en"),
    (
        quantities.quantities,
        "Im Jahr 2025 lieferte er täglich 20 Megawattstunden.",
        "In 2025 it supplied 20 megawatt hours a day.",
        "en",
    ),
    (quantities.quantities, "16 Gigawattstunden pro Jahr.", "16 gigawattheures par an.", "fr"),
    (names.dates, "Im Dezember 2025 öffnete die Fabrik.", "En décembre 2025, l'usine a ouvert.", "fr"),
    (names.dates, "Im Dezember 2025 öffnete die Fabrik.", "In December 2025 the factory opened.", "en"),
    (names.dates, "Die Inflation lag im August bei 2,4 Prozent.", "Inflation stood at 2.4 per cent in August.", "en"),
    (names.dates, "Die Fabrik von morgen.", "The factory of the future.", "en"),
    (names.dates, "Heute dagegen liegt Aufbruch in der Luft.", "Today a new beginning is in the air.", "en"),
    (names.dates, "Theresa May sprach im Juni.", "Theresa May spoke in June.", "en"),
    (names.dates, "Im Sommer hat der Konzern Gewinn gemacht.", "Cet été, le groupe a été bénéficiaire.", "fr"),
    (
        names.names,
        "China, Südkorea, Japan – dort sitzen die Platzhirsche.",
        "La Chine, la Corée du Sud, le Japon – c'est là que trônent les poids lourds.",
        "fr",
    ),
    (
        names.names,
        "Das soll Frankreichs Autowelt neu sortieren.",
        ("Cela doit rebattre les cartes de l'automobile française."),
        "fr",
    ),
    (names.names, "Keine PR Kulisse, kein Luftschloss.", "Pas un coup de com, pas un château en Espagne.", "fr"),
    (names.names, "Der Chef kommt von der Deutschen Bank.", "The chief comes from Deutsche Bank.", "en"),
    (names.names, "Das Werk in Köln und Niedersachsen.", "The plant in Cologne and Lower Saxony.", "en"),
    (names.names, "In Nordrhein-Westfalen und Thüringen.", "En Rhénanie-du-Nord-Westphalie et en Thuringe.", "fr"),
    (names.names, "Bis 2028 sollen 16 Gigawattstunden erreicht sein.", "By 2028, 16 GWh.", "en"),
    (names.names, "Die Quote in Sachsen-Anhalt sank.", "The rate in Saxony-Anhalt fell.", "en"),
    (names.names, "Ein Investor aus Rheinland-Pfalz.", "Un investisseur de Rhénanie-Palatinat.", "fr"),
    (names.names, "Ein Investor aus Rheinland-Pfalz.", "An investor from Rhineland-Palatinate.", "en"),
    (
        negation,
        "Elektroautos verkaufen sich nicht automatisch von selbst.",
        "Les voitures électriques ne se vendent pas toutes seules.",
        "fr",
    ),
    (negation, "Natürlich steht Verkor nicht allein auf weiter Flur.", ("Verkor is, of course, far from alone."), "en"),
    (negation, "Nicht nur die Autoindustrie leidet.", "Non seulement l'automobile souffre.", "fr"),
    (negation, "Aber Schritt für Schritt.", "Mais pas à pas.", "fr"),
    (
        negation,
        "Kritiker warnen vor Überforderung des Marktes.",
        "Les détracteurs craignent un marché qui ne pourrait pas suivre.",
        "fr",
    ),
    (direction, "Die Nachfrage ist deutlich gestiegen.", "La demande a nettement augmenté.", "fr"),
    (direction, "Die Firma beschäftigt nicht mehr so viele Leute.", "The firm employs fewer people.", "en"),
    (direction, "Ein Kreislauf, der Abhängigkeiten mindert.", "A loop that reduces dependencies.", "en"),
    (direction, "Mehr Kraftwerke gehen vom Netz.", "More power stations are shut down.", "en"),
    (
        modality,
        "Bis 2028 sollen 16 Gigawattstunden erreicht sein.",
        "Annual capacity is due to reach 16 gigawatt hours by 2028.",
        "en",
    ),
    (
        modality,
        "Bis 2028 sollen 16 Gigawattstunden erreicht sein.",
        "D'ici 2028, la capacité atteindra 16 gigawattheures.",
        "fr",
    ),
    (modality, "Verkor plant ambitioniert.", "Verkor voit grand.", "fr"),
    (modality, "Er soll Millionen veruntreut haben.", "Il aurait détourné des millions.", "fr"),
    (
        truncated,
        "Der Hafen investiert in neue Kräne und eine eigene Bahnanbindung.",
        "The port is investing in new cranes and its own rail link.",
        "en",
    ),
    (
        truncated,
        "Hinter den Kulissen brodelt eine Debatte: das Verbot ab 2035.",
        "En coulisses couve un débat : l'interdiction à partir de 2035.",
        "fr",
    ),
    (truncated, "Macht es!", "Faites-le !", "fr"),
]


def case_id(case) -> str:
    return f"{case[0].__name__}-{case[3]}-{case[2][:24]}"


@pytest.mark.parametrize("check, source, translation, lang", FAILING, ids=[case_id(case) for case in FAILING])
def test_check_fails(check, source, translation, lang):
    assert fails(check, source, translation, lang)


@pytest.mark.parametrize("check, source, translation, lang", PASSING, ids=[case_id(case) for case in PASSING])
def test_check_passes(check, source, translation, lang):
    assert passes(check, source, translation, lang)


def test_every_meaning_check_is_registered_with_cases_and_severities():
    functions = {check.function for check in MEANING_CHECKS}
    assert functions == {case[0] for case in FAILING} == {case[0] for case in PASSING}
    assert len(functions) == 8
    for check in MEANING_CHECKS:
        assert check.title and not check.title.endswith(".")
        assert check.draft is not Severity.ERROR
    assert {check.name for check in MEANING_CHECKS} <= checks.CHECK_NAMES  # usable in `# qa-ignore:`


def test_messages_name_what_differs():
    context = Context(lang="fr", glossary=GLOSSARY)
    assert list(quantities.quantities("Rund 1,5 Milliarden Euro.", "Environ 1,5 million d'euros.", context)) == [
        "'1,5 Milliarden Euro' in the source is \"1,5 million d'euros\" in the translation"
    ]
    assert list(names.dates("Im Dezember.", "En novembre.", context)) == [
        "month names differ: décembre missing; novembre not in the source"
    ]
    assert next(
        iter(
            language.wrong_language(
                "Die Region hofft auf Arbeit.",
                "The region is hoping for a lot of work and for the jobs that were promised.",
                context,
            )
        )
    ).startswith("the translation reads as English")


@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1),
    st.sampled_from([("Millionen", "million", "milliard"), ("Milliarden", "milliard", "million")]),
)
def test_a_scale_is_compared_as_a_value(value, words):
    german, right, wrong = words
    figure = f"{value}".replace(".", ",")
    source = f"Es geht um {figure} {german} Euro."
    assert passes(quantities.quantities, source, f"Il s'agit de {figure} {right}s d'euros.", "fr")
    assert fails(quantities.quantities, source, f"Il s'agit de {figure} {wrong}s d'euros.", "fr")


def seed_entries() -> list[tuple[str, str, str]]:
    found = []
    for lang in ("fr", "en"):
        catalog = catalogs.read_view(REPO / "locales" / lang / "LC_MESSAGES" / "vallee-de-la-batterie.po")
        found += [(entry.msgid, entry.msgstr, lang) for entry in catalog.active()]
    return found


def clean_translations() -> list[tuple[str, str, str]]:
    """The correct translations of every evaluation set in bench/data."""
    found = []
    for path in sorted(BENCH_DATA.glob("qa_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            found += [(item["de"], item[lang], lang) for lang in ("fr", "en")]
    return found


@pytest.mark.parametrize("entries", [seed_entries, clean_translations])
def test_the_meaning_checks_stay_silent_on_reviewed_translations(entries):
    glossary = load_glossary(REPO / "glossary.toml")
    cases = entries()
    assert len(cases) >= 204
    findings = [
        f"[{check.name}] {lang}: {translation}: {message}"
        for source, translation, lang in cases
        for check in MEANING_CHECKS
        for message in check.function(source, translation, Context(lang=lang, glossary=glossary))
    ]
    assert findings == []


def test_languages_without_markers_are_left_alone():
    context = Context(lang="ja", glossary=GLOSSARY)
    for check in MEANING_CHECKS:
        assert list(check.function("Die Preise sind nicht gestiegen.", "価格は上がらなかった。", context)) == [], (
            check.name
        )


def test_the_bench_quick_mode_runs_and_the_meaning_checks_catch_more(capsys):
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import bench_qa_meaning
    finally:
        sys.path.remove(str(REPO / "bench"))
    bench_qa_meaning.main(["--quick"])
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    baseline, meaning = rows[-2], rows[-1]
    caught = [int(row.split(" | ")[-2].split("/")[0]) for row in (baseline, meaning)]
    assert caught[1] > caught[0]
    assert meaning.endswith("| 0/12 |")
