"""Ways to damage a data file, for property tests: any JSON value anywhere,
fields dropped, renamed, duplicated, and hostile text put in."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

from support import SMALL

ORIGINAL: dict[str, Any] = json.loads(SMALL.read_text(encoding="utf-8"))
HOSTILE = ["", " ", "[bold]x[/]", "\x1b[31m", "\x00", "\u202e", "9" * 40, "Ångström & Co.", "null"]

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) pair in a JSON document."""
    found: list[tuple[Any, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((node, key))
            found += places(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((node, index))
            found += places(value)
    return found


@st.composite
def damaged(draw: st.DrawFn, original: dict[str, Any] = ORIGINAL) -> Any:
    """``original`` (the small test file unless given) damaged in one to four places."""
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 4))):
        spots = places(data)
        if not spots:
            break
        container, key = draw(st.sampled_from(spots))
        action = draw(st.sampled_from(["drop", "retype", "duplicate", "inject", "rename"]))
        if action == "drop":
            del container[key]
        elif action == "retype":
            container[key] = draw(JSON_VALUES)
        elif action == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        elif action == "inject":
            old = container[key]
            extra = draw(st.sampled_from(HOSTILE))
            container[key] = old + extra if isinstance(old, str) else extra
        elif action == "rename" and isinstance(container, dict):
            container[draw(st.sampled_from(HOSTILE))] = container.pop(key)
    return data
