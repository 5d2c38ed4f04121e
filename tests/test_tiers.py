"""A search with --limit across the library, read a score at a time from the
full-text index (``lvost.store.tiers``), answers exactly as ranking every track does."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvost.core.query import parse
from lvost.format.models import SoundtrackFile
from lvost.questions.shelf import Shelf
from lvost.questions.soundtracks import scope_of
from lvost.store import library, reading, tiers
from support import WORDS, soundtracks

SEARCHED = [w for w in WORDS if len(w) >= tiers.SHORTEST]
one_word = st.builds(
    lambda area, word: f"{area}{word}",
    st.sampled_from(["", "", "title:", "performer:", "writer:", "kind:", "genre:", "theme:", "note:"]),
    st.sampled_from([*SEARCHED, "song", "score", "jazz"]),
)
excluded = st.builds(lambda w: f"-{w}", st.sampled_from(SEARCHED))


def ranked(shelf: Shelf, query: list[str], limit: int | None) -> tuple[list[tuple[int, int, int]], int]:
    found, total = shelf.store.search(parse(query), limit)
    return [(hit.owner, hit.track.number, hit.score) for hit in found], total


def shelf_of(datas: list[dict[str, Any]], folder: str) -> Shelf:
    path = Path(folder) / "library.db"
    for n, data in enumerate(datas):
        library.add(path, f"s{n}", SoundtrackFile.model_validate(data))
    shelf = scope_of(path, None)
    assert isinstance(shelf, Shelf)
    return shelf


@pytest.fixture
def tiers_always(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Tiers for any number of hits, however few (the store ranks few hits whole
    otherwise); and whether the texts bore out each answer the tiers gave."""
    monkeypatch.setattr(reading, "_FEW", 0)
    held: list[bool] = []
    checked = reading.Store._scores_hold

    def check(store: reading.Store, *args: Any) -> bool:
        held.append(checked(store, *args))
        return held[-1]

    monkeypatch.setattr(reading.Store, "_scores_hold", check)
    return held


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(soundtracks(), min_size=1, max_size=4),
    one_word,
    st.lists(excluded, max_size=2),
    st.integers(1, 12),
    st.sampled_from([0, 10**6]),
)
def test_the_best_read_by_tiers_are_the_first_of_every_track_ranked(
    monkeypatch: pytest.MonkeyPatch,
    tiers_always: list[bool],
    datas: list[dict[str, Any]],
    word: str,
    unless: list[str],
    limit: int,
    sorted_up_to: int,
) -> None:
    monkeypatch.setattr(reading, "_SORTED", sorted_up_to)  # walking the soundtracks, or sorting
    query = [word, *unless]
    assert tiers.plan(parse(query)) is not None
    with tempfile.TemporaryDirectory() as folder:
        shelf = shelf_of(datas, folder)
        every, total = ranked(shelf, query, None)
        tiers_always.clear()
        assert ranked(shelf, query, limit) == (every[:limit], total)
        assert tiers_always == ([True] if total else [])  # answered by the tiers themselves


def test_queries_tiers_cannot_say_are_ranked_whole() -> None:
    for query in (
        ["angel", "eyes"],
        ["angel eyes"],
        ["an"],
        ["soundtrack:angel"],
        ["angel", "-ng"],
        ["-angel"],
    ):
        assert tiers.plan(parse(query)) is None, query
    assert tiers.plan(parse(["angel", "year:1995"])) is None


def test_each_tier_holds_the_tracks_whose_best_match_is_worth_its_score() -> None:
    planned = tiers.plan(parse(["title:angel"]))
    assert planned is not None
    assert [t.score for t in planned.tiers] == [1000, 700, 400]
    assert planned.tiers[0].query == '({title} : " angel ")'
    assert planned.tiers[1].query == '(({title} : " angel") NOT ({title} : " angel "))'


def test_an_index_that_disagrees_with_its_texts_gives_way_to_them(tiers_always: list[bool]) -> None:
    angel = {"number": 1, "title": "Angel", "kinds": ["song"]}
    data = {
        "schema_version": 1,
        "soundtrack": {"album": {"title": "Tiers"}},
        "tracks": [
            angel,
            {**angel, "number": 2, "title": "Blue Angel"},
            {**angel, "number": 3, "title": "Rain"},
        ],
    }
    with tempfile.TemporaryDirectory() as folder:
        shelf = shelf_of([data], folder)
        owner = shelf.owners["s0"]
        assert (owner, 1, 1000) in ranked(shelf, ["angel"], 50)[0]
        # A text changed behind the index's back: the index still names track 1.
        with sqlite3.connect(Path(folder) / "library.db") as changing:
            changing.execute(
                "UPDATE search_text SET title = ' rain ' WHERE track ="
                " (SELECT tracks.id FROM tracks JOIN soundtracks ON soundtracks.id = tracks.soundtrack"
                "  WHERE slug = 's0' AND number = 1)"
            )
        changed = scope_of(Path(folder) / "library.db", None)
        assert isinstance(changed, Shelf)
        after, total = ranked(changed, ["angel"], 50)
        every, every_total = ranked(changed, ["angel"], None)
        assert (after, total) == (every[:50], every_total)
        assert [hit for hit in after if hit[:2] == (owner, 1)] == []
        assert tiers_always == [True, False]  # the index named track 1: rightly before the change, not after
