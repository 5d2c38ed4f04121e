"""What lvost prints, and where: data to stdout (through a pager when it is long
and a person reads it), remarks to stderr, tables drawn for the terminal's width."""

from __future__ import annotations

import contextlib
import errno
import io
import itertools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, TextIO

from rich.console import Console, RenderableType

from lvost.cli import root
from lvost.core.errors import LvostError
from lvost.core.text import as_json, safe
from lvost.output import listings
from lvost.output.formats import Format
from lvost.output.tables import Laid


class ReaderGoneError(Exception):
    """The reader of stdout closed it (``lvost tracks | head -1``); not an error of ours."""


class OutputError(LvostError):
    """Standard output takes no more (a full disk, ``>/dev/full``, a closed descriptor)."""


def console() -> Console:
    """A console for stdout, made at call time so tests and COLUMNS set its width.

    Rich draws no styles in pipes and with TERM=dumb; --no-color and NO_COLOR
    draw none anywhere (no bold or underline either: the output is plain).
    """
    return Console(
        highlight=False,
        color_system=None if plain_wanted() else "auto",
        width=_unusable_columns(),
    )


def plain_wanted() -> bool:
    """Whether the user asked for output without colours or styles."""
    return root.current().no_color or bool(os.environ.get("NO_COLOR"))


def _unusable_columns() -> int | None:
    """80 when COLUMNS says the terminal has no width at all (0), which would
    leave nothing to print in; else ``None``, for Rich to find the width."""
    raw = os.environ.get("COLUMNS", "").strip()
    return 80 if raw.isdigit() and int(raw) == 0 else None


def interactive_terminal() -> bool:
    """Whether a person is at a terminal that can show a full-screen view or a progress bar."""
    return (
        sys.stdin.isatty()
        and sys.stdout.isatty()
        and sys.stderr.isatty()
        and os.environ.get("TERM") != "dumb"
    )


def write(text: str) -> None:
    """Print text as it is; a reader that has gone away ends lvost quietly."""
    out = guarded(sys.stdout)
    out.write(text)
    out.flush()


def guarded(stream: TextIO | None) -> GuardedOutput:
    """Standard output ``stream`` as ``GuardedOutput`` (once); ``None``, as Python
    leaves it when started with it closed, as ``ClosedOutput``."""
    if isinstance(stream, GuardedOutput):
        return stream
    return GuardedOutput(stream if stream is not None else ClosedOutput())


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """A failure to write standard output as lvost's: a reader gone, or one line."""
    try:
        yield
    except BrokenPipeError:
        raise ReaderGoneError from None
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise OutputError(f"the output cannot be written ({why}); give lvost a file or a pipe") from None


class GuardedOutput:
    """Standard output whose failures are lvost's: a reader gone (``| head -1``)
    ends quietly, a full disk or a device that takes nothing is one line, whoever
    writes (lvost, Rich, or Typer's help)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with _writing():
            return self._stream.write(text)

    def flush(self) -> None:
        with _writing():
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class ClosedOutput(io.StringIO):
    """Where standard output would be, when lvost was started with it closed
    (``>&-``): writing there fails as a descriptor that is not open does, so that
    help, too, says so rather than nothing."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "it is closed")


def show(renderable: RenderableType, out: Console | None = None) -> None:
    out = out or console()
    with out.capture() as captured:
        out.print(renderable)
    # Rich pads every line to the full width; trailing spaces only get in the way.
    show_text("".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines()))


def show_text(text: str) -> None:
    """Print ``text``, drawn for a terminal, through the pager when it is long."""
    if _pages(text):
        _page(text)
    else:
        write(text)


def _pages(text: str) -> bool:
    """Whether ``text`` goes through a pager: taller than the terminal a person
    reads it on (stdin and stdout both one), and not --no-pager."""
    if root.current().no_pager or not (_is_terminal(sys.stdout) and _is_terminal(sys.stdin)):
        return False
    import shutil

    return text.count("\n") >= shutil.get_terminal_size().lines


def _page(text: str) -> None:
    """Show ``text`` through $PAGER (else less, keeping colours and leaving short
    text on the screen); set to "" or "cat", or not found, it is printed."""
    import shlex
    import signal
    import subprocess

    try:
        command = shlex.split(os.environ.get("PAGER", "less -FRX"))
    except ValueError:  # an open quote: no pager to start, as when it is not found
        command = []
    if not command or command == ["cat"]:
        write(text)
        return
    environ = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(
            command, stdin=subprocess.PIPE, env=environ, encoding="utf-8", errors="replace"
        )
    except OSError:
        write(text)
        return
    # Ctrl-C belongs to the pager while it shows the text (less uses it to stop a search).
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader left the pager before the end
            pager.stdin.write(text)
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, before)


def show_json(value: object) -> None:
    write(as_json(value) + "\n")


def batched(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    """``lines`` in lists of ``size`` (the last may be shorter)."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def note(message: str) -> None:
    """A remark for the person at the terminal, kept out of the data on stdout."""
    sys.stderr.write(f"{safe(message)}\n")


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal, which gets a table: as Rich tells it, save that
    FORCE_COLOR (colour in a pipe, say for a pager) does not make a pipe a terminal;
    TTY_COMPATIBLE=1 or 0 says it outright."""
    said = os.environ.get("TTY_COMPATIBLE", "")
    if said in ("0", "1"):
        return said == "1"
    return _is_terminal(sys.stdout)


def _is_terminal(stream: Any) -> bool:
    """Whether ``stream``'s descriptor is a terminal; a stream with none (as in
    tests) is not."""
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, ValueError, OSError):
        return False


def show_listing(rows: listings.Listing[Any], fmt: Format, fields: str | None, empty: str) -> None:
    """Print ``rows`` in ``fmt``; with nothing to show, a table or plain rows say so on stderr."""
    out = console()
    if not isinstance(rows.rows, Sequence):  # rows as they come: is there a first one?
        first = next(rows.rows, None)
        rows = replace(rows, rows=[] if first is None else itertools.chain([first], rows.rows))
    if fmt == "m3u":
        from lvost.output.playlists import left_out

        text, left = listings.playlist(rows)
        write(text)
        if left:
            note(left_out(left))
        return
    shown = listings.listing(rows, fmt, fields, out.width)
    if not rows.rows and fmt in ("table", "plain"):
        note(empty)
    elif isinstance(shown, str):
        write(shown)
    elif isinstance(shown, Laid):
        from lvost.output.drawing import draw

        show_text(draw(shown, out))
    else:
        for batch in batched(shown, 500):  # a long listing reaches a pipe as it is made
            write("".join(batch))
