"""The process: output complete, exit codes kept, exit handlers run, though
lvost skips the interpreter's teardown."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lvost.__main__ import _exit_code
from lvost.cli import app
from lvost.cli.searching import INDEX_MIN_BYTES


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


def test_exit_codes_read_as_the_interpreter_reads_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(None) == 0
    assert _exit_code(3) == 3
    assert _exit_code("gone wrong") == 1
    assert capsys.readouterr().err == "gone wrong\n"


@pytest.fixture(scope="module")
def indexed_size(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file large enough to be searched through the index."""
    note = "a long note, so that few tracks make a large file " * 8
    tracks = [{"number": n, "title": f"Track {n}", "notes": [note]} for n in range(1, 12_001)]
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_text(
        json.dumps({"schema_version": 1, "soundtrack": {"album": {"title": "L"}}, "tracks": tracks})
    )
    assert path.stat().st_size >= INDEX_MIN_BYTES
    return path


@pytest.mark.parametrize("command", ["tracks", "search"])
def test_what_lvost_reads_is_kept_from_the_collector_only_in_its_own_process(
    command: str, indexed_size: Path, tmp_path: Path
) -> None:
    args = ["--data", str(indexed_size), *(["tracks"] if command == "tracks" else ["search", "track", "7"])]
    script = (
        "import gc, sys\n"
        "from lvost.__main__ import main\n"
        f"sys.argv = ['lvost', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(gc.get_freeze_count() > 0, file=sys.stderr)\n"
    )
    env = {**os.environ, "LVOST_CACHE_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.stderr == "True\n"
    if command == "search":
        assert list(tmp_path.glob("*.index.pickle"))  # it went through the index
    # Called from Python (as the tests call it), lvost leaves the caller's collector alone.
    before = gc.get_freeze_count()
    assert CliRunner().invoke(app, args, prog_name="lvost").exit_code == 0
    assert gc.get_freeze_count() == before
