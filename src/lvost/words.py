"""Small helpers for writing counts in sentences."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one.

    >>> counted(1, "track"), counted(25, "track"), counted(2, "match", "matches")
    ('1 track', '25 tracks', '2 matches')
    """
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
