"""What lvost keeps between runs, so a data file is validated and indexed once.

Entries live in ``$LVOST_CACHE_DIR`` if it is set, else in the platform's cache
directory: ``$XDG_CACHE_HOME/lvost`` (``~/.cache/lvost``) on Linux and other
Unix systems, ``~/Library/Caches/lvost`` on macOS, ``%LOCALAPPDATA%\\lvost\\Cache``
on Windows. ``lvost cache --clear`` empties it; deleting the directory is as
good. ``LVOST_CACHE_DIR=`` (empty) turns caching off.

An entry is used only when everything it was made from is unchanged: the data
file's path, device, inode, size, modification and change times, and the
Python, Pydantic and lvost code that made it (the modules that read and check
files). Otherwise it is made again. An entry that cannot be read is made again;
one that cannot be written is skipped. The cache never causes an error of its own.

Entries are pickles, read only when the current user owns them and no one else
can write them.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

ENV = "LVOST_CACHE_DIR"
_FORMAT = 1
_CODE = Path(__file__).resolve().parent
_MAKERS = (
    *("cache.py", "catalog.py", "datafile.py", "index.py", "lean.py", "links.py"),
    *("matching.py", "models.py", "names.py", "query.py", "search.py", "shapes.py", "text.py"),
)
"""The modules whose code decides what an entry holds (the catalog, what its
models accept, and the texts and normalization of the search index); a change to
any of them (an upgrade, an edit) makes every entry stale."""


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


def load(source: Path, kind: str) -> Any | None:
    """The ``kind`` entry made from ``source`` as it is now, or ``None``."""
    entry = _entry(source, kind)
    now = key(source)
    if entry is None or now is None:
        return None
    try:
        with entry.open("rb") as stream:
            info = os.fstat(stream.fileno())
            if info.st_uid != _uid() or info.st_mode & 0o022:
                return None
            stored_key, value = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return value if stored_key == now else None


def store(source: Path, kind: str, value: Any, made_from: Key | None) -> None:
    """Keep ``value`` as the ``kind`` entry for ``source``; quietly skipped if it cannot be.

    ``made_from`` is ``key(source)`` taken before ``source`` was read: if the file
    changed since, the entry never matches it."""
    entry = _entry(source, kind)
    if entry is None or made_from is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((made_from, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(entry)  # readers see the old entry or the new one, never half
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return


def clear() -> tuple[Path | None, int]:
    """Remove every entry; where they were, and how many went."""
    folder = directory()
    removed = 0
    if folder is not None and folder.is_dir():
        for entry in folder.glob("*.pickle"):
            entry.unlink(missing_ok=True)
            removed += 1
    return folder, removed


def _entry(source: Path, kind: str) -> Path | None:
    folder = directory()
    if folder is None:
        return None
    # The name only spreads entries out; the key stored inside says whose entry it is.
    where = str(source.resolve()).encode("utf-8", "surrogateescape")
    return folder / f"{zlib.crc32(where):08x}-{len(where)}.{kind}.pickle"


Key = tuple[object, ...]


def key(source: Path) -> Key | None:
    """What an entry made from ``source`` now is made from; ``None`` if it cannot be told."""
    try:
        data = source.stat()
        code = [(name, (_CODE / name).stat().st_mtime_ns, (_CODE / name).stat().st_size) for name in _MAKERS]
    except OSError:
        return None
    identity = (
        str(source.resolve()),
        data.st_dev,
        data.st_ino,
        data.st_size,
        data.st_mtime_ns,
        data.st_ctime_ns,
    )
    return (_FORMAT, sys.version, _pydantic_version(), tuple(code), identity)


def _pydantic_version() -> str:
    from pydantic.version import VERSION

    return VERSION


def _uid() -> int:
    getuid = getattr(os, "getuid", None)
    return getuid() if getuid else 0
