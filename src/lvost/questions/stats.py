"""Counting a soundtrack: tracks by kind, genre, performer and writer, and running time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lvost.format.models import Credit
from lvost.questions.catalog import Catalog

NONE_CREDITED = "none credited"


@dataclass(frozen=True)
class Stats:
    tracks: int
    by: dict[str, list[tuple[str, int]]]
    """Category ("kind", "genre", "performer", "writer") to (value, tracks), most first."""
    timed_tracks: int
    """How many tracks have a known duration."""
    known_seconds: int
    """Their running time added up."""


def count(catalog: Catalog) -> Stats:
    """Count the catalog's tracks.

    A track counts once under each of its kinds, genres, performers and writers;
    a track with no performer (or writer) counts under "none credited", so the
    numbers say how much is unknown. Ties are broken by name.
    """
    tracks = catalog.tracks
    timed = [t.duration_seconds for t in tracks if t.duration_seconds is not None]
    by = {
        "kind": _ranked(kind for t in tracks for kind in (list[str](t.kinds) or ["unknown"])),
        "genre": _ranked(genre for t in tracks for genre in (t.genres or ["unknown"])),
        "performer": _ranked(n for t in tracks for n in _names(t.performers)),
        "writer": _ranked(n for t in tracks for n in _names(t.writers)),
    }
    return Stats(len(tracks), by, len(timed), sum(timed))


def stats_data(stats: Stats) -> dict[str, object]:
    """The counts for JSON: each category a list of {value, tracks}; an unknown
    running time is null."""
    by = {category: [{"value": v, "tracks": n} for v, n in rows] for category, rows in stats.by.items()}
    known = stats.known_seconds if stats.timed_tracks else None
    return {"tracks": stats.tracks, **by, "timed_tracks": stats.timed_tracks, "known_seconds": known}


def _names(credits: Iterable[Credit]) -> list[str]:
    return list(dict.fromkeys(c.name for c in credits)) or [NONE_CREDITED]


def _ranked(values: Iterable[str]) -> list[tuple[str, int]]:
    return sorted(Counter(values).items(), key=lambda item: (-item[1], item[0].casefold()))
