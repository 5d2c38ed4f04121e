"""Search on a large file goes through the index: read quickly when the lean
reader vouches for the file, by the models otherwise, and kept only as read."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import TERMINAL
from lvost import cache, datafile
from lvost.catalog import Catalog
from lvost.cli import app, searching
from support import variant


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    place = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(place))
    return place


@pytest.fixture
def every_file_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searching, "INDEX_MIN_BYTES", 0)


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(*args: str) -> Any:
    return CliRunner(env=TERMINAL).invoke(app, list(args), prog_name="lvost")


def entries(folder: Path) -> list[Path]:
    return list(folder.glob("*.index.pickle")) if folder.exists() else []


SEARCH = ("search", "t", "--format", "tsv")


def test_the_index_is_read_by_the_lean_reader_and_answers_as_the_catalog(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, every_file_is_large: None
) -> None:
    path = write(tmp_path / "a.json", variant(tracks__1__title="Two Tango"))
    monkeypatch.setattr(searching, "INDEX_MIN_BYTES", 10**9)
    from_catalog = run("--data", str(path), *SEARCH)
    monkeypatch.setattr(searching, "INDEX_MIN_BYTES", 0)

    def refuse(*args: object) -> None:
        raise AssertionError("the lean reader should have read this file")

    monkeypatch.setattr(datafile, "from_bytes", refuse)
    from_index = run("--data", str(path), *SEARCH)
    assert from_index.exit_code == from_catalog.exit_code == 0
    assert from_index.stdout == from_catalog.stdout
    assert len(entries(folder)) == 1


def test_a_file_the_lean_reader_refuses_is_read_by_the_models(
    folder: Path, tmp_path: Path, every_file_is_large: None
) -> None:
    # White space to Python's "\s", not to the models' pattern: the lean reader is stricter.
    path = write(tmp_path / "a.json", variant(tracks__0__alternate_titles=["\x1c"]))
    result = run("--data", str(path), "search", "two", "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["2\tTwo\ttitle: Two"]
    assert len(entries(folder)) == 1


def test_a_bad_file_gets_the_models_error_and_no_index(
    folder: Path, tmp_path: Path, every_file_is_large: None
) -> None:
    path = write(tmp_path / "a.json", variant(tracks__1__number="2"))
    searched = run("--data", str(path), *SEARCH)
    listed = run("--data", str(path), "tracks")
    assert searched.exit_code == listed.exit_code == 1
    assert searched.stderr == listed.stderr
    assert "tracks[1].number: should be a valid integer" in searched.stderr
    assert entries(folder) == []


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


def test_a_file_changed_while_indexed_is_read_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, every_file_is_large: None
) -> None:
    path = write(tmp_path / "a.json", variant(tracks__1__title="Two Tango"))
    read_as_usual = changed_while_read(monkeypatch, path, variant(tracks__1__title="Two Tangos and a Waltz"))
    first = run("--data", str(path), "search", "tango", "--format", "tsv")
    read_as_usual()
    second = run("--data", str(path), "search", "tango", "--format", "tsv")
    assert first.stdout.splitlines()[1:] == ["2\tTwo Tango\ttitle: Two Tango"]
    assert second.stdout.splitlines()[1:] == ["2\tTwo Tangos and a Waltz\ttitle: Two Tangos and a Waltz"]


def test_a_catalog_changed_while_loaded_is_read_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.json", variant(tracks__0__title="Before"))
    read_as_usual = changed_while_read(monkeypatch, path, variant(tracks__0__title="After, and longer"))
    assert Catalog.load(path).tracks[0].title == "Before"
    read_as_usual()
    assert Catalog.load(path).tracks[0].title == "After, and longer"


@pytest.mark.parametrize("change", ["content", "size", "mtime"])
def test_an_index_follows_its_file(
    folder: Path, tmp_path: Path, change: str, every_file_is_large: None
) -> None:
    path = write(tmp_path / "a.json", variant(tracks__1__title="Tango"))
    assert run("--data", str(path), "search", "tango", "--format", "tsv").stdout.splitlines()[1:] == [
        "2\tTango\ttitle: Tango"
    ]
    before = path.stat()
    if change == "content":  # same size, same modification time
        path.write_text(path.read_text().replace('"Tango"', '"Tanga"'))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert path.stat().st_size == before.st_size
        expected = []
    elif change == "size":
        write(path, variant(tracks__1__title="Tango Two"))
        expected = ["2\tTango Two\ttitle: Tango Two"]
    else:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
        expected = ["2\tTango\ttitle: Tango"]
    result = run("--data", str(path), "search", "tango", "--format", "tsv")
    assert result.stdout.splitlines()[1:] == expected
    assert result.exit_code == (0 if expected else 1)


def test_a_corrupt_index_is_rebuilt(folder: Path, tmp_path: Path, every_file_is_large: None) -> None:
    path = write(tmp_path / "a.json", variant(tracks__1__title="Tango"))
    first = run("--data", str(path), "search", "tango", "--format", "tsv")
    (entry,) = entries(folder)
    entry.write_bytes(b"\x80\x05 not a pickle")
    second = run("--data", str(path), "search", "tango", "--format", "tsv")
    assert second.stdout == first.stdout
    assert entry.read_bytes() != b"\x80\x05 not a pickle"
