"""The commands that explore a soundtrack: tracks, show, themes, search, about."""

from __future__ import annotations

import os
import shlex
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from lvost.cli import complete
from lvost.cli.app import (
    FormatOption,
    GenreOption,
    JsonFlag,
    OneJsonFlag,
    QueryCommand,
    SoundtrackOption,
    app,
    as_typed,
    library_path,
    load_catalog,
    resolve_format,
)
from lvost.cli.printing import console, interactive_terminal, plain_wanted, show, show_json, show_listing
from lvost.core.errors import LvostError, UsageError
from lvost.output import listings
from lvost.questions.catalog import TrackFilter
from lvost.questions.shelf import Shelf

SCREENFUL = 25
"""How many matches a search shows on a terminal unless --limit says otherwise."""

QUERY_SETTINGS = {"ignore_unknown_options": True}
"""Lets "-kind:score" reach the query instead of being read as an option."""

QUERY_HELP = (
    "Query terms: words match anywhere; qualifier:value (title, performer, writer, artist, kind, "
    "genre, theme, note, instrument) matches one; a leading - or ^ excludes."
)


class Sort(str, Enum):
    NUMBER = "number"
    TITLE = "title"
    ARTIST = "artist"


def _fields_option(kind: str) -> object:
    return typer.Option(
        "--fields",
        metavar="A,B,...",
        help=f"Choose and order the columns, by field name (for {kind}); 'help' lists the names.",
        autocompletion=complete.column_names(kind),
    )


@app.command(cls=QueryCommand, context_settings=QUERY_SETTINGS)
def tracks(
    ctx: typer.Context,
    query: Annotated[list[str] | None, typer.Argument(help=QUERY_HELP, show_default=False)] = None,
    genre: GenreOption = None,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            help="Only tracks of this kind: song, score or dialogue.",
            autocompletion=complete.kinds,
        ),
    ] = None,
    artist: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Only tracks whose performer or writer has this in their name."),
    ] = None,
    theme: Annotated[
        str | None,
        typer.Option(
            metavar="THEME",
            help="Only tracks that carry this theme (id or name).",
            autocompletion=complete.themes,
        ),
    ] = None,
    sort: Annotated[
        Sort, typer.Option(metavar="number|title|artist", help="Order of the rows.")
    ] = Sort.NUMBER,
    fmt: FormatOption = None,
    fields: Annotated[str | None, _fields_option("tracks")] = None,
    json: JsonFlag = False,
    soundtrack: SoundtrackOption = None,
) -> None:
    """List the tracks, with filters and query terms.

    Examples:
    lvost tracks --kind song
    lvost tracks performer:sting ^lonesome
    lvost tracks --fields number,title --format csv
    """
    catalog = load_catalog(soundtrack)
    chosen = resolve_format(fmt, json)
    which = TrackFilter(genre, kind, artist, theme, sort.value, tuple(as_typed(ctx, query or ())))
    # Rows for scripts are printed as they are read: a large catalog is never held whole.
    streamed = chosen in ("tsv", "plain", "jsonl")
    empty = "No tracks match these filters."
    if isinstance(catalog, Shelf):
        placed = catalog.each_placed(which)
        show_listing(
            listings.placed_listing(catalog, placed if streamed else list(placed)), chosen, fields, empty
        )
        return
    found = catalog.each_selected(which) if streamed else catalog.select_tracks(which)
    show_listing(listings.track_listing(catalog, found), chosen, fields, empty)


@app.command("show")
def show_track(
    track: Annotated[
        str,
        typer.Argument(
            metavar="TRACK",
            help="A track number, or a title or part of one (any case).",
            autocompletion=complete.titles,
        ),
    ],
    json: OneJsonFlag = False,
    soundtrack: SoundtrackOption = None,
) -> None:
    """Show everything known about one track.

    Examples:
    lvost show "Angel Eyes"
    lvost show 19
    lvost show "its a lonesome"
    """
    from lvost.output import views

    catalog = load_catalog(soundtrack)
    if isinstance(catalog, Shelf):
        placed = catalog.find_placed(track)
        one = catalog.one(placed.soundtrack)
        if json:
            show_json({"soundtrack": placed.soundtrack, **listings.track_detail_data(one, placed.track)})
        else:
            show(views.track_view(one, placed.track, placed=True))
        return
    found = catalog.find_track(track)
    if json:
        show_json(listings.track_detail_data(catalog, found))
    else:
        show(views.track_view(catalog, found))


@app.command()
def themes(
    theme: Annotated[
        str | None,
        typer.Argument(
            help="One theme's id or name; leave out to list them all.", autocompletion=complete.themes
        ),
    ] = None,
    genre: GenreOption = None,
    fmt: FormatOption = None,
    fields: Annotated[str | None, _fields_option("themes")] = None,
    json: JsonFlag = False,
    soundtrack: SoundtrackOption = None,
) -> None:
    """List the themes (our interpretation), or show one and its tracks.

    Examples:
    lvost themes --genre blues
    lvost themes loneliness
    """
    from lvost.output import views

    catalog = load_catalog(soundtrack)
    if isinstance(catalog, Shelf):
        raise catalog.needs_one("lvost themes")
    if theme is not None:
        if fields is not None:
            raise UsageError("--fields chooses the columns of the list of themes; leave it out to show one")
        if fmt is not None and fmt.value not in ("json", "table"):  # table: the view, as on a terminal
            raise UsageError(
                f"one theme is shown whole, not as rows: --format {fmt.value} is for the list of themes;"
                " --format json gives the one for scripts"
            )
        one = catalog.find_theme(theme)
        if json or (fmt is not None and fmt.value == "json"):
            show_json(listings.theme_data(one))
        else:
            show(views.theme_view(catalog, one, console().width))
        return
    found = catalog.select_themes(genre)
    show_listing(
        listings.theme_listing(catalog, found), resolve_format(fmt, json), fields, listings.no_themes(catalog)
    )


