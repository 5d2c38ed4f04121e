from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvost.core.errors import AmbiguousError, NotFoundError, UnknownValueError
from lvost.questions.catalog import Catalog, TrackFilter


# The cases in Catalog.find_track's docstring, and more of the same kind.
@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("2", 2),
        (" 19 ", 19),
        ("Angel Eyes", 2),
        ("angel", 2),
        ("ANGEL EYES", 2),
        ("ben & bill", 4),
        ("Ben And Bill", 4),
        ("ben and bill", 4),
        ("It\u2019s a Lonesome Old Town", 19),
        ("its a lonesome old town", 19),
        ("lonesome", 19),
        ("Leaving Las Vegas", 5),
        ("are you desirable", 3),
        ("ben and sera - theme", 15),
        ("rolex", 11),
        ("shrink", 11),
        ("going south", 25),
    ],
)
def test_find_track(catalog: Catalog, query: str, number: int) -> None:
    assert catalog.find_track(query).number == number


def test_ambiguous_title_lists_candidates(catalog: Catalog) -> None:
    with pytest.raises(AmbiguousError) as caught:
        catalog.find_track("ben")
    assert str(caught.value) == (
        '"ben" matches 4 tracks: 4 "Ben & Bill"; 11 "Ben Pawns His Rolex / Sera Talks to Her Shrink"; '
        '15 "Ben and Sera \u2013 Theme"; 18 "Ben\'s Hell"; say which'
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("angle eyes", 'no track matches "angle eyes". Did you mean "Angel Eyes"?'),
        ("Ridiculus", 'no track matches "Ridiculus". Did you mean "Ridiculous"?'),
        ("xylophone", 'no track matches "xylophone"'),
        ("26", "there is no track 26; this soundtrack's tracks are numbered 1 to 25"),
        ("0", "there is no track 0; this soundtrack's tracks are numbered 1 to 25"),
    ],
)
def test_track_not_found(catalog: Catalog, query: str, message: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        catalog.find_track(query)
    assert str(caught.value) == message


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_find_track_answers_any_text_with_a_track_or_a_clean_error(query: str) -> None:
    catalog = Catalog.load()
    try:
        track = catalog.find_track(query)
    except (NotFoundError, AmbiguousError) as exc:
        assert str(exc)
    else:
        assert track in catalog.tracks


def test_every_title_finds_its_own_track(catalog: Catalog) -> None:
    for track in catalog.tracks:
        assert catalog.find_track(track.title) == track
        assert catalog.find_track(track.title.upper().replace("'", "\u2019")) == track


def numbers(tracks: list[object]) -> list[int]:
    return [t.number for t in tracks]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("which", "expected"),
    [
        (TrackFilter(), list(range(1, 26))),
        (TrackFilter(kind="song"), [2, 12, 14, 19, 25]),
        (TrackFilter(kind="Dialogue"), [1, 11, 16, 23]),
        (TrackFilter(genre="BLUES"), [20]),
        (TrackFilter(genre="bossa nova"), [10]),
        (TrackFilter(artist="sting"), [2, 12, 19]),
        (TrackFilter(artist="mercer"), [14]),  # a writer
        (TrackFilter(artist="figgis", kind="dialogue"), [11]),
        (TrackFilter(theme="lament"), [2, 11, 20, 24]),
        (TrackFilter(theme="Lament for what is lost"), [2, 11, 20, 24]),
        (TrackFilter(kind="song", sort="title"), [2, 14, 25, 19, 12]),
        (TrackFilter(kind="song", sort="artist"), [14, 2, 12, 19, 25]),
        (TrackFilter(genre="vocal jazz", artist="sting", theme="intimacy"), [2, 12]),
    ],
)
def test_select_tracks(catalog: Catalog, which: TrackFilter, expected: list[int]) -> None:
    assert numbers(catalog.select_tracks(which)) == expected


def test_sort_by_artist_puts_tracks_without_performers_last(catalog: Catalog) -> None:
    ordered = catalog.select_tracks(TrackFilter(sort="artist"))
    with_performer = [t for t in ordered if t.performers]
    assert ordered[: len(with_performer)] == with_performer
    assert [t.performers[0].name for t in with_performer] == [
        "Don Henley",
        "Nicolas Cage",
        "Sting",
        "Sting",
        "Sting",
        "The Palladinos",
    ]


