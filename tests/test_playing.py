"""Playlists (--format m3u) and lvost play, with files on disk and a stand-in player."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from lvost.cli.main import app
from lvost.format.models import Credit, Track
from lvost.output.playlists import m3u
from lvost.questions import playing
from support import variant

RECORDER = "import json, sys; open(sys.argv[1], 'w').write(json.dumps(sys.argv[2:]))"


def lvost(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(app, list(args), prog_name="lvost")


@pytest.fixture
def night(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A library holding "night": track 1 with a file, 2 with a file, 3 with none."""
    monkeypatch.setenv("LVOST_LIBRARY", str(tmp_path / "library.db"))
    files = [tmp_path / "music" / "one.flac", tmp_path / "music" / "two.flac"]
    for f in files:
        f.parent.mkdir(exist_ok=True)
        f.write_bytes(b"not really audio")
    data = variant(
        tracks=[
            {
                "number": 1,
                "title": "One",
                "performers": [{"name": "Ada"}],
                "duration_seconds": 61,
                "file": str(files[0]),
            },
            {"number": 2, "title": "Two", "file": str(files[1])},
            {"number": 3, "title": "Three"},
        ],
        themes=[],
    )
    source = tmp_path / "night.json"
    source.write_text(json.dumps(data))
    assert lvost("add", "--id", "night", str(source)).exit_code == 0
    return files


def test_tracks_as_a_playlist_name_the_ones_left_out(night: list[Path]) -> None:
    result = lvost("tracks", "-s", "night", "--format", "m3u")
    assert result.exit_code == 0
    assert result.stdout == f"#EXTM3U\n#EXTINF:61,Ada - One\n{night[0]}\n#EXTINF:-1,Two\n{night[1]}\n"
    assert result.stderr == "1 track without an audio file left out: 3. Three\n"


def test_search_as_a_playlist_keeps_the_ranking(night: list[Path]) -> None:
    result = lvost("search", "-s", "night", "two", "--format", "m3u")
    assert (result.exit_code, result.stdout) == (0, f"#EXTM3U\n#EXTINF:-1,Two\n{night[1]}\n")


@pytest.mark.parametrize("command", [["themes"], ["soundtracks"]])
def test_a_playlist_is_only_of_tracks(command: list[str]) -> None:
    result = lvost(*command, "--format", "m3u")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --format m3u is a playlist of tracks: it is for tracks, search and songs\n",
    )


def test_no_title_can_start_a_line_of_its_own() -> None:
    sly = Track(number=1, title="x\n/etc/passwd", performers=[Credit(name="a\rb")], file="/m/1\n.flac")
    text, left = m3u([sly])
    assert (text, left) == ("#EXTM3U\n#EXTINF:-1,a\\x0db - x\\x0a/etc/passwd\n/m/1\\x0a.flac\n", [])


def test_play_hands_the_player_the_files_in_album_order(night: list[Path], tmp_path: Path) -> None:
    record = tmp_path / "played.json"
    player = f'{sys.executable} -c "{RECORDER}" {record}'
    result = lvost("play", "-s", "night", env={"LVOST_PLAYER": player})
    assert (result.exit_code, result.stderr) == (0, "not played: 3. Three: no audio file is known\n")
    assert json.loads(record.read_text()) == [str(f) for f in night]


def test_a_file_that_is_gone_is_named_and_nothing_to_play_is_exit_1(
    night: list[Path], tmp_path: Path
) -> None:
    night[1].unlink()
    player = f'{sys.executable} -c "{RECORDER}" {tmp_path / "played.json"}'
    result = lvost("play", "-s", "night", "title:two", env={"LVOST_PLAYER": player})
    assert (result.exit_code, result.stderr) == (
        1,
        f"not played: 2. Two: {night[1]} is gone\n"
        "Error: nothing to play: none of these tracks has an audio file that is there\n",
    )
    assert not (tmp_path / "played.json").exists()


def test_a_player_that_cannot_start_is_one_line(night: list[Path], tmp_path: Path) -> None:
    missing = tmp_path / "no-such-player"
    result = lvost("play", "-s", "night", "one", env={"LVOST_PLAYER": str(missing)})
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {missing} could not be started (No such file or directory); set LVOST_PLAYER to a player\n",
    )


def test_a_player_command_with_an_open_quote_is_one_line(night: list[Path]) -> None:
    result = lvost("play", "-s", "night", "one", env={"LVOST_PLAYER": '"mpv --no-video'})
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: $LVOST_PLAYER cannot be read as a command (no closing quotation);"
        ' set it to a program and its options, like "mpv --no-video"\n'
    )


def test_the_player_is_the_variable_then_mpv_then_the_systems(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert playing.player({"LVOST_PLAYER": "vlc --play-and-exit"}) == ["vlc", "--play-and-exit"]
    monkeypatch.setenv("PATH", str(tmp_path))
    assert playing.player({}) is None
    mpv = tmp_path / "mpv"
    mpv.write_text("#!/bin/sh\n")
    mpv.chmod(0o755)
    assert playing.player({"LVOST_PLAYER": "  "}) == [str(mpv)]


def test_many_tracks_not_played_are_counted_after_the_first_ten(night: list[Path]) -> None:
    result = lvost("play", "-s", "leaving-las-vegas", env={"LVOST_PLAYER": "true"})
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    assert lines[:2] == [
        "not played: 1. Intro Dialogue: no audio file is known",
        "not played: 2. Angel Eyes: no audio file is known",
    ]
    assert lines[10:] == [
        "not played: 15 more tracks, without an audio file that is there",
        "Error: nothing to play: none of these tracks has an audio file that is there",
    ]
