"""Finding where a field lives in JSON text, so a problem can name its line.

Only the path asked for is walked: siblings before it are skipped with the
standard library's C decoder, so finding a line costs about one parse of the
text before it. Used only when something is wrong, never on the way to a result.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def line_of(text: str, loc: Sequence[str | int]) -> int:
    """The 1-based line of the deepest part of ``loc`` that ``text`` has.

    A key that is missing is placed at the object that should hold it. Text
    that is not JSON is placed at line 1.

    >>> doc = '{\\n  "tracks": [\\n    {"number": 1},\\n    {"title": "x"}\\n  ]\\n}'
    >>> line_of(doc, ("tracks", 1, "title")), line_of(doc, ("tracks", 0, "title"))
    (4, 3)
    >>> line_of(doc, ()), line_of("not json", ("a",))
    (1, 1)
    """
    try:
        pos = _skip_space(text, 0)
        for part in loc:
            found = _child(text, pos, part)
            if found is None:
                break
            pos = found
    except (ValueError, IndexError):
        return 1
    return text.count("\n", 0, pos) + 1


def _skip_space(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _child(text: str, pos: int, part: str | int) -> int | None:
    """Where the value at ``part`` inside the value at ``pos`` starts, if it exists."""
    if text.startswith("{", pos) and isinstance(part, str):
        return _member(text, pos, part)
    if text.startswith("[", pos) and isinstance(part, int):
        return _element(text, pos, part)
    return None


def _member(text: str, pos: int, key: str) -> int | None:
    pos = _skip_space(text, pos + 1)
    while text.startswith('"', pos):
        name, pos = _DECODER.raw_decode(text, pos)  # at a quote, that is the key as a str
        pos = _skip_space(text, _skip_space(text, pos) + 1)  # past the colon
        if name == key:
            return pos
        following = _next(text, pos)
        if following is None:
            return None
        pos = following
    return None


def _element(text: str, pos: int, index: int) -> int | None:
    pos = _skip_space(text, pos + 1)
    if text.startswith("]", pos):
        return None
    for _ in range(index):
        found = _next(text, pos)
        if found is None:
            return None
        pos = found
    return pos


def _next(text: str, pos: int) -> int | None:
    """Skip the value at ``pos`` and its comma; where the next one starts, or None at the end."""
    _, end = _DECODER.raw_decode(text, pos)
    end = _skip_space(text, end)
    if text.startswith(",", end):
        return _skip_space(text, end + 1)
    return None
