"""``python -m lvost`` and the ``lvost`` command."""

from __future__ import annotations

import gc
import os
import signal
import sys


def ends_cleanly_on_signals() -> None:
    """Let a polite request to stop (SIGTERM, as ``kill`` sends; SIGHUP, as a
    closed terminal sends) unwind lvost like an error: a write in progress is
    thrown away, never left as a temporary file, and the exit code is the
    shell's usual 128 + the signal's number."""

    def end(number: int, _frame: object) -> None:
        raise SystemExit(128 + number)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)  # Windows has no SIGHUP
        if number is not None:
            signal.signal(number, end)


def main() -> None:
    """Run lvost as a process: what ``lvost`` and ``python -m lvost`` start."""
    # Loading the libraries makes objects that live as long as lvost does; a
    # collection among them finds nothing, yet walks them all, again and again
    # (a sixth of listing 10,000 soundtracks). So none runs until they are
    # loaded, and then they are set aside: a command's own garbage is still collected.
    gc.disable()
    ends_cleanly_on_signals()
    # Ctrl-C while the libraries are still loading must not show a traceback either.
    try:
        request = os.environ.get("_LVOST_COMPLETE", "")
        if request.startswith("complete_"):
            from lvost.cli.quickcomplete import respond

            respond()  # exits when it can answer; otherwise Typer does, below
        elif request.removeprefix("source_") in ("bash", "zsh", "fish"):
            from lvost.cli.shells import script  # lvost's scripts, not Typer's

            sys.stdout.write(script(request.removeprefix("source_")))
            return
        from lvost.cli.main import run

        gc.freeze()
        gc.enable()
        run()
    except KeyboardInterrupt:
        from lvost.core.errors import ExitCode  # standard library only: cheap here too

        sys.exit(ExitCode.INTERRUPTED)
    finally:
        # As the interpreter ends it collects once more, walking every object the
        # libraries made (Pydantic's validators, Typer's commands): a tenth of a
        # short command's time. Nothing lvost made needs collecting by then.
        gc.freeze()


entry = main
"""What the ``lvost`` command starts."""


if __name__ == "__main__":
    main()
