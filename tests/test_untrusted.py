"""Text from a data file or the command line is shown, never obeyed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from lvost.cli import app

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
    result = run(hostile_file, args, FORCE_COLOR="1")
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
