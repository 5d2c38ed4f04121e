from __future__ import annotations

import pytest
from hypothesis import given
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


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cf", "Zl", "Zp"])))
def test_safe_changes_nothing_printable(raw: str) -> None:
    assert safe(raw) == raw


@pytest.mark.parametrize(
    ("count", "noun", "plural", "expected"),
    [(0, "track", None, "0 tracks"), (1, "theme", None, "1 theme"), (3, "match", "matches", "3 matches")],
)
def test_counted(count: int, noun: str, plural: str | None, expected: str) -> None:
    assert counted(count, noun, plural) == expected
