"""The library: every soundtrack a user has added, in one SQLite database.

It is at ``--library PATH``, else ``$LVOST_LIBRARY``, else in the platform's
folder for a program's data (``platformdirs``). Reading never writes the file,
and a library not yet made reads as an empty one. Each change is one
``BEGIN IMMEDIATE`` transaction: a process killed in the middle leaves the
library as it was, and changes made at once by several processes land one
after another, each whole (the later ones wait for the lock). A library written
by a newer lvost is refused, and one by an older lvost is upgraded in place by
the next change (and read through an upgraded copy in memory until then); a
file that is not a library, or is damaged, is an error that names it and says
what to do.

Leaving Las Vegas, which lvost carries, is in every library from the start:
the change that makes the library stores it, as lvost's own copy, which later
changes renew when lvost carries different data; ``remove`` takes it out, and
an ``add`` under its id stores the user's soundtrack in its place.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from lvost.core.errors import LvostError, StoreError
from lvost.core.names import BUILT_IN, embedded_path
from lvost.format.models import SoundtrackFile
from lvost.store import schema, write

ENV = "LVOST_LIBRARY"

_OWN_COPY = "built_in_digest"
"""The ``meta`` key that says the soundtrack under ``BUILT_IN`` is lvost's own
copy, and of which data (a digest of the file lvost carries)."""
_HIDDEN = "built_in_removed"
"""The ``meta`` key by which a version 1 library said the built-in soundtrack was
removed (version 1 kept no copy of it)."""

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


class Entry(NamedTuple):
    """One soundtrack in the library, as ``soundtracks`` lists it. (A named tuple:
    made three times quicker than a frozen dataclass, for libraries of thousands.)"""

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
    # SQLite keeps the journal beside the file itself, wherever a link to it is.
    if Path(f"{os.path.realpath(path)}-journal").exists():
        _recover(path)
    try:
        # A path's bytes as they are, which need not be UTF-8 (os.fsencode gives them back).
        where = quote(os.fsencode(path))
        connection = sqlite3.connect(f"file:{where}?mode=ro", uri=True, timeout=WAIT_SECONDS)
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from None
    try:
        version = _check_version(path, connection)
        if version < schema.VERSION:
            return _upgraded_copy(path, connection, version)
    except BaseException:
        connection.close()
        raise
    return connection


def _upgraded_copy(path: Path, connection: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """An older library, copied into memory and upgraded there: what reading it
    finds until the next change upgrades the file itself."""
    copy = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.backup(copy)
        connection.close()
        copy.execute("BEGIN")
        _upgrade(copy, version)
        copy.execute("COMMIT")
    except sqlite3.Error as exc:
        copy.close()
        raise _damaged(path, exc) from None
    return copy


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
            "SELECT slug, album_title, film_title, year, track_count, known_seconds, unknown_lengths"
            " FROM soundtracks ORDER BY slug"
        ).fetchall()
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from None
    return list(map(Entry._make, rows))


def add(path: Path, slug: str, data: SoundtrackFile, replace: bool = False) -> None:
    """Put ``data`` in the library as ``slug``; one already there (the built-in
    soundtrack included, unless it was removed) is replaced only with
    ``replace``. Makes the library (and its folder) if need be."""
    with adding(path) as put:
        put(slug, data, replace)


Put = Callable[[str, SoundtrackFile, bool], None]
"""Adds one soundtrack (id, data, whether to replace) inside ``adding``'s change."""


@contextlib.contextmanager
def adding(path: Path) -> Iterator[Put]:
    """One change to the library that adds soundtracks, each as ``add`` does: all
    of them land when the block ends, none if it is killed or fails; an add that
    fails on its own (an id already there) takes nothing of its soundtrack in and
    leaves the others be. Adding many files in one change saves each its own
    wait for the disk. The change begins with the first soundtrack given, and
    one that adds nothing leaves the library as it was (not made, not upgraded)."""
    with contextlib.ExitStack() as stack:
        adder = _Adder(path, stack)
        yield adder.put
        adder.finish()


class _NothingAddedError(Exception):
    """Ends a change that added nothing, so that it is rolled back."""


