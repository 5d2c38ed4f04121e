"""The commands that keep the library (soundtracks, add, remove, export) and play from it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from lvost.cli import complete
from lvost.cli.app import (
    FLAG,
    FormatOption,
    IdOption,
    JsonFlag,
    QueryCommand,
    ReplaceFlag,
    SoundtrackOption,
    app,
    as_typed,
    library_path,
    load_catalog,
    resolve_format,
)
from lvost.cli.printing import batched, interactive_terminal, note, show_listing, write
from lvost.core.errors import DataFileError, LvostError, StoreError, UsageError
from lvost.core.text import counted, safe
from lvost.output import datafiles, listings


@app.command()
def soundtracks(
    fmt: FormatOption = None,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="A,B,...",
            help="Choose and order the columns, by name; 'help' lists the names.",
            autocompletion=complete.column_names("soundtracks"),
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """List the soundtracks in your library: id, album, film, year, tracks and known length.

    Examples:
    lvost soundtracks
    lvost soundtracks --format csv
    """
    from lvost.questions.soundtracks import listed

    found = listed(library_path())
    show_listing(
        listings.soundtrack_listing(found), resolve_format(fmt, json), fields, "The library is empty."
    )


@app.command()
def add(
    files: Annotated[
        list[Path], typer.Argument(help="Soundtrack JSON files to add.", show_default=False, readable=False)
    ],
    slug: IdOption = None,
    replace: ReplaceFlag = False,
) -> None:
    """Add soundtrack files to your library, each checked first as validate checks it.

    Examples:
    lvost add my-film.json
    lvost add --id amelie amelie.json
    lvost add *.json
    """
    from lvost.format import datafile
    from lvost.questions import soundtracks

    if slug is not None and len(files) > 1:
        raise UsageError("--id names one soundtrack; give one file with it, or leave it out")
    if slug is not None:
        soundtracks.check_id(slug)  # before any file is read
    path = library_path()
    watched = interactive_terminal() and len(files) > 1  # a bar for a person, a line a file for a log
    failed = 0
    added: list[str] = []  # told once they have landed: all of them land together, at the end
    with soundtracks.adding(path) as add_one, _progress(len(files) if watched else 0) as advance:
        for file in files:
            try:  # a file that cannot be read or added is told, and the others go on
                data, problems = datafile.check(file)
                if data is None:
                    write(datafiles.problem_lines(file, problems))
                    failed += 1
                else:
                    chosen = add_one(data, slug, replace)
                    tracks = counted(len(data.tracks), "track")
                    added.append(safe(f"Added {file} as {chosen}: {tracks}") + "\n")
            except StoreError:
                raise  # the library itself: no other file would fare better
            except LvostError as exc:
                if len(files) == 1:
                    raise
                note(f"Error: {exc}")
                failed += 1
            advance()
    if watched:
        write(f"Added {counted(len(added), 'soundtrack')} to {safe(str(path))}\n")
    else:
        for batch in batched(added, 500):
            write("".join(batch))
    if failed:
        were = "was" if failed == 1 else "were"
        raise DataFileError(f"{counted(failed, 'file')} had problems and {were} not added")


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for ``total`` steps (none for 0), and the call that
    advances it."""
    if not total:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Adding", total=total)
        yield lambda: progress.advance(task)


@app.command()
def remove(
    slug: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The id of the soundtrack to take out.", autocompletion=complete.soundtrack_ids
        ),
    ],
) -> None:
    """Take a soundtrack out of your library (Leaving Las Vegas comes back with add).

    Example:
    lvost remove leaving-las-vegas
    """
    from lvost.questions import soundtracks

    soundtracks.remove(library_path(), slug)
    write(safe(f"Removed {slug}") + "\n")


@app.command()
def export(
    slug: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="The soundtrack to write out; leave out with --all.",
            autocompletion=complete.soundtrack_ids,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="The file to write; without it the soundtrack is printed.",
            readable=False,
        ),
    ] = None,
    every: Annotated[
        Path | None,
        typer.Option(
            "--all",
            metavar="DIR",
            help="Write every soundtrack of the library into DIR, as ID.json.",
            readable=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", metavar=FLAG, help="Replace files that exist.")] = False,
) -> None:
    """Write soundtracks of your library out as soundtrack files, which validate and add back as they were.

    Examples:
    lvost export leaving-las-vegas -o llv.json
    lvost export --all ~/soundtracks
    """
    from lvost.cli.writing import destination, write_soundtrack
    from lvost.format.datafile import dumps
    from lvost.questions import soundtracks

    if (slug is None) == (every is None):
        raise UsageError("give a soundtrack's ID, or --all DIR for every one")
    if every is not None and output is not None:
        raise UsageError("--all writes one file per soundtrack into its folder; -o is for one ID")
    path = library_path()
    if slug is not None:
        data = soundtracks.exported(path, slug)
        if output is None:
            write(dumps(data))
        else:
            write_soundtrack(output, force, data)
        return
    assert every is not None
    if not every.is_dir():
        raise LvostError(f"{every} is not a folder; make it first, or give another")
    ids = soundtracks.ids(path)
    for each in ids:  # every file is checked before the first is written
        destination(every / f"{each}.json", force)
    for each in ids:
        write_soundtrack(every / f"{each}.json", force, soundtracks.exported(path, each))
    write(safe(f"Wrote {counted(len(ids), 'soundtrack')} to {every}") + "\n")


@app.command(cls=QueryCommand, context_settings={"ignore_unknown_options": True})
def play(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None, typer.Argument(help="Query terms, as tracks takes them.", show_default=False)
    ] = None,
    soundtrack: SoundtrackOption = None,
) -> None:
    """Play the tracks that match, in album order, with $LVOST_PLAYER, else mpv, else the system's player.

    Examples:
    lvost play -s night-music
    lvost play performer:sting
    """
    import subprocess
    import tempfile

    from lvost.output.playlists import m3u, not_played
    from lvost.questions.catalog import TrackFilter
    from lvost.questions.playing import PLAYER_ENV, opener, playable, player

    catalog = load_catalog(soundtrack)
    found = playable(catalog.select_tracks(TrackFilter(query=tuple(as_typed(ctx, query or ())))))
    for line in not_played(found.left):
        note(line)
    if not found.files:
        raise LvostError("nothing to play: none of these tracks has an audio file that is there")
    command = player()
    if command is None:  # the system's opener takes one file: hand it a playlist
        handle, name = tempfile.mkstemp(prefix="lvost-", suffix=".m3u")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(m3u(found.tracks)[0])
        command = [*opener(), name]
    else:
        command = [*command, *found.files]
    try:
        subprocess.run(command, check=False)
    except OSError as exc:
        raise LvostError(
            f"{command[0]} could not be started ({exc.strerror or exc}); set {PLAYER_ENV} to a player"
        ) from None
