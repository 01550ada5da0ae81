"""The ``pipeline`` command: click commands and the ``[tool.pipeline]`` settings."""

from pipeline.cli.commands import cli, main

__all__ = ["cli", "main"]