class _Adder:
    """The soundtracks ``adding`` puts in, in one change made when the first comes."""

    def __init__(self, path: Path, stack: contextlib.ExitStack) -> None:
        self.path = path
        self.stack = stack
        self.connection: sqlite3.Connection | None = None
        self.unindexed: list[int] = []
        """The soundtracks added, whose texts the full-text index learns at the
        end, all at once: several times quicker than one soundtrack at a time."""

    def put(self, slug: str, data: SoundtrackFile, replace: bool) -> None:
        if self.connection is None:
            self.stack.enter_context(contextlib.suppress(_NothingAddedError))
            self.connection = self.stack.enter_context(_changing(self.path))
        connection = self.connection
        found = stored_id(connection, slug)
        if found is not None and not replace:
            raise LvostError(f'"{slug}" is already in the library; --replace replaces it')
        connection.execute("SAVEPOINT one")
        try:
            if found is not None:
                _delete(connection, found, indexed=found not in self.unindexed)
            owner = _put(connection, slug, data, index=False, own=slug == BUILT_IN and data == _carried())
        except BaseException:
            # SQLite may have rolled the whole change back itself (a full disk):
            # then there is no savepoint left, and the first error is the one to tell.
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK TO one")
                connection.execute("RELEASE one")
            raise
        connection.execute("RELEASE one")
        if found in self.unindexed:
            self.unindexed.remove(found)
        self.unindexed.append(owner)

    def finish(self) -> None:
        """Teach the index what was added; with nothing added, undo the change."""
        if self.connection is None:
            return
        if not self.unindexed:
            raise _NothingAddedError
        _index(self.connection, self.unindexed)


def remove(path: Path, slug: str) -> None:
    """Take the soundtrack ``slug`` out of the library (the built-in one too,
    until a soundtrack is added under its id)."""
    if slug != BUILT_IN and not path.exists():
        raise LvostError(f'"{slug}" is not in the library; lvost soundtracks lists what is')
    with _changing(path) as connection:
        found = stored_id(connection, slug)
        if found is None:
            raise LvostError(f'"{slug}" is not in the library; lvost soundtracks lists what is')
        _delete(connection, found)
        if slug == BUILT_IN:
            connection.execute(f"DELETE FROM meta WHERE key = '{_OWN_COPY}'")


def own_copy_is_stale(connection: sqlite3.Connection) -> bool:
    """Whether the library's copy of Leaving Las Vegas is lvost's own, made from
    other data than this lvost carries (an earlier release's); the next change
    renews it."""
    found = _one(connection, f"SELECT value FROM meta WHERE key = '{_OWN_COPY}'")
    return found is not None and found[0] != _digest()


def is_own_copy(connection: sqlite3.Connection | None) -> bool:
    """Whether the library's Leaving Las Vegas is the one lvost carries (or,
    with no library made yet, would be)."""
    return connection is None or _one(connection, f"SELECT 1 FROM meta WHERE key = '{_OWN_COPY}'") is not None


def stored_id(connection: sqlite3.Connection, slug: str) -> int | None:
    """The row id of the soundtrack ``slug`` stored in the library, if it is."""
    found = _one(connection, "SELECT id FROM soundtracks WHERE slug = ?", (slug,))
    return None if found is None else int(found[0])


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
    made_here = not path.exists()
    try:
        connection = sqlite3.connect(path, timeout=WAIT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise _damaged(path, exc) from None
    committed = False
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN IMMEDIATE")
        if _is_new(connection):
            schema.make(connection, kind="library")
            _put(connection, BUILT_IN, _carried(), own=True)
        else:
            version = _check_version(path, connection)
            if version < schema.VERSION:
                _upgrade(connection, version)
            _renew_own_copy(connection)
            for index in schema.INDEXES:  # those a library made by an earlier lvost lacks
                connection.execute(index)
        yield connection
        connection.execute("COMMIT")
        committed = True
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
        if made_here and not committed:  # a library this change began and did not make
            with contextlib.suppress(OSError):
                if path.stat().st_size == 0:
                    path.unlink()


def _is_new(connection: sqlite3.Connection) -> bool:
    (tables,) = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return int(tables) == 0


def _check_version(path: Path, connection: sqlite3.Connection) -> int:
    """The version of the library, which this lvost can read; else a ``StoreError``."""
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
    return version


def _upgrade(connection: sqlite3.Connection, version: int) -> None:
    """Bring a library of an older ``version`` up to this one, step by step, in
    the caller's transaction.

    Version 1 kept no copy of the built-in soundtrack (unless one was added under
    its id) and said so when it was removed, and counted each soundtrack's tracks
    as it was listed; version 2 stores the copy and the counts."""
    if version < 2:
        connection.execute("DROP INDEX theme_tracks_by_number")
        for column in ("track_count", "known_seconds", "unknown_lengths"):
            connection.execute(f"ALTER TABLE soundtracks ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
        for index in schema.INDEXES:
            connection.execute(index)
        write.count(connection)
        removed = _one(connection, f"SELECT 1 FROM meta WHERE key = '{_HIDDEN}'") is not None
        if not removed and stored_id(connection, BUILT_IN) is None:
            _put(connection, BUILT_IN, _carried(), own=True)
        connection.execute(f"DELETE FROM meta WHERE key = '{_HIDDEN}'")
    connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(schema.VERSION),))


