from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import version

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from lvost.cli.main import app
from lvost.core.names import COLUMN_NAMES
from support import SMALL

Invoke = Callable[..., Result]
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-7]|9[0-7]|38;[0-9;]+)m")


def test_version_comes_from_package_metadata(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"lvost {version('lvost')}\n"


COMMANDS_HELPED = ["tracks", "search", "show", "songs", "play", "add"]
"""Commands where a lone -h could be read as something else: query terms, a title, a file."""


@pytest.mark.parametrize("command", ["", *COMMANDS_HELPED])
def test_h_is_help_everywhere(invoke: Invoke, command: str) -> None:
    words = [command] if command else []
    short, long = invoke(*words, "-h"), invoke(*words, "--help")
    assert (short.exit_code, short.stderr) == (0, "")
    assert short.stdout == long.stdout
    assert short.stdout.lstrip().startswith("Usage: lvost")


@pytest.mark.parametrize(
    "args", [["tracks"], ["search", "sting"], ["themes"], ["songs"], ["soundtracks"]], ids=" ".join
)
def test_fields_help_lists_the_field_names(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args, "--fields", "help")
    kind = "search" if args[0] == "search" else args[0]
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "".join(f"{n}\n" for n in COLUMN_NAMES[kind]),
        "",
    )


@pytest.mark.parametrize(
    "args",
    [
        ["tracks"],
        ["tracks", "--fields", "title,themes"],
        ["search", "sting"],
        ["themes"],
        ["songs"],
        ["soundtracks"],
    ],
    ids=" ".join,
)
def test_jsonl_is_the_json_list_an_object_a_line(invoke: Invoke, args: list[str]) -> None:
    lines = invoke(*args, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(invoke(*args, "--format", "json").stdout)
    assert lines  # something to compare


def test_a_terminal_of_no_width_is_drawn_at_80_columns(invoke: Invoke) -> None:
    zero = invoke("tracks", env={"COLUMNS": "0"})
    assert zero.stdout == invoke("tracks", env={"COLUMNS": "80"}).stdout
    assert "Angel Eyes" in zero.stdout


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke()
    assert result.exit_code == 0
    assert "Usage: lvost" in result.stdout
    for command in ("tracks", "show", "themes", "search", "about"):
        assert command in result.stdout


GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_only_options_the_command_has(command: str) -> None:
    params = GROUP.commands[command].params  # type: ignore[attr-defined]
    options = {o for p in params for o in p.opts}
    for param in params:
        if "--format" in (param.help or ""):
            assert "--format" in options, (command, param.name)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_shows_no_value_for_lvosts_flags(invoke: Invoke, command: str) -> None:
    shown = invoke(*([command] if command else []), "--help", env={"COLUMNS": "120"}).stdout
    with_bool = [line.split()[1] for line in shown.splitlines() if "<bool>" in line]
    assert with_bool == []
    assert not re.search(r"--[a-z-]+ +(-[a-z] +)?<", shown)  # an option's value is named, not typed


def test_the_commands_are_the_ones_documented() -> None:
    assert COMMANDS == [
        "about",
        "add",
        "arc",
        "browse",
        "cache",
        "export",
        "import",
        "play",
        "remove",
        "schema",
        "search",
        "show",
        "songs",
        "soundtracks",
        "stats",
        "themes",
        "tracks",
        "validate",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_ending_with_examples(invoke: Invoke, command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    docstring = GROUP.commands[command].callback.__doc__  # type: ignore[attr-defined]
    last_paragraph = docstring.strip().split("\n\n")[-1].strip()
    assert last_paragraph.startswith("Example")
    assert f"lvost {command}" in last_paragraph
    # each example whole on a line of its own at 80 columns, to copy as it is
    examples = [line.strip() for line in last_paragraph.splitlines()[1:]]
    narrow = invoke(command, "--help", env={"COLUMNS": "80"}).stdout
    assert examples
    assert all(example in [line.strip() for line in narrow.splitlines()] for example in examples), narrow


def test_the_examples_of_lvost_are_whole_lines_at_80_columns(invoke: Invoke) -> None:
    lines = [line.strip() for line in invoke("--help", env={"COLUMNS": "80"}).stdout.splitlines()]
    for example in ("lvost tracks --genre jazz", 'lvost show "Angel Eyes"', "lvost search sting"):
        assert example in lines


def test_tracks_lists_all_25(invoke: Invoke) -> None:
    result = invoke("tracks")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Leaving Las Vegas (Music from the Motion Picture)"
    assert lines[1].split() == ["#", "Title", "Performers", "Kind", "Genres", "Length"]
    numbered = [line.split()[0] for line in lines[3:] if line[:4].strip().isdigit()]
    assert numbered == [str(n) for n in range(1, 26)]


def test_tracks_filters_and_json(invoke: Invoke) -> None:
    result = invoke("tracks", "--kind", "song", "--sort", "artist", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(t["number"], t["title"]) for t in data] == [
        (14, "Come Rain or Come Shine"),
        (2, "Angel Eyes"),
        (12, "My One and Only Love"),
        (19, "It's a Lonesome Old Town"),
        (25, "I Won't Be Going South for a While"),
    ]


def test_tracks_by_genre_artist_and_theme(invoke: Invoke) -> None:
    result = invoke("tracks", "--genre", "Vocal Jazz", "--artist", "STING", "--theme", "intimacy", "--json")
    assert [t["number"] for t in json.loads(result.stdout)] == [2, 12]


def test_show_by_title_with_curly_apostrophe(invoke: Invoke) -> None:
    result = invoke("show", "It\u2019s a lonesome old town")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        "19. It's a Lonesome Old Town",
        "Track 19 of 25",
        "Performers   Sting (vocals)",
    ]


def test_show_by_number_as_json(invoke: Invoke) -> None:
    result = invoke("show", "16", "--json")
    data = json.loads(result.stdout)
    assert (data["number"], data["title"], data["performers"][0]["name"]) == (
        16,
        "Ridiculous",
        "Nicolas Cage",
    )
    assert data["kinds"] == ["dialogue"]


def test_themes_list_and_genre(invoke: Invoke) -> None:
    result = invoke("themes", "--genre", "BLUES", "--json")
    assert result.exit_code == 0
    assert [(th["id"], th["tracks"]) for th in json.loads(result.stdout)] == [("lament", [2, 11, 20, 24])]
    table = invoke("themes")
    assert table.stdout.splitlines()[0].strip() == "Themes (interpretation, not fact)"
    assert "Connection and fragile hope" in table.stdout


def test_one_theme(invoke: Invoke) -> None:
    result = invoke("themes", "chaos")
    assert result.exit_code == 0
    assert result.stdout.startswith("Chaos and unpredictability  interpretation, not fact\n")
    assert json.loads(invoke("themes", "chaos", "--json").stdout)["tracks"] == [8, 17, 18]


def test_search_ranks_and_limits(invoke: Invoke) -> None:
    result = invoke("search", "cage", "--json")
    data = json.loads(result.stdout)
    assert [(h["number"], h["title"]) for h in data] == [(16, "Ridiculous"), (19, "It's a Lonesome Old Town")]
    assert data[0]["matched"][0] == {"field": "performers", "value": "Nicolas Cage"}
    limited = invoke("search", "jazz", "--limit", "2")
    assert re.match(r'\s*Search "jazz": 2 of \d+ matches', limited.stdout)
    every = invoke("search", "jazz", "--json").stdout
    for beyond in ("9223372036854775807", "9223372036854775808", "99999999999999999999"):
        assert invoke("search", "jazz", "--json", "--limit", beyond).stdout == every  # more than there are


def test_search_joins_its_words(invoke: Invoke) -> None:
    assert [h["number"] for h in json.loads(invoke("search", "blues", "ben", "--json").stdout)] == [20]


def test_about(invoke: Invoke) -> None:
    result = invoke("about")
    assert result.exit_code == 0
    assert "Mike Figgis" in result.stdout
    assert "Pangaea / I.R.S. Records" in result.stdout
    data = json.loads(invoke("about", "--json").stdout)
    assert data["album"]["releases"][0]["catalog_number"] == "36071"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "angle eyes"], 1, 'Error: no track matches "angle eyes". Did you mean "Angel Eyes"?'),
        (["show", "99"], 1, "Error: there is no track 99; this soundtrack's tracks are numbered 1 to 25"),
        (
            ["show", "sera"],
            1,
            'Error: "sera" matches 3 tracks: 6 "Sera\'s Dark Side"; '
            '13 "Sera Invites Ben to Stay"; 23 "Sera Talks to the Cab Driver"; say which',
        ),
        (
            ["themes", "--genre", "polka"],
            1,
            'Error: unknown genre "polka"; known genres: blues, bossa nova, '
            "classical, jazz, neo-rockabilly, spoken word, torch song, vocal jazz",
        ),
        (["themes", "despair"], 1, 'Error: no theme matches "despair"'),
        (["tracks", "--kind", "opera"], 1, 'Error: unknown kind "opera"; kinds are song, score, dialogue'),
        (
            ["tracks", "--fields", "number,length"],
            1,
            'Error: unknown field "length"; fields are number, title, '
            "alternate_titles, performers, writers, kinds, kind_inferred, genres, instruments, duration_seconds, "
            "notes, sources, disc, file, themes, soundtrack",
        ),
        (["tracks", "--artist", "sinatra"], 1, 'Error: no performer or writer is called "sinatra"'),
        (["search", "zzzz"], 1, 'Error: nothing matches "zzzz"'),
        (
            ["search", "?!"],
            2,
            'Error: the term "?!" has nothing to look for; give a word after it, like "kind:song"',
        ),
        (["search", "^sting"], 2, 'Error: a search needs something to look for; try a word, like "sting"'),
        (
            ["search", "colour:red"],
            2,
            'Error: unknown qualifier "colour" in "colour:red"; qualifiers are title, performer, writer, artist, kind, genre, theme, note, instrument, soundtrack, film, year',
        ),
        (
            ["tracks", "--sort", "year"],
            2,
            "Error: Invalid value for '--sort': 'year' is not one of 'number', "
            "'title', 'artist'. See 'lvost tracks --help'.",
        ),
        (
            ["search", "x", "--limit", "0"],
            2,
            "Error: Invalid value for '--limit': it should be greater than or equal to 1. "
            "See 'lvost search --help'.",
        ),
        (["show"], 2, "Error: Missing argument 'TRACK'. See 'lvost show --help'."),
        (["dance"], 2, "Error: No such command 'dance'. See 'lvost --help'."),
        (["trakcs"], 2, "Error: No such command 'trakcs'. Did you mean 'tracks'? See 'lvost --help'."),
        (
            ["tracks", "--jso"],
            2,
            "Error: No such option: --jso (Possible options: --json). See 'lvost tracks --help'.",
        ),
        (["search", "x", "--zzz=jazz"], 2, "Error: No such option: --zzz. See 'lvost search --help'."),
        (
            ["tracks", "--genere", "jazz"],
            2,
            "Error: No such option: --genere (Possible options: --genre). See 'lvost tracks --help'.",
        ),
        (["tracks", "--colour"], 2, "Error: No such option: --colour. See 'lvost tracks --help'."),
        (["show", "2", "--colour"], 2, "Error: No such option: --colour. See 'lvost show --help'."),
        (
            ["tracks", "--no-color"],
            2,
            "Error: --no-color is an option of lvost itself, given before the command: lvost --no-color tracks ...",
        ),
        (
            ["search", "x", "--version"],
            2,
            "Error: --version is an option of lvost itself, given on its own: lvost --version",
        ),
        (
            ["show", "2", "--library", "x.db"],
            2,
            "Error: --library is an option of lvost itself, given before the command:"
            " lvost --library PATH show ...",
        ),
    ],
)
def test_errors_are_one_line_on_stderr_with_the_right_code(
    invoke: Invoke, args: list[str], code: int, message: str
) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", message + "\n")


