"""The command line: parse, ask the catalog, hand the answer to a renderer, print once.

``app`` holds the Typer application and lvost's one error path; each other module
adds a group of commands to it.
"""

from __future__ import annotations

from lvost.cli import explore, files, pictures  # noqa: F401  (they register their commands)
from lvost.cli.app import app, run

__all__ = ["app", "run"]
