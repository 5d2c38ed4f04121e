"""Plain-text helpers every output path shares."""

from __future__ import annotations

import re
from typing import Any

INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
"""The characters that show nothing yet are not white space, as the inside of a
regular expression's ``[...]``: the soft hyphen, the Mongolian vowel separator,
zero-width spaces and joiners, the word joiner and invisible operators, the byte
order mark, the interlinear annotation marks, the musical symbols that only
begin and end beams and phrases, the marks and overrides that reorder text, and
the tag characters. Written as the characters
themselves (Python turns the escapes above into them), not as escapes, so that
Python's, Rust's (Pydantic's) and JavaScript's expressions (with the "u" flag)
read the class alike."""

BLANK = "\u034f\u115f\u1160\u2800\u3164\uffa0"
"""Characters Python calls printable that are drawn as nothing: the combining
grapheme joiner, the Hangul fillers and the blank Braille pattern. They act on
nothing, so ``safe`` leaves them be; but a name made of them alone is no name."""

VISIBLE = f"[^\\s\\x00-\\x1f\\x7f-\\x9f{INVISIBLE}{BLANK}]"
"""A character that shows, as a regular expression: neither white space, nor a
control character, nor invisible, nor blank. (The controls are named, as Python
counts "\\x1c" to "\\x1f" as white space and Pydantic's Rust expressions do not.)"""
_VISIBLE = re.compile(VISIBLE)

UNSAFE_ABOVE_C0 = f"\\x7f-\\x9f\\u2028\\u2029{INVISIBLE}\\ud800-\\udfff"
"""What ``safe`` escapes besides the C0 controls (``\\x00`` to ``\\x1f``), as the
inside of a regular expression's ``[...]``. JSON escapes the C0 controls itself,
so JSON output escapes only these."""

_ESCAPED = re.compile(f"[\\x00-\\x1f{UNSAFE_ABOVE_C0}]")
"""What ``safe`` escapes: control characters, line and paragraph separators, the
invisible characters, and lone surrogates (which no terminal can be sent, and which
stand for the bytes of an argument or a path that were not UTF-8). Python calls
every one of them unprintable, which ``safe``'s shortcut relies on; the tests check
it for every code point."""


def safe(text: str) -> str:
    """``text`` with control, invisible and bidi-override characters, and lone
    surrogates, replaced by visible escapes.

    >>> safe("Bell\\x07 and \\x1b[2J")
    'Bell\\\\x07 and \\\\x1b[2J'
    >>> safe("Ben\\u202e"), safe("zero\\u200bwidth"), safe("tag\\U000e0041")
    ('Ben\\\\u202e', 'zero\\\\u200bwidth', 'tag\\\\U000e0041')

    A byte that was not UTF-8 in an argument or a path reaches Python as a lone
    surrogate (U+DC80 to U+DCFF); it is shown as that byte:

    >>> safe(b"x\\x9d52;".decode("utf-8", "surrogateescape"))
    'x\\\\x9d52;'
    >>> safe("Caf\\u00e9 No\\u00efr")
    'Café Noïr'
    """
    if text.isprintable():  # nothing escaped here is printable: the common case costs one scan
        return text
    return _ESCAPED.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    """One character as the escape ``safe`` shows for it.

    >>> [_escape(c) for c in "\\x1b\\u200b\\U000e007f\\udc9d\\ud800"]
    ['\\\\x1b', '\\\\u200b', '\\\\U000e007f', '\\\\x9d', '\\\\ud800']
    """
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # how Python's "surrogateescape" keeps the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> bool:
    """Whether ``text`` has a character that shows.

    >>> visible("Angel Eyes"), visible(" \\u200b\\ufeff\\u00ad "), visible("")
    (True, False, False)
    """
    return _VISIBLE.search(text) is not None


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one.

    >>> counted(1, "track"), counted(25, "track"), counted(2, "match", "matches")
    ('1 track', '25 tracks', '2 matches')
    """
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def size_text(size: int) -> str:
    """A number of bytes as a person reads it: bytes, KiB or MiB, never a small
    size rounded to nothing.

    >>> size_text(0), size_text(900), size_text(30_720), size_text(2_621_440)
    ('0 bytes', '900 bytes', '30 KiB', '2.5 MiB')
    """
    if size < 1024:
        return counted(size, "byte")
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"


_JSON_UNSAFE = re.compile(f"[{UNSAFE_ABOVE_C0}]")
"""What ``safe`` escapes that JSON would write as it is (it escapes "\\x00" to "\\x1f" itself)."""


def as_json(value: Any, indent: int | None = 2) -> str:
    """JSON text: strings decode to exactly what the data has, and characters a
    terminal could act on, invisible ones and lone surrogates are written as ``\\u``
    escapes (a character beyond U+FFFF as two, as JSON spells it).

    >>> as_json(["Café \\u202e\\x9b\\x1b"])
    '[\\n  "Café \\\\u202e\\\\u009b\\\\u001b"\\n]'
    >>> as_json({"a": [1, "b"]}, indent=None)  # one line, as JSON Lines wants
    '{"a": [1, "b"]}'
    >>> as_json("\\u200b\\U000e0041\\udc9d")
    '"\\\\u200b\\\\udb40\\\\udc41\\\\udc9d"'
    """
    import json

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    # Outside strings JSON is plain ASCII, so these can only be inside strings.
    return _JSON_UNSAFE.sub(lambda m: json.dumps(m.group())[1:-1], text)
