"""A loaded soundtrack and the questions lvost asks of it.

Knows nothing of Typer or Rich: it returns models and raises ``LvostError``s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from lvost import cache
from lvost.errors import AmbiguousError, NotFoundError, UnknownValueError
from lvost.matching import match_names, normalize, suggest
from lvost.models import Album, Film, SoundtrackFile, Source, Theme, Track
from lvost.names import KINDS, embedded_path, normalize_genre
from lvost.shapes import Named, ThemeTexts, TrackTexts

SortKey = Literal["number", "title", "artist"]
CACHED_TRACKS = 20_000
"""Larger catalogs are not kept whole in the cache: reading such an entry back
costs about as much as validating the file, and search keeps its own index."""
T = TypeVar("T")
TH = TypeVar("TH", bound=ThemeTexts)


@dataclass(frozen=True)
class TrackFilter:
    """Which tracks ``Catalog.select_tracks`` keeps; ``None`` keeps everything."""

    genre: str | None = None
    kind: str | None = None
    artist: str | None = None
    theme: str | None = None
    sort: SortKey = "number"


class Catalog:
    def __init__(self, data: SoundtrackFile) -> None:
        self.data = data
        self._tracks = sorted(data.tracks, key=lambda t: t.number)
        self._by_number = {t.number: t for t in self._tracks}
        self._themes_by_number: dict[int, list[Theme]] | None = None

    @classmethod
    def load(cls, path: Path | None = None, label: str | None = None) -> Catalog:
        """The soundtrack in ``path``, or the embedded Leaving Las Vegas data.

        A file validated before, and unchanged since, comes from the cache.
        ``label`` names the file in error messages instead of its path."""
        source = path or embedded_path()
        cached = cache.load(source, "catalog")
        if isinstance(cached, SoundtrackFile):
            return cls(cached)
        from lvost import datafile  # only when the cache cannot answer

        made_from = cache.key(source)
        data = datafile.load(source, label)
        if len(data.tracks) <= CACHED_TRACKS:
            cache.store(source, "catalog", data, made_from)
        return cls(data)

    @property
    def album(self) -> Album:
        return self.data.soundtrack.album

    @property
    def film(self) -> Film | None:
        return self.data.soundtrack.film

    @property
    def tracks(self) -> list[Track]:
        """Every track in album order (by number), whatever order the file lists them."""
        return self._tracks

    @property
    def themes(self) -> list[Theme]:
        return list(self.data.themes)

    def genres(self) -> list[str]:
        """Every genre a track or a theme names, sorted."""
        return genres_of(self.tracks, self.data.themes)

    def artists(self) -> list[str]:
        """Every performer and writer, each once, in order of first appearance."""
        return artists_of(self.tracks)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.data.soundtrack.sources if s.id == source_id), None)

    def find_track(self, query: str) -> Track:
        """The one track ``query`` names: a track number, or a title as ``match_names`` reads it.

        "2" is track 2; "angel" is "Angel Eyes"; "ben & bill" and "Ben And Bill"
        are both track 4; "ben" is ambiguous; "angle eyes" is not found, with
        "Angel Eyes" suggested.
        """
        wanted = query.strip()
        if wanted.isdecimal() and wanted.isascii():
            number = int(wanted)
            if number in self._by_number:
                return self._by_number[number]
            raise NotFoundError(f"there is no track {number}; {self._number_range()}")
        entries = [(t, [t.title, *t.alternate_titles]) for t in self.tracks]
        return _pick(query, entries, "track", lambda t: f'{t.number} "{t.title}"')

    def find_theme(self, query: str) -> Theme:
        """The one theme ``query`` names, by id or name, matched like a title."""
        if not self.data.themes:
            raise NotFoundError("this soundtrack has no themes")
        entries = [(th, [th.id, th.name]) for th in self.data.themes]
        return _pick(query, entries, "theme", lambda th: th.id)

    def themes_of(self, track: Track) -> list[Theme]:
        """The themes that name the track, in the file's order."""
        if self._themes_by_number is None:
            self._themes_by_number = themes_by_number(self.data.themes)
        return list(self._themes_by_number.get(track.number, ()))

    def tracks_of(self, theme: Theme) -> list[Track]:
        """The theme's tracks in album order."""
        return [t for t in self.tracks if t.number in theme.tracks]

    def themes_with_genre(self, genre: str) -> list[Theme]:
        wanted = self.check_genre(genre)
        return [th for th in self.data.themes if wanted in th.genres]

    def check_genre(self, genre: str) -> str:
        """``genre`` in its stored spelling, or an error listing the known genres."""
        wanted = normalize_genre(genre)
        known = self.genres()
        if wanted not in known:
            raise UnknownValueError(
                f'unknown genre "{genre}"; known genres: {", ".join(known)}',
                suggest(genre, known, limit=1),
            )
        return wanted

    def select_tracks(self, which: TrackFilter) -> list[Track]:
        """The tracks that pass every filter in ``which``, sorted as it asks.

        Genre is matched exactly (any case); kind must be one of song, score,
        dialogue; artist is part of a performer's or writer's name, matched like
        a title; theme is a theme id or name.
        """
        tracks = self.tracks
        if which.genre is not None:
            genre = self.check_genre(which.genre)
            tracks = [t for t in tracks if genre in t.genres]
        if which.kind is not None:
            kind = _check_kind(which.kind)
            tracks = [t for t in tracks if kind in t.kinds]
        if which.artist is not None:
            artist = self._check_artist(which.artist)
            tracks = [t for t in tracks if any(artist in normalize(c.name) for c in credits(t))]
        if which.theme is not None:
            numbers = set(self.find_theme(which.theme).tracks)
            tracks = [t for t in tracks if t.number in numbers]
        return sorted(tracks, key=_SORTS[which.sort])

    def _check_artist(self, artist: str) -> str:
        wanted = normalize(artist)
        if not wanted or not any(wanted in normalize(a) for a in self.artists()):
            raise UnknownValueError(
                f'no performer or writer is called "{artist}"', suggest(artist, self.artists())
            )
        return wanted

    def _number_range(self) -> str:
        numbers = sorted(self._by_number)
        return f"this soundtrack's tracks are numbered {numbers[0]} to {numbers[-1]}"


