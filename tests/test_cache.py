"""The cache: used when nothing changed, never stale, never fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TERMINAL
from lvost import cache
from lvost.catalog import Catalog
from lvost.cli import app
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


def test_a_loaded_catalog_is_kept_and_reused(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    assert titles(path) == ["One", "Two"]
    assert len(list(folder.glob("*.catalog.pickle"))) == 1

    def no_validation(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr("lvost.datafile.load", no_validation)
    assert titles(path) == ["One", "Two"]


@pytest.mark.parametrize("change", ["content", "size", "mtime"])
def test_a_changed_file_is_read_again(folder: Path, tmp_path: Path, change: str) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    assert titles(path) == ["One", "Two"]
    before = path.stat()
    if change == "content":  # same size, same modification time
        text = path.read_text().replace('"One"', '"Uno"')
        path.write_text(text)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert path.stat().st_size == before.st_size
        expected = ["Uno", "Two"]
    elif change == "size":
        write(path, variant(tracks__0__title="One more"))
        expected = ["One more", "Two"]
    else:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
        expected = ["One", "Two"]
    assert titles(path) == expected


def test_a_corrupt_entry_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    titles(path)
    (entry,) = folder.glob("*.catalog.pickle")
    entry.write_bytes(b"not a pickle")
    entry.chmod(0o600)
    assert titles(path) == ["One", "Two"]
    assert entry.read_bytes() != b"not a pickle"


def test_an_entry_others_could_write_is_not_trusted(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    titles(path)
    (entry,) = folder.glob("*.catalog.pickle")
    entry.chmod(0o666)
    assert cache.load(path, "catalog") is None
    assert titles(path) == ["One", "Two"]


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
    assert not folder.exists() or not list(folder.glob("*.pickle"))


def test_cache_command(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner(env={**TERMINAL, cache.ENV: str(folder)})
    write(tmp_path / "a.json", MINIMAL)
    runner.invoke(app, ["--data", str(tmp_path / "a.json"), "tracks"], prog_name="lvost")
    shown = runner.invoke(app, ["cache"], prog_name="lvost")
    assert shown.stdout.startswith(f"{folder}: 1 entry, ")
    cleared = runner.invoke(app, ["cache", "--clear"], prog_name="lvost")
    assert cleared.stdout == f"Removed 1 entry from {folder}\n"
    assert not list(folder.glob("*.pickle"))
    off = CliRunner(env={**TERMINAL, cache.ENV: ""}).invoke(app, ["cache"], prog_name="lvost")
    assert off.stdout == "Caching is off (LVOST_CACHE_DIR is set and empty).\n"


def test_a_change_to_lvost_itself_makes_entries_stale(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    titles(path)
    assert cache.load(path, "catalog") is not None
    normalizer = Path(cache.__file__).with_name("matching.py")
    stamp = normalizer.stat()
    try:
        os.utime(normalizer, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))
        assert cache.load(path, "catalog") is None
    finally:
        os.utime(normalizer, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def test_every_module_that_shapes_an_entry_makes_it_stale_when_it_changes() -> None:
    """Whatever the code that builds a catalog or an index imports can change what an
    entry holds, except the modules that only word error messages."""
    script = (
        "import sys, lvost.catalog, lvost.datafile, lvost.index, lvost.lean\n"
        "print(' '.join(sorted(m.split('.')[1] + '.py' for m in sys.modules if m.startswith('lvost.'))))\n"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    only_words = {"errors.py", "locate.py"}
    assert set(found.stdout.split()) - only_words == set(cache._MAKERS)


def test_an_entry_that_cannot_be_read_is_passed_over(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", MINIMAL)
    titles(path)
    (entry,) = folder.glob("*.catalog.pickle")
    entry.unlink()
    entry.mkdir()  # opening it fails, as an unreadable file's would (root reads any file)
    assert cache.load(path, "catalog") is None
    assert titles(path) == ["One", "Two"]
