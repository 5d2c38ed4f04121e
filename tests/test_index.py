"""The cached index answers every search exactly as the loaded catalog does."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvost import index, lean
from lvost.catalog import Catalog
from lvost.errors import LvostError
from lvost.models import Credit, SoundtrackFile, Theme, Track
from lvost.search import Hit, search, vocabulary


def indexed(catalog: Catalog) -> index.SearchIndex:
    return index.build(catalog.tracks, catalog.data.themes)


def answer(find: object, *args: object) -> object:
    try:
        hits: list[Hit] = find(*args)  # type: ignore[operator]
    except LvostError as exc:
        return (type(exc).__name__, str(exc))
    return [(h.track.number, h.track.title, h.score, h.matched) for h in hits]


@pytest.mark.parametrize(
    "query",
    [
        ["sting"],
        ["cage"],
        ["blues", "ben"],
        ["sera"],
        ["kind:song", "^sting"],
        ["theme:loneliness"],
        ["talks", "to", "the", "cab"],
        ["palladinso"],
        ["^sting"],
        ["?!"],
        ["x", "colour:red"],
        ["bass"],
    ],
)
def test_the_embedded_soundtrack(catalog: Catalog, query: list[str]) -> None:
    assert answer(index.search, indexed(catalog), query) == answer(search, catalog, query)


WORDS = [
    "angel",
    "Angel",
    "eyes",
    "ben",
    "sera",
    "blue",
    "night",
    "Café",
    "it's",
    "x_y",
    "&",
    "a",
    "noir",
    "rain",
]
TEXT = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join) | st.sampled_from(
    ["line\nbreak", "tab\there", "sep\x1einside\x1fhere", "back\\slash", "?!", "  ~  "]
)


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    count = draw(st.integers(1, 12))
    tracks = [
        Track(
            number=n,
            title=draw(TEXT),
            alternate_titles=draw(st.lists(TEXT, max_size=1)),
            performers=[Credit(name=name) for name in draw(st.lists(TEXT, max_size=2))],
            writers=[Credit(name=name) for name in draw(st.lists(TEXT, max_size=1))],
            kinds=draw(st.lists(st.sampled_from(["song", "score", "dialogue"]), max_size=2, unique=True)),
            genres=draw(st.lists(st.sampled_from(["jazz", "blues", "vocal jazz"]), max_size=2, unique=True)),
            instruments=draw(st.lists(TEXT, max_size=1)),
            notes=draw(st.lists(TEXT, max_size=2)),
        )
        for n in draw(st.permutations(range(1, count + 1)))
    ]
    themes = [
        Theme(
            id=f"t{i}",
            name=draw(TEXT),
            genres=draw(st.lists(st.sampled_from(["jazz", "torch song"]), max_size=2, unique=True)),
            tracks=draw(st.lists(st.integers(1, count), max_size=3, unique=True)),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    data = SoundtrackFile.model_construct(
        schema_version=1,
        soundtrack=SoundtrackFile.model_fields["soundtrack"].annotation.model_validate(  # type: ignore[union-attr]
            {"album": {"title": "A"}}
        ),
        tracks=tracks,
        themes=themes,
    )
    return Catalog(data)


QUERIES = st.lists(
    st.sampled_from(WORDS)
    | st.sampled_from(
        [
            "^angel",
            "-ben",
            "title:night",
            "performer:sera",
            "kind:song",
            "genre:jazz",
            "theme:blue",
            "note:rain",
            "artist:a",
        ]
    ),
    min_size=1,
    max_size=3,
)


@given(catalogs(), QUERIES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_catalog_and_query(catalog: Catalog, query: list[str]) -> None:
    assert answer(index.search, indexed(catalog), query) == answer(search, catalog, query)


@given(catalogs())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_lean_reader_builds_the_same_index(catalog: Catalog) -> None:
    raw = catalog.data.model_dump_json(by_alias=True).encode()
    data = lean.read(raw)
    assert data is not None
    assert index.build(data.tracks, data.themes) == indexed(catalog)


@given(catalogs())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_index_suggests_from_the_same_words(catalog: Catalog) -> None:
    assert index.vocabulary(indexed(catalog)) == vocabulary(catalog.tracks, catalog.data.themes)


@given(catalogs())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_file_vouched_plain_builds_the_same_index(catalog: Catalog) -> None:
    raw = catalog.data.model_dump_json(by_alias=True).encode()
    if lean.plain_strings(raw):
        assert index.build(catalog.tracks, catalog.data.themes, plain=True) == indexed(catalog)
