"""The Typer application, its global options, its one error path, and output."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, RenderableType
from typer.core import TyperCommand, TyperGroup

from lvost.cli import complete
from lvost.core.errors import Answered, ExitCode, LvostError, UsageError
from lvost.core.matching import suggest
from lvost.core.text import as_json, safe
from lvost.output import listings
from lvost.output.formats import Format
from lvost.output.tables import Laid
from lvost.questions.catalog import Catalog

DATA_ENV = "LVOST_DATA"

FLAG = ""
"""The metavar of an option that takes no value: none (Typer would show "<bool>")."""


class ReaderGoneError(Exception):
    """The reader of stdout closed it (``lvost tracks | head -1``); not an error of ours."""


@dataclass
class RootOptions:
    """The options given before the command, as the main callback received them."""

    data: str | None = None
    data_from_env: bool = False
    """Whether ``data`` came from LVOST_DATA rather than --data, so errors can say so."""
    no_color: bool = False
    library: str | None = None
    no_pager: bool = False


_root = RootOptions()
"""The root options of the run in progress: the main callback sets them, and every run
starts and ends with the defaults. (Typer's way to reach the current context from
anywhere is private, so the callback keeps what the commands need here.)"""


def _set_root(options: RootOptions) -> None:
    global _root
    _root = options


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
        _set_root(RootOptions())
        try:
            code = run_guarded(
                lambda: super(LvostGroup, self).main(args, prog_name, complete_var, False, **extra)
            )
        finally:
            _set_root(RootOptions())
        if standalone_mode:
            sys.exit(code)
        return code

    def get_params(self, ctx: Any) -> list[Any]:
        """The options, with lvost's --install-completion and --show-completion in
        place of Typer's (whose scripts lvost writes better: ``cli/shells.py``)."""
        return [p for p in super().get_params(ctx) if p.name not in _TYPERS_COMPLETION]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Show the help for ``lvost`` alone, and succeed.

        Typer would raise an error to show it, one that it keeps private; ending the
        run here with ``typer.Exit`` says the same without naming it. (``ctx`` is
        Typer's vendored Click context, whose class is private too.)
        """
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            write(ctx.get_help())
            raise typer.Exit(ExitCode.OK)
        return super().parse_args(ctx, args)


def run_guarded(invoke: Callable[[], object]) -> int:
    """Run a command; turn every error a user can cause into one line on stderr and an exit code."""
    try:
        result = invoke()
    except Answered as answered:
        try:
            write(answered.answer)
        except ReaderGoneError:
            return _reader_gone()
        return ExitCode.OK
    except LvostError as exc:
        return _fail(str(exc), exc.exit_code)
    except typer.TyperException as exc:
        # Typer's own errors (a usage error, a bad value, a file it cannot open) are
        # classes of its vendored Click, which it keeps private: asking to have them
        # public was declined (fastapi/typer#1867). Their public base, TyperException,
        # carries what we need: the message, and the exit code, 2 for a usage error,
        # whose context (when there is one) names the command to ask for --help.
        if exc.exit_code != ExitCode.USAGE:
            return _fail(exc.format_message(), exc.exit_code)
        ctx = getattr(exc, "ctx", None)
        hint = f" See '{ctx.command_path} --help'." if ctx is not None else ""
        # Typer checks values with Pydantic, whose messages read differently from ours.
        message = exc.format_message().replace("Value error, ", "").replace("Input should", "it should")
        ended = message if message.endswith(("?", "!")) else f"{message.rstrip('.')}."
        return _fail(f"{ended}{hint}", ExitCode.USAGE)
    except typer.Abort:
        return _fail("aborted", ExitCode.ERROR)
    except ReaderGoneError:
        return _reader_gone()
    except SystemExit as exc:
        # Click ends with status 1 when the reader of its help goes away
        # (lvost --help | head -1); the pipe error it ended on is the exit's context.
        context = exc.__context__
        if isinstance(context, BrokenPipeError) or (
            isinstance(context, OSError) and context.errno == errno.EPIPE
        ):
            return _reader_gone()
        raise
    return result if isinstance(result, int) else ExitCode.OK


def _reader_gone() -> int:
    # Point stdout at nothing, so the interpreter's last flush cannot complain.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return ExitCode.OK


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"Error: {safe(message)}\n")
    return code


app = typer.Typer(
    cls=LvostGroup,
    name="lvost",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},  # -h is help everywhere, as in git and gh
    help="Explore a film soundtrack: Leaving Las Vegas (1995), or your own data file.",
    epilog='Examples:\nlvost tracks --genre jazz\nlvost show "Angel Eyes"\nlvost search sting',
)


_TYPERS_COMPLETION = ("install_completion", "show_completion")


def _install_completion(wanted: bool) -> None:
    if not wanted:
        return
    from lvost.cli import shells

    shell = shells.detected()
    where = shells.install(shell, Path.home())
    write(f"{shell} completion is set up in {safe(str(where))}; it takes effect in a new terminal.\n")
    raise typer.Exit()


def _show_completion(wanted: bool) -> None:
    if wanted:
        from lvost.cli import shells

        write(shells.script(shells.detected()))
        raise typer.Exit()


def _version(show: bool) -> None:
    if show:
        from importlib.metadata import version

        write(f"lvost {version('lvost')}\n")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar=DATA_ENV,
            metavar="PATH",
            help="A soundtrack JSON file to explore instead of Leaving Las Vegas.",
        ),
    ] = None,
    library: Annotated[
        str | None,
        typer.Option(
            "--library",
            metavar="PATH",
            help="The library of your soundtracks to use (else $LVOST_LIBRARY, else your data folder's).",
            show_default=False,
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", metavar=FLAG, help="Never colour the output.")
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager", metavar=FLAG, help="Never page long output on a terminal ($PAGER, else less)."
        ),
    ] = False,
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", metavar=FLAG, callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    install_shell_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            metavar=FLAG,
            callback=_install_completion,
            is_eager=True,
            help="Set up TAB completion for the shell you are in (bash, zsh or fish).",
        ),
    ] = False,
    show_shell_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            metavar=FLAG,
            callback=_show_completion,
            is_eager=True,
            help="Print the TAB completion script for the shell you are in, to install by hand.",
        ),
    ] = False,
) -> None:
    """Explore a film soundtrack: Leaving Las Vegas (1995), or your own data file."""
    source = ctx.get_parameter_source("data")
    # The source is an enum of Typer's private Click; its member's name is what is public.
    from_env = source is not None and source.name == "ENVIRONMENT"
    _set_root(
        RootOptions(data=data, data_from_env=from_env, no_color=no_color, library=library, no_pager=no_pager)
    )


def data_path() -> tuple[Path | None, str | None]:
    """The data file chosen by --data or LVOST_DATA (the option wins), and how to name it.

    Neither, or an empty value, means the embedded soundtrack.
    """
    root = _root
    if not root.data:
        return None, None
    return Path(root.data), f"{DATA_ENV}={root.data}" if root.data_from_env else None


def library_path() -> Path:
    """The library file: --library, else LVOST_LIBRARY, else the platform's place for it."""
    from lvost.store.library import location

    return location(_root.library)


def load_catalog(soundtrack: str | None = None) -> Catalog:
    """What to explore: ``soundtrack`` of the library (--soundtrack), else the
    --data file, else every soundtrack of the library (a ``Shelf`` when there
    are several; Leaving Las Vegas alone before anything is added)."""
    path, label = data_path()
    if path is not None and soundtrack is None:
        return Catalog.load(path, label)
    if path is not None and not _root.data_from_env:  # an option wins over LVOST_DATA
        raise UsageError("--data explores one file and --soundtrack one of the library's; give one of them")
    from lvost.questions.soundtracks import scope_of

    return scope_of(library_path(), soundtrack)


SoundtrackOption = Annotated[
    str | None,
    typer.Option(
        "--soundtrack",
        "-s",
        metavar="ID",
        help="Explore this soundtrack of your library (lvost soundtracks lists them).",
        autocompletion=complete.soundtrack_ids,
        show_default=False,
    ),
]


IdOption = Annotated[
    str | None,
    typer.Option(
        "--id", metavar="ID", help="The library id to add it under; else one made from its album's title."
    ),
]
ReplaceFlag = Annotated[
    bool,
    typer.Option(
        "--replace", metavar=FLAG, help="Replace a soundtrack already in the library under that id."
    ),
]


class QueryCommand(TyperCommand):
    """A command whose arguments are query terms. Click would read a term such as
    "-kind:song" as a cluster of short options ("-s ong" among them), so before
    it parses, every such term is spelt with "^", which means the same, and
    ``as_typed`` gives it back as typed; a short option stands alone ("-s ID"),
    and the value of an option is left as given."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        takes_value = {o for p in self.params if not getattr(p, "is_flag", True) for o in p.opts}
        known = [o for p in self.get_params(ctx) for o in (*p.opts, *p.secondary_opts) if o.startswith("--")]
        kept: list[str] = []
        for i, arg in enumerate(args):
            if arg == "--":
                kept += args[i:]
                break
            is_value = bool(kept) and kept[-1] in takes_value
            name = arg.partition("=")[0]
            if name.startswith("--") and not is_value and name not in known and not ctx.resilient_parsing:
                # Unknown options reach the query (so that "-kind:x" can), which would
                # not know which were meant: say it here, with the closest. (Not while
                # TAB completes a line, whose words may be half typed.)
                raise UsageError(
                    f"no such option: {name}; --help lists the options", suggest(name, known, limit=1)
                )
            term = len(arg) > 2 and arg.startswith("-") and not arg.startswith("--") and not is_value
            kept.append(f"^{arg[1:]}" if term else arg)
            if term:
                ctx.meta.setdefault(_TYPED, {})[kept[-1]] = arg
        return super().parse_args(ctx, kept)


_TYPED = "lvost.terms_as_typed"
"""Where ``QueryCommand`` keeps each term it respelt, so messages show it as typed."""


def as_typed(ctx: typer.Context, terms: Sequence[str]) -> list[str]:
    """The query ``terms`` as the user typed them (see ``QueryCommand``)."""
    typed: dict[str, str] = ctx.meta.get(_TYPED, {})
    return [typed.get(term, term) for term in terms]


def console() -> Console:
    """A console for stdout, made at call time so tests and COLUMNS set its width.

    Rich turns colour off for pipes, with NO_COLOR and with TERM=dumb; --no-color
    turns it off everywhere.
    """
    return Console(highlight=False, no_color=True if _root.no_color else None, width=_unusable_columns())


def _unusable_columns() -> int | None:
    """80 when COLUMNS says the terminal has no width at all (0), which would
    leave nothing to print in; else ``None``, for Rich to find the width."""
    raw = os.environ.get("COLUMNS", "").strip()
    return 80 if raw.isdigit() and int(raw) == 0 else None


def interactive_terminal() -> bool:
    """Whether a person is at a terminal that can show a full-screen view or a progress bar."""
    return (
        sys.stdin.isatty()
        and sys.stdout.isatty()
        and sys.stderr.isatty()
        and os.environ.get("TERM") != "dumb"
    )


def write(text: str) -> None:
    """Print text as it is; a reader that has gone away ends lvost quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise ReaderGoneError from None


def show(renderable: RenderableType, out: Console | None = None) -> None:
    out = out or console()
    with out.capture() as captured:
        out.print(renderable)
    # Rich pads every line to the full width; trailing spaces only get in the way.
    _show_text("".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines()))


