from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lvost.core.text import counted, safe, visible


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
        ("osc\udc9d52;c;aGk=\x07", "osc\\x9d52;c;aGk=\\x07"),  # the byte 0x9d of a non-UTF-8 argument
        ("lone\ud800", "lone\\ud800"),
        ("zero\u200bwidth\u200c\u200d", "zero\\u200bwidth\\u200c\\u200d"),
        ("\ufeffbom \u2060joiner \u2064plus", "\\ufeffbom \\u2060joiner \\u2064plus"),
        ("soft\u00adhyphen", "soft\\xadhyphen"),
        ("tag\U000e0041\U000e007f", "tag\\U000e0041\\U000e007f"),
        ("emoji \u2764\ufe0f ok", "emoji \u2764\ufe0f ok"),  # a variation selector shows
    ],
)
def test_safe(raw: str, shown: str) -> None:
    assert safe(raw) == shown


def codes(*spans: tuple[int, int]) -> set[str]:
    """The characters from ``first`` to ``last`` of each span, both included."""
    return {chr(c) for first, last in spans for c in range(first, last + 1)}


ESCAPED = (
    codes((0x00, 0x1F), (0x7F, 0x9F))  # control characters
    | set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # reordering
    | set("\u2028\u2029")  # line and paragraph separators
    | set("\u00ad\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")  # invisible
    | set("\u180e\ufff9\ufffa\ufffb")
    | codes((0x1D173, 0x1D17A))  # invisible, too
    | codes((0xE0000, 0xE007F))  # tag characters
    | codes((0xD800, 0xDFFF))  # lone surrogates
)
"""Control characters, those that reorder or break lines, those that show nothing,
and lone surrogates, by the list."""


def shown_alone(char: str) -> str:
    code = ord(char)
    if char not in ESCAPED:
        return char
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by "surrogateescape"
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


ANY_TEXT = st.text(st.characters(exclude_categories=()) | st.sampled_from(sorted(ESCAPED)))
"""Any string Python can hold, often with characters of the list: lone surrogates
(which ``st.text()`` leaves out) and control and format characters are rare among
all the others."""


@given(ANY_TEXT)
def test_safe_leaves_no_control_characters(raw: str) -> None:
    shown = safe(raw)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in shown)
    shown.encode("utf-8")  # whatever the text, the output can be written


@given(ANY_TEXT)
@example("no\u00a0break, zero\u200bwidth, \u061c and \u2066")
@example("bytes \udc9d\udcff, pair \ud83d\ude00, tag \U000e0001\U000e0041, \u2763\ufe0f \U000e0100")
def test_safe_escapes_exactly_the_listed_characters(raw: str) -> None:
    assert safe(raw) == "".join(map(shown_alone, raw))


def test_safe_escapes_exactly_the_listed_characters_of_all_unicode() -> None:
    every = [chr(c) for c in range(0x110000)]
    assert [c for c in every if safe(c) != shown_alone(c)] == []


def test_every_listed_character_is_unprintable_to_python() -> None:
    """What makes ``safe``'s shortcut exact: a text Python calls printable has no
    character of the list (``str.isprintable`` is true only if it is true of each one)."""
    assert [c for c in ESCAPED if c.isprintable()] == []


@given(st.text(alphabet=st.characters(exclude_categories=["Cc", "Cf", "Cs", "Zl", "Zp"])))
def test_safe_changes_nothing_printable(raw: str) -> None:
    assert safe(raw) == raw


@pytest.mark.parametrize(
    ("text", "shows"),
    [
        ("Angel Eyes", True),
        ("a\u200b", True),
        ("\u2764\ufe0f", True),
        ("", False),
        (" \t\n\u00a0\u3000", False),
        ("\u200b", False),
        ("\u200c\u200d\u2060\u2063\ufeff\u00ad", False),
        ("\u202e\u2066", False),
        ("\U000e0041\U000e007f", False),
        ("\u180e\ufff9\U0001d173", False),
        ("\u3164\u2800\u034f\u115f\u1160\uffa0", False),
        ("\u3164a", True),
        ("\x1c\x1d\x1e\x1f\x85", False),
    ],
)
def test_visible(text: str, shows: bool) -> None:
    assert visible(text) is shows


@pytest.mark.parametrize(
    ("count", "noun", "plural", "expected"),
    [(0, "track", None, "0 tracks"), (1, "theme", None, "1 theme"), (3, "match", "matches", "3 matches")],
)
def test_counted(count: int, noun: str, plural: str | None, expected: str) -> None:
    assert counted(count, noun, plural) == expected
