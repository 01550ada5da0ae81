"""Merging (pipeline.po.merging) on catalog text, without files or the CLI: what msgmerge does."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.po.catalogs import parse_view, with_machine_draft
from pipeline.po.format import format_catalog
from pipeline.po.merging import TEMPLATE_DIGEST_FIELD, merge_catalog, merge_counts, template_digest
from pipeline.po.template_match import template_mismatches
from pipeline.po.views import Catalog, Entry, EntryState

HEADER = 'msgid ""\nmsgstr ""\n"Project-Id-Version: nord\\n"\n"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n'


def template(*sentences: str) -> Catalog:
    body = "".join(
        f'\n#. paragraph 1, sentence {n}\n#: seeds/nord.txt:{n}\nmsgid "{text}"\nmsgstr ""\n'
        for n, text in enumerate(sentences, start=1)
    )
    return parse_view(HEADER + body, path="nord.pot")


def catalog(text: str) -> Catalog:
    return parse_view(HEADER + '"Language: fr\\n"\n' + text, path="fr.po")


def by_msgid(merged: Catalog) -> dict[str, Entry]:
    return {entry.msgid: entry for entry in merged}


def test_a_new_catalog_gets_the_header_and_untranslated_entries():
    merged = merge_catalog(template("Ja.", "Nein."), None, "fr")
    assert merged.metadata["Language"] == "fr" and merged.metadata["Language-Team"] == "French"
    assert merged.metadata["Plural-Forms"].startswith("nplurals=")
    assert merged.metadata[TEMPLATE_DIGEST_FIELD] == template_digest(template("Ja.", "Nein."))
    assert [(entry.msgid, entry.state) for entry in merged] == [
        ("Ja.", EntryState.UNTRANSLATED),
        ("Nein.", EntryState.UNTRANSLATED),
    ]


def test_an_unchanged_sentence_keeps_its_entry_and_takes_the_template_reference():
    old = catalog('\n# relu\n#: seeds/nord.txt:9\n#, no-wrap\nmsgid "Ja."\nmsgstr "Oui."\n')
    (kept,) = merge_catalog(template("Ja."), old, "fr").entries
    assert (kept.msgstr, kept.tcomment, kept.flags) == ("Oui.", "relu", ("no-wrap",))
    assert kept.occurrences == (("seeds/nord.txt", "1"),) and kept.comment == "paragraph 1, sentence 1"


def test_a_close_edit_is_offered_fuzzy_with_the_previous_msgid():
    old = catalog('\nmsgid "Die Region hofft auf Arbeit."\nmsgstr "La région espère du travail."\n')
    merged = merge_catalog(template("Die Region hofft auf viel Arbeit."), old, "fr")
    offered = by_msgid(merged)["Die Region hofft auf viel Arbeit."]
    assert offered.msgstr == "La région espère du travail." and offered.flags == ("fuzzy",)
    assert offered.previous_msgid == "Die Region hofft auf Arbeit."
    assert offered.state is EntryState.SOURCE_CHANGED
    assert not any(entry.obsolete for entry in merged)  # the old entry was used, not kept as obsolete
    assert merge_counts(old, merged) == {"added": 0, "changed": 1, "obsoleted": 0}


def test_an_unrelated_or_machine_translation_is_not_offered():
    draft = with_machine_draft(Entry("Die Region hofft auf Arbeit."), "La région espère.", "Fake de→fr 0.0")
    old = Catalog(metadata=catalog("").metadata, entries=(draft,))
    merged = merge_catalog(template("Die Region hofft auf viel Arbeit.", "Etwas ganz anderes."), old, "fr")
    assert all(not entry.msgstr for entry in merged.active())


def test_a_removed_sentence_becomes_obsolete_and_is_revived_when_it_comes_back():
    old = catalog('\n#: seeds/nord.txt:1\nmsgid "Ja."\nmsgstr "Oui."\n')
    removed = merge_catalog(template("Nein."), old, "fr")
    (gone,) = [entry for entry in removed if entry.obsolete]
    assert (gone.msgid, gone.msgstr, gone.occurrences) == ("Ja.", "Oui.", ())
    assert merge_counts(old, removed)["obsoleted"] == 1
    back = merge_catalog(template("Ja."), parse_view(format_catalog(removed), path="fr.po"), "fr")
    assert [(entry.msgid, entry.msgstr, entry.obsolete) for entry in back] == [("Ja.", "Oui.", False)]


@given(st.lists(st.sampled_from(["Ja.", "Nein.", "Vielleicht.", "Doch.", "Gut."]), unique=True))
def test_merging_again_with_the_same_template_changes_nothing(sentences):
    pot = template(*sentences)
    once = merge_catalog(pot, None, "fr")
    assert merge_catalog(pot, once, "fr") == once


def test_the_header_as_written_and_lone_empty_comment_lines_are_carried_over():
    """A catalog another tool wrote keeps its header lines and empty comment lines through a merge,
    so that the first rewrite by `extract` changes only what the merge changed."""
    old = parse_view(
        "#\n#: po/header.c:1\n" + HEADER + '"Language:  fr\\n"\n"X-Generator:Handmade\\n"\n'
        '\n#\nmsgid "Ja."\nmsgstr "Oui."\n\n#\nmsgid "Die Region hofft auf Arbeit."\n'
        'msgstr "La région espère du travail."\n',
        path="fr.po",
    )
    merged = merge_catalog(template("Ja.", "Die Region hofft auf viel Arbeit."), old, "fr")
    text = format_catalog(merged)
    assert text.startswith('#\n#: po/header.c:1\nmsgid ""\n')
    assert '"Language:  fr\\n"\n"X-Generator:Handmade\\n"\n' in text
    assert '#\n#. paragraph 1, sentence 1\n#: seeds/nord.txt:1\nmsgid "Ja."' in text
    assert "#\n# reviewed for the previous source: " in text.split('msgid "Ja."')[1]  # the offer keeps the empty line


def test_an_obsolete_plural_entry_revived_by_its_sentence_becomes_a_fuzzy_sentence():
    """An editor's plural entry that went to obsolete and whose sentence comes back must not return as
    a plural entry: every command would then refuse the catalog extract has just written."""
    old = catalog('\n#~ msgid "Ja."\n#~ msgid_plural "Jas."\n#~ msgstr[0] "Oui."\n#~ msgstr[1] "Ouis."\n')
    merged = merge_catalog(template("Ja."), old, "fr")
    (revived,) = merged.active()
    assert (revived.msgstr, revived.msgid_plural, dict(revived.msgstr_plural)) == ("Oui.", "", {})
    assert "fuzzy" in revived.flags
    assert template_mismatches(merged, template("Ja.")) == []


# --- edited machine drafts (issue 11, point 1) ----------------------------------------------------


def drafted(msgid: str, translation: str) -> Entry:
    return with_machine_draft(Entry(msgid), translation, "Fake de→fr 0.0")


def edited(entry: Entry, text: str) -> Entry:
    """What a PO editor leaves after a translator rewrote a draft: the flag and the comment stay."""
    return Entry(msgid=entry.msgid, msgstr=text, flags=entry.flags, tcomment=entry.tcomment)


def test_a_machine_draft_records_what_the_engine_wrote_and_an_edit_makes_it_a_translators_work():
    draft = drafted("Die Region hofft auf Arbeit.", "La région espère.")
    assert draft.state is EntryState.MACHINE_DRAFT
    rewritten = edited(draft, "La région espère du travail.")
    assert rewritten.state is EntryState.EDITED_DRAFT
    assert "fuzzy" in rewritten.flags  # waiting for the translator to clear the flag


def test_an_edited_draft_is_offered_when_its_sentence_changes_and_never_goes_to_obsolete():
    rewritten = edited(drafted("Die Region hofft auf Arbeit.", "La région espère."), "La région espère du travail.")
    old = Catalog(metadata=catalog("").metadata, entries=(rewritten,))
    merged = merge_catalog(template("Die Region hofft auf viel Arbeit."), old, "fr")
    (offered,) = merged.entries
    assert offered.msgstr == "La région espère du travail." and "fuzzy" in offered.flags
    assert offered.previous_msgid == "Die Region hofft auf Arbeit."


def test_a_draft_without_a_digest_counts_as_a_translators_text():
    """Nothing proves it is what the engine wrote (issue 22): it is kept as a person's text."""
    old = catalog('\n# machine translation: Argos de→en 1.9\n#, fuzzy\nmsgid "Ja."\nmsgstr "Oui !"\n')
    assert old.entries[0].state is EntryState.EDITED_DRAFT


