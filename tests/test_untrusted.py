"""Text from a data file or the command line is shown, never obeyed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from lvost.cli.main import app
from support import SMALL

MARKUP = "[bold red]Loud[/]"
CONTROLS = "\x1b[2J\x1b[H\x07\r\x9b\u202e\u2066"
HOSTILE = f"{MARKUP} {CONTROLS}end"
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ANY_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
STYLE_ONLY = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = {
        "schema_version": 1,
        "soundtrack": {
            "album": {
                "title": HOSTILE,
                "recording": HOSTILE,
                "musicians": [{"name": HOSTILE, "role": HOSTILE}],
            },
            "film": {"title": HOSTILE, "cast": [{"actor": HOSTILE, "role": HOSTILE}]},
            "sources": [{"id": "s", "name": HOSTILE, "site": HOSTILE}],
        },
        "tracks": [
            {
                "number": 1,
                "title": f"Tram {HOSTILE}",
                "performers": [{"name": HOSTILE, "role": HOSTILE}],
                "writers": [{"name": HOSTILE}],
                "genres": [HOSTILE],
                "instruments": [HOSTILE],
                "notes": [f"tram {HOSTILE}"],
                "sources": ["s"],
            }
        ],
        "themes": [{"id": "x", "name": HOSTILE, "description": HOSTILE, "genres": [HOSTILE], "tracks": [1]}],
    }
    path = tmp_path_factory.mktemp("hostile") / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


COMMANDS = [
    ["tracks"],
    ["show", "1"],
    ["themes"],
    ["themes", "x"],
    ["search", "tram"],
    ["about"],
    ["validate"],
    ["show", f"no {HOSTILE}"],
    ["search", MARKUP],
    ["tracks", "--genre", HOSTILE.lower()],
]


def run(path: Path, args: list[str], **env: str) -> Result:
    runner = CliRunner(env={"COLUMNS": "200", "LVOST_DATA": None, **env})
    return runner.invoke(app, ["--data", str(path), *args], prog_name="lvost")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_tables_and_views_show_markup_and_controls_literally(hostile_file: Path, args: list[str]) -> None:
    result = run(hostile_file, args)
    assert result.exit_code in (0, 1)
    for stream in (result.stdout, result.stderr):
        assert not RAW_CONTROL.search(stream)
        assert not ANY_ESCAPE.search(stream)
    shown = result.stdout + result.stderr
    assert MARKUP in shown
    assert "\\x1b[2J" in shown


@pytest.mark.parametrize("args", COMMANDS[:6], ids=" ".join)
def test_on_a_colour_terminal_only_styles_are_sent(hostile_file: Path, args: list[str]) -> None:
    result = run(hostile_file, args, FORCE_COLOR="1", TTY_COMPATIBLE="1")  # a terminal, in colour
    assert result.exit_code == 0
    assert STYLE_ONLY.search(result.stdout)  # Rich did style the output...
    without_styles = STYLE_ONLY.sub("", result.stdout)
    assert not RAW_CONTROL.search(without_styles)  # ...and nothing else reached the terminal
    assert not ANY_ESCAPE.search(without_styles)


@pytest.mark.parametrize("args", [["tracks", "--json"], ["show", "1", "--json"], ["themes", "--json"]])
def test_json_keeps_the_original_strings(hostile_file: Path, args: list[str]) -> None:
    result = run(hostile_file, args)
    data = json.loads(result.stdout)
    item = data[0] if isinstance(data, list) else data
    assert item.get("title", item.get("name")).endswith(HOSTILE)
    assert not RAW_CONTROL.search(result.stdout)


NOT_UTF8 = b"\x9d52;c;aGk=\x07\x1b[2J"
"""An 8-bit OSC 52 (set the clipboard) and a clear screen, in bytes that are not
UTF-8: Python hands them to lvost as lone surrogates ("surrogateescape")."""


def run_process(*args: str | bytes, **env: str) -> subprocess.CompletedProcess[bytes]:
    """lvost as its own process, its output encoded strictly as UTF-8: a lone
    surrogate that reached it would end lvost with a traceback."""
    environ = {k: v for k, v in os.environ.items() if k != "LVOST_DATA"}
    environ.update({"PYTHONIOENCODING": "utf-8", "COLUMNS": "200", **env})
    return subprocess.run(
        [sys.executable, "-m", "lvost", *args], env=environ, capture_output=True, check=False
    )


def assert_inert(stream: bytes) -> None:
    assert b"\x9d" not in stream
    assert b"\x1b" not in stream
    assert b"\x07" not in stream


@pytest.mark.skipif(sys.platform == "win32", reason="arguments are text on Windows")
@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (
            [b"--data", b"/nowhere/x" + NOT_UTF8, b"tracks"],
            b"Error: /nowhere/x\\x9d52;c;aGk=\\x07\\x1b[2J: no such",
        ),
        ([b"show", b"no " + NOT_UTF8], b'Error: no track matches "no \\x9d52;c;aGk=\\x07\\x1b[2J"'),
        ([b"tracks", b"--genre", NOT_UTF8], b"\\x9d52;c;aGk=\\x07\\x1b[2J"),
        (
            [b"tracks", b"--bogus" + NOT_UTF8],
            b"No such option: --bogus\\x9d52;c;aGk. See",
        ),  # the name, up to its "="
        ([b"bogus" + NOT_UTF8], b"Error: No such command"),
    ],
)
def test_bytes_that_are_not_utf8_in_arguments_are_shown_escaped(args: list[bytes], shown: bytes) -> None:
    result = run_process(*args)
    assert result.returncode in (1, 2)
    assert result.stdout == b""
    assert b"Traceback" not in result.stderr
    assert result.stderr.count(b"\n") == 1
    assert shown in result.stderr
    assert_inert(result.stderr)


@pytest.mark.skipif(sys.platform == "win32", reason="arguments are text on Windows")
@pytest.mark.parametrize("fmt", ["table", "plain", "json", "markdown"])
def test_a_search_for_such_bytes_shows_them_escaped_in_its_title(fmt: str) -> None:
    result = run_process(
        b"--data", os.fsencode(SMALL), b"search", b"tram", b"-x" + NOT_UTF8, b"--format", fmt.encode()
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    if fmt == "table":
        assert b'Search "tram -x\\x9d52;c;aGk=\\x07\\x1b[2J"' in result.stdout
    assert_inert(result.stdout)
    assert_inert(result.stderr)


@pytest.mark.skipif(sys.platform == "win32", reason="paths are text on Windows")
def test_a_data_file_whose_name_is_not_utf8_is_named_escaped(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"film" + NOT_UTF8 + b".json")
    path.write_bytes(SMALL.read_bytes())
    result = run_process(b"validate", os.fsencode(path))
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.startswith(os.fsencode(tmp_path) + b"/film\\x9d52;c;aGk=\\x07\\x1b[2J.json: valid: ")
    assert_inert(result.stdout)


@pytest.mark.parametrize("clear", [[], ["--clear"]], ids=["cache", "cache --clear"])
def test_the_cache_directory_is_shown_escaped(tmp_path: Path, clear: list[str]) -> None:
    folder = tmp_path / "cache\x1b]52;c;aGk=\x07\u200b\x9b2J"
    result = CliRunner(env={"LVOST_CACHE_DIR": str(folder)}).invoke(app, ["cache", *clear], prog_name="lvost")
    assert result.exit_code == 0
    assert f"{tmp_path}/cache\\x1b]52;c;aGk=\\x07\\u200b\\x9b2J" in result.stdout
    assert result.stdout.endswith("\n")
    assert result.stdout.count("\n") == 1
    assert not RAW_CONTROL.search(result.stdout[:-1])
    assert "\u200b" not in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="the environment is text on Windows")
def test_a_cache_directory_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / os.fsdecode(b"cache" + NOT_UTF8)
    result = run_process(b"cache", b"--clear", LVOST_CACHE_DIR=str(folder))
    assert (result.returncode, result.stderr) == (0, b"")
    assert (
        result.stdout
        == b"Removed 0 entries from " + os.fsencode(tmp_path) + b"/cache\\x9d52;c;aGk=\\x07\\x1b[2J\n"
    )
