"""The provenance of machine drafts (pipeline.po.provenance) survives what real tools do between runs.

The rule (issue 22, point 1): where the pipeline cannot prove an msgstr is exactly what the engine
wrote, it is a person's text: kept, offered with ``#|`` when its sentence changes, never re-drafted.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.po import provenance
from pipeline.po.catalogs import parse_view, with_machine_draft
from pipeline.po.format import format_catalog
from pipeline.po.merging import merge_catalog
from pipeline.po.views import Catalog, EntryState, text_digest
from tests.po.test_merging import template

SOURCE, CHANGED = "Die Region hofft auf Arbeit.", "Die Region hofft auf viel Arbeit."
HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: nord\\n"\n"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n'
    '"Language: fr\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
)


def drafted(made_by: str, translation: str, *, other_comments: tuple[str, ...] = ()) -> Catalog:
    """A catalog of one machine draft of :data:`SOURCE`, with other translator comments before it."""
    merged = merge_catalog(template(SOURCE), None, "fr")
    (entry,) = merged.entries
    entry = with_machine_draft(
        entry.__class__(
            msgid=entry.msgid, occurrences=entry.occurrences, comment=entry.comment, tcomment="\n".join(other_comments)
        ),
        translation,
        made_by,
    )
    metadata = {
        **merged.metadata,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return Catalog(header=merged.header, metadata=metadata, entries=(entry,))


# --- reading the comment however it was wrapped --------------------------------------------------


@pytest.mark.parametrize(
    "comment",
    [
        "machine translation: Argos Translate de→en 1.0 [draft 654d9700]",
        "machine translation: Argos Translate de→en 1.0 [draft\n654d9700]",
        "machine translation: Argos Translate\nde→en 1.0 [draft 654d9700]",
        "machine\ntranslation: Argos Translate de→en 1.0\n[draft 654d9700]",
        "machine translation: Argos Translate de→en 1.0 [draft 654d\n9700]",
        "Reviewed by nobody\nmachine translation: Argos Translate de→en 1.0 [draft 654d9700]\nqa-ignore: numbers",
    ],
)
def test_a_wrapped_provenance_comment_is_read_whole(comment):
    found = provenance.read(comment)
    assert found is not None and found.digest == "654d9700"
    assert found.text == "Argos Translate de→en 1.0"
    assert [line for line in provenance.without(comment) if "654d" in line or "draft" in line] == []


def test_free_text_with_a_confidence_figure_is_read():
    found = provenance.read("machine translation: Argos Translate de→en 1.0 (confidence 0.82) [draft 0123abcd]")
    assert found.text == "Argos Translate de→en 1.0 (confidence 0.82)" and found.digest == "0123abcd"


def test_a_draft_saved_by_polib_at_78_columns_and_then_edited_is_a_translators_text():
    """The case of the issue: polib wraps the comment, the translator rewrites the draft, keeps
    ``fuzzy``, and the German sentence changes: the text is offered with ``#|``, not sent to ``#~``."""
    made_by = "Argos Translate de→en 1.9 → en→fr 1.9 (pivot), beam 4, a long provenance"
    text = format_catalog(drafted(made_by, "La région espère."))
    saved = polib.pofile(text, wrapwidth=78)
    saved[0].msgstr = "La région espère du travail."
    reread = parse_view(str(saved), path="fr.po")
    assert "[draft\n" in reread.entries[0].tcomment or "\n" in reread.entries[0].tcomment  # wrapped
    assert reread.entries[0].state is EntryState.EDITED_DRAFT
    (offered,) = merge_catalog(template(CHANGED), reread, "fr").entries
    assert offered.msgstr == "La région espère du travail." and offered.previous_msgid == SOURCE


def test_a_mark_without_a_digest_proves_nothing_and_is_a_persons_text():
    old = parse_view(
        HEADER + '\n# machine translation: Argos de→en 1.9\n#, fuzzy\nmsgid "Ja."\nmsgstr "Oui !"\n', path="fr.po"
    )
    assert old.entries[0].state is EntryState.EDITED_DRAFT


def test_a_new_draft_replaces_a_wrapped_provenance_whole():
    entry = parse_view(
        HEADER + "\n# machine translation: old engine [draft\n# 654d9700]\n# keep me\n#, fuzzy\n"
        'msgid "Ja."\nmsgstr ""\n',
        path="fr.po",
    ).entries[0]
    redrafted = with_machine_draft(entry, "Oui.", "new engine")
    assert redrafted.tcomment == f"keep me\nmachine translation: new engine [draft {text_digest('Oui.')}]"


# --- the property: through every tool, a draft stays a draft and an edit stays a person's text ----


