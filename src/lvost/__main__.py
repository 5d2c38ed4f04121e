"""``python -m lvost`` and the ``lvost`` command."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import NoReturn


def main() -> None:
    # Ctrl-C while the libraries are still loading must not show a traceback either.
    try:
        if os.environ.get("_LVOST_COMPLETE", "").startswith("complete_"):
            from lvost.quickcomplete import respond

            respond()  # exits when it can answer; otherwise Typer does, below
        from lvost.cli import run

        run()
    except KeyboardInterrupt:
        sys.exit(130)


def entry() -> NoReturn:
    """Run ``main`` as a process: what the ``lvost`` command starts.

    Once lvost has answered, the interpreter would free every object of every
    module one at a time before the process ends: after a large file, hundreds
    of thousands of them (tens of milliseconds), spent on memory the system
    takes back at once. So lvost flushes its output, runs the exit handlers,
    and ends there.
    """
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc.code)
    with contextlib.suppress(OSError):  # a reader that has gone (lvost tracks | head -1) is no error
        sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()
    os._exit(code)


def _exit_code(code: object) -> int:
    """What the interpreter itself would make of ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    entry()
