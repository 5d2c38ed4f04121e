"""Replacing a file whole or not at all: the one way lvost writes a file in place."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

_ROOM = 200
"""The longest target name, in bytes, that the temporary file's name repeats."""


@contextlib.contextmanager
def replacing(target: Path, keep_mode: bool = False) -> Iterator[Path]:
    """A new, empty file beside ``target`` to write; when the block ends without
    an error it takes ``target``'s place.

    A reader sees the old file or the new one, never half of one. The data reaches
    the disk before the rename, so a crash cannot leave a short file under the
    name. On any error, Ctrl-C included, the new file goes and ``target`` is left
    as it was. With ``keep_mode`` the new file gets the permissions of the one it
    replaces (a new one, what the umask allows); without, it stays readable by its
    owner alone, as ``mkstemp`` made it.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with replacing(folder / "a.txt") as new:
    ...     _ = new.write_text("whole")
    >>> (folder / "a.txt").read_text(), [p.name for p in folder.iterdir()]
    ('whole', ['a.txt'])
    """
    # The temporary name is the target's with a few more letters; a name near the
    # system's limit (255 bytes) has no room for them, and gets a short one instead.
    prefix = f".{target.name}." if len(os.fsencode(target.name)) <= _ROOM else ".lvost."
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("r+b") as stream:  # Windows syncs only what it may write
            os.fsync(stream.fileno())
        if keep_mode:
            _keep_mode(temporary, target)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):  # the first error is the one to report
            temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _keep_mode(temporary: Path, target: Path) -> None:
    """The replaced file's permissions; a new file gets what the umask allows, as
    one made by ``open`` would."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    temporary.chmod(mode)  # a path, not os.fchmod: Windows has no fchmod


def _sync_folder(folder: Path) -> None:
    """Make the rename itself reach the disk: best effort, as not every system can sync a folder."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)
