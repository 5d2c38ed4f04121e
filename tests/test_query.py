from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvost.core.errors import UsageError
from lvost.core.query import EVERY_AREA, QUALIFIERS, parse
from lvost.questions.catalog import Catalog
from lvost.questions.search import keep_matching, search


# The examples in parse()'s docstring, and the rest of its grammar.
@pytest.mark.parametrize(
    ("item", "fields", "words", "exclude"),
    [
        ("sting", EVERY_AREA, ("sting",), False),
        ("performer:Sting", ("performers",), ("sting",), False),
        ("writer:mercer", ("writers",), ("mercer",), False),
        ("artist:mercer", ("performers", "writers"), ("mercer",), False),
        ("KIND:song", ("kinds",), ("song",), False),
        ("genre:blues", ("genres",), ("blues",), False),
        ("theme:loneliness", ("themes",), ("loneliness",), False),
        ("-kind:score", ("kinds",), ("score",), True),
        ("^dialogue", EVERY_AREA, ("dialogue",), True),
        ("performer:don henley", ("performers",), ("don", "henley"), False),
        ("title:It\u2019s a", ("title",), ("its", "a"), False),
    ],
)
def test_parse(item: str, fields: tuple[str, ...], words: tuple[str, ...], exclude: bool) -> None:
    (term,) = parse([item])
    assert (term.areas, term.words, term.exclude, term.text) == (fields, words, exclude, item)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("colour:red", 'unknown qualifier "colour" in "colour:red"; qualifiers are ' + ", ".join(QUALIFIERS)),
        (
            "genr:blues",
            'unknown qualifier "genr" in "genr:blues"; qualifiers are '
            + ", ".join(QUALIFIERS)
            + '. Did you mean "genre"?',
        ),
        ("genre:", 'the term "genre:" has nothing to look for; give a word after it, like "kind:song"'),
        ("-", 'the term "-" has nothing to look for; give a word after it, like "kind:song"'),
        ("--jsno", "no such option: --jsno; --help lists the options"),
    ],
)
def test_bad_terms_are_named(item: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse(["sting", item])
    assert str(caught.value) == message


@given(st.lists(st.text(max_size=15), max_size=4))
def test_parse_reads_any_text_or_names_the_bad_term(items: list[str]) -> None:
    try:
        terms = parse(items)
    except UsageError as exc:
        assert any(item in str(exc) for item in items)
    else:
        assert [t.text for t in terms] == items
        assert all(t.words for t in terms)


def numbers(tracks: list[object]) -> list[int]:
    return [t.number for t in tracks]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (["performer:sting"], [2, 12, 19]),
        (["performer:sting", "^lonesome"], [2, 12]),
        (["writer:mercer"], [14]),
        (["artist:figgis", "kind:dialogue"], [11]),
        (["kind:song", "-performer:sting"], [14, 25]),
        (["genre:blues"], [20]),
        (["theme:fragile-hope", "kind:score"], [4, 10, 13, 15]),
        (["theme:loneliness", "^kind:score"], [1, 19, 23]),
        (["instrument:bass"], [2, 12, 19]),
        (["note:sinatra"], [19]),
        (["title:ben"], [4, 11, 13, 15, 18, 20]),
        (["kind:score", "kind:dialogue"], [11]),
        (["kind:so"], []),  # a kind is a whole word
        (["blues", "ben"], [20]),
    ],
)
def test_keep_matching(catalog: Catalog, query: list[str], expected: list[int]) -> None:
    assert numbers(keep_matching(catalog, catalog.tracks, query)) == expected


def test_field_terms_filter_and_rank_a_search(catalog: Catalog) -> None:
    assert [h.track.number for h in search(catalog, ["sting", "^lonesome"])] == [2, 12]
    hits = search(catalog, ["kind:song", "vocal"])
    assert [h.track.number for h in hits] == [2, 12, 14, 19]
    assert all(h.score > 0 for h in hits)
