from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lvost.core.atomic import replacing


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="Windows has no permission bits")
@pytest.mark.parametrize(("keep_mode", "expected"), [(True, 0o640), (False, 0o600)])
def test_the_new_file_keeps_the_old_ones_mode_only_when_asked(
    tmp_path: Path, keep_mode: bool, expected: int
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    with replacing(target, keep_mode=keep_mode) as new:
        new.write_text("new")
    assert (target.read_text(), mode(target)) == ("new", expected)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def write_then_fail(target: Path, error: BaseException) -> None:
    with replacing(target) as new:
        new.write_text("half")
        raise error


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_an_error_while_writing_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, error: BaseException
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(type(error)):
        write_then_fail(target, error)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.skipif(os.name == "nt", reason="Windows has no permission bits")
def test_a_read_only_mode_is_kept_although_the_file_is_synced_before(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o444)
    with replacing(target, keep_mode=True) as new:
        new.write_text("new")
    assert (target.read_text(), mode(target)) == ("new", 0o444)


def test_a_target_whose_name_is_near_the_limit_is_still_written(tmp_path: Path) -> None:
    target = tmp_path / ("a" * 245 + ".json")  # 250 bytes: too long to repeat in a temporary name
    with replacing(target) as new:
        new.write_text("whole")
    assert target.read_text() == "whole"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


WRITER = """
import sys, time
from pathlib import Path
from lvost.__main__ import ends_cleanly_on_signals
from lvost.core.atomic import replacing
ends_cleanly_on_signals()
with replacing(Path(sys.argv[1])) as new:
    new.write_text("half")
    print("writing", flush=True)
    time.sleep(60)
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM and SIGHUP are POSIX")
@pytest.mark.parametrize("sent", ["SIGTERM", "SIGHUP"])
def test_a_request_to_stop_while_writing_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, sent: str
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"
    number = getattr(signal, sent)
    child.send_signal(number)
    assert child.wait(timeout=30) == 128 + number
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
