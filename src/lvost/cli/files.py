"""The commands about data files themselves: validate and schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lvost.cli.app import FLAG, IdOption, ReplaceFlag, app, data_path
from lvost.cli.printing import show_json, write
from lvost.core.errors import DataFileError, LvostError, UsageError
from lvost.core.names import embedded_path
from lvost.core.text import counted, safe, size_text
from lvost.output import datafiles


@app.command()
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The soundtrack JSON file to check; leave out to check the one in use.", readable=False
        ),
    ] = None,
) -> None:
    """Check a soundtrack file and list every problem in it, with its line.

    Examples:
    lvost validate my-film.json
    lvost --data my-film.json validate
    """
    from lvost.format import datafile

    target = path or data_path()[0] or embedded_path()
    data, problems = datafile.check(target)
    if data is None:
        write(datafiles.problem_lines(target, problems))
        raise DataFileError(datafiles.problem_count(target, problems))
    write(datafiles.validation_summary(target, data) + "\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the soundtrack format, for editors and other tools.

    Example:
    lvost schema > soundtrack.schema.json
    """
    show_json(datafiles.json_schema())


@app.command("cache")
def cache_command(
    clear: Annotated[bool, typer.Option("--clear", metavar=FLAG, help="Remove every entry.")] = False,
) -> None:
    """Say where lvost keeps the stores it builds for data files, or empty that place.

    Examples:
    lvost cache
    lvost cache --clear
    """
    from lvost.store import cache

    if clear:
        folder, removed, failed = cache.clear()
        if folder is not None:
            write(safe(f"Removed {counted(removed, 'entry', 'entries')} from {folder}") + "\n")
        if failed:
            left = counted(failed, "entry", "entries")
            raise LvostError(f"{left} in {folder} could not be removed; check the folder's permissions")
        return
    folder = cache.directory()
    if folder is None:
        write(f"Caching is off ({cache.ENV} is set and empty).\n")
        return
    entries, size = cache.usage()
    write(safe(f"{folder}: {counted(entries, 'entry', 'entries')}, {size_text(size)}") + "\n")


@app.command("import")
def import_folder(
    folder: Annotated[
        Path, typer.Argument(help="The folder of audio files (discs may be subfolders).", readable=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write a soundtrack file instead of adding to your library.",
            readable=False,
        ),
    ] = None,
    merge_with: Annotated[
        Path | None,
        typer.Option(
            "--merge",
            metavar="FILE",
            help="Fill in what this soundtrack file does not know instead.",
            readable=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", metavar=FLAG, help="Replace the -o file if it exists.")
    ] = False,
    slug: IdOption = None,
    replace: ReplaceFlag = False,
) -> None:
    """Add a folder of audio files to your library as a soundtrack, or write it as a file.

    Reads MP3, FLAC, Ogg, Opus, M4A and WAV files with their tags, real lengths and
    where they are; with --merge, fills in an existing soundtrack file with only what
    it does not know (lengths first).

    Examples:
    lvost import ~/Music/LLV
    lvost import ~/Music/LLV -o llv.json
    lvost import ~/Music/LLV --merge llv.json -o llv-full.json
    """
    from lvost.cli.importer import run_import

    if output is not None and (slug is not None or replace):
        raise UsageError(
            "--id and --replace are for the library; with -o a file is written, and --force replaces it"
        )
    if output is None and force:
        raise UsageError("--force replaces an -o file; in the library, --replace replaces a soundtrack")
    run_import(folder, output, merge_with, force, slug, replace)
