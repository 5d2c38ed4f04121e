"""Opening the store for a data file: from the cache when it is current, else
built anew, in one transaction, and kept for next time.

A build goes to a new file beside the entry and is renamed over it only once it
is whole, so a process killed while building leaves nothing a later run trusts,
and two processes building the same entry at once each answer from their own.
An entry that cannot be opened, is damaged, was made from anything else or by
another lvost, or is not the user's own, is made again; the cache never causes
an error of its own.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from lvost.core.atomic import replacing
from lvost.format.models import SoundtrackFile
from lvost.store import cache, schema, write

SLUG = ""
"""The id of the one soundtrack in a store made from a file: none (a file's
soundtrack has no id, so a soundtrack: term matches its album title alone)."""


def open_store(source: Path, name: str | None = None) -> sqlite3.Connection:
    """A read-only connection to the store of the data file ``source``
    (validated, and named ``name`` in errors, when it must be built)."""
    entry = cache.entry(source) if cache.is_regular(source) else None
    made_from = cache.key(source) if entry is not None else None
    if entry is not None and made_from is not None:
        kept = cache.open_entry(entry, made_from)
        if kept is not None:
            return kept
    from lvost.format import datafile  # only when the cache cannot answer

    data = datafile.load(source, name)
    if entry is not None and made_from is not None:
        with contextlib.suppress(OSError, sqlite3.Error):
            _build_entry(entry, data, made_from)
            kept = cache.open_entry(entry, made_from)
            if kept is not None:
                return kept
    return in_memory(data)


def in_memory(data: SoundtrackFile) -> sqlite3.Connection:
    """A store of ``data`` that lives as long as the connection."""
    connection = sqlite3.connect(":memory:")
    fill(connection, data, made_from="")
    return connection


def fill(connection: sqlite3.Connection, data: SoundtrackFile, made_from: str) -> None:
    """Make the tables and write ``data`` into an empty database, all in one transaction."""
    connection.isolation_level = None  # transactions as written here, not as sqlite3 guesses
    connection.execute("BEGIN")
    try:
        full_text = schema.make(connection, made_from=made_from)
        write.add(connection, SLUG, data)
        if full_text:
            connection.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _build_entry(entry: Path, data: SoundtrackFile, made_from: str) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with replacing(entry) as temporary:  # readers see the old entry or the new one, never half
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # the file is new: a failed build is thrown away
            fill(connection, data, made_from)
        finally:
            connection.close()
