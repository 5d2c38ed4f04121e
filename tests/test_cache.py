"""The store kept in the cache for a data file: used when nothing changed, never
stale, never fatal, and never trusted half-built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import TERMINAL
from lvost.cli.main import app
from lvost.format import datafile
from lvost.questions.catalog import Catalog
from lvost.store import cache
from support import MINIMAL, variant


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    place = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(place))
    return place


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def titles(path: Path) -> list[str]:
    return [t.title for t in Catalog.load(path).tracks]


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{cache.SUFFIX}")) if folder.exists() else []


def no_validation(*args: object, **kwargs: object) -> None:
    raise AssertionError("the cache should have answered")


def test_a_store_is_kept_and_reused(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    assert titles(path) == ["One", "Two"]
    assert len(entries(folder)) == 1
    monkeypatch.setattr(datafile, "load", no_validation)
    assert titles(path) == ["One", "Two"]


@pytest.mark.parametrize("change", ["content", "size", "mtime", "content, times kept"])
def test_a_changed_file_is_read_again(folder: Path, tmp_path: Path, change: str) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    assert titles(path) == ["One", "Two"]
    before = path.stat()
    expected = ["Uno", "Two"]
    if change.startswith("content"):  # same size, same modification time
        path.write_text(path.read_text().replace('"One"', '"Uno"'))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert path.stat().st_size == before.st_size
    elif change == "size":
        write(path, variant(tracks__0__title="One more"))
        expected = ["One more", "Two"]
    else:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
        expected = ["One", "Two"]
    if change == "content, times kept":
        # As a write through mmap leaves them: only the content tells.
        real_stat = Path.stat

        def stat_as_before(self: Path, *, follow_symlinks: bool = True) -> Any:
            return before if self == path else real_stat(self, follow_symlinks=follow_symlinks)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Path, "stat", stat_as_before)
            assert titles(path) == expected
        return
    assert titles(path) == expected


def changed_while_read(monkeypatch: pytest.MonkeyPatch, path: Path, later: Any) -> Callable[[], None]:
    """Make the next reads of ``path`` write ``later`` into it just after reading;
    what it returns puts reading back as it was."""
    read = datafile.read_bytes

    def read_then_change(source: Path, name: str) -> bytes:
        raw = read(source, name)
        write(path, later)
        return raw

    monkeypatch.setattr(datafile, "read_bytes", read_then_change)
    return lambda: monkeypatch.setattr(datafile, "read_bytes", read)


def test_a_file_changed_while_read_is_read_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.json", variant(tracks__0__title="Before"))
    read_as_usual = changed_while_read(monkeypatch, path, variant(tracks__0__title="After, and longer"))
    assert Catalog.load(path).tracks[0].title == "Before"
    read_as_usual()
    assert Catalog.load(path).tracks[0].title == "After, and longer"


@pytest.mark.parametrize("damage", [b"not a database", b"SQLite format 3\x00" + b"\xff" * 200, b""])
def test_a_damaged_entry_is_rebuilt(folder: Path, tmp_path: Path, damage: bytes) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    titles(path)
    (entry,) = entries(folder)
    entry.write_bytes(damage)
    entry.chmod(0o600)
    assert titles(path) == ["One", "Two"]
    assert entry.read_bytes() != damage


def test_an_entry_others_could_write_is_not_trusted(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    titles(path)
    (entry,) = entries(folder)
    entry.chmod(0o666)
    seen: list[Path] = []
    load = datafile.load
    monkeypatch.setattr(datafile, "load", lambda p, n=None: seen.append(p) or load(p, n))
    assert titles(path) == ["One", "Two"]
    assert seen == [path]  # read from the file again, not from the entry


def test_a_fifo_in_place_of_an_entry_does_not_hang(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    titles(path)
    (entry,) = entries(folder)
    entry.unlink()
    os.mkfifo(entry)
    script = f"from lvost.questions.catalog import Catalog; print(Catalog.load(__import__('pathlib').Path({str(path)!r})).tracks[0].title)"
    env = {**os.environ, cache.ENV: str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.stdout == "One\n"


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    path = write(tmp_path / "a.json", MINIMAL)
    assert titles(path) == ["One", "Two"]


def test_an_empty_setting_turns_caching_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "")
    assert cache.directory() is None
    path = write(tmp_path / "a.json", MINIMAL)
    assert titles(path) == ["One", "Two"]


def test_a_bad_file_is_never_cached(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", variant(tracks__0__number="x"))
    with pytest.raises(Exception, match="should be a valid integer"):
        Catalog.load(path)
    assert entries(folder) == []


def test_a_pipe_is_read_each_time_and_never_kept(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    piped = subprocess.run(
        [sys.executable, "-m", "lvost", "--data", "/dev/stdin", "tracks"],
        input=path.read_text(),
        capture_output=True,
        text=True,
        env={**os.environ, cache.ENV: str(folder)},
        check=False,
    )
    assert piped.stdout.splitlines()[0].split("\t")[:2] == ["1", "One"]
    assert entries(folder) == []


def test_cache_command(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner(env={**TERMINAL, cache.ENV: str(folder)})
    write(tmp_path / "a.json", MINIMAL)
    runner.invoke(app, ["--data", str(tmp_path / "a.json"), "tracks"], prog_name="lvost")
    (folder / f".{entries(folder)[0].name}.x1.tmp").write_bytes(b"left by a killed build")
    shown = runner.invoke(app, ["cache"], prog_name="lvost")
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert size < 1024 * 1024  # a small cache reads as its size, not as "0.0 MiB"
    assert shown.stdout == f"{folder}: 2 entries, {round(size / 1024)} KiB\n"
    cleared = runner.invoke(app, ["cache", "--clear"], prog_name="lvost")
    assert cleared.stdout == f"Removed 2 entries from {folder}\n"
    assert list(folder.iterdir()) == []
    off = CliRunner(env={**TERMINAL, cache.ENV: ""}).invoke(app, ["cache"], prog_name="lvost")
    assert off.stdout == "Caching is off (LVOST_CACHE_DIR is set and empty).\n"


def test_clear_removes_only_what_lvost_made(folder: Path, tmp_path: Path) -> None:
    # A cache folder a user shares with other files: only lvost's names go.
    write(tmp_path / "a.json", MINIMAL)
    titles(tmp_path / "a.json")
    (entry,) = entries(folder)
    theirs = ["accounts.sqlite", ".vimswap.tmp", "1234abcd-5.sqlite.bak", f"{entry.name}.x1.tmp", "notes.txt"]
    for name in theirs:
        (folder / name).write_text("not lvost's")
    (folder / "0badf00d-3.sqlite").mkdir()  # a folder where an entry could be
    (folder / f".{entry.name}.x1.tmp").write_bytes(b"left by a killed build")
    cleared = CliRunner(env={**TERMINAL, cache.ENV: str(folder)}).invoke(app, ["cache", "--clear"])
    assert (cleared.exit_code, cleared.stdout) == (0, f"Removed 2 entries from {folder}\n")
    assert sorted(p.name for p in folder.iterdir()) == sorted([*theirs, "0badf00d-3.sqlite"])


def test_an_entry_that_cannot_be_removed_is_one_line(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.json", MINIMAL)
    titles(tmp_path / "a.json")

    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    cleared = CliRunner(env={**TERMINAL, cache.ENV: str(folder)}).invoke(app, ["cache", "--clear"])
    assert (cleared.exit_code, cleared.stdout, cleared.stderr) == (
        1,
        f"Removed 0 entries from {folder}\n",
        f"Error: 1 entry in {folder} could not be removed; check the folder's permissions\n",
    )


def test_a_change_to_lvost_itself_makes_entries_stale(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    before = cache.key(path)
    normalizer = Path(cache.__file__).parents[1] / "core" / "matching.py"
    stamp = normalizer.stat()
    try:
        os.utime(normalizer, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))
        assert cache.key(path) != before
    finally:
        os.utime(normalizer, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert cache.key(path) == before


def test_an_entry_that_cannot_be_opened_is_passed_over(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    titles(path)
    (entry,) = entries(folder)
    entry.unlink()
    entry.mkdir()  # opening it fails, as an unreadable file's would (root reads any file)
    assert titles(path) == ["One", "Two"]


def test_a_build_killed_half_way_leaves_nothing_trusted(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    script = (
        "import os, sys\n"
        "from lvost.store import write\n"
        "def die(*args, **kwargs):\n"
        "    os._exit(9)\n"
        "write._add_tracks = die\n"
        "from lvost.questions.catalog import Catalog\n"
        f"Catalog.load(__import__('pathlib').Path({str(path)!r}))\n"
    )
    env = {**os.environ, cache.ENV: str(folder)}
    killed = subprocess.run([sys.executable, "-c", script], env=env, check=False)
    assert killed.returncode == 9
    assert entries(folder) == []  # only a temporary file, under another name
    assert titles(path) == ["One", "Two"]
    assert len(entries(folder)) == 1


def test_four_processes_building_one_entry_all_answer(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    env = {**os.environ, cache.ENV: str(folder)}
    command = [sys.executable, "-m", "lvost", "--data", str(path), "search", "one", "--format", "tsv"]
    running = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [p.communicate()[0] for p in running]
    assert [p.returncode for p in running] == [0, 0, 0, 0]
    assert len(set(outputs)) == 1
    assert outputs[0].splitlines()[1].startswith("1\tOne\t")
    assert len(entries(folder)) == 1


def test_damage_found_after_an_entry_was_opened_is_one_error_line(folder: Path, tmp_path: Path) -> None:
    tracks = [{"number": n, "title": f"Track {n}", "notes": ["a note " * 20]} for n in range(1, 401)]
    path = write(tmp_path / "a.json", variant(tracks=tracks, themes=[]))
    runner = CliRunner(env={**TERMINAL, cache.ENV: str(folder)})
    assert runner.invoke(app, ["--data", str(path), "tracks"], prog_name="lvost").exit_code == 0
    (entry,) = entries(folder)
    raw = bytearray(entry.read_bytes())
    start, end = len(raw) // 3, 2 * len(raw) // 3  # the tables' pages, past the header and meta
    raw[start:end] = b"\xff" * (end - start)
    entry.write_bytes(bytes(raw))
    result = runner.invoke(app, ["--data", str(path), "tracks", "--format", "tsv"], prog_name="lvost")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the store lvost keeps for this soundtrack cannot be read (")
    assert result.stderr.endswith("the next command builds it again\n")
    assert result.stderr.count("\n") == 1