def test_error_messages_do_not_pass_control_characters(invoke: Invoke) -> None:
    result = invoke("show", "\x1b[2Jgone\x07")
    assert result.stderr == 'Error: no track matches "\\x1b[2Jgone\\x07"\n'


def test_markup_in_arguments_is_not_interpreted(invoke: Invoke) -> None:
    result = invoke("search", "[bold]nothing[/bold]")
    assert result.stderr == 'Error: nothing matches "[bold]nothing[/bold]"\n'


def test_colour_only_on_a_terminal_and_never_with_no_color(invoke: Invoke) -> None:
    coloured = invoke("show", "2", env={"TERM": "xterm-256color"})
    assert COLOUR.search(coloured.stdout)
    plain = invoke("show", "2", env={"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert not COLOUR.search(plain.stdout)
    assert "Sting (vocals)" in plain.stdout


def test_a_pipe_gets_no_escape_codes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lvost", "show", "Angel Eyes"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "TERM": "xterm-256color", "LVOST_CACHE_DIR": os.environ["LVOST_CACHE_DIR"]},
    )
    assert "\x1b" not in done.stdout
    assert done.stdout.startswith("2. Angel Eyes\n")


def test_console_script_reports_errors_without_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lvost", "show", "nothing like it"],
        capture_output=True,
        text=True,
        env={"LVOST_CACHE_DIR": ""},  # nothing from the environment, and no cache
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == 'Error: no track matches "nothing like it"\n'


WORDS = (
    "tracks show themes search about validate schema --json --genre --kind --artist --theme --sort"
    " --limit --help --version --data"
)
ARGUMENTS = st.lists(
    st.one_of(
        st.sampled_from([*WORDS.split(), str(SMALL), "/no/such.json", "0", "25"]),
        st.text(max_size=12),
    ),
    max_size=6,
)


@given(ARGUMENTS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_argument_list_causes_a_traceback(args: list[str]) -> None:
    result = CliRunner(env={"COLUMNS": "80"}).invoke(app, args, prog_name="lvost")
    assert result.exit_code in (0, 1, 2), result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code:
        assert result.stderr.startswith("Error: ")
        assert result.stderr.count("\n") == 1


def test_format_choices_through_the_command_line(invoke: Invoke) -> None:
    csv_out = invoke("tracks", "--kind", "song", "--format", "csv", "--fields", "number,title").stdout
    assert csv_out.splitlines() == [
        "number,title",
        "2,Angel Eyes",
        "12,My One and Only Love",
        "14,Come Rain or Come Shine",
        "19,It's a Lonesome Old Town",
        "25,I Won't Be Going South for a While",
    ]
    tsv = invoke("themes", "--format", "tsv", "--fields", "id,tracks").stdout.splitlines()
    assert tsv[:2] == ["id\ttracks", "loneliness\t1; 5; 9; 19; 23"]
    md = invoke("search", "mercer", "--format", "markdown", "--fields", "number,title").stdout
    assert md == "| # | Title |\n| --- | --- |\n| 14 | Come Rain or Come Shine |\n"
    data = json.loads(invoke("search", "mercer", "--format", "json", "--fields", "number,score").stdout)
    assert data == [{"number": 14, "score": 7.0}]


def test_in_a_pipe_lists_are_plain_rows(invoke: Invoke) -> None:
    piped = invoke("tracks", "--kind", "dialogue", env={"TTY_COMPATIBLE": "0"})
    assert piped.stdout.splitlines() == [
        "1\tIntro Dialogue\t\tdialogue\tspoken word\t",
        "11\tBen Pawns His Rolex / Sera Talks to Her Shrink\t\tscore; dialogue\tjazz; spoken word\t",
        "16\tRidiculous\tNicolas Cage (spoken dialogue)\tdialogue\tspoken word\t",
        "23\tSera Talks to the Cab Driver\t\tdialogue\tspoken word\t",
    ]
    assert invoke("tracks", "--format", "table", env={"TTY_COMPATIBLE": "0"}).stdout.startswith("   ")


def test_query_terms_through_the_command_line(invoke: Invoke) -> None:
    assert json_numbers(invoke("tracks", "performer:sting", "^lonesome", "--json")) == [2, 12]
    assert json_numbers(invoke("tracks", "-kind:score", "-kind:song", "--json")) == [1, 16, 23]
    assert json_numbers(invoke("search", "kind:song", "^sting", "--json")) == [14, 25]


def json_numbers(result: Result) -> list[int]:
    assert result.exit_code == 0, result.output
    return [item["number"] for item in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["tracks", "--json", "--format", "csv"],
            "Error: --json and --format csv disagree; give one of them",
        ),
        (
            ["tracks", "--format", "xml"],
            "Error: Invalid value for '--format': 'xml' is not one of 'table', 'json', 'jsonl', "
            "'csv', 'spreadsheet', 'tsv', 'markdown', 'plain', 'm3u'. See 'lvost tracks --help'.",
        ),
        (
            ["tracks", "genre:"],
            'Error: the term "genre:" has nothing to look for; give a word after it, like "kind:song"',
        ),
    ],
)
def test_output_and_query_mistakes_are_usage_errors(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_stats_and_arc(invoke: Invoke) -> None:
    stats = invoke("stats")
    assert stats.exit_code == 0
    assert "By performer" in stats.stdout
    assert stats.stdout.rstrip().endswith("Running time: unknown; no track has a known duration.")
    assert json.loads(invoke("stats", "--json").stdout)["known_seconds"] is None
    arc = invoke("arc", "--genre", "BLUES")
    assert arc.exit_code == 0
    assert [line for line in arc.stdout.splitlines() if line.startswith("Lament")]
    assert invoke("arc", "--genre", "polka").exit_code == 1


def test_an_unexpected_failure_is_one_line_unless_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    from lvost.questions import soundtracks

    def broken(*_: object) -> None:
        raise RuntimeError("boom\nover two lines")

    monkeypatch.setattr(soundtracks, "listed", broken)
    monkeypatch.delenv("LVOST_DEBUG", raising=False)
    result = CliRunner().invoke(app, ["soundtracks"], prog_name="lvost")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: lvost failed unexpectedly (RuntimeError: boom over two lines);"
        " LVOST_DEBUG=1 shows where, for a report\n"
    )
    debugging = CliRunner(env={"LVOST_DEBUG": "1"}).invoke(app, ["soundtracks"], prog_name="lvost")
    assert isinstance(debugging.exception, RuntimeError)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "csv"],
            "one theme is shown whole, not as rows: --format csv is for the list of themes;"
            " --format json gives the one for scripts",
        ),
        (
            ["--fields", "name"],
            "--fields chooses the columns of the list of themes; leave it out to show one",
        ),
    ],
)
def test_one_theme_refuses_what_only_the_list_takes(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke("themes", "chaos", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


def test_one_theme_as_json_by_either_flag(invoke: Invoke) -> None:
    assert invoke("themes", "chaos", "--format", "json").stdout == invoke("themes", "chaos", "--json").stdout


def test_search_lists_its_field_names_without_a_query(invoke: Invoke) -> None:
    names = invoke("search", "--fields", "help")
    assert (names.exit_code, names.stdout) == (0, invoke("search", "x", "--fields", "help").stdout)
    assert names.stdout.splitlines()[:3] == ["number", "title", "matched"]
    nothing = invoke("search")
    assert (nothing.exit_code, nothing.stderr) == (
        2,
        'Error: a search needs something to look for; try a word, like "sting"\n',
    )
