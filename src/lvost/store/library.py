"""The library: every soundtrack a user has added, in one SQLite database.

It is at ``--library PATH``, else ``$LVOST_LIBRARY``, else in the platform's
folder for a program's data (``platformdirs``). Reading never writes the file,
and a library not yet made reads as an empty one. Each change is one
``BEGIN IMMEDIATE`` transaction: a process killed in the middle leaves the
library as it was, and changes made at once by several processes land one
after another, each whole (the later ones wait for the lock). A library written
by a newer lvost is refused; a file that is not a library, or is damaged, is an
error that names it and says what to do.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lvost.core.errors import LvostError, StoreError
from lvost.format.models import SoundtrackFile
from lvost.store import schema, write

ENV = "LVOST_LIBRARY"

BUILT_IN = "leaving-las-vegas"
"""The id of the soundtrack lvost carries, in every library until it is removed."""
_HIDDEN = "built_in_removed"
"""The ``meta`` key that says the built-in soundtrack was removed."""

WAIT_SECONDS = 60.0
"""How long a change waits for another process's change to finish."""


def location(chosen: str | None = None) -> Path:
    """Where the library is: ``chosen`` (``--library``), else ``$LVOST_LIBRARY``,
    else ``library.db`` in the platform's data folder for lvost."""
    if chosen:
        return Path(chosen)
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    from platformdirs import user_data_path

    return user_data_path("lvost", appauthor=False) / "library.db"


@dataclass(frozen=True)
class Entry:
    """One soundtrack in the library, as ``soundtracks`` lists it."""

    slug: str
    album: str
    film: str | None
    year: int | None
    tracks: int
    known_seconds: int
    """The running time of the tracks whose length is known."""
    unknown: int
    """How many tracks have no known length."""


def open_for_reading(path: Path) -> sqlite3.Connection | None:
    """The library at ``path``, read-only; ``None`` when it has not been made (or
    is an empty file, which SQLite takes for an empty database).

    A change killed half-way leaves SQLite's journal beside the file, which only
    a connection that may write can roll back; that one step is taken first, so
    that reading finds the library as it was before the change."""
    try:
        if path.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(
            f"{path} cannot be read ({exc.strerror or exc}); give --library another path"
        ) from None
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give --library the path of a library file")
    if Path(f"{path}-journal").exists():
        _recover(path)
    try:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=WAIT_SECONDS)
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from None
    try:
        _check_version(path, connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _recover(path: Path) -> None:
    """Let SQLite roll back what a killed change left half-written."""
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=WAIT_SECONDS)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from None


def entries(connection: sqlite3.Connection, path: Path) -> list[Entry]:
    """Every soundtrack in the library, by id."""
    try:
        rows = connection.execute(
            "SELECT s.slug, s.album_title, s.film_title, s.year, count(t.id),"
            " coalesce(sum(t.duration_seconds), 0), count(t.id) - count(t.duration_seconds)"
            " FROM soundtracks s LEFT JOIN tracks t ON t.soundtrack = s.id GROUP BY s.id ORDER BY s.slug"
        ).fetchall()
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from None
    return [Entry(*row) for row in rows]


def add(path: Path, slug: str, data: SoundtrackFile, replace: bool = False) -> None:
    """Put ``data`` in the library as ``slug``; one already there (the built-in
    soundtrack included, unless it was removed) is replaced only with
    ``replace``. Makes the library (and its folder) if need be."""
    with _changing(path) as connection:
        found = stored_id(connection, slug)
        there = found is not None or (slug == BUILT_IN and not _built_in_hidden(connection))
        if there and not replace:
            raise LvostError(f'"{slug}" is already in the library; --replace replaces it')
        if found is not None:
            _delete(connection, found)
        if slug == BUILT_IN:
            connection.execute(f"DELETE FROM meta WHERE key = '{_HIDDEN}'")
        _index(connection, write.add(connection, slug, data))


def remove(path: Path, slug: str) -> None:
    """Take the soundtrack ``slug`` out of the library; the built-in one is
    hidden until a soundtrack is added under its id."""
    if slug != BUILT_IN and not path.exists():
        raise LvostError(f'"{slug}" is not in the library; lvost soundtracks lists what is')
    with _changing(path) as connection:
        found = stored_id(connection, slug)
        if found is not None:
            _delete(connection, found)
        elif slug != BUILT_IN or _built_in_hidden(connection):
            raise LvostError(f'"{slug}" is not in the library; lvost soundtracks lists what is')
        if slug == BUILT_IN:
            connection.execute(f"INSERT OR REPLACE INTO meta (key, value) VALUES ('{_HIDDEN}', '1')")


