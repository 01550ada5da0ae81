"""Typography: per-locale quotation marks and punctuation spaces, idempotence, protected text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.articles.typography import NBSP, NNBSP, TYPOGRAPHY, rules_for, typeset, typeset_units

# --- rules ----------------------------------------------------------------------------------

TYPOGRAPHY_CASES = [
    ("fr", "„Bonjour“, dit-il.", f"«{NNBSP}Bonjour{NNBSP}», dit-il."),
    ("fr", '"Bonjour", dit-il.', f"«{NNBSP}Bonjour{NNBSP}», dit-il."),
    ("fr", "« Déjà juste »", f"«{NNBSP}Déjà juste{NNBSP}»"),
    ("fr", f"«{NBSP}Avec espaces insécables{NBSP}»", f"«{NBSP}Avec espaces insécables{NBSP}»"),
    ("fr", f"«{NNBSP}Déjà fine{NNBSP}»", f"«{NNBSP}Déjà fine{NNBSP}»"),
    ("fr", "Vraiment ? Oui ! Enfin; voilà : fini", f"Vraiment{NNBSP}? Oui{NNBSP}! Enfin{NNBSP}; voilà{NBSP}: fini"),
    ("fr", "Quoi?!", f"Quoi{NNBSP}?!"),
    (
        "fr",
        "Rendez-vous à 9:30 sur https://example.fr/a?b=1 : merci",
        f"Rendez-vous à 9:30 sur https://example.fr/a?b=1{NBSP}: merci",
    ),
    ("fr", "Il dit : „C'est ‚bien‘.“", f"Il dit{NBSP}: «{NNBSP}C’est “bien”.{NNBSP}»"),
    ("fr", "l'usine d'aujourd'hui", "l’usine d’aujourd’hui"),
    ("en", "„Yes“, he said.", "“Yes”, he said."),
    ("en", "\"It's the '90s,\" she said.", "“It’s the ’90s,” she said."),
    ("en", "He said: 'fine'.", "He said: “fine”."),
    ("en", "„Outer ‚inner‘ text“", "“Outer ‘inner’ text”"),
    ("en", "« Bonjour »", "“Bonjour”"),
    ("en", "the students' books at 9:30", "the students’ books at 9:30"),
    ("en", "See 'https://example.com/it's?a=1' now", "See “https://example.com/it's?a=1” now"),
    ("fr", "Il a dit *\"Oui\"* et **'non'**.", f"Il a dit *«{NNBSP}Oui{NNBSP}»* et **«{NNBSP}non{NNBSP}»**."),
    ("en", '_"Yes"_, he said.', "_“Yes”_, he said."),
]


@pytest.mark.parametrize(("lang", "written", "shown"), TYPOGRAPHY_CASES)
def test_typography(lang, written, shown):
    assert typeset(written, TYPOGRAPHY[lang]) == shown
    assert typeset(shown, TYPOGRAPHY[lang]) == shown  # never applied twice


def test_quotation_spanning_sentences_gets_matching_marks():
    sentences = ["„Wenn es wackelt, wackeln wir.", "Aber wir fahren los.“", "Ein Satz."]
    assert typeset_units(sentences, TYPOGRAPHY["fr"]) == [
        f"«{NNBSP}Wenn es wackelt, wackeln wir.",
        f"Aber wir fahren los.{NNBSP}»",
        "Ein Satz.",
    ]


def test_languages_without_rules_are_left_as_written():
    assert typeset("„Ja“ ?", rules_for("it")) == "„Ja“ ?"


WORDS = st.sampled_from(["mot", "l'eau", "it's", "9:30", "https://x.fr/?a=1", "'90s", "x"])
OPENING = st.sampled_from(["", "", "„", '"', "'", "‚", "« ", "«", "“", "‘", "(", f"«{NNBSP}", f"«{NBSP}"])
CLOSING = st.sampled_from(["", "", "“", '"', "'", "‘", " »", "»", "”", "’", ")", f"{NNBSP}»"])
PUNCTUATION = st.sampled_from(["", "", ".", ",", " :", ":", "?", " ?", "!", ";", f"{NNBSP}?", "?!"])
QUOTED_TEXT = st.lists(st.tuples(OPENING, WORDS, CLOSING, PUNCTUATION).map("".join), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(QUOTED_TEXT.map(" ".join), st.sampled_from(["fr", "en"]))
def test_typography_is_idempotent(text, lang):
    once = typeset(text, TYPOGRAPHY[lang])
    assert typeset(once, TYPOGRAPHY[lang]) == once


def test_a_private_use_character_in_a_translation_cannot_shift_sentences():
    texts = ["A \ue000 b.", "C.", "D."]
    assert typeset_units(texts, rules_for("fr")) == texts
