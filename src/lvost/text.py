"""Plain-text helpers every output path shares."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """``text`` with control and bidi-override characters replaced by visible escapes.

    >>> safe("Bell\\x07 and \\x1b[2J")
    'Bell\\\\x07 and \\\\x1b[2J'
    >>> safe("Ben\\u202e")
    'Ben\\\\u202e'
    """
    if text.isprintable():  # every character escaped here is one Python calls unprintable
        return text
    return _CONTROL.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one.

    >>> counted(1, "track"), counted(25, "track"), counted(2, "match", "matches")
    ('1 track', '25 tracks', '2 matches')
    """
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
