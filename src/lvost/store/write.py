"""Putting a validated soundtrack into a store."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from lvost.core.matching import join_values, normalize_joined
from lvost.format.models import SoundtrackFile, Theme, Track
from lvost.store.schema import SEARCHED

_VALUE_FIELDS = (("kind", "kinds"), ("genre", "genres"))
"""The listed values a question picks tracks by (``--kind``, ``--genre``), one row
each in ``track_values``. The others (notes, sources, instruments, other titles)
are asked of the track's ``data`` and the search text, never of rows: writing a
row for each was a quarter of adding a large collection."""


def add(connection: sqlite3.Connection, slug: str, data: SoundtrackFile) -> int:
    """Write ``data`` as the soundtrack ``slug``; its row id. The caller holds the transaction."""
    soundtrack = data.soundtrack
    film = soundtrack.film
    header = soundtrack.model_dump(mode="json", exclude_unset=True)
    owner = _next_ids(connection, "soundtracks", 1)
    connection.execute(
        "INSERT INTO soundtracks (id, slug, album_title, film_title, year, schema_url, header)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            owner,
            slug,
            soundtrack.album.title,
            film.title if film else None,
            soundtrack.album.year if soundtrack.album.year is not None else (film.year if film else None),
            data.schema_,
            _json(header),
        ),
    )
    connection.executemany(
        "INSERT INTO sources (soundtrack, position, slug, name, site, date) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (owner, i, s.id, s.name, s.site, s.date.isoformat() if s.date else None)
            for i, s in enumerate(soundtrack.sources)
        ],
    )
    names = _add_themes(connection, owner, data.themes)
    _add_tracks(connection, owner, data.tracks, names)
    count(connection, owner)
    return owner


def _next_ids(connection: sqlite3.Connection, table: str, count: int) -> int:
    """The first of ``count`` new row ids for ``table``, never one a row taken out
    had: a reader that ranked a track, or listed a soundtrack, by its id while
    another lvost changed the library must not find another one under it. (A
    library keeps the highest id given in ``meta``.)"""
    key = f"last_{table}_id"
    (top,) = connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
    mark = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    first = max(int(top), int(mark[0]) if mark else 0) + 1
    connection.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(first + count - 1))
    )
    return first


def count(connection: sqlite3.Connection, owner: int | None = None) -> None:
    """Count the tracks of soundtrack ``owner`` (of every one for ``None``) and
    their known running time, where a listing of soundtracks reads them."""
    which = "id = ?" if owner is not None else "1"
    connection.execute(
        "UPDATE soundtracks SET (track_count, known_seconds, unknown_lengths) ="
        " (SELECT count(*), coalesce(sum(duration_seconds), 0), count(*) - count(duration_seconds)"
        f"  FROM tracks WHERE tracks.soundtrack = soundtracks.id) WHERE {which}",
        () if owner is None else (owner,),
    )


def _add_themes(connection: sqlite3.Connection, owner: int, themes: Sequence[Theme]) -> dict[int, list[str]]:
    """Write the themes; the names of the themes of each track number, in the file's order."""
    names: dict[int, list[str]] = {}
    for position, theme in enumerate(themes):
        cursor = connection.execute(
            "INSERT INTO themes (soundtrack, position, slug, name, data) VALUES (?, ?, ?, ?, ?)",
            (owner, position, theme.id, theme.name, theme.model_dump_json(exclude_unset=True)),
        )
        row = cursor.lastrowid
        connection.executemany(
            "INSERT INTO theme_genres (theme, genre) VALUES (?, ?)", [(row, g) for g in theme.genres]
        )
        connection.executemany(
            "INSERT INTO theme_tracks (theme, position, number) VALUES (?, ?, ?)",
            [(row, i, n) for i, n in enumerate(theme.tracks)],
        )
        for number in dict.fromkeys(theme.tracks):
            names.setdefault(number, []).append(theme.name)
    return names


def _add_tracks(
    connection: sqlite3.Connection, owner: int, tracks: Sequence[Track], themes: dict[int, list[str]]
) -> None:
    """Write the tracks, each table's rows at once; every text is normalized in
    one pass over all of them (``normalize_joined``), which for a large catalog
    is most of the work."""
    last = _next_ids(connection, "tracks", len(tracks)) - 1
    texts = [area_texts(t, themes.get(t.number, [])) for t in tracks]
    folded = normalize_joined(join_values(texts)).split("\n") if texts else []
    track_rows, credit_rows, value_rows, search_rows = [], [], [], []
    for position, (track, areas, line) in enumerate(zip(tracks, texts, folded, strict=True)):
        row = last + 1 + position
        normal = [
            f.split("\x1e") if values else [] for f, values in zip(line.split("\x1f"), areas, strict=True)
        ]
        title, performers, writers = normal[0], normal[1], normal[2]
        track_rows.append(
            (
                row,
                owner,
                position,
                track.number,
                track.title,
                title[0],
                performers[0] if performers else None,
                track.duration_seconds,
                # Pydantic's own JSON, as compact as _json's and a few times quicker
                track.model_dump_json(exclude_unset=True),
            )
        )
        credits = [("performer", c, k) for c, k in zip(track.performers, performers, strict=True)]
        credits += [("writer", c, k) for c, k in zip(track.writers, writers, strict=True)]
        credit_rows += [(row, i, part, c.name, key, c.role) for i, (part, c, key) in enumerate(credits)]
        value_rows += [
            (row, field, i, value)
            for field, attribute in _VALUE_FIELDS
            for i, value in enumerate(getattr(track, attribute))
        ]
        search_rows.append((row, *(padded(values) for values in normal)))
    connection.executemany(
        "INSERT INTO tracks"
        " (id, soundtrack, position, number, title, title_key, artist_key, duration_seconds, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        track_rows,
    )
    connection.executemany(
        "INSERT INTO credits (track, position, part, name, name_key, role) VALUES (?, ?, ?, ?, ?, ?)",
        credit_rows,
    )
    connection.executemany(
        "INSERT INTO track_values (track, field, position, value) VALUES (?, ?, ?, ?)", value_rows
    )
    connection.executemany(
        f"INSERT INTO search_text (track, {', '.join(SEARCHED)}) VALUES (?{', ?' * len(SEARCHED)})",
        search_rows,
    )


def area_texts(track: Track, themes: Sequence[str]) -> list[Sequence[str]]:
    """A track's texts, area by area in the order of ``SEARCHED``; ``themes`` are
    the names of the themes that name the track."""
    return [
        [track.title, *track.alternate_titles],
        [credit.name for credit in track.performers],
        [credit.name for credit in track.writers],
        track.kinds,
        track.genres,
        themes,
        track.instruments,
        track.notes,
    ]


def padded(normalized: Sequence[str]) -> str:
    """An area's normalized values as search looks in them: each padded with a
    space and joined by "|", so that a word found between spaces lies inside one
    value; no values is the empty text.

    >>> padded(["its a town", "ben and bill"]), padded([])
    (' its a town | ben and bill ', '')
    """
    return f" {' | '.join(normalized)} " if normalized else ""


def unpadded(text: str) -> list[str]:
    """The normalized values of an area's text, as ``padded`` joined them.

    >>> unpadded(" its a town | ben and bill "), unpadded(""), unpadded("  ")
    (['its a town', 'ben and bill'], [], [''])
    """
    return text[1:-1].split(" | ") if text else []


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
