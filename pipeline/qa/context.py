"""What an entry check knows besides the source and the translation (:mod:`pipeline.qa.checks` and
the meaning checks beside it share it)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.glossary import Glossary
from pipeline.project import SOURCE_LANGUAGE


@dataclass(frozen=True, slots=True)
class Context:
    """What an entry check needs besides the two texts."""

    lang: str
    glossary: Glossary = Glossary()
    source_lang: str = SOURCE_LANGUAGE
    markdown: bool = False
    """The entries are sentences of a Markdown article (their inline markup is checked)."""
    confidence: float | None = None
    """The engine's confidence in the entry, a machine draft (:mod:`pipeline.po.confidence`); None for others."""