# --- reverted edits (issue 11, point 7) -----------------------------------------------------------

BEFORE, AFTER = "Die Region hofft auf Arbeit.", "Die Region hofft auf viel Arbeit."


def changed_and_reverted(old: Catalog, *, edit=lambda entry: entry) -> Entry:
    """Merge ``old`` with the changed sentence, let a translator ``edit`` the offer, then revert."""
    changed = merge_catalog(template(AFTER), old, "fr")
    changed = dataclasses.replace(changed, entries=tuple(map(edit, changed.entries)))
    reread = parse_view(format_catalog(changed), path="fr.po")
    (entry,) = merge_catalog(template(BEFORE), reread, "fr").active()
    return entry


def test_a_reverted_edit_restores_the_review():
    old = catalog(f'\n# relu\nmsgid "{BEFORE}"\nmsgstr "La région espère du travail."\n')
    back = changed_and_reverted(old)
    assert (back.msgid, back.msgstr, back.flags, back.previous_msgid) == (
        BEFORE,
        "La région espère du travail.",
        (),
        None,
    )
    assert back.state is EntryState.REVIEWED and back.tcomment == "relu"


def test_a_revert_does_not_review_a_translation_edited_meanwhile_or_never_reviewed():
    reviewed = catalog(f'\nmsgid "{BEFORE}"\nmsgstr "La région espère du travail."\n')
    retouched = changed_and_reverted(reviewed, edit=lambda e: dataclasses.replace(e, msgstr="La région espère."))
    assert retouched.state is EntryState.SOURCE_CHANGED
    human_draft = catalog(f'\n#, fuzzy\nmsgid "{BEFORE}"\nmsgstr "La région espère du travail."\n')
    assert "fuzzy" in changed_and_reverted(human_draft).flags
    rewritten = edited(drafted(BEFORE, "La région espère."), "La région espère du travail.")
    draft_back = changed_and_reverted(Catalog(metadata=catalog("").metadata, entries=(rewritten,)))
    assert draft_back.msgstr == "La région espère du travail." and "fuzzy" in draft_back.flags


