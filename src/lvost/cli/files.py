"""The commands about data files themselves: validate and schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lvost import render
from lvost.cli.app import app, data_path, show_json, write
from lvost.errors import DataFileError
from lvost.names import embedded_path
from lvost.text import counted


@app.command()
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(help="The soundtrack JSON file to check; leave out to check the one in use."),
    ] = None,
) -> None:
    """Check a soundtrack file and list every problem in it, with its line.

    Examples: lvost validate my-film.json    lvost --data my-film.json validate
    """
    from lvost import datafile

    target = path or data_path()[0] or embedded_path()
    data, problems = datafile.check(target)
    if data is None:
        write(render.problem_lines(target, problems))
        raise DataFileError(f"{target} has {counted(len(problems), 'problem')}")
    write(render.validation_summary(target, data) + "\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the soundtrack format, for editors and other tools.

    Example: lvost schema > soundtrack.schema.json
    """
    show_json(render.json_schema())
