"""The commands that keep the library: soundtracks, add and remove."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lvost.cli import complete
from lvost.cli.app import FormatOption, JsonFlag, app, library_path, resolve_format, show_listing, write
from lvost.core.errors import DataFileError, UsageError
from lvost.core.text import counted, safe
from lvost.output import datafiles, listings


@app.command()
def soundtracks(
    fmt: FormatOption = None,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="NAMES",
            help="Choose and order the columns, by name (id, album, film, year, tracks, length).",
            autocompletion=complete.column_names("soundtracks"),
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """List the soundtracks in your library: id, album, film, year, tracks and known length.

    Examples: lvost soundtracks    lvost soundtracks --format csv
    """
    from lvost.questions.soundtracks import listed

    found = listed(library_path())
    show_listing(
        listings.soundtrack_listing(found), resolve_format(fmt, json), fields, "The library is empty."
    )


@app.command()
def add(
    files: Annotated[list[Path], typer.Argument(help="Soundtrack JSON files to add.", show_default=False)],
    slug: Annotated[
        str | None,
        typer.Option(
            "--id", metavar="ID", help="The id to add it under (one file only); else one from its album."
        ),
    ] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace a soundtrack already there.")] = False,
) -> None:
    """Add soundtrack files to your library, each checked first as validate checks it.

    Examples: lvost add my-film.json    lvost add --id amelie amelie.json    lvost add *.json
    """
    from lvost.format import datafile
    from lvost.questions import soundtracks

    if slug is not None and len(files) > 1:
        raise UsageError("--id names one soundtrack; give one file with it, or leave it out")
    if slug is not None:
        soundtracks.check_id(slug)  # before any file is read
    path = library_path()
    failed = 0
    for file in files:
        data, problems = datafile.check(file)
        if data is None:
            write(datafiles.problem_lines(file, problems))
            failed += 1
            continue
        added = soundtracks.add(path, data, slug, replace)
        write(safe(f"Added {file} as {added}: {counted(len(data.tracks), 'track')}") + "\n")
    if failed:
        raise DataFileError(
            f"{counted(failed, 'file')} had problems and {'was' if failed == 1 else 'were'} not added"
        )


@app.command()
def remove(
    slug: Annotated[str, typer.Argument(metavar="ID", help="The id of the soundtrack to take out.")],
) -> None:
    """Take a soundtrack out of your library (Leaving Las Vegas comes back with add).

    Example: lvost remove leaving-las-vegas
    """
    from lvost.questions import soundtracks

    soundtracks.remove(library_path(), slug)
    write(safe(f"Removed {slug}") + "\n")
