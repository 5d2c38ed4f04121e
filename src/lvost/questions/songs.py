"""Songs, and their recordings across soundtracks: the same song is the same
title once normalized, by the same writers where both recordings name them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lvost.core.matching import normalize
from lvost.format.models import Track
from lvost.questions.catalog import Catalog, TrackFilter
from lvost.questions.shelf import Placed, Shelf


@dataclass(frozen=True)
class Recording:
    """One track that records a song, and where: its soundtrack's id (``None``
    for a data file explored on its own), album title and year."""

    soundtrack: str | None
    album: str
    year: int | None
    track: Track


@dataclass(frozen=True)
class Song:
    title: str
    """As its first recording names it."""
    writers: tuple[str, ...]
    """Every writer its recordings name, each once."""
    recordings: tuple[Recording, ...]
    """By year (unknown last), then soundtrack and number."""


def songs(catalog: Catalog, query: Sequence[str] = ()) -> list[Song]:
    """The songs among the tracks ``query`` admits (every song for none), by title.

    Recordings with the same normalized title are one song, unless both name
    their writers and the writers differ. A recording that names none joins the
    song of that title whose recordings name writers most often (or, with none,
    stands with the others that name none)."""
    by_title: dict[str, list[Recording]] = {}
    for recording in _recordings(catalog, TrackFilter(kind="song", query=tuple(query))):
        by_title.setdefault(normalize(recording.track.title), []).append(recording)
    return [song for key in sorted(by_title) for song in _by_writers(by_title[key])]


def _recordings(catalog: Catalog, which: TrackFilter) -> Iterator[Recording]:
    if isinstance(catalog, Shelf):
        placed: Iterator[Placed] = catalog.each_placed(which)
        for p in placed:
            yield _recording(catalog.one(p.soundtrack), p.track)
    else:
        for track in catalog.each_selected(which):
            yield _recording(catalog, track)


def _recording(catalog: Catalog, track: Track) -> Recording:
    album, film = catalog.album, catalog.film
    year = album.year if album.year is not None else (film.year if film else None)
    return Recording(catalog.slug, album.title, year, track)


def _by_writers(recordings: list[Recording]) -> list[Song]:
    """The songs among recordings of one title, told apart by their writers."""
    groups: dict[frozenset[str], list[Recording]] = {}
    unnamed: list[Recording] = []
    for recording in recordings:
        writers = frozenset(normalize(c.name) for c in recording.track.writers)
        (groups.setdefault(writers, []) if writers else unnamed).append(recording)
    if unnamed and groups:
        max(groups.values(), key=len).extend(unnamed)
    elif unnamed:
        groups[frozenset()] = unnamed
    songs = [_song(group) for group in groups.values()]
    return sorted(songs, key=lambda s: (s.recordings[0].year is None, s.recordings[0].year or 0))


def _song(recordings: list[Recording]) -> Song:
    ordered = sorted(
        recordings,
        key=lambda r: (r.year is None, r.year or 0, r.soundtrack or "", r.track.number),
    )
    writers = dict.fromkeys(c.name for r in ordered for c in r.track.writers)
    return Song(ordered[0].track.title, tuple(writers), tuple(ordered))
