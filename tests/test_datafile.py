from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from lvost.core.errors import DataFileError
from lvost.core.names import embedded_path
from lvost.format import datafile
from support import MINIMAL, variant


def write(tmp_path: Path, content: bytes | str, name: str = "sound.json") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def load_error(path: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        datafile.load(path)
    return str(caught.value)


def test_embedded_data_is_found_and_valid() -> None:
    path = embedded_path()
    assert path.name == "tracks.json"
    assert len(datafile.load(path).tracks) == 25


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    assert load_error(path) == f"{path}: no such file; give the path of a soundtrack JSON file"


def test_directory(tmp_path: Path) -> None:
    assert load_error(tmp_path) == f"{tmp_path} is a directory; give the path of a soundtrack JSON file"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "{}")
    if os.geteuid() == 0:  # root reads any file, so stand in for the refusal
        monkeypatch.setattr(Path, "open", _refuse)
    else:
        path.chmod(0)
    assert load_error(path) == f"{path}: permission denied; lvost needs to read this file"


def _refuse(self: Path, *args: object, **kwargs: object) -> bytes:
    raise PermissionError(13, "Permission denied", str(self))


def test_other_read_failures_say_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Path, *args: object, **kwargs: object) -> bytes:
        raise OSError(5, "Input/output error")

    path = write(tmp_path, "{}")
    monkeypatch.setattr(Path, "open", broken)
    assert load_error(path) == f"{path}: cannot be read (Input/output error)"


@pytest.mark.parametrize("content", [b"", b"  \n\t"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    assert load_error(path) == f"{path} is empty; a soundtrack file is a JSON object with tracks"


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, b'{"a": "\xff"}')
    assert load_error(path) == f"{path} is not UTF-8 text (byte 7 cannot be decoded); save it as UTF-8"


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n  "schema_version": 1,,\n}')
    assert load_error(path) == f"{path}:2: not valid JSON: key must be a string at line 2 column 23"


@pytest.mark.parametrize("content", ["[]", "42", '"text"', "null"])
def test_top_level_must_be_an_object(tmp_path: Path, content: str) -> None:
    path = write(tmp_path, content)
    assert load_error(path) == f"{path}:1: the top level must be a JSON object"


BROKEN = """{
  "schema_version": 1,
  "soundtrack": {"album": {"title": "A"}},
  "tracks": [
    {"number": 1, "title": "a"},
    {"number": 1},
    {"number": 3, "title": "c", "duration_seconds": "3:05", "colour": "blue"}
  ],
  "themes": [
    {"id": "t", "name": "T", "tracks": [1, 9]}
  ]
}
"""


def test_load_names_file_line_and_field_and_counts_the_rest(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    assert load_error(path) == (
        f"{path}:6: tracks[1].title: is required (and 4 more problems; 'lvost validate' lists them all)"
    )


def test_load_can_name_the_file_by_a_label(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    with pytest.raises(DataFileError, match=r"^LVOST_DATA=x:6: tracks\[1\]\.title"):
        datafile.load(path, label="LVOST_DATA=x")


def test_check_lists_every_problem_by_line(tmp_path: Path) -> None:
    data, problems = datafile.check(write(tmp_path, BROKEN))
    assert data is None
    assert [str(p) for p in problems] == [
        "6: tracks[1].title: is required",
        "6: tracks[1].number: track number 1 is already used by tracks[0]",
        "7: tracks[2].duration_seconds: should be a valid integer",
        "7: tracks[2].colour: is not a field of the format (misspelt?)",
        "10: themes[0].tracks[1]: there is no track number 9",
    ]


def test_check_of_a_good_file(tmp_path: Path) -> None:
    data, problems = datafile.check(write(tmp_path, json.dumps(MINIMAL)))
    assert problems == []
    assert data is not None
    assert [t.number for t in data.tracks] == [1, 2]


def test_broken_links_alone_are_each_placed(tmp_path: Path) -> None:
    path = write(tmp_path, json.dumps(variant(tracks__1__number=1, themes__0__tracks=[5]), indent=2))
    _, problems = datafile.check(path)
    text = path.read_text().splitlines()
    assert [(p.where, text[p.line - 1].strip()) for p in problems] == [
        ("tracks[1].number", '"number": 1,'),
        ("themes[0].tracks[0]", "5"),
    ]


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datafile, "MAX_BYTES", 10)
    path = write(tmp_path, '{"schema_version": 1}')
    assert load_error(path) == f"{path} is 21 bytes; soundtrack files larger than 10 bytes are refused"


def broken(change: str) -> dict[str, object]:
    data = variant()
    if change == "missing":
        del data["tracks"][1]["title"]
    elif change == "extra":
        data["soundtrack"]["albun"] = {"title": "A"}
    elif change == "type":
        data["tracks"][0]["number"] = "1"
    else:
        data["themes"][0]["id"] = "Night Walk"
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("missing", "tracks[1].title: is required"),
        ("extra", "soundtrack.albun: is not a field of the format (misspelt?)"),
        ("type", "tracks[0].number: should be a valid integer"),
        ("pattern", 'themes[0].id: must be lower-case words joined by hyphens, like "fragile-hope"'),
    ],
)
def test_each_problem_is_said_in_plain_words(tmp_path: Path, change: str, expected: str) -> None:
    _, problems = datafile.check(write(tmp_path, json.dumps(broken(change))))
    assert [f"{p.where}: {p.message}" for p in problems] == [expected]


def test_a_stream_is_read_no_further_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datafile, "MAX_BYTES", 10)
    fifo = tmp_path / "stream.json"
    os.mkfifo(fifo)  # a pipe has no size to check beforehand

    def feed() -> None:
        with fifo.open("wb") as out:
            out.write(b"{" + b" " * 40 + b"}")

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert load_error(fifo) == f"{fifo} is larger than 10 bytes; such soundtrack files are refused"
    finally:
        writer.join(timeout=5)
