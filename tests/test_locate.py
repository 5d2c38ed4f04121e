"""line_of finds a member by its decoded key, whatever escapes spell it in the text."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from lvost.format.locate import line_of


@given(st.dictionaries(st.text(max_size=8), st.integers(), min_size=1, max_size=6), st.booleans())
def test_each_key_is_found_on_its_own_line(members: dict[str, int], ascii_only: bool) -> None:
    text = json.dumps(members, indent=1, ensure_ascii=ascii_only)
    for index, key in enumerate(members):
        assert line_of(text, (key,)) == index + 2


def test_escaped_keys_are_matched_decoded() -> None:
    text = '{"a\\"b": 1,\n "caf\\u00e9": [\n  {"x\\n": 2}]}'
    assert line_of(text, ('a"b',)) == 1
    assert line_of(text, ("café", 0, "x\n")) == 3
    assert line_of(text, ("café", 0, "missing")) == 3


def test_a_broken_key_places_the_problem_at_line_one() -> None:
    assert line_of('{\n "unterminated', ("unterminated",)) == 1
    assert line_of('{\n "bad \\q escape": 1}', ("x",)) == 1
