"""data/tracks.json against the reference sheet (shared/reference/leaving-las-vegas.md).

The expected values here were typed from the sheet, not read from the data file.
"""

from __future__ import annotations

import json

import pytest

from lvost.core.names import embedded_path
from lvost.questions.catalog import Catalog

TITLES = [
    "Intro Dialogue",
    "Angel Eyes",
    "Are You Desirable?",
    "Ben & Bill",
    "Leaving Las Vegas",
    "Sera's Dark Side",
    "Mara",
    "Burlesque",
    "On the Street",
    "Bossa Vega",
    "Ben Pawns His Rolex / Sera Talks to Her Shrink",
    "My One and Only Love",
    "Sera Invites Ben to Stay",
    "Come Rain or Come Shine",
    "Ben and Sera \u2013 Theme",
    "Ridiculous",
    "Biker Bar",
    "Ben's Hell",
    "It's a Lonesome Old Town",
    "Blues for Ben",
    "Get Out",
    "Reunited",
    "Sera Talks to the Cab Driver",
    "She Really Loved Him",
    "I Won't Be Going South for a While",
]

PERFORMERS = {
    2: "Sting",
    12: "Sting",
    14: "Don Henley",
    16: "Nicolas Cage",
    19: "Sting",
    25: "The Palladinos",
}

WRITERS = {
    2: [("Matt Dennis", "music"), ("Earl K. Brent", "lyrics")],
    12: [("Guy Wood", "music"), ("Robert Mellin", "lyrics")],
    14: [("Harold Arlen", "music"), ("Johnny Mercer", "lyrics")],
    19: [("Harry Tobias", None), ("Charles Kisco", None)],
    25: [],
}


def test_titles_in_cd_order(catalog: Catalog) -> None:
    assert [(t.number, t.title) for t in catalog.tracks] == list(enumerate(TITLES, start=1))


def test_file_lists_tracks_in_cd_order() -> None:
    raw = json.loads(embedded_path().read_text(encoding="utf-8"))
    assert [t["number"] for t in raw["tracks"]] == list(range(1, 26))


def test_credited_performers(catalog: Catalog) -> None:
    credited = {t.number: [c.name for c in t.performers] for t in catalog.tracks if t.performers}
    assert credited == {n: [name] for n, name in PERFORMERS.items()}


@pytest.mark.parametrize(("number", "writers"), WRITERS.items())
def test_writers_of_the_songs(catalog: Catalog, number: int, writers: list[tuple[str, str | None]]) -> None:
    track = catalog.find_track(str(number))
    assert [(c.name, c.role) for c in track.writers] == writers


def test_kinds(catalog: Catalog) -> None:
    kinds = {t.number: t.kinds for t in catalog.tracks}
    assert [n for n, k in kinds.items() if k == ["song"]] == [2, 12, 14, 19, 25]
    assert [n for n, k in kinds.items() if k == ["dialogue"]] == [1, 16, 23]
    assert kinds[11] == ["score", "dialogue"]
    assert all(k == ["score"] for n, k in kinds.items() if n not in {1, 2, 11, 12, 14, 16, 19, 23, 25})


def test_score_kinds_are_marked_inferred_and_stated_ones_are_not(catalog: Catalog) -> None:
    for track in catalog.tracks:
        assert track.kind_inferred == ("score" in track.kinds), track.number


def test_no_duration_is_invented(catalog: Catalog) -> None:
    assert all(t.duration_seconds is None for t in catalog.tracks)


def test_cage_is_not_credited_with_lonesome_old_town(catalog: Catalog) -> None:
    track = catalog.find_track("19")
    assert [c.name for c in track.performers] == ["Sting"]
    assert any("Cage" in note for note in track.notes)


def test_angel_eyes_is_described_as_a_torch_song_of_lost_love(catalog: Catalog) -> None:
    notes = " ".join(catalog.find_track("2").notes).lower()
    assert "torch song" in notes
    assert "1946" in notes
    assert "redemption" not in notes
    assert "innocence" not in notes


def test_instruments_only_where_the_sheet_gives_them(catalog: Catalog) -> None:
    with_instruments = {t.number: t.instruments for t in catalog.tracks if t.instruments}
    assert with_instruments == {n: ["vocals", "piano", "acoustic bass"] for n in (2, 12, 19)}


def test_album_facts(catalog: Catalog) -> None:
    album = catalog.album
    assert album.title == "Leaving Las Vegas (Music from the Motion Picture)"
    assert album.year == 1995
    assert [(r.label, r.catalog_number, r.format, r.year) for r in album.releases] == [
        ("Pangaea / I.R.S. Records", "36071", "CD", 1995),
        ("Capitol", "36071", "cassette", 1996),
        ("Ark 21", "810055", "CD", 2000),
    ]
    assert album.score_composer == "Mike Figgis"
    assert [(c.chart, c.peak) for c in album.charts] == [("Billboard jazz albums", 1)]
    assert "one radio review" in (album.charts[0].note or "").lower()  # single source, said so


def test_film_facts(catalog: Catalog) -> None:
    film = catalog.film
    assert film is not None
    assert (film.title, film.year, str(film.release_date)) == ("Leaving Las Vegas", 1995, "1995-10-27")
    assert film.director == film.screenwriter == "Mike Figgis"
    assert [(c.actor, c.role) for c in film.cast] == [
        ("Nicolas Cage", "Ben Sanderson"),
        ("Elisabeth Shue", "Sera"),
        ("Julian Sands", "Yuri"),
    ]
    assert film.running_time_minutes == [111, 112]
    assert [(f.title, f.year) for f in film.related_films] == [
        ("'Round Midnight", 1986),
        ("Mo' Better Blues", 1990),
    ]


def test_themes_are_interpretation_from_the_essay(catalog: Catalog) -> None:
    assert len(catalog.themes) >= 8
    for theme in catalog.themes:
        assert theme.sources == ["essay"]
        assert theme.tracks
        assert theme.genres
        assert theme.description


def test_every_track_names_its_sources(catalog: Catalog) -> None:
    for track in catalog.tracks:
        assert {"buch-musik-film", "wsvnradio"} <= set(track.sources)
