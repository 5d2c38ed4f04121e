"""The errors lvost's core raises, and the exit codes the command line maps them to.

Every error carries the sentence a user should read. The command line prints it on
one line of stderr and exits with the error's code; nothing else turns errors into
output.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    """Not found, ambiguous, unknown value, or a bad data file."""
    USAGE = 2
    INTERRUPTED = 130


class LvostError(Exception):
    """Base of every error a user can cause; ``str(error)`` is the message to show."""

    exit_code = ExitCode.ERROR

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = tuple(suggestions)

    def __str__(self) -> str:
        if not self.suggestions:
            return self.message
        quoted = ", ".join(repr_quote(s) for s in self.suggestions)
        return f"{self.message}. Did you mean {quoted}?"


class Answered(Exception):  # noqa: N818 (an answer, not an error)
    """A question about the command line itself (``--fields help``), answered:
    ``answer`` goes to stdout, and lvost exits 0 without running the command."""

    def __init__(self, answer: str) -> None:
        super().__init__(answer)
        self.answer = answer


class DataFileError(LvostError):
    """A data file that cannot be read, parsed or validated."""


class StoreError(LvostError):
    """A store that SQLite cannot read: a cache entry damaged after it was opened."""


class NotFoundError(LvostError):
    """Nothing matches what was asked for: a track, a theme, a search."""


class AmbiguousError(LvostError):
    """More than one thing matches, and lvost will not guess."""


class UnknownValueError(LvostError):
    """A filter value (genre, kind, theme, artist) that the data does not have."""


def repr_quote(text: str) -> str:
    """Quote a title for a message with double quotes, which titles rarely contain.

    >>> repr_quote("It's a Lonesome Old Town")
    '"It\\'s a Lonesome Old Town"'
    """
    return f'"{text}"'


class UsageError(LvostError):
    """A request that cannot mean anything, such as a search with no words in it."""

    exit_code = ExitCode.USAGE