def shows_built_in(connection: sqlite3.Connection | None) -> bool:
    """Whether the built-in soundtrack is in the library as lvost carries it:
    not removed, and no soundtrack added under its id."""
    if connection is None:
        return True
    return not _built_in_hidden(connection) and stored_id(connection, BUILT_IN) is None


def stored_id(connection: sqlite3.Connection, slug: str) -> int | None:
    """The row id of the soundtrack ``slug`` stored in the library, if it is."""
    found = _one(connection, "SELECT id FROM soundtracks WHERE slug = ?", (slug,))
    return None if found is None else int(found[0])


def _built_in_hidden(connection: sqlite3.Connection) -> bool:
    return _one(connection, f"SELECT 1 FROM meta WHERE key = '{_HIDDEN}'") is not None


def _one(connection: sqlite3.Connection, sql: str, params: tuple[object, ...] = ()) -> Any:
    """The first row ``sql`` gives; a library SQLite cannot read is a ``StoreError``."""
    try:
        return connection.execute(sql, params).fetchone()
    except sqlite3.Error as exc:
        (_, _, name) = connection.execute("PRAGMA database_list").fetchone()
        raise _damaged(Path(name), exc) from None


@contextlib.contextmanager
def _changing(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection inside one write transaction on the library, committed when
    the block ends without an error and rolled back otherwise."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise StoreError(
            f"the folder of {path} cannot be made ({why}); give --library another path"
        ) from None
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give --library the path of a library file")
    try:
        connection = sqlite3.connect(path, timeout=WAIT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from None
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN IMMEDIATE")
        if _is_new(connection):
            schema.make(connection, kind="library")
        else:
            _check_version(path, connection)
        yield connection
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise _damaged(path, exc) from None
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


def _is_new(connection: sqlite3.Connection) -> bool:
    (tables,) = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return int(tables) == 0


def _check_version(path: Path, connection: sqlite3.Connection) -> None:
    try:
        rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise _damaged(path, exc) from None
        rows = {}
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from None
    if rows.get("kind") != "library" or not str(rows.get("schema_version", "")).isdigit():
        raise StoreError(f"{path} is not an lvost library; give --library the path of one, or of a new file")
    version = int(rows["schema_version"])
    if version > schema.VERSION:
        raise StoreError(
            f"{path} was written by a newer lvost (library version {version}; this lvost reads up to"
            f" {schema.VERSION}); upgrade lvost to use it"
        )
    # Older versions are upgraded here, step by step, once the tables first change.


def _has_index(connection: sqlite3.Connection) -> bool:
    (found,) = connection.execute("SELECT value = '1' FROM meta WHERE key = 'full_text'").fetchone()
    return bool(found)


def _delete(connection: sqlite3.Connection, owner: int) -> None:
    """Take one soundtrack's rows out, and its tracks out of the full-text index
    (an index over another table's text is told each text it must forget)."""
    _index(connection, owner, forget=True)
    connection.execute("DELETE FROM soundtracks WHERE id = ?", (owner,))


def _index(connection: sqlite3.Connection, owner: int, forget: bool = False) -> None:
    """Tell the full-text index, where there is one, of one soundtrack's tracks:
    to learn their texts, or (``forget``) to forget them. It indexes another
    table's text, so it must be given each text as the table holds it."""
    if not _has_index(connection):
        return
    texts = ", ".join(schema.SEARCHED)
    into, command = ("search_index, rowid", "'delete', ") if forget else ("rowid", "")
    connection.execute(
        f"INSERT INTO search_index ({into}, {texts}) SELECT {command}track, {texts} FROM search_text"
        " WHERE track IN (SELECT id FROM tracks WHERE soundtrack = ?)",
        (owner,),
    )


def damaged(path: Path, exc: sqlite3.Error) -> str:
    """What to say of the library at ``path`` that SQLite cannot read, and what to do."""
    return str(_damaged(path, exc))


def _damaged(path: Path, exc: sqlite3.Error) -> StoreError:
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return StoreError(f"{path} stayed busy with another change for {WAIT_SECONDS:g} s; try again")
    return StoreError(
        f"{path} cannot be read as an lvost library ({exc}); move it aside and add the soundtracks"
        " again, or give --library another path"
    )
