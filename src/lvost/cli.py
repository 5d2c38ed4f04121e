"""The command line: parse, ask the catalog, hand the answer to a renderer, print once."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from enum import Enum
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, RenderableType
from typer._click.core import ParameterSource
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.globals import get_current_context as click_context
from typer.core import TyperGroup

from lvost import datafile, render, views
from lvost.catalog import Catalog, TrackFilter
from lvost.errors import DataFileError, ExitCode, LvostError
from lvost.search import search as run_search
from lvost.words import counted


class LvostGroup(TyperGroup):
    """Typer's group, with lvost's one error path around every command."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = run_guarded(
            lambda: super(LvostGroup, self).main(args, prog_name, complete_var, False, **extra)
        )
        if standalone_mode:
            sys.exit(code)
        return code


def run_guarded(invoke: Callable[[], object]) -> int:
    """Run a command; turn every error a user can cause into one line on stderr and an exit code."""
    try:
        result = invoke()
    except LvostError as exc:
        return _fail(str(exc), exc.exit_code)
    except NoArgsIsHelpError as exc:
        typer.echo(exc.format_message(), nl=False)
        return ExitCode.OK
    except UsageError as exc:
        hint = f" See '{exc.ctx.command_path} --help'." if exc.ctx else ""
        # Typer checks values with Pydantic, whose messages read differently from ours.
        message = exc.format_message().replace("Value error, ", "").replace("Input should", "it should")
        return _fail(f"{message.rstrip('.')}.{hint}", ExitCode.USAGE)
    except ClickException as exc:
        return _fail(exc.format_message(), exc.exit_code)
    except typer.Abort:
        return _fail("aborted", ExitCode.ERROR)
    return result if isinstance(result, int) else ExitCode.OK


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"Error: {render.safe(message)}\n")
    return code


app = typer.Typer(
    cls=LvostGroup,
    name="lvost",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Explore a film soundtrack: Leaving Las Vegas (1995), or your own data file.",
    epilog='Examples:  lvost tracks --genre jazz   lvost show "Angel Eyes"   lvost search sting',
)

DATA_ENV = "LVOST_DATA"
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


class Sort(str, Enum):
    NUMBER = "number"
    TITLE = "title"
    ARTIST = "artist"


def _print(renderable: RenderableType) -> None:
    console = Console(highlight=False)
    with console.capture() as captured:
        console.print(renderable)
    # Rich pads every line to the full width; trailing spaces only get in the way.
    sys.stdout.write("".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines()))


def _width() -> int:
    return Console().width


def _print_json(value: object) -> None:
    typer.echo(render.to_json(value))


def _version(show: bool) -> None:
    if show:
        typer.echo(f"lvost {version('lvost')}")
        raise typer.Exit()


@app.callback()
def main(
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar=DATA_ENV,
            metavar="PATH",
            help="A soundtrack JSON file to explore instead of Leaving Las Vegas.",
        ),
    ] = None,
    show_version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Explore a film soundtrack: Leaving Las Vegas (1995), or your own data file."""


def _data_path() -> tuple[Path | None, str | None]:
    """The data file chosen by --data or LVOST_DATA (the option wins), and how to name it.

    Neither, or an empty value, means the embedded soundtrack.
    """
    root = click_context().find_root()
    value = root.params.get("data")
    if not value:
        return None, None
    from_env = root.get_parameter_source("data") is ParameterSource.ENVIRONMENT
    return Path(value), f"{DATA_ENV}={value}" if from_env else None


def _catalog() -> Catalog:
    path, label = _data_path()
    return Catalog.load(path, label)


def _note(message: str) -> None:
    """A remark for the person at the terminal, kept out of the data on stdout."""
    sys.stderr.write(f"{render.safe(message)}\n")


@app.command()
def tracks(
    genre: Annotated[str | None, typer.Option(help="Only tracks of this genre (any case).")] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only tracks of this kind: song, score or dialogue.")
    ] = None,
    artist: Annotated[
        str | None, typer.Option(help="Only tracks whose performer or writer has this in their name.")
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Only tracks that carry this theme (id or name).")] = None,
    sort: Annotated[Sort, typer.Option(help="Order of the rows.")] = Sort.NUMBER,
    json: JsonFlag = False,
) -> None:
    """List the tracks, with filters.

    Examples: lvost tracks --kind song    lvost tracks --artist mercer --json
    """
    catalog = _catalog()
    found = catalog.select_tracks(TrackFilter(genre, kind, artist, theme, sort.value))
    if json:
        _print_json([render.track_data(t) for t in found])
    elif not found:
        _note("No tracks match these filters.")
    else:
        _print(render.tracks_table(found, catalog.album.title, _width()))


@app.command()
def show(
    track: Annotated[
        str, typer.Argument(metavar="TRACK", help="A track number, or a title or part of one (any case).")
    ],
    json: JsonFlag = False,
) -> None:
    """Show everything known about one track.

    Examples: lvost show "Angel Eyes"    lvost show 19    lvost show "its a lonesome"
    """
    catalog = _catalog()
    found = catalog.find_track(track)
    if json:
        _print_json(render.track_detail_data(catalog, found))
    else:
        _print(views.track_view(catalog, found))


@app.command()
def themes(
    theme: Annotated[
        str | None, typer.Argument(help="One theme's id or name; leave out to list them all.")
    ] = None,
    genre: Annotated[str | None, typer.Option(help="Only themes carried by this genre (any case).")] = None,
    json: JsonFlag = False,
) -> None:
    """List the themes (our interpretation), or show one and its tracks.

    Examples: lvost themes --genre blues    lvost themes loneliness
    """
    catalog = _catalog()
    if theme is not None:
        one = catalog.find_theme(theme)
        if json:
            _print_json(render.theme_data(one))
        else:
            _print(views.theme_view(catalog, one))
        return
    found = catalog.themes_with_genre(genre) if genre is not None else catalog.themes
    if json:
        _print_json([render.theme_data(th) for th in found])
    elif not found:
        _note("No themes are carried by that genre." if catalog.themes else "This soundtrack has no themes.")
    else:
        _print(views.themes_view(catalog, found))


@app.command()
def search(
    query: Annotated[list[str], typer.Argument(help="Words to look for; a track must match them all.")],
    limit: Annotated[int | None, typer.Option(min=1, help="Show at most this many matches.")] = None,
    json: JsonFlag = False,
) -> None:
    """Search titles, performers, writers, genres, themes and notes; best matches first.

    Examples: lvost search sting    lvost search blues ben --limit 3
    """
    text = " ".join(query)
    hits = run_search(_catalog(), text)
    shown = hits[:limit] if limit else hits
    if json:
        _print_json([render.hit_data(h) for h in shown])
    else:
        _print(render.search_table(text, shown, len(hits)))


@app.command()
def about(json: JsonFlag = False) -> None:
    """Tell the story of the album and the film: label, credits, recording, sources.

    Example: lvost about
    """
    catalog = _catalog()
    if json:
        _print_json(catalog.data.soundtrack.model_dump(mode="json"))
    else:
        _print(views.about_view(catalog))


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
    target = path or _data_path()[0] or datafile.embedded_path()
    data, problems = datafile.check(target)
    if data is None:
        typer.echo(render.problem_lines(target, problems), nl=False)
        raise DataFileError(f"{target} has {counted(len(problems), 'problem')}")
    typer.echo(render.validation_summary(target, data))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the soundtrack format, for editors and other tools.

    Example: lvost schema > soundtrack.schema.json
    """
    _print_json(render.json_schema())


def run() -> None:
    """The console script's entry point."""
    app()
