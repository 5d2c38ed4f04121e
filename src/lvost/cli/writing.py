"""Writing a soundtrack file where the user asked: through a link, never over a
folder or a device, and whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from lvost.core.atomic import replacing
from lvost.core.errors import LvostError
from lvost.format.models import SoundtrackFile


def destination(output: Path, force: bool) -> Path:
    """The path the new file is renamed onto: ``output``, or the file a link there leads to.

    A rename replaces the directory entry it lands on: onto a link it would swap the
    link for a file and leave the link's file as it was, onto a device or a pipe it
    would swap that (``/dev/null`` or ``/dev/stdout`` for root). So a link is written
    through, and anything that is not a regular file is refused. A link whose file is
    missing still exists: it is followed only with --force.
    """
    try:
        entry = output.lstat()
    except (FileNotFoundError, NotADirectoryError):
        if not output.parent.is_dir():
            raise LvostError(
                f"the folder {output.parent} does not exist; make it first, or write elsewhere"
            ) from None
        return output
    except OSError as exc:
        raise LvostError(f"{output} cannot be checked ({_reason(exc)}); write elsewhere") from None
    if stat.S_ISLNK(entry.st_mode):
        return _through_link(output, force)
    _require_regular(f"{output} is", entry.st_mode)
    if not force:
        raise LvostError(f"{output} exists; --force replaces it")
    return output


def _through_link(link: Path, force: bool) -> Path:
    """The file a link leads to, when lvost may replace that file's contents."""
    # realpath, not Path.resolve: on Python 3.11 resolve raises RuntimeError on a loop
    target = Path(os.path.realpath(link))
    try:
        followed = link.stat()
    except (FileNotFoundError, NotADirectoryError):
        return _through_dangling_link(link, target, force)
    except OSError as exc:  # a loop of links, or a folder on the way that cannot be entered
        raise LvostError(
            f"{link} is a link that cannot be followed ({_reason(exc)}); give the path of the file itself"
        ) from None
    _require_regular(f"{link} is a link to", followed.st_mode)
    if not force:
        raise LvostError(f"{link} exists; --force replaces it")
    # A link in /proc (/dev/stdout of a shell's redirection) names its file in a way
    # realpath cannot always spell back; write only where the name leads to that file.
    try:
        same = os.path.samestat(target.lstat(), followed)
    except OSError:
        same = False
    if not same:
        raise LvostError(f"{link} is a link lvost cannot follow; give the path of the file itself")
    return target


def _through_dangling_link(link: Path, target: Path, force: bool) -> Path:
    if not force:
        raise LvostError(f"{link} is a link to {target}, which does not exist; --force writes it there")
    if not target.parent.is_dir():
        raise LvostError(
            f"{link} is a link to {target}, whose folder does not exist; make it first, or write elsewhere"
        )
    return target


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def _require_regular(subject: str, mode: int) -> None:
    """Refuse what a rename must not replace; ``subject`` says which path, and how it was reached."""
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise LvostError(f"{subject} {kind}, which lvost will not replace; give the path of a file to write")


def write_soundtrack(output: Path, force: bool, data: SoundtrackFile) -> None:
    """Write ``data`` to ``output`` whole or not at all, or raise LvostError and change nothing."""
    # Checked again: the read may have taken minutes, and the rename replaces what is there now.
    target = destination(output, force)
    from lvost.format.datafile import dumps

    text = dumps(data)
    try:
        with replacing(target, keep_mode=True) as temporary:
            temporary.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LvostError(f"{output} could not be written ({_reason(exc)}); nothing was changed") from None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
