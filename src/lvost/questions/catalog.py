"""A soundtrack and the questions lvost asks of it, answered from its store.

Knows nothing of Typer or Rich: it returns models and raises ``LvostError``s.
Tracks are read from the store when a question needs them, so a question about
one track of a large catalog never loads the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, TypeVar

from lvost.core.errors import AmbiguousError, NotFoundError, UnknownValueError
from lvost.core.matching import match_names, normalize, suggest
from lvost.core.names import BUILT_IN, KINDS, embedded_path, normalize_genre
from lvost.core.query import parse
from lvost.format.models import (
    SCHEMA_VERSION,
    SLUG_WORDS,
    Album,
    Film,
    Soundtrack,
    SoundtrackFile,
    Source,
    Theme,
    Track,
)
from lvost.store import ranking
from lvost.store.reading import Store

SortKey = Literal["number", "title", "artist"]
T = TypeVar("T")


@dataclass(frozen=True)
class TrackFilter:
    """Which tracks ``Catalog.select_tracks`` keeps; ``None`` keeps everything."""

    genre: str | None = None
    kind: str | None = None
    artist: str | None = None
    theme: str | None = None
    sort: SortKey = "number"
    query: tuple[str, ...] = ()
    """Query terms, as ``lvost.core.query.parse`` reads them."""


class Catalog:
    slug: str | None = None
    """The soundtrack's id in the library, when it has one."""

    def __init__(self, data: SoundtrackFile) -> None:
        """The soundtrack ``data``, in a store of its own in memory."""
        from lvost.store.files import in_memory

        self.store = Store(in_memory(data))

    @classmethod
    def load(cls, path: Path | None = None, label: str | None = None) -> Catalog:
        """The soundtrack in ``path``, or the embedded Leaving Las Vegas data.

        A file validated before, and unchanged since, is read from its store in
        the cache. ``label`` names the file in error messages instead of its path."""
        from lvost.store.files import open_store

        return cls.of(Store(open_store(path or embedded_path(), label)), None if path else BUILT_IN)

    def close(self) -> None:
        """Let go of the database the catalog reads."""
        self.store.connection.close()

    @classmethod
    def of(cls, store: Store, slug: str | None = None) -> Catalog:
        """The soundtrack ``store`` holds (one of a library's, say), known by ``slug``."""
        catalog = cls.__new__(cls)
        catalog.store = store
        catalog.slug = slug
        return catalog

    @cached_property
    def data(self) -> SoundtrackFile:
        """The whole soundtrack as the models hold it."""
        soundtrack, schema_url = self._header
        fields: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "soundtrack": soundtrack,
            "tracks": self.store.tracks(order="file"),  # as the file lists them
            "themes": self.themes,
        }
        if schema_url is not None:  # as the file had it: exports leave out what it left out
            fields["schema_"] = schema_url
        return SoundtrackFile.model_construct(**fields)

    @cached_property
    def _header(self) -> tuple[Soundtrack, str | None]:
        return self.store.header()

    @property
    def soundtrack(self) -> Soundtrack:
        """The album, the film and the sources."""
        return self._header[0]

    @property
    def album(self) -> Album:
        return self.soundtrack.album

    @property
    def film(self) -> Film | None:
        return self.soundtrack.film

    @cached_property
    def tracks(self) -> list[Track]:
        """Every track in album order (by number), whatever order the file lists them."""
        return self.store.tracks()

    @cached_property
    def themes(self) -> list[Theme]:
        return self.store.themes()

    def count(self) -> int:
        """How many tracks there are."""
        return self.store.count()

    def numbered_through(self) -> bool:
        """Whether the tracks are numbered 1, 2, ... without a gap."""
        low, high = self.store.number_range()
        return low == 1 and high == self.count()

    def genres(self) -> list[str]:
        """Every genre a track or a theme names, sorted."""
        return self.store.genres()

    def track_genres(self) -> list[str]:
        """Every genre a track names, sorted: those that narrow the tracks to some."""
        return self.store.genres(of_themes=False)

    def artists(self) -> list[str]:
        """Every performer and writer, each once, in order of first appearance."""
        return self.store.artists()

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.soundtrack.sources if s.id == source_id), None)

    def find_track(self, query: str) -> Track:
        """The one track ``query`` names: a track number, the soundtrack's id and
        a number (``leaving-las-vegas:2``), or a title as ``match_names`` reads it.

        "2" is track 2; "angel" is "Angel Eyes"; "ben & bill" and "Ben And Bill"
        are both track 4; "2. Angel Eyes", as ``show`` heads it, is track 2;
        "ben" is ambiguous; "angle eyes" is not found, with "Angel Eyes" suggested.
        """
        wanted = query.strip()
        placed = split_place(wanted)
        if placed is not None and placed[0] == self.slug:
            wanted = placed[1]
        if wanted.isdecimal() and wanted.isascii():
            found = self.store.track(int(wanted))
            if found is not None:
                return found
            raise NotFoundError(f"there is no track {int(wanted)}; {self._number_range()}")
        headed = re.fullmatch(r"(\d+)\.\s+(.+)", wanted)  # as show heads a track: "2. Angel Eyes"
        if headed and headed[1].isascii():
            found = self.store.track(int(headed[1]))
            titles = (found.title, *found.alternate_titles) if found is not None else ()
            if found is not None and normalize(headed[2]) in map(normalize, titles):
                return found
        return self._titled(query)

    def _titled(self, query: str) -> Track:
        # Every way a title can match holds the normalized query somewhere in it,
        # so only the titles that do are read and ranked.
        key = normalize(query)
        entries = [(number, names) for (_, number), names in (self.store.titled(key) if key else [])]
        titles = {number: names[0] for number, names in entries}
        if not match_names(query, entries):
            entries = [(number, names) for (_, number), names in self.store.titled("")]  # for the suggestions
        number = _pick(query, entries, "track", lambda n: f'{n} "{titles[n]}"')
        found = self.store.track(number)
        assert found is not None
        return found

    def slug_at(self, owner: int) -> str | None:
        """The id to show for the soundtrack of row id ``owner``: none, when only one is explored."""
        return None

    def heading(self) -> str:
        """What a listing of the tracks explored is called."""
        return self.album.title

    def find_theme(self, query: str) -> Theme:
        """The one theme ``query`` names, by id or name, matched like a title."""
        if not self.themes:
            raise NotFoundError("this soundtrack has no themes")
        entries = [(th, [th.id, th.name]) for th in self.themes]
        return _pick(query, entries, "theme", lambda th: th.id)

    def themes_of(self, track: Track) -> list[Theme]:
        """The themes that name the track, in the file's order."""
        # Asked of the store's index of theme tracks: a large catalog's themes name
        # many thousands of tracks, too many to map for the few tracks a command shows.
        return [self.themes[i] for i in self.store.theme_positions(track.number)]

    def tracks_of(self, theme: Theme) -> list[Track]:
        """The theme's tracks in album order."""
        return self.store.tracks(_numbers(theme.tracks))

    def themes_with_genre(self, genre: str) -> list[Theme]:
        wanted = self.check_genre(genre)
        return [th for th in self.themes if wanted in th.genres]

    def select_themes(self, genre: str | None) -> list[Theme]:
        """The themes of ``genre``, or every theme when it is ``None``."""
        return self.themes_with_genre(genre) if genre is not None else self.themes

    def titles(self) -> list[str]:
        """Every track's title, by number."""
        return self.store.titles()

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
        a title; theme is a theme id or name; query terms as ``lvost.questions.search.search``
        reads them.
        """
        return list(self.each_selected(which))

    def each_selected(self, which: TrackFilter) -> Iterator[Track]:
        """What ``select_tracks`` gives, a track at a time; its filters are checked
        (and their errors raised) before the first."""
        return self.store.each_track(self.selection(which), which.sort)

    def selection(self, which: TrackFilter) -> ranking.Clause | None:
        """The condition on a track that ``which`` asks for, once its filters are checked."""
        clauses: list[ranking.Clause] = []
        if which.genre is not None:
            clauses.append(_valued("genre", self.check_genre(which.genre)))
        if which.kind is not None:
            clauses.append(_valued("kind", _check_kind(which.kind)))
        if which.artist is not None:
            artist = self._check_artist(which.artist)
            clauses.append(
                ranking.Clause("tracks.id IN (SELECT track FROM credits WHERE instr(name_key, ?))", (artist,))
            )
        if which.theme is not None:
            clauses.append(_numbers(self.find_theme(which.theme).tracks))
        if which.query:
            clauses.append(ranking.admits(parse(which.query)))
        return ranking.both(clauses)

    def admitted(self, query: Sequence[str]) -> set[int]:
        """The numbers of the tracks that every term of ``query`` admits."""
        terms = parse(query)
        return self.store.numbers(ranking.admits(terms), terms)

    def numbers(self) -> list[int]:
        """Every track's number, in album order: what lists the tracks without reading them."""
        return self.store.ordered_numbers()

    def selected_numbers(self, which: TrackFilter) -> list[int]:
        """The numbers of the tracks ``select_tracks`` gives, in album order."""
        where = self.selection(which)
        return self.numbers() if where is None else sorted(self.store.numbers(where))

    def tracks_numbered(self, numbers: Sequence[int]) -> list[Track]:
        """The tracks of ``numbers``, in that order (a number no track has is left out)."""
        found = {track.number: track for track in self.store.tracks(_numbers(numbers))}
        return [found[n] for n in numbers if n in found]

    def kind_shapes(self) -> set[tuple[int, str | None, bool]]:
        """How the tracks' kinds are given: how many, the first, whether inferred."""
        return self.store.kind_shapes()

    def vocabulary(self) -> list[str]:
        """What a search that finds nothing suggests from: titles, names, genres, themes."""
        return self.store.titles() + self.artists() + self.genres() + [th.name for th in self.themes]

    def _check_artist(self, artist: str) -> str:
        wanted = normalize(artist)
        if not wanted or not any(wanted in normalize(a) for a in self.artists()):
            raise UnknownValueError(
                f'no performer or writer is called "{artist}"', suggest(artist, self.artists())
            )
        return wanted

    def _number_range(self) -> str:
        low, high = self.store.number_range()
        return f"this soundtrack's tracks are numbered {low} to {high}"


def split_place(query: str) -> tuple[str, str] | None:
    """A track named by its soundtrack's id and its number, as the two; else ``None``.

    >>> split_place("leaving-las-vegas:2"), split_place("Angel Eyes")
    (('leaving-las-vegas', '2'), None)
    """
    found = re.fullmatch(rf"({SLUG_WORDS}):(\d+)", query.strip())
    return (found[1], found[2]) if found and found[2].isascii() else None


def _valued(field: str, value: str) -> ranking.Clause:
    return ranking.Clause(
        "tracks.id IN (SELECT track FROM track_values WHERE field = ? AND value = ?)", (field, value)
    )


def _numbers(numbers: Sequence[int]) -> ranking.Clause:
    return ranking.Clause("tracks.number IN (SELECT value FROM json_each(?))", (json.dumps(list(numbers)),))


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
    owners: dict[str, int] = {}  # each name's entry: a theme's id and name suggest it once
    for index, (_, names) in enumerate(entries):
        for name in names:
            owners.setdefault(name, index)
    once: dict[int, str] = {}
    for name in suggest(query, list(owners)):
        once.setdefault(owners[name], name)
    raise NotFoundError(f'no {noun} matches "{query}"', list(once.values()))