@app.command(cls=QueryCommand, context_settings=QUERY_SETTINGS)
def search(
    ctx: typer.Context,
    query: Annotated[list[str] | None, typer.Argument(help=QUERY_HELP, show_default=False)] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Show at most this many matches.")
    ] = None,
    fmt: FormatOption = None,
    fields: Annotated[str | None, _fields_option("search")] = None,
    json: JsonFlag = False,
    soundtrack: SoundtrackOption = None,
) -> None:
    """Search titles, performers, writers, genres, themes and notes; best matches first.

    Examples:
    lvost search sting
    lvost search blues ben --limit 3
    lvost search kind:song ^sting
    """
    from lvost.questions.search import best

    chosen = resolve_format(fmt, json)
    if limit is None and chosen == "table":
        limit = SCREENFUL  # a terminal gets the best matches, and is told how many more there are
    catalog = load_catalog(soundtrack)
    across = isinstance(catalog, Shelf)
    if not query and fields is not None and fields.strip() == "help":  # the names need no search
        show_listing(listings.hit_listing(catalog, "", iter(()), 0, 0, across), chosen, fields, "")
    query = as_typed(ctx, query or [])
    found = best(catalog, query, limit)
    listing = listings.hit_listing(catalog, " ".join(query), found.hits, found.shown, found.total, across)
    show_listing(listing, chosen, fields, "No matches.")


@app.command(cls=QueryCommand, context_settings=QUERY_SETTINGS)
def songs(
    ctx: typer.Context,
    query: Annotated[list[str] | None, typer.Argument(help=QUERY_HELP, show_default=False)] = None,
    fmt: FormatOption = None,
    fields: Annotated[str | None, _fields_option("songs")] = None,
    json: JsonFlag = False,
    soundtrack: SoundtrackOption = None,
) -> None:
    """List the songs, each with its recordings on every soundtrack that has it.

    Recordings are one song when their titles match (as lookups match them) and
    their writers agree where both name them.

    Examples:
    lvost songs
    lvost songs "angel eyes"
    lvost songs performer:sting --format m3u
    """
    from lvost.questions.songs import songs as find_songs

    catalog = load_catalog(soundtrack)
    found = find_songs(catalog, as_typed(ctx, query or ()))
    show_listing(listings.song_listing(found), resolve_format(fmt, json), fields, "No songs match.")


@app.command()
def about(soundtrack: SoundtrackOption = None, json: OneJsonFlag = False) -> None:
    """Tell the story of the album and the film: label, credits, recording, sources.

    Example:
    lvost about
    """
    from lvost.output import views

    catalog = load_catalog(soundtrack)
    if isinstance(catalog, Shelf):
        raise catalog.needs_one("lvost about")
    if json:
        show_json(listings.about_data(catalog))
    else:
        show(views.about_view(catalog))


def textual_install(prefix: str = sys.prefix, python: str = sys.executable) -> str:
    """The command that adds Textual to the environment lvost runs in: pipx's or
    uv's for a tool they installed, else pip run by lvost's own Python (lvost is
    not on the package index, so "pip install 'lvost[tui]'" finds nothing).

    >>> textual_install("/home/u/.local/share/pipx/venvs/lvost", "/x/bin/python")
    'pipx inject lvost textual'
    >>> textual_install("/home/u/.local/share/uv/tools/lvost", "/x/bin/python")
    'uv tool install --reinstall --with textual PATH-OF-YOUR-LVOST-CLONE'
    >>> textual_install("/home/u/lvost/.venv", "/home/u/lvost/.venv/bin/python")
    "/home/u/lvost/.venv/bin/python -m pip install 'textual>=1.0'"
    """
    parts = Path(prefix).parts
    if "pipx" in parts and "venvs" in parts:
        return "pipx inject lvost textual"
    if "uv" in parts and "tools" in parts:
        return "uv tool install --reinstall --with textual PATH-OF-YOUR-LVOST-CLONE"
    return f"{shlex.quote(python)} -m pip install 'textual>=1.0'"


@app.command()
def browse(soundtrack: SoundtrackOption = None) -> None:
    """Wander through the soundtrack in a full-screen view.

    The tracklist, each track's details, a filter as you type, and the themes;
    with several soundtracks in the library, first the list of them.
    Needs a terminal, and Textual (the tui extra; without it, browse says how to add it).

    Example:
    lvost browse
    """
    if not interactive_terminal():
        raise LvostError(
            "lvost browse needs an interactive terminal; 'lvost tracks' and 'show' work anywhere"
        )
    catalog = load_catalog(soundtrack)  # a bad data file is reported here, before the screen changes
    try:
        from lvost.browse.app import BACK_TO_SHELVES, Browser
        from lvost.browse.shelves import Shelves
    except ImportError:
        raise LvostError(f"lvost browse needs Textual; install it with: {textual_install()}") from None
    if plain_wanted():
        os.environ["NO_COLOR"] = "1"  # how Textual is told, --no-color included
    if not isinstance(catalog, Shelf):
        Browser(catalog).run()
        return
    from lvost.questions.soundtracks import listed

    entries = listed(library_path())
    chosen: str | None = None
    while (chosen := Shelves(entries, chosen).run()) is not None:
        if Browser(catalog.one(chosen), back=True).run() != BACK_TO_SHELVES:
            return