def _polib(width: int):
    return lambda text, folder: str(polib.pofile(text, wrapwidth=width))


def _gettext(*command: str):
    def run(text: str, folder: Path) -> str:
        path, pot = folder / "fr.po", folder / "nord.pot"
        path.write_text(text, encoding="utf-8")
        pot.write_text(format_catalog(template(SOURCE)), encoding="utf-8")
        args = [{"{po}": str(path), "{pot}": str(pot)}.get(arg, arg) for arg in command]
        subprocess.run(args, check=True, capture_output=True)
        return path.read_text(encoding="utf-8")

    return run


def _translate_toolkit(text: str, folder: Path) -> str:
    from translate.storage import po

    return bytes(po.pofile(text.encode("utf-8"))).decode("utf-8")


def _comment_lines(change):
    """A transformation of every entry's translator comment lines (text level, as an editor would)."""

    def run(text: str, folder: Path) -> str:
        out, block = [], []
        for line in [*text.split("\n"), ""]:
            if line.startswith("# ") or line == "#":
                block.append(line[2:])
                continue
            out.extend("# " + kept for kept in change(block)) if block else None
            block = []
            out.append(line)
        return "\n".join(out[:-1])

    return run


def _reflowed(lines: list[str]) -> list[str]:
    words = " ".join(lines).split(" ")
    width = random.Random(len(words)).randint(8, 40)
    out, current = [], ""
    for word in words:
        if current and len(current) + len(word) >= width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*out, current] if current else out


TOOLS = {
    "polib wrapwidth 0": _polib(0),
    "polib wrapwidth 78": _polib(78),
    "polib wrapwidth 40": _polib(40),
    "comments re-flowed": _comment_lines(_reflowed),
    "comments reversed": _comment_lines(lambda lines: lines[::-1]),
    "comments deleted": _comment_lines(lambda lines: []),
    "last comment line deleted": _comment_lines(lambda lines: lines[:-1]),
}
if shutil.which("msgcat"):
    TOOLS["msgcat"] = _gettext("msgcat", "-o", "{po}", "{po}")
    TOOLS["msgcat --no-wrap"] = _gettext("msgcat", "--no-wrap", "-o", "{po}", "{po}")
    TOOLS["msgmerge -U"] = _gettext("msgmerge", "--quiet", "--previous", "--backup=off", "-U", "{po}", "{pot}")
try:
    import translate.storage.po  # noqa: F401  (Translate Toolkit, where installed)

    TOOLS["Translate Toolkit"] = _translate_toolkit
except ImportError:
    pass

PROVENANCES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=90).map(
    lambda text: "Argos Translate de→en 1.0 " + text.replace("[draft", "(draft").replace("\\", "/")
)
OTHER_COMMENTS = st.lists(
    st.sampled_from(
        [
            "Reviewed by the newsroom translation desk",
            "qa-ignore: numbers",
            "a note from the desk about the phrasing of this sentence",
        ]
    ),
    max_size=2,
    unique=True,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    made_by=PROVENANCES,
    others=OTHER_COMMENTS,
    edit=st.booleans(),
    tools=st.lists(st.sampled_from(sorted(TOOLS)), min_size=1, max_size=3),
)
def test_only_what_the_engine_provably_wrote_counts_as_a_machine_draft(tmp_path, made_by, others, edit, tools):
    """Draft, maybe edit (keeping ``fuzzy``, as Lokalize and Weblate do), pass the file through
    random tools; then: an edited text is never a machine draft and is offered for the changed
    sentence; an unedited draft stays a machine draft unless a tool destroyed its mark (then it is
    kept as a person's text, which is safe)."""
    text = format_catalog(drafted(made_by.strip(), "La région espère.", other_comments=tuple(others)))
    if edit:
        text = text.replace('msgstr "La région espère."', 'msgstr "La région espère du travail."')
    destroyed = False
    for tool in tools:
        text = TOOLS[tool](text, tmp_path)
        destroyed = destroyed or "deleted" in tool or "reversed" in tool
    (entry,) = parse_view(text, path="fr.po").active()
    if edit:
        assert entry.state is not EntryState.MACHINE_DRAFT, (tools, entry.tcomment)
    elif not destroyed:
        assert entry.state is EntryState.MACHINE_DRAFT, (tools, entry.tcomment)
    (offered,) = merge_catalog(template(CHANGED), parse_view(text, path="fr.po"), "fr").active()
    if entry.state is EntryState.MACHINE_DRAFT:
        assert offered.msgstr == ""  # a stale machine draft is drafted again, not offered
    else:
        assert offered.msgstr == entry.msgstr and offered.previous_msgid == SOURCE
