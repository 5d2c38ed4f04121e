from __future__ import annotations

from lvost.questions.catalog import Catalog
from lvost.questions.stats import NONE_CREDITED, count, stats_data


def test_counts_of_the_embedded_soundtrack(catalog: Catalog) -> None:
    stats = count(catalog)
    assert stats.tracks == 25
    assert stats.by["kind"] == [("score", 17), ("song", 5), ("dialogue", 4)]
    assert stats.by["performer"][:2] == [(NONE_CREDITED, 19), ("Sting", 3)]
    assert dict(stats.by["writer"])["Mike Figgis"] == 17
    assert dict(stats.by["genre"])["jazz"] == 17
    assert (stats.timed_tracks, stats.known_seconds) == (0, 0)


def test_every_track_is_counted_in_every_category(catalog: Catalog) -> None:
    stats = count(catalog)
    for category, rows in stats.by.items():
        assert sum(n for _, n in rows) >= stats.tracks, category
        assert [n for _, n in rows] == sorted((n for _, n in rows), reverse=True)


def test_known_durations_are_added_up(small: Catalog) -> None:
    stats = count(small)
    assert (stats.timed_tracks, stats.known_seconds) == (1, 185)
    assert stats.by["writer"] == [(NONE_CREDITED, 2), ("Ada Quill", 1), ("Bo Lint", 1)]


def test_stats_data_says_unknown_running_time_as_null(catalog: Catalog, small: Catalog) -> None:
    assert stats_data(count(catalog))["known_seconds"] is None
    assert stats_data(count(small))["known_seconds"] == 185
    assert stats_data(count(small))["kind"] == [
        {"value": "dialogue", "tracks": 1},
        {"value": "score", "tracks": 1},
        {"value": "song", "tracks": 1},
    ]