def genres_of(tracks: Sequence[TrackTexts], themes: Sequence[ThemeTexts]) -> list[str]:
    """Every genre the tracks or themes name, sorted."""
    names = {g for t in tracks for g in t.genres}
    names.update(g for th in themes for g in th.genres)
    return sorted(names)


def artists_of(tracks: Sequence[TrackTexts]) -> list[str]:
    """Every performer and writer of ``tracks``, each once, in order of first appearance."""
    return list(dict.fromkeys(c.name for t in tracks for c in credits(t)))


def themes_by_number(themes: Sequence[TH]) -> dict[int, list[TH]]:
    """The themes that name each track number, in the file's order."""
    by_number: dict[int, list[TH]] = {}
    for theme in themes:
        for number in dict.fromkeys(theme.tracks):
            by_number.setdefault(number, []).append(theme)
    return by_number


def credits(track: TrackTexts) -> tuple[Named, ...]:
    """Performers, then writers."""
    return (*track.performers, *track.writers)


def _check_kind(kind: str) -> str:
    wanted = kind.strip().lower()
    if wanted not in KINDS:
        raise UnknownValueError(
            f'unknown kind "{kind}"; kinds are {", ".join(KINDS)}', suggest(kind, KINDS, limit=1)
        )
    return wanted


def _pick(query: str, entries: Sequence[tuple[T, Sequence[str]]], noun: str, label: Callable[[T], str]) -> T:
    found = match_names(query, entries)
    if len(found) == 1:
        return found[0]
    if found:
        shown = "; ".join(label(item) for item in found)
        raise AmbiguousError(f'"{query}" matches {len(found)} {noun}s: {shown}; say which')
    names = [name for _, names in entries for name in names]
    raise NotFoundError(f'no {noun} matches "{query}"', suggest(query, names))


def _artist_key(track: Track) -> tuple[int, str, int]:
    if not track.performers:
        return (1, "", track.number)
    return (0, normalize(track.performers[0].name), track.number)


_SORTS: dict[str, Callable[[Track], tuple[int | str, ...]]] = {
    "number": lambda t: (t.number,),
    "title": lambda t: (normalize(t.title), t.number),
    "artist": _artist_key,
}
