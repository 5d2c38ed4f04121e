"""``python -m lvost`` and the ``lvost`` command."""

from __future__ import annotations

import os
import sys


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


entry = main
"""What the ``lvost`` command starts."""


if __name__ == "__main__":
    main()
