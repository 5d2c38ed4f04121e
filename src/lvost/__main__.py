"""``python -m lvost`` and the ``lvost`` command."""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Run lvost as a process: what ``lvost`` and ``python -m lvost`` start."""
    # Ctrl-C while the libraries are still loading must not show a traceback either.
    try:
        if os.environ.get("_LVOST_COMPLETE", "").startswith("complete_"):
            from lvost.cli.quickcomplete import respond

            respond()  # exits when it can answer; otherwise Typer does, below
        from lvost.cli.main import run

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
