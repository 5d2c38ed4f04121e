"""Where lvost keeps the store it builds for a data file, so a file is validated
and indexed once.

Entries live in ``$LVOST_CACHE_DIR`` if it is set, else in the platform's cache
directory: ``$XDG_CACHE_HOME/lvost`` (``~/.cache/lvost``) on Linux and other
Unix systems, ``~/Library/Caches/lvost`` on macOS, ``%LOCALAPPDATA%\\lvost\\Cache``
on Windows. ``lvost cache --clear`` empties it; deleting the directory is as
good. ``LVOST_CACHE_DIR=`` (empty) turns caching off.

An entry is an SQLite database (see ``lvost.store``). It is used only when
everything it was made from is unchanged: the data file's path, device, inode,
size, modification and change times (and, for a file of up to a mebibyte, its
content), and the Python, Pydantic and lvost code that made it. Otherwise it is
made again. An entry that cannot be read is made again; one that cannot be
written is skipped. The cache never causes an error of its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
import sqlite3
import stat
import sys
import zlib
from pathlib import Path
from urllib.parse import quote

ENV = "LVOST_CACHE_DIR"
SUFFIX = ".sqlite"
CONTENT_KEYED_BYTES = 1024 * 1024
"""Files up to this size are keyed on their content too, so that a change that
leaves size and times as they were (a write through ``mmap``) is still seen."""
_CODE = Path(__file__).resolve().parents[1]
"""The lvost package: a change to any of its modules changes every key."""


def directory() -> Path | None:
    """Where entries are kept, or ``None`` when caching is turned off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "lvost" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "lvost"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lvost"


def entry(source: Path) -> Path | None:
    """Where the entry for ``source`` lives, or ``None`` when caching is off."""
    folder = directory()
    if folder is None:
        return None
    # The name only spreads entries out; the key stored inside says whose entry it is.
    where = str(source.resolve()).encode("utf-8", "surrogateescape")
    return folder / f"{zlib.crc32(where):08x}-{len(where)}{SUFFIX}"


_ENTRY_NAME = re.compile(rf"\.?[0-9a-f]{{8}}-[0-9]+{re.escape(SUFFIX)}(\..+\.tmp)?")
"""The name of an entry, or of what an interrupted write of one left behind (a
dot, the entry's name, ``mkstemp``'s letters and ``.tmp``)."""


def entries() -> list[Path]:
    """Every entry in the cache, and what an interrupted write left behind: files
    named as lvost names them, and nothing else that may share the folder."""
    folder = directory()
    if folder is None:
        return []
    try:
        found = [p for p in folder.iterdir() if _is_entry_name(p.name)]
    except OSError:
        return []
    return sorted(p for p in found if _is_file(p))


def _is_entry_name(name: str) -> bool:
    match = _ENTRY_NAME.fullmatch(name)
    return match is not None and (name.startswith(".") == (match.group(1) is not None))


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def usage() -> tuple[int, int]:
    """How many entries the cache holds, and their bytes."""
    found = entries()
    size = 0
    for path in found:
        with contextlib.suppress(OSError):  # gone since it was listed
            size += path.lstat().st_size
    return len(found), size


def clear() -> tuple[Path | None, int, int]:
    """Remove every entry; where they were, how many went, and how many could not."""
    removed = failed = 0
    for found in entries():
        try:
            found.unlink(missing_ok=True)
        except OSError:
            failed += 1
        else:
            removed += 1
    return directory(), removed, failed


def key(source: Path) -> str | None:
    """What an entry made from ``source`` now is made from, as text; ``None`` if it
    cannot be told. Take it before reading the file: a file that changes while it
    is read then never matches the entry made from it."""
    try:
        data = source.stat()
        content = _content(source) if data.st_size <= CONTENT_KEYED_BYTES else None
    except OSError:
        return None
    identity = [str(source.resolve()), data.st_dev, data.st_ino, data.st_size, data.st_mtime_ns]
    return json.dumps([sys.version, _libraries(), code_stamp(), *identity, data.st_ctime_ns, content])