def _show_text(text: str) -> None:
    """Print ``text``, drawn for a terminal, through the pager when it is long."""
    if _pages(text):
        _page(text)
    else:
        write(text)


def _pages(text: str) -> bool:
    """Whether ``text`` goes through a pager: taller than the terminal a person
    reads it on (stdin and stdout both one), and not --no-pager."""
    if _root.no_pager or not (_is_terminal(sys.stdout) and _is_terminal(sys.stdin)):
        return False
    import shutil

    return text.count("\n") >= shutil.get_terminal_size().lines


def _page(text: str) -> None:
    """Show ``text`` through $PAGER (else less, keeping colours and leaving short
    text on the screen); set to "" or "cat", or not found, it is printed."""
    import shlex
    import signal
    import subprocess

    command = shlex.split(os.environ.get("PAGER", "less -FRX"))
    if not command or command == ["cat"]:
        write(text)
        return
    environ = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(
            command, stdin=subprocess.PIPE, env=environ, encoding="utf-8", errors="replace"
        )
    except OSError:
        write(text)
        return
    # Ctrl-C belongs to the pager while it shows the text (less uses it to stop a search).
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader left the pager before the end
            pager.stdin.write(text)
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, before)


def show_json(value: object) -> None:
    write(as_json(value) + "\n")


