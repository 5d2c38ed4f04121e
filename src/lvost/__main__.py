"""``python -m lvost`` and the ``lvost`` command."""

from __future__ import annotations

import sys


def main() -> None:
    # Ctrl-C while the libraries are still loading must not show a traceback either.
    try:
        from lvost.cli import run

        run()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
