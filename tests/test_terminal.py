"""lvost as a process: colour on a real pseudo-terminal, pipes, and Ctrl-C."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import in_a_terminal, read_all

LVOST = [sys.executable, "-m", "lvost"]
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-7]|9[0-7]|38;[0-9;]+)m")
ANY_ESCAPE = re.compile(r"\x1b\[")


def base_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "LVOST_DATA")
    }
    return {**env, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40", "PAGER": "cat", **extra}


def on_a_terminal(args: list[str], **env: str) -> str:
    """Run lvost with stdout on a pseudo-terminal and return what it drew."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([*LVOST, *args], stdout=follower, stderr=subprocess.PIPE, env=base_env(**env))
    os.close(follower)
    drawn = read_all(leader)
    assert process.wait(timeout=10) == 0
    return drawn.decode()


def test_a_terminal_gets_colour_and_a_table() -> None:
    out = on_a_terminal(["tracks", "--kind", "song"])
    assert COLOUR.search(out) or "\x1b[1m" in out
    assert "Performers" in out
    assert COLOUR.search(on_a_terminal(["show", "2"]))


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["show", "2"], {"NO_COLOR": "1"}),
        (["--no-color", "show", "2"], {}),
        (["show", "2"], {"TERM": "dumb"}),
    ],
)
def test_colour_can_be_turned_off(args: list[str], env: dict[str, str]) -> None:
    out = on_a_terminal(args, **env)
    assert "Sting (vocals)" in out
    assert not ANY_ESCAPE.search(out)  # plain: no bold or underline either


def test_a_dumb_terminal_gets_no_escape_codes_at_all() -> None:
    assert not ANY_ESCAPE.search(on_a_terminal(["tracks"], TERM="dumb"))


def test_a_pipe_gets_plain_rows_without_escape_codes() -> None:
    done = subprocess.run(
        [*LVOST, "tracks", "--kind", "song"], capture_output=True, text=True, env=base_env()
    )
    assert not ANY_ESCAPE.search(done.stdout)
    assert done.stdout.splitlines()[0].split("\t") == [
        "2",
        "Angel Eyes",
        "Sting (vocals)",
        "song",
        "vocal jazz; torch song",
        "",
    ]


@pytest.fixture(scope="module")
def big_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tracks = [{"number": n, "title": f"Track {n}", "notes": ["x" * 200]} for n in range(1, 3001)]
    data = {"schema_version": 1, "soundtrack": {"album": {"title": "Big"}}, "tracks": tracks}
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(data))
    return path


def test_a_reader_that_stops_early_ends_lvost_quietly(big_catalog: Path) -> None:
    process = subprocess.Popen(
        [*LVOST, "--data", str(big_catalog), "tracks", "--fields", "number,title,notes"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=base_env(),
    )
    assert process.stdout is not None
    assert process.stdout.readline() == f"1\tTrack 1\t{'x' * 200}\n".encode()
    process.stdout.close()  # like `head -1`
    _, stderr = process.communicate(timeout=20)
    assert (process.returncode, stderr) == (0, b"")


@pytest.mark.parametrize("args", [["--help"], ["tracks", "-h"], ["tracks", "--kind", "song"]])
def test_a_reader_gone_before_the_first_line_is_no_failure(args: list[str]) -> None:
    reading, writing = os.pipe()
    os.close(reading)  # like `head` that has already stopped: every write fails
    try:
        done = subprocess.run(
            [*LVOST, *args], stdout=writing, stderr=subprocess.PIPE, env=base_env(), timeout=20
        )
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.parametrize("force", ["FORCE_COLOR", "CLICOLOR_FORCE"])
def test_forcing_colour_does_not_make_a_pipe_a_terminal(force: str) -> None:
    piped = subprocess.run(
        [*LVOST, "tracks", "--kind", "song"], capture_output=True, env={**base_env(), force: "1"}
    )
    assert piped.stdout.splitlines()[0] == b"2\tAngel Eyes\tSting (vocals)\tsong\tvocal jazz; torch song\t"
    assert b"\x1b" not in piped.stdout


def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path) -> None:
    fifo = tmp_path / "slow.json"
    os.mkfifo(fifo)  # reading it waits for a writer that never comes: lvost is busy until interrupted
    process = subprocess.Popen(
        [*LVOST, "--data", str(fifo), "tracks"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=base_env(),
        # as at a terminal: a suite run as a background job would pass on an ignored SIGINT
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # Wait until lvost is reading the pipe (a writer can open it only then), however
    # slowly it starts on a busy machine; the write end stays open, so it reads on.
    writer = -1
    deadline = time.monotonic() + 30
    while writer < 0 and time.monotonic() < deadline:
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader yet
            time.sleep(0.05)
    time.sleep(0.5)  # and gone on from opening it to reading it
    try:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if writer >= 0:
            os.close(writer)
    assert writer >= 0, "lvost never opened the pipe"
    assert process.returncode == 130
    assert b"Traceback" not in stderr


PAGER = "sh -c 'echo PAGER-BEGINS; cat'"
"""A pager that says it was started, then shows what it is given."""


@pytest.mark.parametrize(
    ("args", "lines", "paged"),
    [
        (["tracks"], "10", True),  # 25 tracks on 10 lines
        (["--no-pager", "tracks"], "10", False),
        (["tracks"], "60", False),  # it fits
        (["show", "2"], "8", True),
        (["tracks", "--format", "plain"], "10", False),  # rows for a program are never paged
    ],
)
def test_long_output_on_a_terminal_is_paged(args: list[str], lines: str, paged: bool) -> None:
    code, drawn = in_a_terminal([*LVOST, *args], base_env(PAGER=PAGER, LINES=lines))
    assert code == 0
    assert ("PAGER-BEGINS" in drawn) is paged
    assert "Angel Eyes" in drawn


def test_a_pipe_is_never_paged() -> None:
    piped = subprocess.run([*LVOST, "tracks"], capture_output=True, env=base_env(PAGER=PAGER, LINES="5"))
    assert b"PAGER-BEGINS" not in piped.stdout
    assert len(piped.stdout.splitlines()) == 25


@pytest.mark.parametrize("pager", ["no-such-pager-anywhere", '"less -R'])
def test_a_pager_that_is_not_there_leaves_the_output_as_it_is(pager: str) -> None:
    code, drawn = in_a_terminal([*LVOST, "tracks"], base_env(PAGER=pager, LINES="10"))
    assert code == 0
    assert "Angel Eyes" in drawn
    assert "Traceback" not in drawn