def code_stamp() -> str:
    """What identifies lvost's own code: every module's name, size and time."""
    stamps = sorted(
        (str(p.relative_to(_CODE)), p.stat().st_size, p.stat().st_mtime_ns) for p in _CODE.rglob("*.py")
    )
    return hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


def _content(source: Path) -> str | None:
    if not source.is_file():
        return None  # a pipe or a device: reading it here would take what lvost is to read
    with source.open("rb") as stream:
        return hashlib.sha256(stream.read(CONTENT_KEYED_BYTES + 1)).hexdigest()


def _libraries() -> list[object]:
    """What identifies the installed Pydantic, which validated what an entry holds:
    where its modules are, and their version files' size and time (found, not
    imported: TAB completion opens entries too, and importing Pydantic would cost
    it more than all the rest)."""
    found: list[object] = []
    for name, module in (("pydantic", "version.py"), ("pydantic_core", "__init__.py")):
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        if origin is None:
            found.append(None)
            continue
        stamp = (origin.parent / module).stat()
        found.append([str(origin.parent), stamp.st_size, stamp.st_mtime_ns])
    return found


def is_regular(source: Path) -> bool:
    """Whether ``source`` is a regular file: a pipe or a device is read each time, not kept."""
    try:
        return stat.S_ISREG(source.stat().st_mode)
    except OSError:
        return False


def open_entry(entry: Path, made_from: str) -> sqlite3.Connection | None:
    """The entry, read-only, if it is the user's own regular file, made from
    ``made_from`` by this version of the store's tables; else ``None``."""
    from lvost.store.schema import VERSION

    try:
        handle = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
    finally:
        os.close(handle)
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    if not stat.S_ISREG(info.st_mode) or info.st_uid != owner or info.st_mode & 0o022:
        return None
    try:
        connection = sqlite3.connect(f"file:{quote(os.fsencode(entry))}?mode=ro", uri=True)
        rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return None
    if rows.get("schema_version") != str(VERSION) or rows.get("made_from") != made_from:
        connection.close()
        return None
    return connection


_NAMES = {
    "titles": "SELECT title FROM tracks ORDER BY soundtrack, number",
    "themes": "SELECT themes.slug FROM themes JOIN soundtracks ON soundtracks.id = themes.soundtrack"
    " ORDER BY soundtracks.slug, themes.position",
    "genres": "SELECT value FROM track_values WHERE field = 'genre' UNION SELECT genre FROM theme_genres"
    " ORDER BY 1",
}


_LIBRARY_TITLES = (
    "SELECT title FROM tracks JOIN soundtracks ON soundtracks.id = tracks.soundtrack"
    " ORDER BY soundtracks.slug, tracks.number"
)


def library_names(path: Path, kind: str) -> list[str] | None:
    """The titles, theme ids or genres (``kind``) of every soundtrack in the
    library at ``path``, for TAB completion; ``None`` for a library that is not
    of this lvost's version (or not one at all), which the slower way reads."""
    from lvost.store.schema import VERSION

    if not is_regular(path):
        return None
    try:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return None
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("kind") != "library" or meta.get("schema_version") != str(VERSION):
            return None
        sql = _LIBRARY_TITLES if kind == "titles" else _NAMES[kind]
        return [value for (value,) in connection.execute(sql)]
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def stored_names(source: Path, kind: str) -> list[str] | None:
    """The titles, theme ids or genres (``kind``) of the data file ``source``, from
    its current entry, for TAB completion; ``None`` without a current entry."""
    found, made_from = entry(source), key(source)
    connection = open_entry(found, made_from) if found and made_from else None
    if connection is None:
        return None
    try:
        return [value for (value,) in connection.execute(_NAMES[kind])]
    except sqlite3.Error:
        return None
    finally:
        connection.close()
