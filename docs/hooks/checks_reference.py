"""MkDocs hook: fill docs/reference/checks.md from the check registry (``pipeline.qa.checks``), so that the
reference is the checks' own names, severities and docstrings rather than a table restating them."""

from __future__ import annotations

import inspect

REFERENCE = "reference/checks.md"


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.src_uri != REFERENCE:
        return markdown
    from pipeline.qa import checks

    entry_checks = "\n".join(_entry_check(check) for check in checks.CHECKS)
    header_checks = "\n".join(
        _section(function.__name__, f"**{severity.value}**", function) for function, severity in checks.HEADER_CHECKS
    )
    return markdown.replace("<!-- entry checks -->", entry_checks).replace("<!-- header checks -->", header_checks)


def _entry_check(check) -> str:
    severities = f"reviewed: **{check.reviewed.value}** · draft: **{check.draft.value}**"
    return _section(check.name, severities, check.function)


def _section(name: str, severities: str, function) -> str:
    title, _, body = inspect.cleandoc(function.__doc__ or name).partition("\n")
    body = body.strip().replace("``", "`")
    return f"## `{name}`\n\n{title}. {severities}\n\n{body}\n"