def test_a_translation_typed_for_a_changed_sentence_beats_its_old_machine_draft_when_it_is_reverted():
    old = Catalog(metadata=catalog("").metadata, entries=(drafted(BEFORE, "Brouillon."),))
    changed = merge_catalog(template(AFTER), old, "fr")  # the draft goes to obsolete
    typed = dataclasses.replace(
        changed,
        entries=tuple(
            dataclasses.replace(e, msgstr="La région espère beaucoup de travail.") if e.msgid == AFTER else e
            for e in changed.entries
        ),
    )
    (back,) = merge_catalog(template(BEFORE), parse_view(format_catalog(typed), path="fr.po"), "fr").active()
    assert back.msgstr == "La région espère beaucoup de travail."
    assert (back.flags, back.previous_msgid) == (("fuzzy",), AFTER)


# --- split and joined sentences (issue 11, point 8) -----------------------------------------------

WHOLE = "Die Region hofft auf Arbeit, und die Stadt baut eine neue Fabrik."
FIRST, SECOND = "Die Region hofft auf Arbeit.", "Die Stadt baut eine neue Fabrik."
WHOLE_FR = "La région espère du travail, et la ville construit une nouvelle usine."


def test_both_halves_of_a_split_sentence_are_offered_the_old_translation():
    old = catalog(f'\nmsgid "Ja."\nmsgstr "Oui."\n\nmsgid "{WHOLE}"\nmsgstr "{WHOLE_FR}"\n')
    merged = merge_catalog(template("Ja.", FIRST, SECOND), old, "fr")
    for half in (FIRST, SECOND):
        offered = by_msgid(merged)[half]
        assert (offered.msgstr, offered.flags, offered.previous_msgid) == (WHOLE_FR, ("fuzzy",), WHOLE)
    assert not any(entry.obsolete for entry in merged)