def _put(
    connection: sqlite3.Connection, slug: str, data: SoundtrackFile, own: bool = False, index: bool = True
) -> int:
    """Store ``data`` as ``slug``, and (with ``index``) tell the full-text index of
    it; its row id. ``own`` marks it as lvost's own copy of the built-in soundtrack."""
    owner = write.add(connection, slug, data)
    if index:
        _index(connection, [owner])
    if slug == BUILT_IN:
        connection.execute(f"DELETE FROM meta WHERE key = '{_OWN_COPY}'")
        if own:
            connection.execute(f"INSERT INTO meta (key, value) VALUES ('{_OWN_COPY}', ?)", (_digest(),))
    return owner


def _renew_own_copy(connection: sqlite3.Connection) -> None:
    """Put the data lvost carries in place of its own copy, when that differs."""
    owner = stored_id(connection, BUILT_IN)
    if owner is not None and own_copy_is_stale(connection):
        _delete(connection, owner)
        _put(connection, BUILT_IN, _carried(), own=True)


@functools.cache
def _carried() -> SoundtrackFile:
    """The Leaving Las Vegas data lvost carries."""
    from lvost.format.datafile import load

    return load(embedded_path())


def _digest() -> str:
    return hashlib.sha256(embedded_path().read_bytes()).hexdigest()


def _has_index(connection: sqlite3.Connection) -> bool:
    (found,) = connection.execute("SELECT value = '1' FROM meta WHERE key = 'full_text'").fetchone()
    return bool(found)


def _delete(connection: sqlite3.Connection, owner: int, indexed: bool = True) -> None:
    """Take one soundtrack's rows out, and its tracks out of the full-text index
    (an index over another table's text is told each text it must forget)."""
    if indexed:
        _index(connection, [owner], forget=True)
    connection.execute("DELETE FROM soundtracks WHERE id = ?", (owner,))


def _index(connection: sqlite3.Connection, owners: list[int], forget: bool = False) -> None:
    """Tell the full-text index, where there is one, of the tracks of the
    soundtracks ``owners``: to learn their texts, or (``forget``) to forget them.
    It indexes another table's text, so it must be given each text as the table
    holds it."""
    if not owners or not _has_index(connection):
        return
    texts = ", ".join(schema.SEARCHED)
    into, command = ("search_index, rowid", "'delete', ") if forget else ("rowid", "")
    connection.execute(
        f"INSERT INTO search_index ({into}, {texts}) SELECT {command}track, {texts} FROM search_text"
        " WHERE track IN (SELECT id FROM tracks WHERE soundtrack IN (SELECT value FROM json_each(?)))",
        (json.dumps(owners),),
    )


def _is_sqlite(path: Path) -> bool:
    """Whether ``path`` begins as every SQLite database does (a damaged one too)."""
    try:
        with path.open("rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def damaged(path: Path, exc: sqlite3.Error) -> str:
    """What to say of the library at ``path`` that SQLite cannot read, and what to do."""
    return str(_damaged(path, exc))


def _damaged(path: Path, exc: sqlite3.Error) -> StoreError:
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return StoreError(f"{path} stayed busy with another change for {WAIT_SECONDS:g} s; try again")
    if isinstance(exc, sqlite3.OperationalError) and "full" in str(exc):
        return StoreError(
            f"no room left on the disk of {path} ({exc}); nothing was changed: free some space and try again"
        )
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
        return StoreError(
            f"{path} cannot be changed ({exc}): it, or its folder, is read-only;"
            " nothing was changed: make it writable, or give --library another path"
        )
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in str(exc) and not _is_sqlite(path):
        return StoreError(f"{path} is not an lvost library ({exc}); give --library the path of one")
    return StoreError(
        f"{path} cannot be read as an lvost library ({exc}); move it aside and add the soundtracks"
        " again, or give --library another path"
    )
