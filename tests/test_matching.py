from __future__ import annotations

import difflib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lvost.core.matching import join_values, match_names, normalize, normalize_joined, suggest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It\u2019s a Lonesome Old Town", "its a lonesome old town"),
        ("It's a Lonesome Old Town", "its a lonesome old town"),
        ("Ben & Bill", "ben and bill"),
        ("Ben And Bill", "ben and bill"),
        ("Ben and Sera \u2013 Theme", "ben and sera theme"),
        ("  ARE you desirable?? ", "are you desirable"),
        ("Café Noir", "cafe noir"),
        ("Ben Pawns His Rolex / Sera Talks to Her Shrink", "ben pawns his rolex sera talks to her shrink"),
        ("?!", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@given(st.text(), st.sampled_from(["\u2019", "\u2018", "`", "\u02bc"]))
def test_apostrophe_style_never_matters(text: str, curly: str) -> None:
    assert normalize(text.replace("'", curly)) == normalize(text)


@given(st.text())
def test_normalized_text_has_no_padding_or_doubled_spaces(text: str) -> None:
    out = normalize(text)
    assert out == out.strip()
    assert "  " not in out


TITLES = [
    (1, ["Angel Eyes"]),
    (2, ["It's a Lonesome Old Town"]),
    (3, ["Ben & Bill", "Ben And Bill"]),
    (4, ["Ben's Hell"]),
    (5, ["Angel"]),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("angel eyes", [1]),  # the whole name
        ("ANGEL", [5]),  # a whole name beats a prefix of another
        ("angel e", [1]),  # the start of a name
        ("lonesome", [2]),  # the start of a word
        ("nesome", [2]),  # anywhere
        ("ben", [3, 4]),  # ambiguous: both, in the order given
        ("ben and bill", [3]),  # an item is listed once though two names match
        ("bens hell", [4]),
        ("zebra", []),
        ("!!!", []),
    ],
)
def test_match_names_tiers(query: str, expected: list[int]) -> None:
    assert match_names(query, TITLES) == expected


@given(st.text())
def test_match_names_returns_only_given_items(query: str) -> None:
    found = match_names(query, TITLES)
    assert set(found) <= {item for item, _ in TITLES}
    assert len(found) == len(set(found))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("angle eyes", ["Angel Eyes"]),
        ("lonsome", ["It's a Lonesome Old Town"]),
        ("bens hel", ["Ben's Hell"]),
        ("zzz", []),
        ("", []),
    ],
)
def test_suggest(query: str, expected: list[str]) -> None:
    names = [name for _, names in TITLES for name in names]
    assert suggest(query, names) == expected


def test_suggest_respects_limit_and_dedupes() -> None:
    assert suggest("mara", ["Mara", "Mara", "Maria", "Mario", "Marc"], limit=2) == ["Mara", "Maria"]


def rows_of(text: st.SearchStrategy[str]) -> st.SearchStrategy[list[list[list[str]]]]:
    fields = st.lists(st.lists(text, min_size=1, max_size=3), min_size=1, max_size=3)
    return st.lists(fields, min_size=1, max_size=4)


ASCII = st.text(st.characters(max_codepoint=127), max_size=12)
"""Plain ASCII takes a way of its own through ``normalize_joined``; so do lines of it
among others."""
WORDY = st.text(
    st.sampled_from(
        "aZ9 _&'`-\x1e\n\u00e9\u2019\u0149\u0130\u00df\u0301\u00b4\u2013\u00f8\u00c5"
        "\u00c6\ufb01\uff06\u00a0\u03a3\u2028\u0416"
    ),
    min_size=3,
    max_size=8,
)


@given(rows_of(st.text(max_size=12)) | rows_of(ASCII) | rows_of(WORDY))
@example([[["Rock`n' ROLL_2 & \tmore"], ["caf\u00e9", "it\u2019s"]], [["a`b", "x&y"]]])
@example(
    [
        [["\u00c7a \u0149 \u0130stanbul\u2019s Stra\u00dfe \u2013 \u00d8"]],
        [["R\u00e9sum\u00e9 d\u2019\u00e9t\u00e9"]],
    ]
)
def test_normalizing_joined_values_equals_normalizing_each(rows: list[list[list[str]]]) -> None:
    joined = normalize_joined(join_values(rows))
    split = [[field.split("\x1e") for field in row.split("\x1f")] for row in joined.split("\n")]
    assert split == [[[normalize(v) for v in field] for field in row] for row in rows]


def suggest_plainly(query: str, names: list[str], limit: int = 3) -> list[str]:
    """``suggest`` as first written: every comparison made, one name at a time."""
    wanted = normalize(query)
    if not wanted:
        return []

    def ratio(other: str) -> float:
        return difflib.SequenceMatcher(None, wanted, other).ratio()

    def likeness(form: str) -> float:
        words = [w for w in form.split() if len(w) > 2]
        return max([ratio(form), ratio(form[: len(wanted)]), *map(ratio, words)])

    scored = [(likeness(normalize(name)), i, name) for i, name in enumerate(names)]
    close = sorted((s for s in scored if s[0] >= 0.75), key=lambda s: (-s[0], s[1]))
    return list(dict.fromkeys(name for _, _, name in close))[:limit]


NAMEISH = st.text(st.sampled_from("angel eyes ANGLE \u00e9\u2019&-\n"), max_size=14)


@given(NAMEISH, st.lists(NAMEISH, max_size=8), st.integers(1, 4))
@settings(max_examples=400)
def test_suggest_answers_as_comparing_every_name_would(query: str, names: list[str], limit: int) -> None:
    assert suggest(query, names, limit) == suggest_plainly(query, names, limit)