def test_a_split_with_a_reworded_half_offers_the_old_translation_to_both():
    whole = "Und manchmal reicht schon ein einziges Gebäude, um einen Stimmungswechsel greifbar zu machen."
    halves = ("Und manchmal reicht schon ein einziges Gebäude.", "Es macht einen Stimmungswechsel greifbar.")
    old = catalog(f'\nmsgid "{whole}"\nmsgstr "Un seul bâtiment suffit."\n')
    merged = merge_catalog(template(*halves), old, "fr")
    assert [(e.msgstr, e.previous_msgid) for e in merged.active()] == [("Un seul bâtiment suffit.", whole)] * 2


def test_a_joined_sentence_is_offered_both_old_translations_joined():
    old = catalog(
        f'\nmsgid "{FIRST}"\nmsgstr "La région espère du travail."\n\n'
        f'msgid "{SECOND}"\nmsgstr "La ville construit une nouvelle usine."\n'
    )
    merged = merge_catalog(template(WHOLE), old, "fr")
    offered = by_msgid(merged)[WHOLE]
    assert offered.msgstr == "La région espère du travail. La ville construit une nouvelle usine."
    assert offered.flags == ("fuzzy",) and offered.previous_msgid == f"{FIRST} {SECOND}"
    # the old entries stay as obsolete, so undoing the join gives back both reviewed translations
    undone = merge_catalog(template(FIRST, SECOND), parse_view(format_catalog(merged), path="fr.po"), "fr")
    assert [(e.msgid, e.state) for e in undone.active()] == [
        (FIRST, EntryState.REVIEWED),
        (SECOND, EntryState.REVIEWED),
    ]


THIRD = "Die Schulen bilden Ingenieure aus."
WHOLE3 = "Die Region hofft auf Arbeit, die Stadt baut eine neue Fabrik, und die Schulen bilden Ingenieure aus."
WHOLE3_FR = "La région espère du travail, la ville construit une usine, et les écoles forment des ingénieurs."


def test_every_part_of_a_sentence_split_in_three_is_offered_the_old_translation():
    old = catalog(f'\nmsgid "{WHOLE3}"\nmsgstr "{WHOLE3_FR}"\n')
    merged = merge_catalog(template(FIRST, SECOND, THIRD), old, "fr")
    assert [(e.msgstr, e.previous_msgid) for e in merged.active()] == [(WHOLE3_FR, WHOLE3)] * 3
    assert not any(entry.obsolete for entry in merged)


def test_a_sentence_joined_from_three_is_offered_all_three_translations():
    parts = ("La région espère du travail.", "La ville construit une usine.", "Les écoles forment des ingénieurs.")
    old = catalog(
        "".join(
            f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
            for msgid, msgstr in zip((FIRST, SECOND, THIRD), parts, strict=True)
        )
    )
    (offered,) = merge_catalog(template(WHOLE3), old, "fr").active()
    assert (offered.msgstr, offered.previous_msgid) == (" ".join(parts), f"{FIRST} {SECOND} {THIRD}")


def test_a_translation_joined_with_an_untranslated_or_machine_drafted_neighbour_is_offered():
    """Joining a translated sentence with one nobody had translated (or only the engine had) sent the
    translator's text to obsolete; it is offered, with both old sentences as ``#|``, the engine's
    text left out (only human translations are offered)."""
    for neighbour in (Entry(SECOND), drafted(SECOND, "La ville construit.")):
        old = Catalog(
            metadata=catalog("").metadata, entries=(Entry(FIRST, msgstr="La région espère du travail."), neighbour)
        )
        (offered,) = merge_catalog(template(WHOLE), old, "fr").active()
        assert (offered.msgstr, offered.previous_msgid) == ("La région espère du travail.", f"{FIRST} {SECOND}")
        assert "fuzzy" in offered.flags


def test_a_long_sentence_joined_with_a_short_one_offers_both_translations():
    """The long part alone is already a close edit of the joined sentence; the short part's
    translation went to obsolete. The join, closer still, is offered."""
    long = "Die Region im Norden hofft seit vielen Jahren auf neue Arbeit in den Fabriken am Hafen."
    short = "Das dauert."
    old = catalog(f'\nmsgid "{long}"\nmsgstr "La région espère."\n\nmsgid "{short}"\nmsgstr "Ça dure."\n')
    (offered,) = merge_catalog(template(long[:-1] + ", und das dauert."), old, "fr").active()
    assert (offered.msgstr, offered.previous_msgid) == ("La région espère. Ça dure.", f"{long} {short}")


