"""Sentence splitting on tricky German, the seed article, and reading seed files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.articles.model import assemble, encode
from pipeline.articles.seeds import read_article, segment_text
from pipeline.articles.segmentation import split_sentences
from pipeline.errors import ArticleError
from tests.operation_counts import executed_lines

SEED = Path(__file__).resolve().parent.parent.parent / "seeds" / "vallee-de-la-batterie.txt"

CASES = {
    # Where sentences end.
    "full-stop": ("Das ist gut. Das ist schlecht.", ["Das ist gut.", "Das ist schlecht."]),
    "question-mark": (
        "Wird das zu viel? Die Antwort fällt nicht eindeutig aus.",
        ["Wird das zu viel?", "Die Antwort fällt nicht eindeutig aus."],
    ),
    "exclamation-mark": (
        "Abonniere den Newsletter! Er ist kostenlos.",
        ["Abonniere den Newsletter!", "Er ist kostenlos."],
    ),
    "repeated-marks": ("Wirklich?! Ja.", ["Wirklich?!", "Ja."]),
    "ellipsis-character": ("Er zögerte… Dann ging er.", ["Er zögerte…", "Dann ging er."]),
    "ellipsis-dots": ("Er zögerte... Dann ging er.", ["Er zögerte...", "Dann ging er."]),
    "ellipsis-after-space": ("Er sagt … Dann ging er.", ["Er sagt …", "Dann ging er."]),
    "ellipsis-mid-sentence": ("Er zögerte … und ging dann doch.", ["Er zögerte … und ging dann doch."]),
    "closing-quote-ends-sentence": (
        (
            "Er sagt: „Wenn die Politik wackelt, wackeln wir alle. Aber ohne Ziel fährt man eben auch "
            "nicht los.“ Ein Satz, der trifft."
        ),
        [
            ("Er sagt: „Wenn die Politik wackelt, wackeln wir alle. Aber ohne Ziel fährt man eben auch nicht los.“"),
            "Ein Satz, der trifft.",
        ],
    ),
    "quoted-question": ("„Kommt ihr?“ Niemand antwortete.", ["„Kommt ihr?“", "Niemand antwortete."]),
    "quote-then-comma": (
        "„Kommt ihr?“, fragte sie. Niemand antwortete.",
        ["„Kommt ihr?“, fragte sie.", "Niemand antwortete."],
    ),
    "quote-then-lowercase": ("„Kommt ihr?“ fragte sie leise.", ["„Kommt ihr?“ fragte sie leise."]),
    "guillemets": (
        "»Wir bleiben.« Das sagte er. «On reste.» Das auch.",
        ["»Wir bleiben.«", "Das sagte er.", "«On reste.»", "Das auch."],
    ),
    "single-german-quotes": ("Er sagte ‚Ja.‘ Dann ging er.", ["Er sagte ‚Ja.‘", "Dann ging er."]),
    "nested-quotes": (
        "„Er sagte ‚Ja.‘ Dann ging er.“ Danach war es still.",
        ["„Er sagte ‚Ja.‘ Dann ging er.“", "Danach war es still."],
    ),
    "ellipsis-inside-quote": (
        "„Ich weiß nicht… Vielleicht.“ Dann ging er.",
        ["„Ich weiß nicht… Vielleicht.“", "Dann ging er."],
    ),
    "unclosed-quote": (
        "Er sagte: „Wir bleiben. Alle. Dann ging er.",
        ["Er sagte: „Wir bleiben.", "Alle.", "Dann ging er."],
    ),
    "unclosed-guillemet": (
        "Er kam. »Siehe unten. Dann ging er.",
        ["Er kam.", "»Siehe unten.", "Dann ging er."],
    ),
    "unclosed-parenthesis": (
        "Er kam. (Siehe unten. Dann ging er.",
        ["Er kam.", "(Siehe unten.", "Dann ging er."],
    ),
    "parenthesis-after-full-stop": (
        "(Das ist neu.) Danach kam mehr.",
        ["(Das ist neu.)", "Danach kam mehr."],
    ),
    "parenthesis-inside-sentence": (
        "Er ging (schnell.) Dann kam er (vgl. S. 3). Danach nicht.",
        ["Er ging (schnell.)", "Dann kam er (vgl. S. 3).", "Danach nicht."],
    ),
    "dash-after-full-stop": ("Er kam. – Ja.", ["Er kam.", "– Ja."]),
    "headline-without-punctuation": (
        "Die Vallée de la batterie wächst",
        ["Die Vallée de la batterie wächst"],
    ),
    "surrounding-whitespace": ("  Satz eins.   Satz zwei.\t ", ["Satz eins.", "Satz zwei."]),
    "no-break-space": ("Satz eins.\u00a0Satz zwei.", ["Satz eins.", "Satz zwei."]),
    # Where they do not.
    "colon": (
        "Wer durch die Hallen geht, merkt schnell: Hier entsteht kein gewöhnliches Produkt. Das ist neu.",
        [
            "Wer durch die Hallen geht, merkt schnell: Hier entsteht kein gewöhnliches Produkt.",
            "Das ist neu.",
        ],
    ),
    "titles": (
        "Dr. Meier und Prof. Schulz kamen. Sie blieben lange.",
        ["Dr. Meier und Prof. Schulz kamen.", "Sie blieben lange."],
    ),
    "z-b": (
        "Manche Städte, z. B. Lille, wachsen. Andere z.B. Calais nicht.",
        ["Manche Städte, z. B. Lille, wachsen.", "Andere z.B. Calais nicht."],
    ),
    "u-a": (
        "Dort produzieren u. a. Renault und Stellantis. Das ist neu.",
        ["Dort produzieren u. a. Renault und Stellantis.", "Das ist neu."],
    ),
    "bzw-ca-mrd": (
        "Die Fabrik kostet ca. 1,5 Mrd. Euro bzw. mehr als geplant. Sie steht bei Dunkerque.",
        ["Die Fabrik kostet ca. 1,5 Mrd. Euro bzw. mehr als geplant.", "Sie steht bei Dunkerque."],
    ),
    "mio-before-noun": (
        "Verkor baut 2,5 Mio. Zellen pro Jahr. Das reicht.",
        ["Verkor baut 2,5 Mio. Zellen pro Jahr.", "Das reicht."],
    ),
    "nr-s": (
        "Siehe Nr. 5 auf S. 12 im Bericht. Danach mehr.",
        ["Siehe Nr. 5 auf S. 12 im Bericht.", "Danach mehr."],
    ),
    "usw-etc": (
        "Kohle, Stahl usw. prägten die Region, Diesel etc. ebenfalls. Heute nicht mehr.",
        ["Kohle, Stahl usw. prägten die Region, Diesel etc. ebenfalls.", "Heute nicht mehr."],
    ),
    "jh-evtl-ggf-vgl": (
        "Im 19. Jh. begann es, evtl. früher. Vgl. dazu ggf. die Chronik.",
        ["Im 19. Jh. begann es, evtl. früher.", "Vgl. dazu ggf. die Chronik."],
    ),
    "st-str-tel": (
        "Das Büro liegt in der Hauptstr. 5 in St. Omer, Tel. Zentrale: 0321 123456. Es ist montags zu.",
        ["Das Büro liegt in der Hauptstr. 5 in St. Omer, Tel. Zentrale: 0321 123456.", "Es ist montags zu."],
    ),
    "abbreviations-sentencex-lacks": (
        ("Siehe Abb. Drei und inkl. Anhang die Tab. Vier. Die Fa. Verkor, vertreten durch Dipl.-Ing. Renard, baut."),
        [
            "Siehe Abb. Drei und inkl. Anhang die Tab. Vier.",
            "Die Fa. Verkor, vertreten durch Dipl.-Ing. Renard, baut.",
        ],
    ),
    "abbreviation-is-case-sensitive": (
        "Es kostet max. Hundert Euro. Wir sahen Max. Er lachte.",
        ["Es kostet max. Hundert Euro.", "Wir sahen Max.", "Er lachte."],
    ),
    "abbreviation-at-sentence-start": (
        "Ca. 300 Menschen kamen. Vgl. Abb. 2 im Anhang.",
        ["Ca. 300 Menschen kamen.", "Vgl. Abb. 2 im Anhang."],
    ),
    "date-ordinal": (
        "Am 3. Oktober wird gefeiert. Das ist ein Feiertag.",
        ["Am 3. Oktober wird gefeiert.", "Das ist ein Feiertag."],
    ),
    "month-abbreviation": ("Am 3. Okt. kam er. Dann ging er.", ["Am 3. Okt. kam er.", "Dann ging er."]),
    "century-ordinal": (
        "Nicht glamourös, aber real. Industrie im 21. Jahrhundert eben.",
        ["Nicht glamourös, aber real.", "Industrie im 21. Jahrhundert eben."],
    ),
    "ordinal-before-no-break-space": (
        "Industrie im 21.\u00a0Jahrhundert eben.",
        ["Industrie im 21.\u00a0Jahrhundert eben."],
    ),
    "may-day": ("Die Fabrik öffnet am 1. Mai ihre Tore.", ["Die Fabrik öffnet am 1. Mai ihre Tore."]),
    "ordinal-noun": ("Zum 100. Geburtstag kam er zum 2. Mal.", ["Zum 100. Geburtstag kam er zum 2. Mal."]),
    "ordinal-after-article": (
        "Das ist der 2. Standort von Verkor. Der 1. FC Köln spielt.",
        ["Das ist der 2. Standort von Verkor.", "Der 1. FC Köln spielt."],
    ),
    "day-and-month-ends-sentence": (
        "Die Frist endet am 14.11. Danach wird geliefert.",
        ["Die Frist endet am 14.11.", "Danach wird geliefert."],
    ),
    "number-ends-sentence": (
        "Später sogar bis zu 50. Das klingt abstrakt.",
        ["Später sogar bis zu 50.", "Das klingt abstrakt."],
    ),
    "year-ends-sentence": (
        "Das Verbot gilt ab 2035. Kritiker warnen davor.",
        ["Das Verbot gilt ab 2035.", "Kritiker warnen davor."],
    ),
    "page-number-ends-sentence": (
        "Das steht auf S. 3. Industrie braucht Strom.",
        ["Das steht auf S. 3.", "Industrie braucht Strom."],
    ),
    "numeric-date": (
        "Die Eröffnung war am 14.11.2026 in Bourbourg. Viele kamen.",
        ["Die Eröffnung war am 14.11.2026 in Bourbourg.", "Viele kamen."],
    ),
    "numeric-date-ends-sentence": (
        "Die Eröffnung war am 14.11.2026. Viele kamen.",
        ["Die Eröffnung war am 14.11.2026.", "Viele kamen."],
    ),
    "time": (
        "Die Schicht beginnt um 9.30 Uhr. Alle sind pünktlich.",
        ["Die Schicht beginnt um 9.30 Uhr.", "Alle sind pünktlich."],
    ),
    "thousands-separator": (
        "Über 1.200 Menschen arbeiten hier. Es werden mehr.",
        ["Über 1.200 Menschen arbeiten hier.", "Es werden mehr."],
    ),
    "initial": ("Ein Artikel von M. Legrand", ["Ein Artikel von M. Legrand"]),
    "initials": (
        "J. P. Renard leitet das Werk. Er ist neu.",
        ["J. P. Renard leitet das Werk.", "Er ist neu."],
    ),
    "url": (
        "Mehr unter www.example.com/a.b im Netz. Oder per Mail.",
        ["Mehr unter www.example.com/a.b im Netz.", "Oder per Mail."],
    ),
    "url-ends-sentence": (
        "Mehr unter www.example.com. Oder per Mail.",
        ["Mehr unter www.example.com.", "Oder per Mail."],
    ),
    "url-with-query": (
        "Siehe https://example.com/?q=1&x=2 für Details. Danke.",
        ["Siehe https://example.com/?q=1&x=2 für Details.", "Danke."],
    ),
    "capitalised-url": (
        "Siehe www.Example.Com/Seite.Html für Details.",
        ["Siehe www.Example.Com/Seite.Html für Details."],
    ),
    "email": (
        "Fragen an max.mustermann@example.de schicken. Wir antworten.",
        ["Fragen an max.mustermann@example.de schicken.", "Wir antworten."],
    ),
    "email-ends-sentence": (
        "Schreiben Sie an max@example.de. Wir antworten.",
        ["Schreiben Sie an max@example.de.", "Wir antworten."],
    ),
    "lowercase-after-unknown-abbreviation": (
        "Das kostet 5 Euro/Std. pro Person.",
        ["Das kostet 5 Euro/Std. pro Person."],
    ),
    "year-before-number-ends-sentence": (
        "Das war 2025. 2026 wird besser.",
        ["Das war 2025.", "2026 wird besser."],
    ),
    "known-limit-day-or-month-number-before-number": (
        "Sie wurde 3. 20 Läuferinnen waren am Start.",
        ["Sie wurde 3. 20 Läuferinnen waren am Start."],
    ),
}

ROUND_TWO = {
    # An abbreviation that ends the sentence: usw., etc. and the like before any capitalised word;
    # bzw., units, months, days and the like only before a word that starts sentences.
    "usw-ends-sentence": (
        "Wir kauften Äpfel, Birnen usw. Danach gingen wir heim.",
        ["Wir kauften Äpfel, Birnen usw.", "Danach gingen wir heim."],
    ),
    "etc-ends-sentence": (
        "Es gab Kaffee, Tee etc. Die Gäste waren zufrieden.",
        ["Es gab Kaffee, Tee etc.", "Die Gäste waren zufrieden."],
    ),
    "u-ae-ends-sentence": (
        "Es gab Bücher, Hefte u. ä. Danach gingen wir. Dazu Stifte o.Ä. Das reichte.",
        ["Es gab Bücher, Hefte u. ä.", "Danach gingen wir.", "Dazu Stifte o.Ä.", "Das reichte."],
    ),
    "bzw-ends-sentence": (
        "Man nennt es Zelle bzw. Das ist umstritten.",
        ["Man nennt es Zelle bzw.", "Das ist umstritten."],
    ),
    "unit-century-era-end-sentence": (
        (
            "Das Werk kostet 2 Mrd. Die Hälfte zahlt der Staat. Er starb 44 v. Chr. Danach zerfiel alles. "
            "Im 19. Jh. Die Industrie wuchs."
        ),
        [
            "Das Werk kostet 2 Mrd.",
            "Die Hälfte zahlt der Staat.",
            "Er starb 44 v. Chr.",
            "Danach zerfiel alles.",
            "Im 19. Jh.",
            "Die Industrie wuchs.",
        ],
    ),
    "weekday-ends-sentence": (
        "Das Werk öffnet am Mo. Dann beginnt die Produktion. Geliefert wird Mo. bis Fr. Danach ist zu.",
        [
            "Das Werk öffnet am Mo.",
            "Dann beginnt die Produktion.",
            "Geliefert wird Mo. bis Fr.",
            "Danach ist zu.",
        ],
    ),
    "weekday-or-title": (
        "Fr. Müller kommt am Fr. Dann gehen wir.",
        ["Fr. Müller kommt am Fr.", "Dann gehen wir."],
    ),
    "registered-association-ends-sentence": (
        "Gegründet hat ihn der Verein Batterie Nord e. V. Er wurde 2020 eingetragen.",
        ["Gegründet hat ihn der Verein Batterie Nord e. V.", "Er wurde 2020 eingetragen."],
    ),
    "usw-before-closing-quote": (
        "„Wir kauften Äpfel usw.“ Danach gingen wir.",
        ["„Wir kauften Äpfel usw.“", "Danach gingen wir."],
    ),
    "etc-pp-and-ff-end-sentences": (
        ("Wir brauchen Holz, Sand etc. pp. Dann bauen wir. Siehe S. 12 ff. Dort steht mehr. Das regeln §§ 5 ff. BGB."),
        [
            "Wir brauchen Holz, Sand etc. pp.",
            "Dann bauen wir.",
            "Siehe S. 12 ff.",
            "Dort steht mehr.",
            "Das regeln §§ 5 ff. BGB.",
        ],
    ),
    "etc-inside-brackets": (
        "Wir kauften Obst (Äpfel, Birnen etc.) und gingen heim.",
        ["Wir kauften Obst (Äpfel, Birnen etc.) und gingen heim."],
    ),
    "usw-before-lowercase": (
        "Wir kauften Brot, Käse etc. und gingen heim.",
        ["Wir kauften Brot, Käse etc. und gingen heim."],
    ),
    "bzw-before-noun": ("Äpfel bzw. Birnen sind gesund.", ["Äpfel bzw. Birnen sind gesund."]),
    "bzw-before-formal-you": (
        "Wenden Sie sich an uns bzw. Sie rufen an.",
        ["Wenden Sie sich an uns bzw. Sie rufen an."],
    ),
    "example-before-newspaper": (
        "Lesen Sie dazu z. B. Die Zeit vom Montag.",
        ["Lesen Sie dazu z. B. Die Zeit vom Montag."],
    ),
    # An interjection in brackets is inside its sentence.
    "bracketed-exclamation": (
        "Er hat (!) Millionen verdient. Danach ging er.",
        ["Er hat (!) Millionen verdient.", "Danach ging er."],
    ),
    "bracketed-questions": ("Sie kam (???) Stunden zu spät.", ["Sie kam (???) Stunden zu spät."]),
    "bracketed-double-exclamation": (
        "Der Preis stieg (!!) Anfang Mai um die Hälfte.",
        ["Der Preis stieg (!!) Anfang Mai um die Hälfte."],
    ),
    "bracketed-sic": ("Das ist (sic!) Unsinn.", ["Das ist (sic!) Unsinn."]),
    "square-bracketed-interjection": (
        "Er sagte [!] Ja und (!?) Nein.",
        ["Er sagte [!] Ja und (!?) Nein."],
    ),
    "bracketed-exclamation-then-full-stop": (
        "Er hat gewonnen (!). Dann ging er.",
        ["Er hat gewonnen (!).", "Dann ging er."],
    ),
    # Emoji after the end punctuation belong to the sentence before.
    "emoji-after-exclamation": (
        "Das war toll! 😀 Morgen geht es weiter.",
        ["Das war toll! 😀", "Morgen geht es weiter."],
    ),
    "emoji-run-after-full-stop": (
        "Wir feiern. 🎉🎉 Kommt alle! ❤️ Bis dann.",
        ["Wir feiern. 🎉🎉", "Kommt alle! ❤️", "Bis dann."],
    ),
    "emoji-without-space": ("Toll!😀 Morgen mehr.", ["Toll!😀", "Morgen mehr."]),
    "emoji-ends-paragraph": ("Das war toll! 😀😀", ["Das war toll! 😀😀"]),
    "emoji-inside-sentence": ("Ich ❤️ Berlin. Du auch?", ["Ich ❤️ Berlin.", "Du auch?"]),
    "emoticons-after-sentence": (
        "Das war toll! :-) Morgen mehr. Bis dann ;) Tschüss.",
        ["Das war toll! :-)", "Morgen mehr.", "Bis dann ;) Tschüss."],
    ),
    # Hashtags and handles after a sentence are a unit of their own.
    "hashtags-end-paragraph": (
        "Das Werk öffnet heute. #Dunkerque #Batterie",
        ["Das Werk öffnet heute.", "#Dunkerque #Batterie"],
    ),
    "hashtag-between-sentences": (
        "Das Werk öffnet heute. #Dunkerque Morgen mehr dazu.",
        ["Das Werk öffnet heute.", "#Dunkerque", "Morgen mehr dazu."],
    ),
    "handles-between-sentences": (
        "Danke an alle! @Verkor @Renault Wir sehen uns.",
        ["Danke an alle!", "@Verkor @Renault", "Wir sehen uns."],
    ),
    "hashtags-after-abbreviation-like-word": (
        "Heute Abend im TV. #tatort #ARD",
        ["Heute Abend im TV.", "#tatort #ARD"],
    ),
    "hashtag-as-subject": ("Toll! #Dunkerque ist super.", ["Toll!", "#Dunkerque ist super."]),
    "hashtag-inside-sentence": ("Das #Werk öffnet heute.", ["Das #Werk öffnet heute."]),
    "email-is-no-handle": (
        "Schreiben Sie an presse@verkor.fr. Wir antworten.",
        ["Schreiben Sie an presse@verkor.fr.", "Wir antworten."],
    ),
    "address-ends-sentence": (
        "Mehr auf www.verkor.fr. Oder unter https://verkor.fr/de. Danke.",
        ["Mehr auf www.verkor.fr.", "Oder unter https://verkor.fr/de.", "Danke."],
    ),
    # A closing bracket right after the end punctuation, then a new sentence.
    "bracket-closes-after-full-stop": (
        "Er unterschrieb (was niemand erwartet hatte.) Der Vertrag gilt.",
        ["Er unterschrieb (was niemand erwartet hatte.)", "Der Vertrag gilt."],
    ),
    "square-bracket-closes-after-full-stop": (
        "Er unterschrieb [was niemand erwartet hatte.] Der Vertrag gilt.",
        ["Er unterschrieb [was niemand erwartet hatte.]", "Der Vertrag gilt."],
    ),
    "bracket-closes-after-question": (
        "Er unterschrieb (wer hätte das gedacht?) Der Vertrag gilt.",
        ["Er unterschrieb (wer hätte das gedacht?)", "Der Vertrag gilt."],
    ),
    "bracketed-sentence-between-sentences": (
        "Er unterschrieb. (Der Vertrag gilt ab Mai.) Dann ging er.",
        ["Er unterschrieb.", "(Der Vertrag gilt ab Mai.)", "Dann ging er."],
    ),
    "bracket-then-lowercase": ("Er kam (spät!) und ging wieder.", ["Er kam (spät!) und ging wieder."]),
    "bracket-around-quotation": (
        "(Er sagte: „Ja.“) Dann ging er.",
        ["(Er sagte: „Ja.“)", "Dann ging er."],
    ),
    "bracket-after-abbreviation": (
        "Manche Städte (z. B.) Lille wachsen.",
        ["Manche Städte (z. B.) Lille wachsen."],
    ),
    # Footnote markers after the full stop belong to the sentence before.
    "superscript-footnotes": (
        "Die Ergebnisse sind eindeutig.¹ Dennoch gibt es Kritik.² ³ Die Studie läuft weiter.",
        ["Die Ergebnisse sind eindeutig.¹", "Dennoch gibt es Kritik.² ³", "Die Studie läuft weiter."],
    ),
    "bracketed-footnote": (
        "Das ist belegt.[1] Weitere Studien folgen.[12]",
        ["Das ist belegt.[1]", "Weitere Studien folgen.[12]"],
    ),
    "several-footnotes": (
        "Das ist belegt.[1][2] Der Name ist geändert.* Er lebt in Lille.",
        ["Das ist belegt.[1][2]", "Der Name ist geändert.*", "Er lebt in Lille."],
    ),
    "asterisk-note-after-sentence": (
        "Das kostet 5 Euro. *Preis ohne Gewähr.",
        ["Das kostet 5 Euro.", "*Preis ohne Gewähr."],
    ),
    "superscript-unit": (
        "Die Wohnung hat 80 m² Fläche. Sie ist hell.",
        ["Die Wohnung hat 80 m² Fläche.", "Sie ist hell."],
    ),
    "footnote-inside-sentence": ("Die Studie (2024)¹ ist neu.", ["Die Studie (2024)¹ ist neu."]),
    # A missing space after the end punctuation.
    "missing-space": (
        "Er hatte viele Gedanken.Verschiedene Ideen kamen ihm.",
        ["Er hatte viele Gedanken.", "Verschiedene Ideen kamen ihm."],
    ),
    "missing-space-after-question": ("Kommst du?Ja, gleich.", ["Kommst du?", "Ja, gleich."]),
    "missing-space-domain": ("Besuchen Sie Verkor.Com für mehr.", ["Besuchen Sie Verkor.Com für mehr."]),
    "missing-space-abbreviation": (
        "Prof.Dr. Meier wohnt in St.Pauli seit Jahren.",
        ["Prof.Dr. Meier wohnt in St.Pauli seit Jahren."],
    ),
    "missing-space-brand-names": (
        "Der Konzern E.ON wirbt auf Sat.1 für sich.",
        ["Der Konzern E.ON wirbt auf Sat.1 für sich."],
    ),
    # A numbered list item at the start of a line is one sentence.
    "list-item": ("1. Dies ist der erste Punkt.", ["1. Dies ist der erste Punkt."]),
    "list-item-two-sentences": (
        "12. Die Fabrik öffnet. Alle kommen.",
        ["12. Die Fabrik öffnet.", "Alle kommen."],
    ),
    "list-item-indented": ("  2. Der zweite Punkt.", ["2. Der zweite Punkt."]),
    "roman-list-item": ("II. Die Lage in Dunkerque", ["II. Die Lage in Dunkerque"]),
    "list-items-inside-paragraph": (
        "Es geht um zwei Punkte. 1. Die Kosten steigen. 2. Die Preise fallen.",
        ["Es geht um zwei Punkte.", "1. Die Kosten steigen.", "2. Die Preise fallen."],
    ),
    "list-item-after-colon": (
        "Es geht um zwei Punkte: 1. Die Kosten steigen.",
        ["Es geht um zwei Punkte: 1. Die Kosten steigen."],
    ),
    # Administrative and medical abbreviations.
    "medical-abbreviations": (
        "Der Pat. klagt über Schmerzen. Die Diagn. lautet Grippe. Die Ther. beginnt.",
        ["Der Pat. klagt über Schmerzen.", "Die Diagn. lautet Grippe.", "Die Ther. beginnt."],
    ),
    "administrative-abbreviations": (
        "Die Bek. vom 3. Mai gilt. Sie steht im Amtsbl. Nr. 5. Die Verordn. Nr. 2 auch.",
        ["Die Bek. vom 3. Mai gilt.", "Sie steht im Amtsbl. Nr. 5.", "Die Verordn. Nr. 2 auch."],
    ),
    "abbreviation-before-name": (
        "Pat. Müller wurde entlassen. Seine Frau, geb. Schmidt, kam.",
        ["Pat. Müller wurde entlassen.", "Seine Frau, geb. Schmidt, kam."],
    ),
    # A new sentence that starts with a number.
    "number-starts-sentence": (
        "Das war bla. 700 Jahre später kam er zurück.",
        ["Das war bla.", "700 Jahre später kam er zurück."],
    ),
    "number-starts-sentence-after-time": (
        "Der Zug kam um 9 Uhr. 20 Minuten später fuhr er weiter.",
        ["Der Zug kam um 9 Uhr.", "20 Minuten später fuhr er weiter."],
    ),
    "number-after-abbreviation": (
        "Siehe Art. 5 GG und Abschn. 4 des Vertrags. Er wohnt in der Bahnhofstr. 12 in Lille.",
        ["Siehe Art. 5 GG und Abschn. 4 des Vertrags.", "Er wohnt in der Bahnhofstr. 12 in Lille."],
    ),
    "number-ends-sentence-after-abbreviation": (
        "Das steht in Kap. 3. Lesen Sie es. Das ist Nr. 1. Das ist Nr. 2.",
        ["Das steht in Kap. 3.", "Lesen Sie es.", "Das ist Nr. 1.", "Das ist Nr. 2."],
    ),
    "number-after-month": ("Das war im Jan. 2026 in Lille.", ["Das war im Jan. 2026 in Lille."]),
    "spaced-date": ("Am 3. 10. 1990 kam die Einheit.", ["Am 3. 10. 1990 kam die Einheit."]),
    "number-after-capitalised-abbreviation": ("Ca. 300 Menschen kamen.", ["Ca. 300 Menschen kamen."]),
    # Dialogue: an utterance that trails off, then narration.
    "trailing-off-then-new-sentence": (
        "»Ich weiß nicht…« Er zögerte. „Wenn ich nur …“ Sie brach ab.",
        ["»Ich weiß nicht…«", "Er zögerte.", "„Wenn ich nur …“", "Sie brach ab."],
    ),
    "trailing-off-then-narration-goes-on": (
        "„Ich dachte…“ murmelte er. »Wenn ich nur …«, sagte sie leise.",
        ["„Ich dachte…“ murmelte er.", "»Wenn ich nur …«, sagte sie leise."],
    ),
    "comma-quotes-question-and-answer": (
        ",,Kommst du mit?” ,,Nein“, antwortete sie.",
        [",,Kommst du mit?”", ",,Nein“, antwortete sie."],
    ),
    "typewriter-quotes-question-and-answer": (
        ",,Kommst du mit?'' ,,Nein'', antwortete sie. „Wirklich?\" „Ja\", sagte sie.",
        [",,Kommst du mit?''", ",,Nein'', antwortete sie.", '„Wirklich?"', '„Ja", sagte sie.'],
    ),
    "quotations-in-a-row": (
        "„Hast du das gesehen?“ „Ja!“ „Und?“ „Nichts.“",
        ["„Hast du das gesehen?“", "„Ja!“", "„Und?“", "„Nichts.“"],
    ),
    "quotation-goes-on-after-comma": (
        "„Warte…“, sagte sie, „ich komme mit.“",
        ["„Warte…“, sagte sie, „ich komme mit.“"],
    ),
    "quoted-question-and-answer": (
        "„Kommst du mit?“ „Nein“, antwortete sie.",
        ["„Kommst du mit?“", "„Nein“, antwortete sie."],
    ),
    # Ordinals, times, ellipses.
    "date-and-time": (
        "Das Treffen ist am 3. Oktober um 14.30 Uhr. Es ist 14:30 Uhr. Wir fangen an.",
        ["Das Treffen ist am 3. Oktober um 14.30 Uhr.", "Es ist 14:30 Uhr.", "Wir fangen an."],
    ),
    "spaced-ellipsis": ("Er zögerte . . . Dann ging er.", ["Er zögerte . . .", "Dann ging er."]),
    "names-that-look-like-abbreviations": (
        "Wir sahen Jan. Er lachte. Das war arg. Dann kam Max. Das war alles.",
        ["Wir sahen Jan.", "Er lachte.", "Das war arg.", "Dann kam Max.", "Das war alles."],
    ),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), ROUND_TWO.values(), ids=ROUND_TWO.keys())
def test_split_sentences_round_two(text, expected):
    assert split_sentences(text) == expected


# A stand-in for the held-out check of issue 16: German cases written from scratch, without looking at
# the cases above or at other projects' suites, in the conventions of the README's Segmentation
# section. Before this round the splitter got 333 of these 369 right (206 of the first 214, written
# first; 95 of the 101 of "second-blind-set"; 11 of the 30 of "after-reading-the-splitter"; 21 of the
# 24 of "third-blind-set"); sentencex alone gets 221.
FRESH_EYES = {
    # An abbreviation that ends a sentence, and one that does not.
    "abbreviation-ends": [
        (
            "Wir kauften Äpfel, Birnen usw. Danach gingen wir nach Hause.",
            ["Wir kauften Äpfel, Birnen usw.", "Danach gingen wir nach Hause."],
        ),
        (
            "Es gab Brot, Käse, Wein etc. Das Fest dauerte bis Mitternacht.",
            ["Es gab Brot, Käse, Wein etc.", "Das Fest dauerte bis Mitternacht."],
        ),
        (
            "Die Firma produziert Zellen, Module etc. Sie beschäftigt 400 Menschen.",
            ["Die Firma produziert Zellen, Module etc.", "Sie beschäftigt 400 Menschen."],
        ),
        ("Gemeint sind Käufer bzw. Verkäufer.", ["Gemeint sind Käufer bzw. Verkäufer."]),
        (
            "Er sammelte Briefmarken, Münzen, Postkarten u. v. m. Seine Frau war wenig begeistert.",
            ["Er sammelte Briefmarken, Münzen, Postkarten u. v. m.", "Seine Frau war wenig begeistert."],
        ),
        ("Die Stadt wurde im Jahr 12 v. Chr. gegründet.", ["Die Stadt wurde im Jahr 12 v. Chr. gegründet."]),
        (
            "Die Siedlung entstand um 800 v. Chr. Heute ist davon nichts mehr zu sehen.",
            ["Die Siedlung entstand um 800 v. Chr.", "Heute ist davon nichts mehr zu sehen."],
        ),
        (
            "Der Umsatz stieg auf 2,4 Mrd. Das ist ein Rekord.",
            ["Der Umsatz stieg auf 2,4 Mrd.", "Das ist ein Rekord."],
        ),
        ("Die Kosten liegen bei 3 Mio. Euro.", ["Die Kosten liegen bei 3 Mio. Euro."]),
        (
            "Die Kirche stammt aus dem 12. Jh. Sie wurde mehrfach umgebaut.",
            ["Die Kirche stammt aus dem 12. Jh.", "Sie wurde mehrfach umgebaut."],
        ),
        (
            "Es gab Streit um Geld, Posten u. Ä. Am Ende einigte man sich.",
            ["Es gab Streit um Geld, Posten u. Ä.", "Am Ende einigte man sich."],
        ),
        (
            "Sie kaufte Hefte, Stifte usw. und ging dann nach Hause.",
            ["Sie kaufte Hefte, Stifte usw. und ging dann nach Hause."],
        ),
        (
            "Geliefert werden Akkus, Kabel usf. Der Rest folgt später.",
            ["Geliefert werden Akkus, Kabel usf.", "Der Rest folgt später."],
        ),
        (
            "Er sprach über Politik, Wirtschaft u. a. Themen.",
            ["Er sprach über Politik, Wirtschaft u. a. Themen."],
        ),
        (
            "Der Vertrag wurde von Müller & Co. unterzeichnet.",
            ["Der Vertrag wurde von Müller & Co. unterzeichnet."],
        ),
        (
            "Dort gibt es Kinos, Theater, Museen etc. Wer Kultur sucht, ist hier richtig.",
            ["Dort gibt es Kinos, Theater, Museen etc.", "Wer Kultur sucht, ist hier richtig."],
        ),
        (
            "Die Teilnehmer kamen aus Frankreich, Belgien etc. Insgesamt waren es 300.",
            ["Die Teilnehmer kamen aus Frankreich, Belgien etc.", "Insgesamt waren es 300."],
        ),
        (
            "Der Bus fährt alle 10 Min. Die Fahrt dauert eine Stunde.",
            ["Der Bus fährt alle 10 Min.", "Die Fahrt dauert eine Stunde."],
        ),
        (
            "Das betrifft Mieter bzw. Vermieter. Die Regel gilt ab Mai.",
            ["Das betrifft Mieter bzw. Vermieter.", "Die Regel gilt ab Mai."],
        ),
        ("Die Stadt hat 40 Tsd. Einwohner.", ["Die Stadt hat 40 Tsd. Einwohner."]),
    ],
    # An interjection in brackets inside a sentence.
    "bracketed-interjections": [
        ("Er hat (!) tatsächlich 3 Millionen verdient.", ["Er hat (!) tatsächlich 3 Millionen verdient."]),
        ("Sie will bis 2030 (?) fertig sein.", ["Sie will bis 2030 (?) fertig sein."]),
        (
            "Der Minister kam mit 40 Minuten (!!) Verspätung.",
            ["Der Minister kam mit 40 Minuten (!!) Verspätung."],
        ),
        ("Die Firma heißt jetzt (???) Verkor Next.", ["Die Firma heißt jetzt (???) Verkor Next."]),
        (
            "Er schrieb „Standort ist gesezt (sic!)“ in seiner Mail.",
            ["Er schrieb „Standort ist gesezt (sic!)“ in seiner Mail."],
        ),
        ("Das Werk soll 16 GWh (!?) liefern.", ["Das Werk soll 16 GWh (!?) liefern."]),
        ("Sie fand das Ergebnis (?!) ganz in Ordnung.", ["Sie fand das Ergebnis (?!) ganz in Ordnung."]),
        (
            "Er fuhr mit 200 km/h (!). Dann kam die Polizei.",
            ["Er fuhr mit 200 km/h (!).", "Dann kam die Polizei."],
        ),
        ("Wer hat das bezahlt (?) und warum?", ["Wer hat das bezahlt (?) und warum?"]),
        (
            "Angeblich (!) war niemand informiert. Das glaubt keiner.",
            ["Angeblich (!) war niemand informiert.", "Das glaubt keiner."],
        ),
        ("Der Chef (!) Persönlich kam vorbei.", ["Der Chef (!) Persönlich kam vorbei."]),
        ("Sein Gehalt [sic!] Wurde verdoppelt.", ["Sein Gehalt [sic!] Wurde verdoppelt."]),
    ],
    # Emoji and emoticons after the end punctuation.
    "emoji-after-end": [
        (
            "Das Werk ist eröffnet! 🎉 Morgen beginnt die Produktion.",
            ["Das Werk ist eröffnet! 🎉", "Morgen beginnt die Produktion."],
        ),
        ("Was für ein Tag 😀. Morgen geht es weiter.", ["Was für ein Tag 😀.", "Morgen geht es weiter."]),
        ("Endlich Ferien! 😎🌞 Wer kommt mit?", ["Endlich Ferien! 😎🌞", "Wer kommt mit?"]),
        ("Wir haben gewonnen!!! 🏆🏆🏆", ["Wir haben gewonnen!!! 🏆🏆🏆"]),
        ("Schade. 😢 Aber nächstes Jahr wieder.", ["Schade. 😢", "Aber nächstes Jahr wieder."]),
        ("Toll gemacht 👍🏽! Weiter so.", ["Toll gemacht 👍🏽!", "Weiter so."]),
        (
            "Die Batterie ist voll. 🔋⚡ Jetzt kann es losgehen.",
            ["Die Batterie ist voll. 🔋⚡", "Jetzt kann es losgehen."],
        ),
        ("Ist das wahr? 🤔 Ich kann es kaum glauben.", ["Ist das wahr? 🤔", "Ich kann es kaum glauben."]),
        (
            "Familie geht vor! 👨‍👩‍👧 Deshalb bleibe ich zu Hause.",
            ["Familie geht vor! 👨‍👩‍👧", "Deshalb bleibe ich zu Hause."],
        ),
        ("Super Spiel! :-) Bis nächste Woche.", ["Super Spiel! :-)", "Bis nächste Woche."]),
        ("Ich liebe Dünkirchen ❤️. Und du?", ["Ich liebe Dünkirchen ❤️.", "Und du?"]),
        ("Nie wieder! 😡😡 Das war das letzte Mal.", ["Nie wieder! 😡😡", "Das war das letzte Mal."]),
        ("Fertig 🇫🇷! Jetzt nach Hause.", ["Fertig 🇫🇷!", "Jetzt nach Hause."]),
        ("Gute Nachrichten! ✌ Alles klappt.", ["Gute Nachrichten! ✌", "Alles klappt."]),
        ("Das war knapp. ;) Nächstes Mal besser.", ["Das war knapp. ;)", "Nächstes Mal besser."]),
    ],
    # Hashtags and handles after a sentence.
    "hashtags-and-handles": [
        (
            "Das Werk in Dünkirchen ist eröffnet. #Batterie #Dunkerque",
            ["Das Werk in Dünkirchen ist eröffnet.", "#Batterie #Dunkerque"],
        ),
        ("Danke an alle Helfer! @verkor @ProLogium", ["Danke an alle Helfer!", "@verkor @ProLogium"]),
        (
            "@tagesschau Warum berichtet ihr nicht darüber?",
            ["@tagesschau Warum berichtet ihr nicht darüber?"],
        ),
        (
            "#Dunkerque ist die Hauptstadt der Batterie. Das sagt der Bürgermeister.",
            ["#Dunkerque ist die Hauptstadt der Batterie.", "Das sagt der Bürgermeister."],
        ),
        ("Was für ein Spiel! #BVB #Dortmund ⚽", ["Was für ein Spiel!", "#BVB #Dortmund ⚽"]),
        (
            "Neue Zahlen aus dem Werk. @verkor_fr #Akku #EMobilität",
            ["Neue Zahlen aus dem Werk.", "@verkor_fr #Akku #EMobilität"],
        ),
        ("Das sehe ich anders. @MaxMuster", ["Das sehe ich anders.", "@MaxMuster"]),
        ("Toll! #Dunkerque ist super.", ["Toll!", "#Dunkerque ist super."]),
        (
            "Wir sehen uns morgen um 10 Uhr. #Streik #Verdi #Tarifrunde",
            ["Wir sehen uns morgen um 10 Uhr.", "#Streik #Verdi #Tarifrunde"],
        ),
        (
            "Danke für die Einladung, @Stadt_Dunkerque! #Gigafactory",
            ["Danke für die Einladung, @Stadt_Dunkerque!", "#Gigafactory"],
        ),
        (
            "Heute streiken die Piloten. #Lufthansa #Streik2026",
            ["Heute streiken die Piloten.", "#Lufthansa #Streik2026"],
        ),
        ("Was sagt ihr dazu? #Umfrage", ["Was sagt ihr dazu?", "#Umfrage"]),
    ],
    # A closing bracket after the end punctuation.
    "bracket-after-end": [
        (
            "(Die Zahlen stammen vom Hersteller.) Der Umsatz stieg deutlich.",
            ["(Die Zahlen stammen vom Hersteller.)", "Der Umsatz stieg deutlich."],
        ),
        (
            "Die Kosten stiegen stark (vgl. S. 12). Trotzdem hielt man am Plan fest.",
            ["Die Kosten stiegen stark (vgl. S. 12).", "Trotzdem hielt man am Plan fest."],
        ),
        (
            "Er sagte nichts. (Das war auch besser so.) Dann ging er.",
            ["Er sagte nichts.", "(Das war auch besser so.)", "Dann ging er."],
        ),
        (
            "Wer zahlt das? (Die Steuerzahler natürlich.) Die Frage bleibt offen.",
            ["Wer zahlt das?", "(Die Steuerzahler natürlich.)", "Die Frage bleibt offen."],
        ),
        (
            "[Anm. d. Red.: Der Artikel wurde aktualisiert.] Die Zahlen stammen vom Montag.",
            ["[Anm. d. Red.: Der Artikel wurde aktualisiert.]", "Die Zahlen stammen vom Montag."],
        ),
        (
            "Die Regierung reagierte spät (zu spät, sagen Kritiker.) Nun drängt die Zeit.",
            ["Die Regierung reagierte spät (zu spät, sagen Kritiker.)", "Nun drängt die Zeit."],
        ),
        (
            "Der Preis (ca. 40.000 Euro) ist hoch. Viele warten ab.",
            ["Der Preis (ca. 40.000 Euro) ist hoch.", "Viele warten ab."],
        ),
        (
            "Sie kam aus Lille (Frankreich). Er kam aus Gent (Belgien).",
            ["Sie kam aus Lille (Frankreich).", "Er kam aus Gent (Belgien)."],
        ),
        (
            "Das Ergebnis war knapp (51 zu 49 Prozent!). Die Opposition will klagen.",
            ["Das Ergebnis war knapp (51 zu 49 Prozent!).", "Die Opposition will klagen."],
        ),
        (
            "Die Fabrik liegt am Hafen (man sieht sie vom Strand aus!) Die Arbeiter kommen aus der Region.",
            [
                "Die Fabrik liegt am Hafen (man sieht sie vom Strand aus!)",
                "Die Arbeiter kommen aus der Region.",
            ],
        ),
        (
            "Es geht um viel Geld (etwa 2 Mrd. Euro). Das Land zahlt mit.",
            ["Es geht um viel Geld (etwa 2 Mrd. Euro).", "Das Land zahlt mit."],
        ),
        ("Sie lachte. (Er nicht.) Es war spät.", ["Sie lachte.", "(Er nicht.)", "Es war spät."]),
    ],
    # Footnote markers after the full stop.
    "footnote-markers": [
        (
            "Die Zahl ist belegt.¹ Weitere Studien folgen.",
            ["Die Zahl ist belegt.¹", "Weitere Studien folgen."],
        ),
        (
            "So steht es im Bericht.²³ Die Autoren widersprechen.",
            ["So steht es im Bericht.²³", "Die Autoren widersprechen."],
        ),
        (
            "Das Urteil ist rechtskräftig.[3] Die Kläger haben verloren.",
            ["Das Urteil ist rechtskräftig.[3]", "Die Kläger haben verloren."],
        ),
        (
            "Der Umsatz verdoppelte sich¹. Das überraschte viele.",
            ["Der Umsatz verdoppelte sich¹.", "Das überraschte viele."],
        ),
        ("Die Quelle ist unklar.* Wir prüfen das.", ["Die Quelle ist unklar.*", "Wir prüfen das."]),
        ("Er starb 1832.⁴ Sein Werk lebt weiter.", ["Er starb 1832.⁴", "Sein Werk lebt weiter."]),
        ("Das steht fest.¹⁰ Mehr dazu später.", ["Das steht fest.¹⁰", "Mehr dazu später."]),
        (
            "Vgl. dazu Müller 2019, S. 12.⁵ Anders sieht es Schmidt.",
            ["Vgl. dazu Müller 2019, S. 12.⁵", "Anders sieht es Schmidt."],
        ),
        (
            "Dies gilt nur in Bayern.† Andere Länder regeln es anders.",
            ["Dies gilt nur in Bayern.†", "Andere Länder regeln es anders."],
        ),
        (
            "Die Studie ist umstritten.[12][13] Der Autor verteidigt sie.",
            ["Die Studie ist umstritten.[12][13]", "Der Autor verteidigt sie."],
        ),
        (
            "Das Werk wurde 2023 eröffnet.² Es beschäftigt 1.200 Menschen.",
            ["Das Werk wurde 2023 eröffnet.²", "Es beschäftigt 1.200 Menschen."],
        ),
    ],
    # A missing space after the end punctuation.
    "missing-space": [
        (
            "Das war ein Gedanke.Verschiedene Meinungen gab es auch.",
            ["Das war ein Gedanke.", "Verschiedene Meinungen gab es auch."],
        ),
        (
            "Der Tag begann früh.Um sechs Uhr klingelte der Wecker.",
            ["Der Tag begann früh.", "Um sechs Uhr klingelte der Wecker."],
        ),
        (
            "Er kam spät nach Hause.Seine Frau schlief schon.",
            ["Er kam spät nach Hause.", "Seine Frau schlief schon."],
        ),
        ("Besuchen Sie www.Verkor.com für mehr.", ["Besuchen Sie www.Verkor.com für mehr."]),
        ("Der Konzern E.ON investiert kräftig.", ["Der Konzern E.ON investiert kräftig."]),
        ("Das Spiel fand auf St.Pauli statt.", ["Das Spiel fand auf St.Pauli statt."]),
        ("Es regnete.Trotzdem gingen wir spazieren.", ["Es regnete.", "Trotzdem gingen wir spazieren."]),
        ("Was nun?Niemand wusste es.", ["Was nun?", "Niemand wusste es."]),
        ("Das Ende war nah.Dann kam die Rettung.", ["Das Ende war nah.", "Dann kam die Rettung."]),
        ("Er arbeitet bei der Fa.Müller in Köln.", ["Er arbeitet bei der Fa.Müller in Köln."]),
        (
            "Der Preis stieg um 3 Prozent.Experten hatten mehr erwartet.",
            ["Der Preis stieg um 3 Prozent.", "Experten hatten mehr erwartet."],
        ),
        ("Hilfe!Wir brauchen Wasser.", ["Hilfe!", "Wir brauchen Wasser."]),
        ("Das gilt z.B.für Rentner.", ["Das gilt z.B.für Rentner."]),
        ("Die Datei liegt unter bericht.PDF im Ordner.", ["Die Datei liegt unter bericht.PDF im Ordner."]),
    ],
    # Numbered list items.
    "numbered-list-items": [
        ("1. Dies ist der erste Punkt.", ["1. Dies ist der erste Punkt."]),
        ("2. Die Kosten müssen sinken. Das ist klar.", ["2. Die Kosten müssen sinken.", "Das ist klar."]),
        ("10. Alle Mitarbeiter erhalten eine Schulung.", ["10. Alle Mitarbeiter erhalten eine Schulung."]),
        ("a) Die Anlage wird erweitert.", ["a) Die Anlage wird erweitert."]),
        ("III. Die Ergebnisse im Einzelnen", ["III. Die Ergebnisse im Einzelnen"]),
        (
            "Es gibt zwei Punkte. 1. Die Kosten steigen. 2. Die Zeit drängt.",
            ["Es gibt zwei Punkte.", "1. Die Kosten steigen.", "2. Die Zeit drängt."],
        ),
        ("1.1 Ziele des Projekts", ["1.1 Ziele des Projekts"]),
        ("2.3. Die Finanzierung ist gesichert.", ["2.3. Die Finanzierung ist gesichert."]),
        ("3.) Die Maschinen kommen im Mai.", ["3.) Die Maschinen kommen im Mai."]),
        ("12. Mai: Die Halle wird eröffnet.", ["12. Mai: Die Halle wird eröffnet."]),
        ("IV. Fazit: Das Projekt lohnt sich.", ["IV. Fazit: Das Projekt lohnt sich."]),
        (
            "1. Wir bauen. 2. Wir produzieren. 3. Wir verkaufen.",
            ["1. Wir bauen.", "2. Wir produzieren.", "3. Wir verkaufen."],
        ),
        ("- Die Halle ist fertig.", ["- Die Halle ist fertig."]),
    ],
    # Administrative and medical abbreviations.
    "admin-and-medical": [
        ("Der Pat. klagt über Schmerzen im li. Arm.", ["Der Pat. klagt über Schmerzen im li. Arm."]),
        ("Diagn.: Fraktur des re. Unterarms.", ["Diagn.: Fraktur des re. Unterarms."]),
        ("Siehe Bek. des Ministeriums vom 3. Mai.", ["Siehe Bek. des Ministeriums vom 3. Mai."]),
        (
            "Gem. § 5 Abs. 2 S. 1 BGB ist der Vertrag nichtig.",
            ["Gem. § 5 Abs. 2 S. 1 BGB ist der Vertrag nichtig."],
        ),
        (
            "Nach Art. 3 Abs. 1 GG sind alle Menschen gleich.",
            ["Nach Art. 3 Abs. 1 GG sind alle Menschen gleich."],
        ),
        ("Die Verordnung (vgl. Anl. 2) gilt ab sofort.", ["Die Verordnung (vgl. Anl. 2) gilt ab sofort."]),
        ("Az. 12/345: Der Antrag wird abgelehnt.", ["Az. 12/345: Der Antrag wird abgelehnt."]),
        ("Die Sitzung findet im Zi. 204 statt.", ["Die Sitzung findet im Zi. 204 statt."]),
        ("Das Gutachten wurde i. A. des Amtes erstellt.", ["Das Gutachten wurde i. A. des Amtes erstellt."]),
        ("Die Frist endet gem. Ziff. 4 am Freitag.", ["Die Frist endet gem. Ziff. 4 am Freitag."]),
        ("Verordnet wurden 3 x tägl. 20 mg.", ["Verordnet wurden 3 x tägl. 20 mg."]),
        ("Die Pat. ist stabil, Temp. 38,2 Grad.", ["Die Pat. ist stabil, Temp. 38,2 Grad."]),
        ("Der Bescheid v. 12.3.2024 ist rechtskräftig.", ["Der Bescheid v. 12.3.2024 ist rechtskräftig."]),
        ("Sie wohnt in der Goethestr. 12 in Berlin.", ["Sie wohnt in der Goethestr. 12 in Berlin."]),
        ("Sachbearbeiter ist Hr. Meier, Tel. 030 1234.", ["Sachbearbeiter ist Hr. Meier, Tel. 030 1234."]),
        (
            "Dr. med. Anna Schulz behandelte den Pat. mehrere Wochen.",
            ["Dr. med. Anna Schulz behandelte den Pat. mehrere Wochen."],
        ),
        ("Der Antrag ist gem. Anl. 3 einzureichen.", ["Der Antrag ist gem. Anl. 3 einzureichen."]),
        (
            "Die Befunde sind o. B. und die Pat. wird entlassen.",
            ["Die Befunde sind o. B. und die Pat. wird entlassen."],
        ),
        (
            "Der Verdacht auf Pneum. bestätigte sich nicht.",
            ["Der Verdacht auf Pneum. bestätigte sich nicht."],
        ),
        (
            "Die Anordnung erfolgt lt. Erl. des Innenministers.",
            ["Die Anordnung erfolgt lt. Erl. des Innenministers."],
        ),
    ],
    # A new sentence that starts with a number.
    "sentence-starts-with-number": [
        (
            "Die Burg wurde zerstört. 700 Jahre später baute man sie wieder auf.",
            ["Die Burg wurde zerstört.", "700 Jahre später baute man sie wieder auf."],
        ),
        (
            "Der Zug war pünktlich. 30 Minuten später kam der nächste.",
            ["Der Zug war pünktlich.", "30 Minuten später kam der nächste."],
        ),
        (
            "Sie lief weiter. 5 km vor dem Ziel brach sie ab.",
            ["Sie lief weiter.", "5 km vor dem Ziel brach sie ab."],
        ),
        (
            "Es war ein Erfolg. 80 Prozent der Karten wurden verkauft.",
            ["Es war ein Erfolg.", "80 Prozent der Karten wurden verkauft."],
        ),
        ("Die Halle ist fertig. 3 Linien laufen schon.", ["Die Halle ist fertig.", "3 Linien laufen schon."]),
        ("Er kam am 3. 10. 1990 nach Berlin.", ["Er kam am 3. 10. 1990 nach Berlin."]),
        (
            "Die Wende kam. 1990 wurde Deutschland wiedervereinigt.",
            ["Die Wende kam.", "1990 wurde Deutschland wiedervereinigt."],
        ),
        ("Das Ziel ist klar. 16 GWh sollen es werden.", ["Das Ziel ist klar.", "16 GWh sollen es werden."]),
        ("Er schläft. 12 Stunden am Stück!", ["Er schläft.", "12 Stunden am Stück!"]),
        ("Das kostet extra. 50 € pro Person.", ["Das kostet extra.", "50 € pro Person."]),
        (
            "Die Firma wächst. 2.500 neue Stellen entstehen.",
            ["Die Firma wächst.", "2.500 neue Stellen entstehen."],
        ),
        ("Wer hat gewonnen? 3 Teams lagen gleichauf.", ["Wer hat gewonnen?", "3 Teams lagen gleichauf."]),
        (
            "Die Preise steigen. 2027 soll es besser werden.",
            ["Die Preise steigen.", "2027 soll es besser werden."],
        ),
    ],
    # Dialogue.
    "dialogue": [
        ("»Ich weiß nicht…« Er zögerte lange.", ["»Ich weiß nicht…«", "Er zögerte lange."]),
        ("„Vielleicht…“, sagte sie leise.", ["„Vielleicht…“, sagte sie leise."]),
        ("„Ich dachte…“ murmelte er.", ["„Ich dachte…“ murmelte er."]),
        ("»Wenn du meinst …« Sie drehte sich um.", ["»Wenn du meinst …«", "Sie drehte sich um."]),
        ("„Kommst du mit?“ „Nein“, antwortete sie.", ["„Kommst du mit?“", "„Nein“, antwortete sie."]),
        (",,Kommst du mit?” ,,Nein“, antwortete sie.", [",,Kommst du mit?”", ",,Nein“, antwortete sie."]),
        (
            "„Wo warst du?“, fragte er. „Im Werk“, sagte sie.",
            ["„Wo warst du?“, fragte er.", "„Im Werk“, sagte sie."],
        ),
        ("»Was nun?« fragte er.", ["»Was nun?« fragte er."]),
        ("„Hilfe!“ rief sie. Niemand kam.", ["„Hilfe!“ rief sie.", "Niemand kam."]),
        ("„Das ist…“ Sie stockte. „…unglaublich.“", ["„Das ist…“", "Sie stockte.", "„…unglaublich.“"]),
        ("»Kommst du?« »Gleich.« »Beeil dich!«", ["»Kommst du?«", "»Gleich.«", "»Beeil dich!«"]),
        ("‚Warum nicht?‘, dachte er.", ["‚Warum nicht?‘, dachte er."]),
        ("„Nein...“ flüsterte sie.", ["„Nein...“ flüsterte sie."]),
        (",,Hast du Zeit?'' ,,Nein'', sagte er.", [",,Hast du Zeit?''", ",,Nein'', sagte er."]),
        ("„Ich weiß es nicht …“ Er schwieg.", ["„Ich weiß es nicht …“", "Er schwieg."]),
        ("»Und dann…«, fragte sie, »was passiert dann?«", ["»Und dann…«, fragte sie, »was passiert dann?«"]),
        ("„Wann kommst du?“ „Morgen.“", ["„Wann kommst du?“", "„Morgen.“"]),
        ("»Ich…« Er brach ab. »Ich kann nicht.«", ["»Ich…«", "Er brach ab.", "»Ich kann nicht.«"]),
    ],
    # News, literary and web text: titles, dates, times, ellipses, addresses, regnal numbers, !? and ?!.
    "general": [
        ("Dr. Müller kam um 14.30 Uhr.", ["Dr. Müller kam um 14.30 Uhr."]),
        ("Prof. Dr. Schmidt sprach mit St. Pauli-Fans.", ["Prof. Dr. Schmidt sprach mit St. Pauli-Fans."]),
        ("Das steht in Nr. 5 der Satzung.", ["Das steht in Nr. 5 der Satzung."]),
        ("Nach § 3 Abs. 2 ist das verboten.", ["Nach § 3 Abs. 2 ist das verboten."]),
        ("Art. 5 GG schützt die Pressefreiheit.", ["Art. 5 GG schützt die Pressefreiheit."]),
        ("Siehe S. 12 und vgl. Kap. 4 des Berichts.", ["Siehe S. 12 und vgl. Kap. 4 des Berichts."]),
        ("Er verdient ca. 3.000 Euro im Monat.", ["Er verdient ca. 3.000 Euro im Monat."]),
        ("Das gilt z.B. für Rentner.", ["Das gilt z.B. für Rentner."]),
        ("Er wurde am 3.10.1990 geboren.", ["Er wurde am 3.10.1990 geboren."]),
        ("Am 3. Oktober ist Feiertag.", ["Am 3. Oktober ist Feiertag."]),
        ("Er wurde 3. Das war enttäuschend.", ["Er wurde 3.", "Das war enttäuschend."]),
        (
            "Sie belegte Platz 2. Im Finale verlor sie knapp.",
            ["Sie belegte Platz 2.", "Im Finale verlor sie knapp."],
        ),
        (
            "Der Zug fährt um 14.30 Uhr ab. Er ist pünktlich.",
            ["Der Zug fährt um 14.30 Uhr ab.", "Er ist pünktlich."],
        ),
        ("Er zögerte... dann ging er.", ["Er zögerte... dann ging er."]),
        ("Er zögerte … dann ging er.", ["Er zögerte … dann ging er."]),
        ("Das Ende ist offen…", ["Das Ende ist offen…"]),
        ("Das war's... Oder doch nicht?", ["Das war's...", "Oder doch nicht?"]),
        (
            "Mehr unter https://www.verkor.com/de/news. Dort steht alles.",
            ["Mehr unter https://www.verkor.com/de/news.", "Dort steht alles."],
        ),
        (
            "Schreiben Sie an info@verkor.fr. Wir antworten schnell.",
            ["Schreiben Sie an info@verkor.fr.", "Wir antworten schnell."],
        ),
        ("Die Seite www.example.de ist offline.", ["Die Seite www.example.de ist offline."]),
        ("Ludwig XIV. war König von Frankreich.", ["Ludwig XIV. war König von Frankreich."]),
        ("Papst Benedikt XVI. trat 2013 zurück.", ["Papst Benedikt XVI. trat 2013 zurück."]),
        ("Im 19. Jh. wuchs die Stadt schnell.", ["Im 19. Jh. wuchs die Stadt schnell."]),
        ("Das ist wirklich wahr!? Ich glaube es nicht.", ["Das ist wirklich wahr!?", "Ich glaube es nicht."]),
        ("Echt?! Das ist ja irre.", ["Echt?!", "Das ist ja irre."]),
        ("Was?!?! Niemals!!!", ["Was?!?!", "Niemals!!!"]),
        ("Er sagte: „Ich komme.“ Dann ging er.", ["Er sagte: „Ich komme.“", "Dann ging er."]),
        ("»Lauf!«, rief sie.", ["»Lauf!«, rief sie."]),
        (
            "Sie las ‚Die Blechtrommel‘. Das Buch gefiel ihr.",
            ["Sie las ‚Die Blechtrommel‘.", "Das Buch gefiel ihr."],
        ),
        (
            "Der Bürgermeister (SPD) sagte: »Wir sind stolz.« Die Opposition schwieg.",
            ["Der Bürgermeister (SPD) sagte: »Wir sind stolz.«", "Die Opposition schwieg."],
        ),
        ("Das ist die Nr. 1 in Europa.", ["Das ist die Nr. 1 in Europa."]),
        ("Er zahlte 1.200 Euro.", ["Er zahlte 1.200 Euro."]),
        (
            "Der Kurs stieg um 2,5 Prozent. Anleger freuten sich.",
            ["Der Kurs stieg um 2,5 Prozent.", "Anleger freuten sich."],
        ),
        ("Die U.S.A. und die EU verhandeln.", ["Die U.S.A. und die EU verhandeln."]),
        ("Das ist bspw. in Frankreich so.", ["Das ist bspw. in Frankreich so."]),
        (
            "Sie wohnt in der Hauptstr. 5. Dort ist es ruhig.",
            ["Sie wohnt in der Hauptstr. 5.", "Dort ist es ruhig."],
        ),
        ("Er rief: „Achtung!“ – und rannte los.", ["Er rief: „Achtung!“ – und rannte los."]),
        ("Geht's noch? Nein. Doch!", ["Geht's noch?", "Nein.", "Doch!"]),
        ("Sie sagte „ja“. Er sagte „nein“.", ["Sie sagte „ja“.", "Er sagte „nein“."]),
        (
            "Er sagte: „Ich komme morgen. Vielleicht auch übermorgen.“ Dann ging er.",
            ["Er sagte: „Ich komme morgen. Vielleicht auch übermorgen.“", "Dann ging er."],
        ),
        ("Karl V. regierte lange. Sein Reich war groß.", ["Karl V. regierte lange.", "Sein Reich war groß."]),
        ("Die Verkor S.A. baut ein Werk in Dünkirchen.", ["Die Verkor S.A. baut ein Werk in Dünkirchen."]),
        (
            "Die Sitzung beginnt ggf. später, evtl. erst um 11 Uhr.",
            ["Die Sitzung beginnt ggf. später, evtl. erst um 11 Uhr."],
        ),
        ("Der Preis inkl. MwSt. beträgt 20 Euro.", ["Der Preis inkl. MwSt. beträgt 20 Euro."]),
        (
            "Hrsg. von J. P. Renard, 2. Aufl., Bd. 3, S. 45 ff.",
            ["Hrsg. von J. P. Renard, 2. Aufl., Bd. 3, S. 45 ff."],
        ),
        ("Frau Dipl.-Ing. Weber leitet das Projekt.", ["Frau Dipl.-Ing. Weber leitet das Projekt."]),
        ("Die Stadt zählt ca. 90.000 Einw. und wächst.", ["Die Stadt zählt ca. 90.000 Einw. und wächst."]),
        ("omg das ist sooo gut!!! 😍😍 Wer kommt mit??", ["omg das ist sooo gut!!! 😍😍", "Wer kommt mit??"]),
        (
            "Sie ist geb. Müller und verh. mit einem Franzosen.",
            ["Sie ist geb. Müller und verh. mit einem Franzosen."],
        ),
        ("Um 5 Uhr ging es los. Um 8 Uhr waren wir da.", ["Um 5 Uhr ging es los.", "Um 8 Uhr waren wir da."]),
        ("Das Spiel endete 2:1. Die Fans jubelten.", ["Das Spiel endete 2:1.", "Die Fans jubelten."]),
        (
            "Der Kurs lag bei 1,05 $. Analysten sind skeptisch.",
            ["Der Kurs lag bei 1,05 $.", "Analysten sind skeptisch."],
        ),
        ("Die Temperatur stieg auf 38 °C. Hitzefrei!", ["Die Temperatur stieg auf 38 °C.", "Hitzefrei!"]),
        ("Der Film läuft ab dem 12. 5. in den Kinos.", ["Der Film läuft ab dem 12. 5. in den Kinos."]),
    ],
    # A second blind set, one more of each group.
    "second-blind-set": [
        (
            "Er mag Hunde, Katzen, Vögel u. dgl. Seine Schwester hat Angst vor Tieren.",
            ["Er mag Hunde, Katzen, Vögel u. dgl.", "Seine Schwester hat Angst vor Tieren."],
        ),
        (
            "Angeboten werden Kurse in Englisch, Spanisch etc. Die Anmeldung läuft bis Freitag.",
            ["Angeboten werden Kurse in Englisch, Spanisch etc.", "Die Anmeldung läuft bis Freitag."],
        ),
        (
            "Das Defizit beträgt 1,2 Bio. Die Regierung schweigt.",
            ["Das Defizit beträgt 1,2 Bio.", "Die Regierung schweigt."],
        ),
        (
            "Wir brauchen Mehl, Zucker, Eier usw. Ich gehe gleich einkaufen.",
            ["Wir brauchen Mehl, Zucker, Eier usw.", "Ich gehe gleich einkaufen."],
        ),
        (
            "Sie studierte Jura, Medizin usw. Nichts davon schloss sie ab.",
            ["Sie studierte Jura, Medizin usw.", "Nichts davon schloss sie ab."],
        ),
        (
            "Das Buch erschien im 18. Jahrhundert n. Chr. Es gilt als verschollen.",
            ["Das Buch erschien im 18. Jahrhundert n. Chr.", "Es gilt als verschollen."],
        ),
        (
            "Das Museum zeigt Werke von Monet, Manet u. a. Es ist täglich geöffnet.",
            ["Das Museum zeigt Werke von Monet, Manet u. a.", "Es ist täglich geöffnet."],
        ),
        (
            "Gezahlt wird in bar bzw. per Karte. Schecks werden nicht angenommen.",
            ["Gezahlt wird in bar bzw. per Karte.", "Schecks werden nicht angenommen."],
        ),
        (
            "Das Paket wiegt 3 kg bzw. 6 Pfd. Der Versand kostet extra.",
            ["Das Paket wiegt 3 kg bzw. 6 Pfd.", "Der Versand kostet extra."],
        ),
        (
            "Die Kirche ist aus dem 13. Jhd. Im Inneren gibt es Fresken.",
            ["Die Kirche ist aus dem 13. Jhd.", "Im Inneren gibt es Fresken."],
        ),
        (
            "Er arbeitet bei Siemens, Bosch o. Ä. Genaueres weiß ich nicht.",
            ["Er arbeitet bei Siemens, Bosch o. Ä.", "Genaueres weiß ich nicht."],
        ),
        (
            "Das Konzert dauert ca. 2 Std. Danach gibt es Getränke.",
            ["Das Konzert dauert ca. 2 Std.", "Danach gibt es Getränke."],
        ),
        ("Der Sportwagen kostet 250 Tsd. Euro.", ["Der Sportwagen kostet 250 Tsd. Euro."]),
        (
            "Geladen sind Vertreter aus Politik, Wirtschaft etc. Auch die Presse ist da.",
            ["Geladen sind Vertreter aus Politik, Wirtschaft etc.", "Auch die Presse ist da."],
        ),
        ("Der Zug hatte 3 (!) Stunden Verspätung.", ["Der Zug hatte 3 (!) Stunden Verspätung."]),
        ("Man plant 2 000 (?) neue Stellen.", ["Man plant 2 000 (?) neue Stellen."]),
        (
            "Das Amt braucht (!!!) sechs Monate für einen Pass.",
            ["Das Amt braucht (!!!) sechs Monate für einen Pass."],
        ),
        ("Er nannte sie „die Beste (!) in der Firma“.", ["Er nannte sie „die Beste (!) in der Firma“."]),
        (
            "Der Bericht nennt das „enorm (sic) erfolgreich“. Viele zweifeln.",
            ["Der Bericht nennt das „enorm (sic) erfolgreich“.", "Viele zweifeln."],
        ),
        ("Unser Lehrer (!) Herr Müller hat gewonnen.", ["Unser Lehrer (!) Herr Müller hat gewonnen."]),
        ("Wow!🔥 Das Werk läuft.", ["Wow!🔥", "Das Werk läuft."]),
        ("Endlich Wochenende.🍻 Prost!", ["Endlich Wochenende.🍻", "Prost!"]),
        ("Wer kommt? 🙋‍♀️🙋‍♂️ Wir brauchen noch zwei.", ["Wer kommt? 🙋‍♀️🙋‍♂️", "Wir brauchen noch zwei."]),
        ("Herzlichen Glückwunsch! 🥳🎂🎈", ["Herzlichen Glückwunsch! 🥳🎂🎈"]),
        ("Ich bin so müde 😴. Gute Nacht!", ["Ich bin so müde 😴.", "Gute Nacht!"]),
        ("Das Wetter ist mies ☔. Wir bleiben drin.", ["Das Wetter ist mies ☔.", "Wir bleiben drin."]),
        ("Sehr lecker! :D Morgen wieder.", ["Sehr lecker! :D", "Morgen wieder."]),
        ("Danke! <3 Bis bald.", ["Danke! <3", "Bis bald."]),
        (
            "Heute in der Zeitung. #Dünkirchen #Batterie #Industrie 🔋",
            ["Heute in der Zeitung.", "#Dünkirchen #Batterie #Industrie 🔋"],
        ),
        (
            "Glückwunsch an @ProLogium zum neuen Werk! #Gigafactory",
            ["Glückwunsch an @ProLogium zum neuen Werk!", "#Gigafactory"],
        ),
        ("Starke Rede! 👏 #Bundestag", ["Starke Rede! 👏", "#Bundestag"]),
        ("Alle reden über #Dunkerque. Zu Recht!", ["Alle reden über #Dunkerque.", "Zu Recht!"]),
        (
            "Was für ein Abend. @tagesschau @ZDFheute #Wahl2026",
            ["Was für ein Abend.", "@tagesschau @ZDFheute #Wahl2026"],
        ),
        ("RT @verkor: Das Werk ist eröffnet.", ["RT @verkor: Das Werk ist eröffnet."]),
        (
            "Das Werk wird 2027 fertig. (Bis dahin fließt viel Geld.) Die Region hofft.",
            ["Das Werk wird 2027 fertig.", "(Bis dahin fließt viel Geld.)", "Die Region hofft."],
        ),
        (
            "Der Umsatz sank (um 3 Prozent.) Die Aktie fiel.",
            ["Der Umsatz sank (um 3 Prozent.)", "Die Aktie fiel."],
        ),
        ("Sie kam nicht. (Warum nur?) Alle warteten.", ["Sie kam nicht.", "(Warum nur?)", "Alle warteten."]),
        (
            "Er sagte nein (was sonst?). Die Sache war erledigt.",
            ["Er sagte nein (was sonst?).", "Die Sache war erledigt."],
        ),
        (
            "Das Gesetz trat 2021 in Kraft.³ Es wurde 2023 geändert.⁴",
            ["Das Gesetz trat 2021 in Kraft.³", "Es wurde 2023 geändert.⁴"],
        ),
        (
            "Die Zahl stimmt nicht.** Wir korrigieren sie.",
            ["Die Zahl stimmt nicht.**", "Wir korrigieren sie."],
        ),
        (
            "Das war ein Irrtum!¹ Niemand hatte es bemerkt.",
            ["Das war ein Irrtum!¹", "Niemand hatte es bemerkt."],
        ),
        ("Wir warten.Morgen wissen wir mehr.", ["Wir warten.", "Morgen wissen wir mehr."]),
        ("Sie schwieg.Dann lachte sie.", ["Sie schwieg.", "Dann lachte sie."]),
        ("Das ist gut so.Ärger gab es keinen.", ["Das ist gut so.", "Ärger gab es keinen."]),
        (
            "Der Konzern heißt Rheinmetall.Er baut Panzer.",
            ["Der Konzern heißt Rheinmetall.", "Er baut Panzer."],
        ),
        ("Warum?Weil es so ist.", ["Warum?", "Weil es so ist."]),
        ("Die Domain lautet beispiel.De und ist neu.", ["Die Domain lautet beispiel.De und ist neu."]),
        ("5. Der Vorstand wird entlastet.", ["5. Der Vorstand wird entlastet."]),
        ("1. FC Köln gewinnt gegen Bayern.", ["1. FC Köln gewinnt gegen Bayern."]),
        ("Zweitens: Die Kosten. Drittens: Die Zeit.", ["Zweitens: Die Kosten.", "Drittens: Die Zeit."]),
        (
            "7. Das Protokoll wird verlesen. 8. Die Sitzung endet.",
            ["7. Das Protokoll wird verlesen.", "8. Die Sitzung endet."],
        ),
        (
            "Die Behandlung erfolgt ambulant, Kontr. in 2 Wo.",
            ["Die Behandlung erfolgt ambulant, Kontr. in 2 Wo."],
        ),
        ("Pat. ist wach, orientiert und afebril.", ["Pat. ist wach, orientiert und afebril."]),
        ("Beschl. v. 4. Mai 2023, Az. 3 K 12/22.", ["Beschl. v. 4. Mai 2023, Az. 3 K 12/22."]),
        (
            "Lt. Bek. d. Stadtrats ist die Straße gesperrt.",
            ["Lt. Bek. d. Stadtrats ist die Straße gesperrt."],
        ),
        ("Die Dosis ist max. 3 Tbl. tgl. einzunehmen.", ["Die Dosis ist max. 3 Tbl. tgl. einzunehmen."]),
        (
            "Der Antragsteller (geb. 1970, verh.) beantragt Wohngeld.",
            ["Der Antragsteller (geb. 1970, verh.) beantragt Wohngeld."],
        ),
        ("Die Vorschrift gilt i. V. m. § 7 StVO.", ["Die Vorschrift gilt i. V. m. § 7 StVO."]),
        ("Sprechzeiten: Mo.–Fr. 8–12 Uhr.", ["Sprechzeiten: Mo.–Fr. 8–12 Uhr."]),
        (
            "Sie gewann. 4 von 5 Richtern stimmten für sie.",
            ["Sie gewann.", "4 von 5 Richtern stimmten für sie."],
        ),
        (
            "Das Rennen ist vorbei. 42 Kilometer in zwei Stunden!",
            ["Das Rennen ist vorbei.", "42 Kilometer in zwei Stunden!"],
        ),
        ("Es gab Verletzte. 12 davon schwer.", ["Es gab Verletzte.", "12 davon schwer."]),
        (
            "Das Werk ist riesig. 1,5 Millionen Quadratmeter!",
            ["Das Werk ist riesig.", "1,5 Millionen Quadratmeter!"],
        ),
        ("Die Bilanz ist gut! 300 neue Kunden.", ["Die Bilanz ist gut!", "300 neue Kunden."]),
        ("„Ich komme gleich…“, rief sie aus der Küche.", ["„Ich komme gleich…“, rief sie aus der Küche."]),
        ("»Vielleicht …« Er zuckte mit den Schultern.", ["»Vielleicht …«", "Er zuckte mit den Schultern."]),
        ("„Bist du sicher?“ „Ja!“ „Dann los.“", ["„Bist du sicher?“", "„Ja!“", "„Dann los.“"]),
        ("„Warum?“ fragte sie. „Darum“, sagte er.", ["„Warum?“ fragte sie.", "„Darum“, sagte er."]),
        (
            ",,Wer ist da?” ,,Ich bin’s“, sagte die Nachbarin.",
            [",,Wer ist da?”", ",,Ich bin’s“, sagte die Nachbarin."],
        ),
        (
            "„Also…“ Er räusperte sich. „Es tut mir leid.“",
            ["„Also…“", "Er räusperte sich.", "„Es tut mir leid.“"],
        ),
        ("Er fragte: „Kommst du mit?“ Sie nickte.", ["Er fragte: „Kommst du mit?“", "Sie nickte."]),
        (
            "«Non», dit-il. Sie verstand kein Französisch.",
            ["«Non», dit-il.", "Sie verstand kein Französisch."],
        ),
        ("»Und?«, fragte er. »Nichts.«", ["»Und?«, fragte er.", "»Nichts.«"]),
        ("Der Termin ist am 1.1.2027.", ["Der Termin ist am 1.1.2027."]),
        (
            "Der Termin ist am 1.1.2027. Bitte pünktlich sein.",
            ["Der Termin ist am 1.1.2027.", "Bitte pünktlich sein."],
        ),
        ("Er wurde am 12. Juni 1970 in Bonn geboren.", ["Er wurde am 12. Juni 1970 in Bonn geboren."]),
        (
            "Die Feier ist am 24.12. Alle sind eingeladen.",
            ["Die Feier ist am 24.12.", "Alle sind eingeladen."],
        ),
        ("Die Frist endet am 30.6. um Mitternacht.", ["Die Frist endet am 30.6. um Mitternacht."]),
        ("Sie kam als 5. ins Ziel.", ["Sie kam als 5. ins Ziel."]),
        (
            "Er wurde Zweiter. Sie wurde 4. Beide waren zufrieden.",
            ["Er wurde Zweiter.", "Sie wurde 4.", "Beide waren zufrieden."],
        ),
        (
            "Friedrich II. von Preußen war ein Flötenspieler.",
            ["Friedrich II. von Preußen war ein Flötenspieler."],
        ),
        (
            "Das geschah unter Heinrich VIII. Er hatte sechs Frauen.",
            ["Das geschah unter Heinrich VIII.", "Er hatte sechs Frauen."],
        ),
        (
            "Infos auf www.dunkerque.fr. Dort gibt es auch Karten.",
            ["Infos auf www.dunkerque.fr.", "Dort gibt es auch Karten."],
        ),
        (
            "Die Datei heißt bericht_2026.pdf und ist groß.",
            ["Die Datei heißt bericht_2026.pdf und ist groß."],
        ),
        ("Mail an max.mustermann@example.de genügt.", ["Mail an max.mustermann@example.de genügt."]),
        (
            "Das Video (https://youtu.be/abc?t=10) ist sehenswert.",
            ["Das Video (https://youtu.be/abc?t=10) ist sehenswert."],
        ),
        ("Er las ... und las ... und las.", ["Er las ... und las ... und las."]),
        ("Es war einmal … Der Rest ist Geschichte.", ["Es war einmal …", "Der Rest ist Geschichte."]),
        ("Das Ergebnis: 3 zu 1. Ein klarer Sieg.", ["Das Ergebnis: 3 zu 1.", "Ein klarer Sieg."]),
        ("Prof. em. Dr. phil. H. Weber sprach.", ["Prof. em. Dr. phil. H. Weber sprach."]),
        ("Sie wohnt in St. Ingbert, er in St. Wendel.", ["Sie wohnt in St. Ingbert, er in St. Wendel."]),
        (
            "Der Zug fährt um 7.15 Uhr. Der nächste um 8.15 Uhr.",
            ["Der Zug fährt um 7.15 Uhr.", "Der nächste um 8.15 Uhr."],
        ),
        ("Das war's. Tschüss!", ["Das war's.", "Tschüss!"]),
        ("Warum? Darum!", ["Warum?", "Darum!"]),
        (
            "Der Film „Lola rennt“ ist Kult. Tom Tykwer drehte ihn 1998.",
            ["Der Film „Lola rennt“ ist Kult.", "Tom Tykwer drehte ihn 1998."],
        ),
        ("Sie sagte: »Nein!« Und ging.", ["Sie sagte: »Nein!«", "Und ging."]),
        ("Das kostet 9,99 €. Ein Schnäppchen!", ["Das kostet 9,99 €.", "Ein Schnäppchen!"]),
        (
            "Der Ausweis Nr. 12345 ist ungültig. Bitte neu beantragen.",
            ["Der Ausweis Nr. 12345 ist ungültig.", "Bitte neu beantragen."],
        ),
        ("Die GmbH & Co. KG ist insolvent.", ["Die GmbH & Co. KG ist insolvent."]),
        ("Der Präsident d. Verbands trat zurück.", ["Der Präsident d. Verbands trat zurück."]),
        (
            "Das Team gewann 3:0. Am Sonntag geht es weiter.",
            ["Das Team gewann 3:0.", "Am Sonntag geht es weiter."],
        ),
    ],
    # Written after reading the splitter, for the rules this round added.
    "after-reading-the-splitter": [
        (
            "Apple stellte ein neues Gerät vor. iPhone 18 heißt es.",
            ["Apple stellte ein neues Gerät vor.", "iPhone 18 heißt es."],
        ),
        (
            "Der Handel wächst. eBay meldet Rekordumsätze.",
            ["Der Handel wächst.", "eBay meldet Rekordumsätze."],
        ),
        ("Das Update ist da. iOS-Nutzer müssen warten.", ["Das Update ist da.", "iOS-Nutzer müssen warten."]),
        ("Er kaufte ein iPad. Es war teuer.", ["Er kaufte ein iPad.", "Es war teuer."]),
        ("Das war 2025. 2026 wird besser.", ["Das war 2025.", "2026 wird besser."]),
        (
            "Das Werk öffnete 2022. 2.000 Menschen arbeiten dort.",
            ["Das Werk öffnete 2022.", "2.000 Menschen arbeiten dort."],
        ),
        (
            "Er lief bis Kilometer 35. 7 Kilometer fehlten noch.",
            ["Er lief bis Kilometer 35.", "7 Kilometer fehlten noch."],
        ),
        (
            "Sie wurde am 3. 10. 1990 geboren. 30 Jahre später kam sie zurück.",
            ["Sie wurde am 3. 10. 1990 geboren.", "30 Jahre später kam sie zurück."],
        ),
        ("Schade! :( Morgen vielleicht.", ["Schade! :(", "Morgen vielleicht."]),
        ("Super! xD Bis später.", ["Super! xD", "Bis später."]),
        ("Gut gemacht! ^^ Weiter so.", ["Gut gemacht! ^^", "Weiter so."]),
        (
            "Der Bau dauerte 3 Mon. Sie verlief ohne Probleme.",
            ["Der Bau dauerte 3 Mon.", "Sie verlief ohne Probleme."],
        ),
        (
            "Die Burg stammt aus dem 14. Jh. Sie ist gut erhalten.",
            ["Die Burg stammt aus dem 14. Jh.", "Sie ist gut erhalten."],
        ),
        (
            "Die Firma erwirtschaftet 3 Mrd. Im Vorjahr waren es 2.",
            ["Die Firma erwirtschaftet 3 Mrd.", "Im Vorjahr waren es 2."],
        ),
        (
            "Wir haben 500 Stk. Mit der nächsten Lieferung kommen mehr.",
            ["Wir haben 500 Stk.", "Mit der nächsten Lieferung kommen mehr."],
        ),
        (
            "Angeklagt ist Thomas V. Er soll Geld unterschlagen haben.",
            ["Angeklagt ist Thomas V.", "Er soll Geld unterschlagen haben."],
        ),
        (
            "Das geschah unter Heinrich VIII. Er hatte sechs Frauen.",
            ["Das geschah unter Heinrich VIII.", "Er hatte sechs Frauen."],
        ),
        ("Papst Leo XIV. besucht Deutschland.", ["Papst Leo XIV. besucht Deutschland."]),
        ("Die Rede hielt Wilhelm II. vor dem Reichstag.", ["Die Rede hielt Wilhelm II. vor dem Reichstag."]),
        (
            "Das Museum zeigt Werke von Monet, Manet u. a. Es ist täglich geöffnet.",
            ["Das Museum zeigt Werke von Monet, Manet u. a.", "Es ist täglich geöffnet."],
        ),
        ("Wer war dabei? 30 Menschen meldeten sich.", ["Wer war dabei?", "30 Menschen meldeten sich."]),
        ("Unglaublich! 2 Tore in 3 Minuten.", ["Unglaublich!", "2 Tore in 3 Minuten."]),
        (
            "Sie fragte: „Wie viele?“ 20 Hände gingen hoch.",
            ["Sie fragte: „Wie viele?“", "20 Hände gingen hoch."],
        ),
        ("Geht das (?) 2 Mal am Tag?", ["Geht das (?) 2 Mal am Tag?"]),
        (
            "Die Fußnote steht unten.‡ Mehr dazu im Anhang.",
            ["Die Fußnote steht unten.‡", "Mehr dazu im Anhang."],
        ),
        ("3.2.1. Die Anlage im Detail", ["3.2.1. Die Anlage im Detail"]),
        (
            "Das Werk liegt in Dünkirchen. iPhone-Akkus werden dort nicht gebaut.",
            ["Das Werk liegt in Dünkirchen.", "iPhone-Akkus werden dort nicht gebaut."],
        ),
        ("Er hat z. B. iPhones verkauft.", ["Er hat z. B. iPhones verkauft."]),
        (
            "Das kostet ca. 5 Euro bzw. Sie zahlen 6 Franken.",
            ["Das kostet ca. 5 Euro bzw. Sie zahlen 6 Franken."],
        ),
        (
            "Beteiligt sind u. a. Ihr Verband und die Stadt.",
            ["Beteiligt sind u. a. Ihr Verband und die Stadt."],
        ),
    ],
    # A third blind set, written after this round's first fixes: 21 of 24 right before the round, 23 after
    # those fixes (then `n. V.` joined the tables).
    "third-blind-set": [
        (
            "Das Treffen ist am Mi., 5. Juni. Alle kommen.",
            ["Das Treffen ist am Mi., 5. Juni.", "Alle kommen."],
        ),
        ("Er sagte: »Wir sehen uns.« Sie nickte.", ["Er sagte: »Wir sehen uns.«", "Sie nickte."]),
        ("Die Tagung (12.–14. Mai) war ein Erfolg.", ["Die Tagung (12.–14. Mai) war ein Erfolg."]),
        (
            "Die Pressemitteilung (PDF, 2 MB) steht online. Fragen?",
            ["Die Pressemitteilung (PDF, 2 MB) steht online.", "Fragen?"],
        ),
        ("Er verdient 4.500,– € brutto. Das reicht.", ["Er verdient 4.500,– € brutto.", "Das reicht."]),
        ("Die Temperatur lag bei -5 °C. Es schneite.", ["Die Temperatur lag bei -5 °C.", "Es schneite."]),
        ("Wie geht's? Gut, danke!", ["Wie geht's?", "Gut, danke!"]),
        ("Das ist doch …! Unglaublich.", ["Das ist doch …!", "Unglaublich."]),
        ("Er rief: „Stopp!“, doch niemand hörte.", ["Er rief: „Stopp!“, doch niemand hörte."]),
        ("Die Partei erhielt 12,3 %. Die CDU verlor.", ["Die Partei erhielt 12,3 %.", "Die CDU verlor."]),
        (
            "Sie schrieb am 3. März 2020: „Wir schaffen das.“",
            ["Sie schrieb am 3. März 2020: „Wir schaffen das.“"],
        ),
        (
            "Der Vertrag läuft bis Ende 2030. Danach wird neu verhandelt.",
            ["Der Vertrag läuft bis Ende 2030.", "Danach wird neu verhandelt."],
        ),
        (
            "Er ist Mitglied im 1. FC Köln. Seit 20 Jahren.",
            ["Er ist Mitglied im 1. FC Köln.", "Seit 20 Jahren."],
        ),
        ("Was tun? – Abwarten.", ["Was tun?", "– Abwarten."]),
        (
            "Mehr Infos: www.stadt.de/info. Anmeldung bis 1. 6.",
            ["Mehr Infos: www.stadt.de/info.", "Anmeldung bis 1. 6."],
        ),
        (
            "Die Zahl der Fälle stieg um 12 %! 3 Kliniken sind voll.",
            ["Die Zahl der Fälle stieg um 12 %!", "3 Kliniken sind voll."],
        ),
        ("Gestern (Mo.) kam er. Heute nicht.", ["Gestern (Mo.) kam er.", "Heute nicht."]),
        (
            "Sie heißt Anna-Lena K. Die 17-Jährige wird vermisst.",
            ["Sie heißt Anna-Lena K.", "Die 17-Jährige wird vermisst."],
        ),
        ("#Breaking: Das Werk brennt! 🔥 Mehr in Kürze.", ["#Breaking: Das Werk brennt! 🔥", "Mehr in Kürze."]),
        (
            "Danke @verkor für die Führung! 🙏 #Dunkerque #Batterie",
            ["Danke @verkor für die Führung! 🙏", "#Dunkerque #Batterie"],
        ),
        ("„Nein.“ „Doch.“ „Nein!“", ["„Nein.“", "„Doch.“", "„Nein!“"]),
        ("Sein Motto: Nie aufgeben. Das half ihm.", ["Sein Motto: Nie aufgeben.", "Das half ihm."]),
        (
            "Laut § 14 Abs. 3 Nr. 2 gilt das. Ausnahmen gibt es.",
            ["Laut § 14 Abs. 3 Nr. 2 gilt das.", "Ausnahmen gibt es."],
        ),
        (
            "Das Match endete 1:1 n. V. Danach gab es Elfmeterschießen.",
            ["Das Match endete 1:1 n. V.", "Danach gab es Elfmeterschießen."],
        ),
    ],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [case for cases in FRESH_EYES.values() for case in cases],
    ids=[f"{group}-{number}" for group, cases in FRESH_EYES.items() for number in range(1, len(cases) + 1)],
)
def test_split_sentences_fresh_eyes(text, expected):
    assert split_sentences(text) == expected


# Where the second round's rules stop: each keeps a unit whole that a looser rule would cut.
SECOND_ROUND_LIMITS = {
    "heading-with-regnal-number": ("Teil II. Die Rückkehr", ["Teil II. Die Rückkehr"]),
    "regnal-number-before-verb": ("Karl V. regierte lange.", ["Karl V. regierte lange."]),
    "initial-starting-the-paragraph": ("Herr K. Sie kennen ihn?", ["Herr K. Sie kennen ihn?"]),
    "among-others-before-newspaper": (
        "Es berichteten u. a. Die Zeit und Der Spiegel.",
        ["Es berichteten u. a. Die Zeit und Der Spiegel."],
    ),
    "camel-case-after-abbreviation": ("Das gilt z.B. eBay-Händler.", ["Das gilt z.B. eBay-Händler."]),
    "number-after-interjection": ("Er hat (!) 3 Autos.", ["Er hat (!) 3 Autos."]),
    "year-before-list-item": (
        "Das gilt bis 2025. 1. Die Kosten steigen.",
        ["Das gilt bis 2025.", "1. Die Kosten steigen."],
    ),
    "preposition-after-weekday": (
        "Das Konzert beginnt am Sa. Um 20 Uhr geht es los.",
        ["Das Konzert beginnt am Sa.", "Um 20 Uhr geht es los."],
    ),
}


@pytest.mark.parametrize(("text", "expected"), SECOND_ROUND_LIMITS.values(), ids=SECOND_ROUND_LIMITS.keys())
def test_split_sentences_second_round_limits(text, expected):
    assert split_sentences(text) == expected


NEWS_UNITS_AND_ELLIPSES = {
    "litre-before-capitalised-word": (
        "Am Brocken fielen 412 l. Danach blieb es wochenlang trocken.",
        ["Am Brocken fielen 412 l.", "Danach blieb es wochenlang trocken."],
    ),
    "litre-before-noun": ("Der Tank fasst 50 l. Experten raten ab.", ["Der Tank fasst 50 l.", "Experten raten ab."]),
    "kilometres-per-hour": (
        "Sie fuhren 30 km/h. Danach kam der Stau.",
        ["Sie fuhren 30 km/h.", "Danach kam der Stau."],
    ),
    "minutes": ("Es waren 5 min. Dann kam er.", ["Es waren 5 min.", "Dann kam er."]),
    "abbreviation-not-after-a-number": ("Er hielt es in der l. Hand.", ["Er hielt es in der l. Hand."]),
    "billions-before-currency": ("Es kostet 3 Mrd. Euro. Das ist viel.", ["Es kostet 3 Mrd. Euro.", "Das ist viel."]),
    "ellipsis-after-article": (
        "Ein Sprecher sagte, man habe das … Ausmaß unterschätzt.",
        ["Ein Sprecher sagte, man habe das … Ausmaß unterschätzt."],
    ),
    "three-dots-after-preposition": (
        "Die Lage sei mit ... Verlaub katastrophal.",
        ["Die Lage sei mit ... Verlaub katastrophal."],
    ),
    "ellipsis-after-verb-ends": ("Er zögerte … Dann ging er.", ["Er zögerte …", "Dann ging er."]),
}


@pytest.mark.parametrize(("text", "expected"), NEWS_UNITS_AND_ELLIPSES.values(), ids=NEWS_UNITS_AND_ELLIPSES.keys())
def test_split_sentences_units_and_ellipses_in_news_text(text, expected):
    assert split_sentences(text) == expected


TRAILERS = ["😀", "🎉🎉", "❤️", "¹", "² ³", "[1]", "*", ":-)", "<3", "xD", "†"]
TOKENS = [
    *"Das war bla usw etc bzw Mrd Jh Pat Diagn Gedanken Verschiedene Danach Die Er z. B. S. Nr. 3. 700 "
    "2025 1. II. (!) (???) [!] (sic!) #Dunkerque @Verkor presse@verkor.fr www.verkor.fr "
    "Sie Im u. a. eBay Heinrich VIII. 2.3. 3.) „…".split(),
    *TRAILERS,
    ".",
    ". ",
    "! ",
    "? ",
    "… ",
    "...",
    ".“ ",
    "!« ",
    ".) ",
    "„",
    "»",
    "(",
    ")",
    "[",
    "]",
    ",,",
    "”",
    ": ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=25), st.lists(st.sampled_from(["", " ", "  ", "\u00a0"])))
def test_sentences_rebuild_the_paragraph(tokens, gaps):
    """Whatever the rules decide, the sentences are the paragraph's text, in order, cut only where
    whitespace or a missing space after an end lies, and no sentence but the first starts with a
    trailer (emoji, footnote) that belongs to the sentence before."""
    paragraph = "".join(token + (gaps[i] if i < len(gaps) else " ") for i, token in enumerate(tokens))
    sentences = split_sentences(paragraph)
    assert "".join("".join(sentences).split()) == "".join(paragraph.split())
    position = 0
    for sentence in sentences:
        assert sentence and sentence == sentence.strip()
        start = paragraph.index(sentence, position)
        assert not paragraph[position:start].strip()
        position = start + len(sentence)
    assert not paragraph[position:].strip()
    for sentence in sentences[1:]:
        assert not any(sentence == trailer or sentence.startswith(trailer + " ") for trailer in TRAILERS)


@pytest.mark.parametrize("text", ["", "   ", "\t\u00a0"], ids=["empty", "spaces", "tab-and-no-break-space"])
def test_blank_paragraph_has_no_sentences(text):
    assert split_sentences(text) == []


LONG_PARAGRAPH_UNITS = {
    "no-punctuation": ("wort ", 10_000),
    "one-long-word": ("x", 50_000),
    "many-sentences": ("Das ist gut. ", 4_000),
    "unclosed-quotes": ("„Ja. ", 6_000),
    "numbers": ("3. ", 17_000),
    "periods": (".", 50_000),
}
"""Paragraphs of one repeated unit, at the sizes that once took quadratic time."""


@pytest.mark.parametrize("unit, times", LONG_PARAGRAPH_UNITS.values(), ids=LONG_PARAGRAPH_UNITS)
def test_long_paragraphs_keep_every_word(unit, times):
    text = unit * times
    assert " ".join(split_sentences(text)) == " ".join(text.split())


@pytest.mark.parametrize("unit, times", LONG_PARAGRAPH_UNITS.values(), ids=LONG_PARAGRAPH_UNITS)
def test_splitting_a_paragraph_is_linear_in_its_length(unit, times):
    """Counted in executed lines, not seconds (bench/bench_linear_time.py times the full sizes)."""
    size = max(times // 50, 40)
    single = executed_lines(lambda: split_sentences(unit * size))
    double = executed_lines(lambda: split_sentences(unit * 2 * size))
    assert double <= 2.3 * single, (single, double)  # quadratic work would give about 4


def test_seed_article_sentences():
    article = read_article(SEED)
    sentences = [sentence.text for paragraph in article.paragraphs for sentence in paragraph.sentences]
    assert len(article.paragraphs) == 26
    assert len(sentences) == 102
    for tricky in (
        "Bis 2028 sollen 16 Gigawattstunden Jahreskapazität erreicht sein, später sogar bis zu 50.",
        (
            "Hinter den Kulissen brodelt eine Debatte, die immer wieder aufflammt: das EU Verbot für neue "
            "Verbrenner ab 2035."
        ),
        (
            "Ein Ingenieur, Kaffeebecher in der Hand, sagt sinngemäß: „Wenn die Politik wackelt, wackeln wir "
            "alle. Aber ohne Ziel fährt man eben auch nicht los.“"
        ),
        "Ein Satz, der trifft.",
        "Ein Risiko?",
        "Ja.",
        ("Ein älterer Anwohner bringt es beim Bäcker auf den Punkt: „Hauptsache, hier passiert wieder was.“"),
        "Industrie im 21. Jahrhundert eben.",
        "Ein Artikel von M. Legrand",
        "Abonniere einfach den Newsletter unserer Chefredaktion!",
    ):
        assert tricky in sentences


def test_seed_article_layout_and_round_trip():
    article = read_article(SEED)
    assert (article.slug, article.source, article.preamble) == (SEED.stem, str(SEED), "")
    assert [paragraph.line for paragraph in article.paragraphs] == list(range(1, 27))
    assert article.paragraphs[-1].separator == "\n" * 10
    assert encode(article, assemble(article, lambda unit: unit.text)) == SEED.read_bytes()


def test_segment_text_keeps_whitespace_in_the_model():
    article = segment_text(
        "\ufeff\r\n  \r\n  Titel  \r\nEins. Zwei.\t\r\n\r\n \r\nDrei.", slug="a", source="seeds/a.txt"
    )
    assert (article.bom, article.newline, article.preamble) == (True, "\r\n", "\n  \n")
    title, body, last = article.paragraphs
    assert (title.line, title.indent, title.separator) == (3, "  ", "\n")
    assert [(s.text, s.trailing) for s in title.sentences] == [("Titel", "  ")]
    assert [(s.text, s.trailing) for s in body.sentences] == [("Eins.", " "), ("Zwei.", "\t")]
    assert (body.line, body.separator) == (4, "\n\n \n")
    assert (last.line, last.separator) == (7, "")


def test_read_article_takes_source_from_caller(tmp_path):
    path = tmp_path / "nord.txt"
    path.write_text("Ein Satz.\n", encoding="utf-8")
    article = read_article(path, source="seeds/nord.txt")
    assert (article.slug, article.source) == ("nord", "seeds/nord.txt")


def test_latin1_article_names_file_line_and_column(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("Erste Zeile.\nDie Straße ist schön.\n".encode("latin-1"))
    with pytest.raises(ArticleError) as raised:
        read_article(path)
    assert str(raised.value) == f"{path}:2: not UTF-8 (byte 0xdf at column 9); save the article as UTF-8"
    assert (raised.value.path, raised.value.line) == (str(path), 2)


def test_column_counts_characters_not_bytes(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("Größe: ".encode() + b"\xe9t\xe9\n")
    with pytest.raises(ArticleError, match=r"x\.txt:1: not UTF-8 \(byte 0xe9 at column 8\)"):
        read_article(path)


def test_binary_article_is_refused(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"Ein Satz.\nZwei\x00Drei\n")
    with pytest.raises(ArticleError, match=r"x\.txt:2: binary data, not text \(NUL byte at column 5"):
        read_article(path)


def test_utf16_article_is_refused_as_binary(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Ein Satz.\n", encoding="utf-16")
    with pytest.raises(ArticleError, match="UTF-16"):
        read_article(path)


@pytest.mark.parametrize(
    "content", [b"", b"\n \n\t\n", "\ufeff\r\n".encode()], ids=["empty", "whitespace-only", "bom-only"]
)
def test_article_without_text_is_refused(tmp_path, content):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=r"x\.txt: the article has no text"):
        read_article(path)


def test_missing_article_is_an_article_error(tmp_path):
    with pytest.raises(ArticleError, match=r"missing\.txt: cannot read the article"):
        read_article(tmp_path / "missing.txt")


def test_regional_german_keeps_the_german_rules_and_other_languages_get_sentencex_rules():
    from pipeline.articles.segmentation import split_sentences

    text = "Industrie im 21. Jahrhundert eben. Ein Artikel von M. Legrand"
    assert split_sentences(text, language="de_CH") == split_sentences(text)
    english = "Mr. Smith came in 2025. He left."
    assert split_sentences(english, language="en") == ["Mr. Smith came in 2025.", "He left."]


def test_segment_refuses_a_fifo_without_opening_it(tmp_path):
    import os
    import subprocess
    import sys

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline", "segment", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent.parent,
    )
    assert completed.returncode == 1
    assert completed.stderr.strip() == f"Error: {fifo}: not an article: a named pipe (FIFO), not a regular file"