@pytest.mark.parametrize(
    ("which", "message"),
    [
        (
            TrackFilter(genre="blus"),
            'unknown genre "blus"; known genres: blues, bossa nova, classical, jazz, neo-rockabilly, '
            'spoken word, torch song, vocal jazz. Did you mean "blues"?',
        ),
        (
            TrackFilter(kind="songs"),
            'unknown kind "songs"; kinds are song, score, dialogue. Did you mean "song"?',
        ),
        (TrackFilter(artist="stign"), 'no performer or writer is called "stign". Did you mean "Sting"?'),
        (TrackFilter(artist="!!"), 'no performer or writer is called "!!"'),
    ],
)
def test_unknown_filter_values(catalog: Catalog, which: TrackFilter, message: str) -> None:
    with pytest.raises(UnknownValueError) as caught:
        catalog.select_tracks(which)
    assert str(caught.value) == message


def test_unknown_theme_filter_suggests(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError, match=r'no theme matches "lonelyness". Did you mean "loneliness"'):
        catalog.select_tracks(TrackFilter(theme="lonelyness"))


def test_themes_with_genre_any_case(catalog: Catalog) -> None:
    assert [th.id for th in catalog.themes_with_genre("Blues")] == ["lament"]
    assert [th.id for th in catalog.themes_with_genre("BOSSA NOVA")] == ["fragile-hope"]


def test_a_genre_known_only_to_themes_is_still_a_genre(catalog: Catalog) -> None:
    assert "classical" in catalog.genres()
    assert catalog.select_tracks(TrackFilter(genre="classical")) == []


def test_themes_of_and_tracks_of_agree(catalog: Catalog) -> None:
    for theme in catalog.themes:
        for track in catalog.tracks_of(theme):
            assert theme in catalog.themes_of(track)
        assert numbers(catalog.tracks_of(theme)) == sorted(theme.tracks)


def test_find_theme_by_id_name_or_part(catalog: Catalog) -> None:
    assert catalog.find_theme("chaos").id == "chaos"
    assert catalog.find_theme("Connection and fragile hope").id == "fragile-hope"
    assert catalog.find_theme("FRAGILE").id == "fragile-hope"


def test_find_theme_ambiguous(catalog: Catalog) -> None:
    with pytest.raises(
        AmbiguousError, match=r'"l" matches 4 themes: loneliness; love-and-fear; lament; longing'
    ):
        catalog.find_theme("l")


def test_small_file_orders_by_number_and_knows_its_own_values(small: Catalog) -> None:
    assert numbers(small.tracks) == [1, 2, 3]
    assert small.genres() == ["blues", "jazz", "spoken word", "vocal jazz"]
    assert small.artists() == ["The Rails", "Ada Quill", "Bo Lint"]
    assert small.find_track("cafe noir").number == 2
    assert small.find_track("rain and rails").number == 3


def test_a_file_without_themes(small: Catalog) -> None:
    bare = Catalog(small.data.model_copy(update={"themes": []}))
    with pytest.raises(NotFoundError, match="this soundtrack has no themes"):
        bare.find_theme("night")
    assert bare.themes_with_genre("jazz") == []


def test_a_number_beyond_any_track_is_not_found(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError, match="there is no track 9223372036854775808; "):
        catalog.find_track("9223372036854775808")


def test_tracks_one_at_a_time_are_the_selected_tracks(catalog: Catalog) -> None:
    from collections.abc import Iterator

    which = TrackFilter(kind="song", sort="title")
    streamed = catalog.each_selected(which)
    assert isinstance(streamed, Iterator)
    assert list(streamed) == catalog.select_tracks(which)
    with pytest.raises(UnknownValueError):
        catalog.each_selected(TrackFilter(genre="jaz"))  # checked before the first track


def test_a_track_named_as_show_heads_it_is_that_track(catalog: Catalog) -> None:
    assert catalog.find_track("2. Angel Eyes").number == 2
    assert catalog.find_track("19. it's a lonesome old town").number == 19
    with pytest.raises(NotFoundError):  # a number and a title that disagree name nothing
        catalog.find_track("3. Angel Eyes")


def test_a_theme_suggested_is_suggested_once(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError) as caught:
        catalog.find_theme("lonely")
    assert caught.value.suggestions == ("loneliness",)  # not also its name, "Loneliness and isolation"