def batched(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    """``lines`` in lists of ``size`` (the last may be shorter)."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def note(message: str) -> None:
    """A remark for the person at the terminal, kept out of the data on stdout."""
    sys.stderr.write(f"{safe(message)}\n")


class FormatChoice(str, Enum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    SPREADSHEET = "spreadsheet"
    TSV = "tsv"
    MARKDOWN = "markdown"
    PLAIN = "plain"
    M3U = "m3u"


GenreOption = Annotated[
    str | None, typer.Option(help="Only those of this genre (any case).", autocompletion=complete.genres)
]
JsonFlag = Annotated[
    bool, typer.Option("--json", metavar=FLAG, help="Print JSON for scripts (the same as --format json).")
]
OneJsonFlag = Annotated[
    bool, typer.Option("--json", metavar=FLAG, help="Print it as one JSON object, for scripts.")
]
"""--json for a command that prints one thing, and so has no --format."""
FormatOption = Annotated[
    FormatChoice | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="table, json, jsonl (an object a line), csv, spreadsheet (CSV with no cell read as a "
        "formula), tsv, markdown, plain (tab-separated rows "
        "without a header), or for "
        "tracks, search and songs m3u (a playlist of those with an audio file). "
        "The default is a table on a terminal and plain rows in a pipe.",
        show_default=False,
    ),
]


def resolve_format(chosen: FormatChoice | None, json: bool) -> Format:
    """The format to print in: --json, else --format, else by where stdout goes."""
    if json and chosen not in (None, FormatChoice.JSON):
        raise UsageError(f"--json and --format {chosen.value if chosen else ''} disagree; give one of them")
    if json:
        return "json"
    if chosen is not None:
        return chosen.value
    return "table" if stdout_is_terminal() else "plain"


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal, which gets a table: as Rich tells it, save that
    FORCE_COLOR (colour in a pipe, say for a pager) does not make a pipe a terminal;
    TTY_COMPATIBLE=1 or 0 says it outright."""
    said = os.environ.get("TTY_COMPATIBLE", "")
    if said in ("0", "1"):
        return said == "1"
    return _is_terminal(sys.stdout)


def _is_terminal(stream: Any) -> bool:
    """Whether ``stream``'s descriptor is a terminal; a stream with none (as in
    tests) is not."""
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, ValueError, OSError):
        return False


def show_listing(rows: listings.Listing[Any], fmt: Format, fields: str | None, empty: str) -> None:
    """Print ``rows`` in ``fmt``; with nothing to show, a table or plain rows say so on stderr."""
    out = console()
    if not isinstance(rows.rows, Sequence):  # rows as they come: is there a first one?
        first = next(rows.rows, None)
        rows = replace(rows, rows=[] if first is None else itertools.chain([first], rows.rows))
    if fmt == "m3u":
        from lvost.output.playlists import left_out

        text, left = listings.playlist(rows)
        write(text)
        if left:
            note(left_out(left))
        return
    shown = listings.listing(rows, fmt, fields, out.width)
    if not rows.rows and fmt in ("table", "plain"):
        note(empty)
    elif isinstance(shown, str):
        write(shown)
    elif isinstance(shown, Laid):
        from lvost.output.drawing import draw

        _show_text(draw(shown, out))
    else:
        for batch in batched(shown, 500):  # a long listing reaches a pipe as it is made
            write("".join(batch))


def run() -> None:
    """The entry point of ``lvost`` and ``python -m lvost``, which both go by "lvost"
    (the name also picks the completion variable, _LVOST_COMPLETE)."""
    app(prog_name="lvost")
