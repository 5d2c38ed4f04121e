from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lvost.text import counted, safe


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("bell\x07", "bell\\x07"),
        ("\x1b[2Jcleared", "\\x1b[2Jcleared"),
        ("carriage\rreturn", "carriage\\x0dreturn"),
        ("tab\there", "tab\\x09here"),
        ("abc\u202edef", "abc\\u202edef"),
        ("c1\x9bcontrol", "c1\\x9bcontrol"),
        ("line\u2028separator", "line\\u2028separator"),
        ("[bold]not bold[/]", "[bold]not bold[/]"),
        ("Café \u2013 ok", "Café \u2013 ok"),
    ],
)
def test_safe(raw: str, shown: str) -> None:
    assert safe(raw) == shown


@given(st.text())
def test_safe_leaves_no_control_characters(raw: str) -> None:
    shown = safe(raw)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


ESCAPED = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} | set(
    "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Control characters, and those that reorder or break lines, by the list."""


def shown_alone(char: str) -> str:
    if char not in ESCAPED:
        return char
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


@given(st.text())
@example("no\u00a0break, zero\u200bwidth, \u061c and \u2066")
def test_safe_escapes_exactly_the_listed_characters(raw: str) -> None:
    assert safe(raw) == "".join(map(shown_alone, raw))


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cf", "Zl", "Zp"])))
def test_safe_changes_nothing_printable(raw: str) -> None:
    assert safe(raw) == raw


@pytest.mark.parametrize(
    ("count", "noun", "plural", "expected"),
    [(0, "track", None, "0 tracks"), (1, "theme", None, "1 theme"), (3, "match", "matches", "3 matches")],
)
def test_counted(count: int, noun: str, plural: str | None, expected: str) -> None:
    assert counted(count, noun, plural) == expected
