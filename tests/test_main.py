"""The process: output complete, exit codes kept, exit handlers run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def lvost(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lvost", *args], capture_output=True, text=True, check=False)


def test_a_long_answer_reaches_a_pipe_whole() -> None:
    result = lvost("tracks", "--format", "json")
    assert result.returncode == 0
    assert [t["number"] for t in json.loads(result.stdout)] == list(range(1, 26))


@pytest.mark.parametrize(
    ("args", "code"), [(["about"], 0), (["show", "no such track"], 1), (["tracks", "--sort", "x"], 2)]
)
def test_exit_codes_are_kept(args: list[str], code: int) -> None:
    result = lvost(*args)
    assert result.returncode == code
    assert (result.stderr.startswith("Error: ")) == (code != 0)


def test_exit_handlers_still_run() -> None:
    script = (
        "import atexit, sys\n"
        "from lvost.__main__ import entry\n"
        "atexit.register(print, 'handler ran')\n"
        "sys.argv = ['lvost', 'about']\n"
        "entry()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.rstrip().endswith("handler ran")


def test_a_command_still_collects_its_own_cycles() -> None:
    # Collection waits while the libraries load, then runs again for the command:
    # a long browse or add must not keep every cycle it makes.
    script = (
        "import gc, sys\n"
        "import lvost.cli.main\n"
        "from lvost.__main__ import entry\n"
        "def run():\n"
        "    class Node: pass\n"
        "    a, b = Node(), Node()\n"
        "    a.other, b.other = b, a\n"
        "    del a, b\n"
        "    print(gc.isenabled(), gc.get_freeze_count() > 0, gc.collect() >= 2)\n"
        "lvost.cli.main.run = run\n"
        "sys.argv = ['lvost']\n"
        "entry()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["tracks"], ["tracks", "--json"], ["show", "2"], ["about"], ["--help"], ["tracks", "-h"], ["schema"]],
)
def test_output_that_takes_nothing_is_one_line(args: list[str]) -> None:
    with FULL.open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "lvost", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr == (
        "Error: the output cannot be written (No space left on device); give lvost a file or a pipe\n"
    )


@pytest.mark.parametrize("args", [["tracks"], ["show", "2"], ["stats"], ["--help"], ["tracks", "-h"]])
def test_output_closed_before_the_start_is_one_line(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lvost", *args],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(1),  # as the shell's >&- leaves it
    )
    assert result.returncode == 1
    assert (
        result.stderr == "Error: the output cannot be written (it is closed); give lvost a file or a pipe\n"
    )
