"""Data the tests share: a minimal valid soundtrack file and a way to vary it."""

from __future__ import annotations

import copy
from typing import Any

MINIMAL: dict[str, Any] = {
    "schema_version": 1,
    "soundtrack": {"album": {"title": "A"}, "sources": [{"id": "s", "name": "S"}]},
    "tracks": [{"number": 1, "title": "One", "sources": ["s"]}, {"number": 2, "title": "Two"}],
    "themes": [{"id": "t", "name": "T", "tracks": [1]}],
}


def variant(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value
    return data
