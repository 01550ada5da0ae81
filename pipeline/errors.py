"""One error type for everything the user can fix: bad articles, bad catalogs, missing models.

The CLI turns a :class:`PipelineError` into a one-line message and a non-zero exit; the message
always names the file (and line, where there is one) in the ``path:line: what is wrong`` form that
compilers and ``msgfmt`` use, so editors can jump to it.
"""

from __future__ import annotations

from pathlib import Path

EXIT_ERROR = 1
"""Exit status for a :class:`PipelineError`: the user's input or environment needs fixing."""
EXIT_REFUSED = 3
"""Exit status of a command that ran and refused: ``pipeline build`` when the ``reviewed`` policy
kept an edition back."""
CHECK_FAILED = 3
"""Exit status of ``pipeline check`` when an error-level finding exists."""
INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""


def location(path: str | Path, line: int | None = None) -> str:
    """``path:line``, or ``path`` alone without a line: the form compilers and ``msgfmt`` use.

    >>> location("fr.po", 12), location("fr.po")
    ('fr.po:12', 'fr.po')
    """
    return f"{path}:{line}" if line else str(path)


class PipelineError(Exception):
    """A problem in the user's input or environment, reported without a traceback."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line

    def __str__(self) -> str:
        where = "" if self.path is None else location(self.path, self.line) + ": "
        return where + self.message


class ArticleError(PipelineError):
    """An article in ``seeds/`` that cannot be read or segmented."""


class CatalogError(PipelineError):
    """A ``.po``/``.pot`` file that cannot be read, or that would lose work if rewritten."""


class ModelError(PipelineError):
    """A missing, broken or unsuitable Argos Translate package."""


def os_error(error: OSError, action: str, path: str | Path) -> PipelineError:
    """An operating-system error as ``path: action (reason)``: the file the user knows (not a
    temporary name) and what was being done to it, e.g. ``locales/x.pot: cannot write (No space left
    on device)``."""
    return PipelineError(f"{action} ({error.strerror or error})", path=path)
