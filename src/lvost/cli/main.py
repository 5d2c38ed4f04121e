"""The whole command line: the Typer app with every group of commands registered.

``app`` holds the application and lvost's one error path; each of ``explore``,
``files``, ``librarian`` and ``pictures`` adds its commands to it when imported here.
"""

from __future__ import annotations

from lvost.cli import explore, files, librarian, pictures  # noqa: F401  (they register their commands)
from lvost.cli.app import app, run

__all__ = ["app", "run"]
