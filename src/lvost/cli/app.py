"""The Typer application, its global options and their types, and its one error path
(what it prints goes through ``lvost.cli.printing``)."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TextIO, cast

import typer
from typer.core import TyperCommand, TyperGroup

from lvost.cli import complete, root
from lvost.cli.printing import OutputError, ReaderGoneError, guarded, stdout_is_terminal, write
from lvost.core.errors import Answered, ExitCode, LvostError, UsageError
from lvost.core.matching import suggest
from lvost.core.text import safe
from lvost.output.formats import Format
from lvost.questions.catalog import Catalog

DATA_ENV = "LVOST_DATA"

FLAG = ""
"""The metavar of an option that takes no value: none (Typer would show "<bool>")."""


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
        root.set_current(root.RootOptions())
        try:
            code = run_guarded(
                lambda: super(LvostGroup, self).main(args, prog_name, complete_var, False, **extra)
            )
        finally:
            root.set_current(root.RootOptions())
        if standalone_mode:
            sys.exit(code)
        return code

    def get_help_option(self, ctx: Any) -> Any:
        return _as_flag(super().get_help_option(ctx))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _as_flag(command.get_help_option(ctx))  # made once, and kept, by the command
        return command

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


def _as_flag(option: Any) -> Any:
    """The help option, shown as the flag it is (Typer would show "<bool>" after it)."""
    if option is not None:
        option.metavar = FLAG
    return option


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
    except OutputError as exc:
        _drop_output()  # what is left in its buffer could not be written either
        return _fail(str(exc), exc.exit_code)
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
        option = getattr(exc, "option_name", None)  # Click's NoSuchOption names it
        if ctx is not None and option:
            told = _where_it_goes(ctx, option)
            if told is not None:
                return _fail(told, ExitCode.USAGE)
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
    except Exception as exc:
        # A fault of lvost's own, or data changed behind its back: one line all the
        # same; LVOST_DEBUG=1 shows where (for a report).
        if os.environ.get(DEBUG_ENV):
            raise
        said = " ".join(str(exc).split())  # on one line
        what = f"{type(exc).__name__}: {said}" if said else type(exc).__name__
        return _fail(
            f"lvost failed unexpectedly ({what}); {DEBUG_ENV}=1 shows where, for a report", ExitCode.ERROR
        )
    return result if isinstance(result, int) else ExitCode.OK


DEBUG_ENV = "LVOST_DEBUG"
"""Set, an unexpected failure shows Python's traceback instead of one line."""


def _reader_gone() -> int:
    _drop_output()
    return ExitCode.OK


def _drop_output() -> None:
    """Point stdout at nothing, so the interpreter's last flush cannot complain."""
    if sys.stdout is not None:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


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
    options = root.RootOptions(
        data=data, data_from_env=from_env, no_color=no_color, library=library, no_pager=no_pager
    )
    root.set_current(options)


def data_path() -> tuple[Path | None, str | None]:
    """The data file chosen by --data or LVOST_DATA (the option wins), and how to name it.

    Neither, or an empty value, means the embedded soundtrack.
    """
    options = root.current()
    if not options.data:
        return None, None
    return Path(options.data), f"{DATA_ENV}={options.data}" if options.data_from_env else None


def library_path() -> Path:
    """The library file: --library, else LVOST_LIBRARY, else the platform's place for it."""
    from lvost.store.library import location

    return location(root.current().library)


def load_catalog(soundtrack: str | None = None) -> Catalog:
    """What to explore: ``soundtrack`` of the library (--soundtrack), else the
    --data file, else every soundtrack of the library (a ``Shelf`` when there
    are several; Leaving Las Vegas alone before anything is added)."""
    path, label = data_path()
    if path is not None and soundtrack is None:
        return Catalog.load(path, label)
    if path is not None and not root.current().data_from_env:  # an option wins over LVOST_DATA
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
                raise UsageError(_no_such_option(ctx, name, suggest(name, known, limit=3)))
            term = len(arg) > 2 and arg.startswith("-") and not arg.startswith("--") and not is_value
            kept.append(f"^{arg[1:]}" if term else arg)
            if term:
                ctx.meta.setdefault(_TYPED, {})[kept[-1]] = arg
        return super().parse_args(ctx, kept)


def _no_such_option(ctx: Any, name: str, possible: Sequence[str]) -> str:
    """What to say of an option ``name`` the command ``ctx`` does not have, as
    Click says it; for one of lvost's own options, where it goes."""
    hint = f" (Possible options: {', '.join(possible)})" if possible else ""
    return _where_it_goes(ctx, name) or f"No such option: {name}{hint}. See '{ctx.command_path} --help'."


def _where_it_goes(ctx: Any, name: str) -> str | None:
    """Where ``name``, one of lvost's own options given after the command ``ctx``,
    goes; ``None`` for any other option."""
    root = ctx.find_root()
    own = [p for p in root.command.params if name in (*p.opts, *p.secondary_opts)]
    if ctx is root or not own:
        return None
    if getattr(own[0], "is_eager", False):  # --version: it answers alone
        return f"{name} is an option of lvost itself, given on its own: lvost {name}"
    value = "" if getattr(own[0], "is_flag", True) else f" {own[0].metavar or own[0].name.upper()}"
    return (
        f"{name} is an option of lvost itself, given before the command:"
        f" lvost {name}{value} {ctx.info_name} ..."
    )


_TYPED = "lvost.terms_as_typed"
"""Where ``QueryCommand`` keeps each term it respelt, so messages show it as typed."""


def as_typed(ctx: typer.Context, terms: Sequence[str]) -> list[str]:
    """The query ``terms`` as the user typed them (see ``QueryCommand``)."""
    typed: dict[str, str] = ctx.meta.get(_TYPED, {})
    return [typed.get(term, term) for term in terms]


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
    str | None,
    typer.Option(
        metavar="GENRE", help="Only those of this genre (any case).", autocompletion=complete.genres
    ),
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


def run() -> None:
    """The entry point of ``lvost`` and ``python -m lvost``, which both go by "lvost"
    (the name also picks the completion variable, _LVOST_COMPLETE)."""
    sys.stdout = cast(TextIO, guarded(sys.stdout))
    # Pydantic warns, and goes on, when it writes a value that is not of its field's
    # type: only a library changed by other hands holds one, and lvost stops there.
    warnings.filterwarnings("error", message="Pydantic serializer warnings")
    app(prog_name="lvost")
