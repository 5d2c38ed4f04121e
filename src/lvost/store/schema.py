"""The tables a store keeps: soundtracks, their tracks, credits, themes and sources,
and the text that search looks in.

One database can hold many soundtracks; every row names the soundtrack it
belongs to. What lvost shows is rebuilt from the ``data`` columns (a model as
JSON); the other columns are there to be asked questions of.
"""

from __future__ import annotations

import os
import sqlite3

VERSION = 2
"""Raised whenever a table, or what its rows mean, changes, so that a database
made by another lvost is told apart. (2: a library stores its copy of the
built-in soundtrack, and each soundtrack's counts; a soundtrack's themes and
sources are indexed by what owns them, so that one soundtrack among thousands is
read, and taken out, without reading the others'.)"""

WEIGHTS = {
    "title": 10,
    "performers": 8,
    "writers": 7,
    "kinds": 5,
    "genres": 5,
    "themes": 4,
    "instruments": 3,
    "notes": 2,
}
"""The areas search looks in, and how much a match in each counts; the order is
also the order matched areas are reported."""

SEARCHED = tuple(WEIGHTS)
"""The columns of ``search_text``: each holds one search area's normalized values."""

TABLES = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE soundtracks (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    album_title TEXT NOT NULL,
    film_title TEXT,
    year INTEGER,
    schema_url TEXT,
    header TEXT NOT NULL,  -- the soundtrack object: album, film, sources
    track_count INTEGER NOT NULL DEFAULT 0,  -- counted once its tracks are in, for listings
    known_seconds INTEGER NOT NULL DEFAULT 0,
    unknown_lengths INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tracks (
    id INTEGER PRIMARY KEY,
    soundtrack INTEGER NOT NULL REFERENCES soundtracks (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,  -- where the file lists it
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL,  -- the title as matching compares it
    artist_key TEXT,          -- the first performer, likewise, or NULL when there is none
    duration_seconds INTEGER,
    data TEXT NOT NULL,
    UNIQUE (soundtrack, number)
);
CREATE TABLE credits (
    track INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('performer', 'writer')),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    role TEXT
);
CREATE INDEX credits_by_track ON credits (track);
-- A track's kinds and genres, a row each. (Libraries made before held a row for
-- every listed value, notes and sources too: nothing asks for those, and the
-- CHECK still lets them be.)
CREATE TABLE track_values (
    track INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN ('alternate_title', 'kind', 'genre', 'instrument', 'note', 'source')),
    position INTEGER NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX track_values_by_track ON track_values (track);
CREATE INDEX track_values_by_value ON track_values (field, value);
CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    soundtrack INTEGER NOT NULL REFERENCES soundtracks (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (soundtrack, slug)
);
CREATE TABLE theme_genres (
    theme INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    genre TEXT NOT NULL
);
CREATE TABLE theme_tracks (
    theme INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    number INTEGER NOT NULL
);
CREATE TABLE sources (
    soundtrack INTEGER NOT NULL REFERENCES soundtracks (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    site TEXT,
    date TEXT
);
CREATE TABLE search_text (
    track INTEGER PRIMARY KEY REFERENCES tracks (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    performers TEXT NOT NULL,
    writers TEXT NOT NULL,
    kinds TEXT NOT NULL,
    genres TEXT NOT NULL,
    themes TEXT NOT NULL,
    instruments TEXT NOT NULL,
    notes TEXT NOT NULL
);
"""

INDEXES = (
    "CREATE INDEX IF NOT EXISTS theme_genres_by_theme ON theme_genres (theme)",
    "CREATE INDEX IF NOT EXISTS theme_tracks_by_theme ON theme_tracks (theme, number)",
    "CREATE INDEX IF NOT EXISTS sources_by_soundtrack ON sources (soundtrack)",
    "CREATE INDEX IF NOT EXISTS soundtracks_listed ON soundtracks"
    " (slug, album_title, film_title, year, track_count, known_seconds, unknown_lengths)",
)
"""Indexes made with the tables. Version 2 added the first three, so an upgrade
from version 1 makes them; the last (what ``lvost soundtracks`` lists, in order,
without reading each soundtrack's whole row) came later, and any change to a
library makes the ones it lacks. An index changes no row, so no version."""

FULL_TEXT = """
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, performers, writers, kinds, genres, themes, instruments, notes,
    content = 'search_text', content_rowid = 'track', tokenize = 'trigram case_sensitive 1'
);
"""
"""SQLite's full-text index over ``search_text``, by runs of three characters, so
that it finds a word anywhere inside a text, as search does. It only narrows the
rows to score: every answer is checked against ``search_text`` itself."""


def has_full_text(connection: sqlite3.Connection) -> bool:
    """Whether this SQLite has FTS5 with its trigram tokenizer (3.34 and later,
    where it was compiled in; some Python builds leave FTS5 out)."""
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.probe USING fts5 (x, tokenize = 'trigram')")
    except sqlite3.OperationalError:
        return False
    connection.execute("DROP TABLE temp.probe")
    return True


def make(connection: sqlite3.Connection, **meta: str) -> bool:
    """Make the tables in an empty database, with the full-text index where this
    SQLite has it (and ``LVOST_NO_FULL_TEXT`` does not turn it off), and write the
    version, whether there is an index, and ``meta``; whether there is. The caller
    holds the transaction."""
    full_text = has_full_text(connection) and not os.environ.get("LVOST_NO_FULL_TEXT")
    for statement in statements(full_text):
        connection.execute(statement)
    rows = {"schema_version": str(VERSION), "full_text": "1" if full_text else "0", **meta}
    connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", rows.items())
    return full_text


def statements(full_text: bool) -> list[str]:
    """The statements that make the tables, one by one (a transaction can hold
    them, where ``executescript`` would commit first)."""
    script = TABLES + "".join(f"{index};" for index in INDEXES) + (FULL_TEXT if full_text else "")
    return [s for s in script.split(";") if s.strip()]