def test_undoing_a_split_restores_the_review():
    old = catalog(f'\nmsgid "{WHOLE}"\nmsgstr "{WHOLE_FR}"\n')
    split = merge_catalog(template(FIRST, SECOND), old, "fr")
    undone = merge_catalog(template(WHOLE), parse_view(format_catalog(split), path="fr.po"), "fr")
    assert [(e.msgid, e.msgstr, e.state) for e in undone.active()] == [(WHOLE, WHOLE_FR, EntryState.REVIEWED)]


def test_a_new_sentence_next_to_a_changed_one_is_not_offered_its_translation():
    old = catalog(f'\nmsgid "{WHOLE}"\nmsgstr "{WHOLE_FR}"\n')
    merged = merge_catalog(template(WHOLE.replace("neue", "große"), "Etwas ganz anderes."), old, "fr")
    assert by_msgid(merged)["Etwas ganz anderes."].msgstr == ""
    assert by_msgid(merged)[WHOLE.replace("neue", "große")].msgstr == WHOLE_FR
    sharing_words = merge_catalog(template(WHOLE.replace("neue", "große"), "Die Stadt wartet."), old, "fr")
    assert by_msgid(sharing_words)["Die Stadt wartet."].msgstr == ""


# --- the rule, as a property: nothing a translator typed is lost ---------------------------------

BASES = [
    "Die Region hofft auf Arbeit.",
    "Verkor hat in Bourbourg eine Fabrik eröffnet.",
    "Dr. Weber sprach vor vielen Gästen.",
    "Die Stadt baut einen neuen Hafen.",
]
OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["draft", "type", "change", "revert", "remove", "restore"]),
        st.integers(0, 1),
        st.sampled_from(["Un.", "Deux mots.", "Trois."]),
    ),
    max_size=12,
)
"""Operations on the first two sentences (the others stay as they are), so that sequences such as
draft, type, change on one sentence come up often."""


def _set_msgstr(merged: Catalog, msgid: str, change) -> Catalog:
    return dataclasses.replace(
        merged,
        entries=tuple(
            change(entry) if entry.msgid == msgid and not entry.obsolete else entry for entry in merged.entries
        ),
    )


@settings(max_examples=300, deadline=None)
@given(OPERATIONS)
def test_a_translators_text_is_kept_unless_its_sentence_was_removed(operations):
    """Random drafts, translators' edits (also of drafts), small source edits, reverts and removals:
    after every merge, each text a translator typed for a sentence still in the article (as it was,
    or changed by a small edit) is on an active entry; no merge drops a typed text altogether."""
    sentences: list[str | None] = list(BASES)
    merged = merge_catalog(template(*BASES), None, "fr")
    typed_texts: set[str] = set()
    for operation, index, text in operations:
        before = sentences[index]
        if operation in {"draft", "type"} and before is not None:
            if operation == "draft":
                merged = _set_msgstr(
                    merged, before, lambda e: e if e.msgstr else with_machine_draft(e, "Brouillon.", "Fake")
                )
            else:
                merged = _set_msgstr(
                    merged, before, lambda e, text=text, index=index: dataclasses.replace(e, msgstr=f"{text} {index}")
                )
                typed_texts.add(f"{text} {index}")
            continue
        if operation == "change" and before is not None:
            sentences[index] = before.replace(".", " heute.", 1) if " heute." not in before else before
        elif operation == "revert" and before is not None:
            sentences[index] = BASES[index]
        elif operation == "remove":
            sentences[index] = None
        elif operation == "restore":
            sentences[index] = BASES[index]
        previous = parse_view(format_catalog(merged), path="fr.po")
        typed = {entry.msgid: entry.msgstr for entry in previous.active() if entry.msgstr in typed_texts}
        merged = merge_catalog(template(*(s for s in sentences if s is not None)), previous, "fr")
        active = {entry.msgstr for entry in merged.active()}
        everywhere = {entry.msgstr for entry in merged.entries}
        for msgid, msgstr in typed.items():
            assert msgstr in everywhere, (msgid, msgstr)
            base = msgid.replace(" heute.", ".")
            if base in (s.replace(" heute.", ".") for s in sentences if s is not None):
                assert msgstr in active, (msgid, msgstr)


