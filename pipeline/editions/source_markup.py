"""What is never translated comes from the current source, and a translation adds no markup.

Two guarantees of every edition, checked when it is built, whatever the catalog holds:

* **URLs, code and image paths come from the current source.** A fuzzy translation of an older
  wording (``#| msgid``) gets the current sentence's link destinations, image paths, autolinks, code
  spans and written-out URLs in place of the old ones (:func:`carried_over`); a translation whose one
  destination differs from its source's one gets the source's.
* **A translation publishes no markup, URL or raw HTML its source sentence lacks.** An inline HTML
  tag the source has not (``<script>``, ``<img onerror=…>``) is escaped, so every format shows it as
  text, the ``.md`` edition too (:func:`without_added_html`). A link or image the source has not
  (``![p](http://evil.example/p.png)``), a written-out URL, or a bracket that would close an alt
  text or link text early (``x](http://evil.example/track.png)``) is not escaped but refused
  (:func:`added_markup`): the edition shows the source sentence, and ``build`` says why.
"""

from __future__ import annotations

from collections import Counter

from pipeline.articles.markdown import markup_spans

CARRIED = frozenset({"link", "image", "autolink", "backticks", "bare"})
"""Spans that are never translated and are taken from the current source."""
GUARDED = frozenset({"link", "image", "autolink", "bare"})
"""Spans a translation may hold only as its source has them; else it is not published."""
BRACKETS = ("[", "]")


def _spans(text: str, kinds: frozenset[str], *, markdown: bool) -> list[str]:
    return [raw for name, raw in markup_spans(text, markdown=markdown) if name in kinds]


def carried_over(old_source: str, source: str, translation: str, *, markdown: bool) -> str | None:
    """``translation`` (of ``old_source``) with each URL, image path and code span of ``old_source``
    replaced by the one at the same place in ``source``; ``None`` when they cannot be paired (their
    number or kinds changed) or the translation lacks one of the old ones."""
    old = [(name, raw) for name, raw in markup_spans(old_source, markdown=markdown) if name in CARRIED]
    new = [(name, raw) for name, raw in markup_spans(source, markdown=markdown) if name in CARRIED]
    if [name for name, _ in old] != [name for name, _ in new]:
        return None
    result = translation
    for (_, before), (_, after) in zip(old, new, strict=True):
        if before != after:
            if before not in result:
                return None
            result = result.replace(before, after, 1)
    return result


def with_source_targets(source: str, translation: str, *, markdown: bool) -> str:
    """``translation`` with a lone destination the source does not have replaced by the source's lone
    one of the same kind (a mistyped or outdated URL); otherwise as it is."""
    have = Counter(markup_spans(source, markdown=markdown))
    extra = Counter(markup_spans(translation, markdown=markdown)) - have
    missing = have - Counter(markup_spans(translation, markdown=markdown))
    if len(extra) == 1 and len(missing) == 1:
        (kind, wrong), (same_kind, right) = next(iter(extra)), next(iter(missing))
        if kind == same_kind and kind in CARRIED and extra[(kind, wrong)] == missing[(same_kind, right)] == 1:
            return translation.replace(wrong, right, 1)
    return translation


def added_markup(source: str, translation: str, *, markdown: bool) -> str | None:
    """What ``translation`` holds that ``source`` lacks (a link, an image, inline HTML, a URL, a
    bracket), described for the build's report; ``None`` when it adds nothing."""
    allowed = Counter(_spans(source, GUARDED, markdown=markdown))
    extra = Counter(_spans(translation, GUARDED, markdown=markdown)) - allowed
    if extra:
        return f"{', '.join(sorted(extra))} (not in the source sentence)"
    if markdown:
        for bracket in BRACKETS:
            if _unescaped(translation, bracket) > _unescaped(source, bracket):
                return f"a {bracket!r} the source sentence has not (it could close a link or image text)"
    return None


def without_added_html(source: str, translation: str) -> str:
    """``translation`` (Markdown) with each inline HTML tag its source has not escaped (``\\<script>``):
    CommonMark shows it as text, and so does any renderer of the ``.md`` edition."""
    allowed = Counter(_spans(source, frozenset({"html_inline"}), markdown=True))
    added = Counter(_spans(translation, frozenset({"html_inline"}), markdown=True)) - allowed
    for tag in added:
        translation = translation.replace(tag, "\\" + tag)
    return translation


def _unescaped(text: str, character: str) -> int:
    return sum(1 for index, found in enumerate(text) if found == character and (index == 0 or text[index - 1] != "\\"))
