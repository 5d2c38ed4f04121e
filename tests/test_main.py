"""The process: output complete, exit codes kept, exit handlers run."""

from __future__ import annotations

import json
import subprocess
import sys

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