def test_a_review_is_restored_after_two_edits_are_reverted():
    old = catalog(f'\nmsgid "{BEFORE}"\nmsgstr "La région espère du travail."\n')
    once = merge_catalog(template(AFTER), old, "fr")
    reread = parse_view(format_catalog(once), path="fr.po")
    twice = merge_catalog(template(AFTER.replace("viel", "sehr viel")), reread, "fr")
    (back,) = merge_catalog(template(BEFORE), parse_view(format_catalog(twice), path="fr.po"), "fr").active()
    assert (back.msgstr, back.previous_msgid) == ("La région espère du travail.", None)
    assert back.state is EntryState.REVIEWED


def test_a_reverted_edit_keeps_a_lone_empty_translator_comment_line():
    old = catalog(f'\n#\nmsgid "{BEFORE}"\nmsgstr "La région espère du travail."\n')
    back = changed_and_reverted(old)
    assert back.state is EntryState.REVIEWED and (back.tcomment, back.tcomment_empty_line) == ("", True)


WORDS = [
    "Region",
    "Stadt",
    "Fabrik",
    "Arbeit",
    "Hafen",
    "Schule",
    "Ingenieure",
    "Wind",
    "Ebene",
    "Dorf",
    "Bürger",
    "Rat",
    "Plan",
    "Geld",
    "Zukunft",
    "Kran",
    "Deich",
    "Möwe",
    "Batterie",
    "Auto",
    "Zelle",
    "Strom",
    "Lohn",
    "Markt",
]
SENTENCES = st.tuples(st.permutations(WORDS), st.integers(2, 5)).map(
    lambda drawn: ["Die " + " ".join(drawn[0][4 * n : 4 * n + 4]) + "." for n in range(drawn[1])]
)
"""Sentences without a word in common, as an article's sentences mostly are."""
EDITS = st.lists(st.tuples(st.sampled_from(["type", "draft", "split", "join"]), st.integers(0, 9)), max_size=10)


def _split(sentence: str) -> list[str]:
    words = sentence[:-1].split(" ")
    middle = max(2, len(words) // 2)
    return [" ".join(words[:middle]) + ".", " ".join(["Die", *words[middle:]]) + "."]


@settings(max_examples=150, deadline=None)
@given(SENTENCES, EDITS)
def test_a_split_or_joined_sentence_keeps_its_translators_text_active(sentences, edits):
    """Random translations, drafts, splits and joins of neighbours: a text a translator typed for a
    sentence that was split or joined is still on an active entry afterwards (never only obsolete)."""
    merged = merge_catalog(template(*sentences), None, "fr")
    seen = set(sentences)
    for step, (operation, position) in enumerate(edits):
        index = position % len(sentences)
        if operation in {"type", "draft"}:
            text = f"Texte {step}."
            merged = _set_msgstr(
                merged,
                sentences[index],
                lambda e, text=text, operation=operation: (
                    dataclasses.replace(e, msgstr=text)
                    if operation == "type"
                    else e
                    if e.msgstr
                    else with_machine_draft(e, "Brouillon.", "Fake")
                ),
            )
            continue
        if operation == "join" and index + 1 == len(sentences):
            continue
        parts = sentences[index : index + (2 if operation == "join" else 1)]
        before = {entry.msgid: entry.msgstr for entry in merged.active()}
        typed = [before[part] for part in parts if before[part].startswith("Texte")]
        replacement = (
            _split(parts[0])
            if operation == "split"
            else [parts[0][:-1] + ", und " + parts[1][0].lower() + parts[1][1:]]
        )
        changed = sentences[:index] + replacement + sentences[index + len(parts) :]
        if len(set(changed)) < len(changed) or seen.intersection(replacement):
            continue  # a part that repeats a sentence, or brings back a former one (revived), is no split
        seen.update(replacement)
        sentences = changed
        merged = merge_catalog(template(*sentences), parse_view(format_catalog(merged), path="fr.po"), "fr")
        active = " ".join(entry.msgstr for entry in merged.active())
        for text in typed:
            assert text in active, (operation, parts, text)
