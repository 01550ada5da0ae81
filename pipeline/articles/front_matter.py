"""The front matter values readers see (``title``, ``description``, ``summary``) as units.

A CMS or a static-site generator shows some front matter keys on the page or in search results; the
others (dates, tags, layout) are data. The values of :data:`DEFAULT_KEYS` (or the keys the
``front-matter-key`` setting lists) become units with their key as context (``msgctxt "title"``);
every other key, and the YAML or TOML syntax around the values, comes back untouched.

Values are found by the formats' own parsers, never by patterns: YAML with PyYAML's composer, whose
nodes carry their positions; TOML with :mod:`tomllib` (which gives none), each top-level line
``key = value`` being read back by tomllib to see where its string ends. Only single-line strings
of the top-level table are units (a block scalar, a list or a nested table is left as it is). A
translated value is written as a double-quoted string (:func:`written_value`), valid YAML and TOML.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import yaml

from pipeline.articles.model import TITLE_CONTEXTS

DEFAULT_KEYS = ("title", "description", "summary")
YAML_FENCE, TOML_FENCE = "---", "+++"


@dataclass(frozen=True, slots=True)
class Value:
    """A string value of the front matter: its key, where it is written in the front matter's
    content, and what it says (quotes and escapes read)."""

    key: str
    start: int
    end: int
    text: str


def values(content: str, fence: str, keys: Sequence[str]) -> list[Value]:
    """The single-line string values of ``keys`` in front matter ``content`` (``fence`` says YAML or
    TOML), in the order they are written; none if the front matter does not parse."""
    wanted = set(keys)
    found = _yaml_values(content, wanted) if fence == YAML_FENCE else _toml_values(content, wanted)
    return sorted(
        (value for value in found if value.text.strip() and "\n" not in value.text), key=lambda value: value.start
    )


def _yaml_values(content: str, keys: set[str]) -> Iterator[Value]:
    try:
        root = yaml.compose(content, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    if not isinstance(root, yaml.MappingNode):
        return
    for key, node in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value in keys
            and isinstance(node, yaml.ScalarNode)
            and node.tag == "tag:yaml.org,2002:str"
            and node.style in (None, "'", '"')
            and node.start_mark.line == node.end_mark.line
        ):
            yield Value(key.value, node.start_mark.index, node.end_mark.index, node.value)


def _toml_values(content: str, keys: set[str]) -> Iterator[Value]:
    try:
        table = tomllib.loads(content)
    except tomllib.TOMLDecodeError:
        return
    offset = 0
    for line in content.split("\n"):
        if line.lstrip().startswith("["):  # the top-level table ends at the first header
            return
        key, equals, rest = line.partition("=")
        key = key.strip()
        if equals and key in keys and isinstance(table.get(key), str):
            start = offset + line.index("=") + 1
            start += len(rest) - len(rest.lstrip())
            end = _toml_string_end(rest.strip(), table[key])
            if end is not None:
                yield Value(key, start, start + end, table[key])
        offset += len(line) + 1


def _toml_string_end(written: str, value: str) -> int | None:
    """Where the string that starts ``written`` ends (a comment may follow it): the shortest start
    of ``written`` that tomllib reads as ``value``."""
    for end in range(1, len(written) + 1):
        if written[end - 1] not in "\"'":
            continue
        try:
            if tomllib.loads("x = " + written[:end]).get("x") == value:
                return end
        except tomllib.TOMLDecodeError:
            continue
    return None


def written_value(text: str) -> str:
    """A translated value as the front matter writes it: a double-quoted string, which YAML and TOML
    read alike (JSON's escapes are a subset of both).

    >>> written_value('Le « titre »: "oui"')
    '"Le « titre »: \\\\"oui\\\\""'
    """
    return json.dumps(text, ensure_ascii=False)


def is_key_context(context: str | None) -> bool:
    """Whether a unit's msgctxt names a front matter key (a sentence's is None or ``occurrence N``, a
    title's one of :data:`~pipeline.articles.model.TITLE_CONTEXTS`)."""
    return context is not None and not context.startswith("occurrence ") and context not in TITLE_CONTEXTS
