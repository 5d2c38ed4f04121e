"""The lean reader accepts only files the models accept, and reads them alike."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, ValidationError, field_validator

from damage import SMALL, damaged
from lvost import lean
from lvost.models import SoundtrackFile
from lvost.names import embedded_path
from support import MINIMAL, variant

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def models_read(raw: bytes) -> dict[str, Any] | None:
    try:
        return SoundtrackFile.model_validate_json(raw).model_dump(mode="json", by_alias=True)
    except ValidationError:
        return None


def lean_read(raw: bytes) -> dict[str, Any] | None:
    data = lean.read(raw)
    return None if data is None else msgspec.to_builtins(data)  # type: ignore[no-any-return]


def assert_no_looser(raw: bytes) -> None:
    """Whatever the lean reader accepts, the models accept, with the same content."""
    read = lean_read(raw)
    if read is not None:
        assert read == models_read(raw)


@pytest.mark.parametrize("path", [embedded_path(), SMALL], ids=["embedded", "small"])
def test_real_files_read_alike(path: Any) -> None:
    raw = path.read_bytes()
    assert lean_read(raw) is not None
    assert lean_read(raw) == models_read(raw)


def test_genres_are_folded_as_the_models_fold_them() -> None:
    raw = json.dumps(variant(tracks__0__genres=["  Vocal   JAZZ "], themes__0__genres=["BLUES"])).encode()
    data = lean.read(raw)
    assert data is not None
    assert data.tracks[0].genres == ["vocal jazz"]
    assert data.themes[0].genres == ["blues"]


TRACK = '{"number": 1, "title": "One"%s}'
FILE = '{"schema_version": 1, "soundtrack": {"album": {"title": "A"}}, "tracks": [%s]}'


@pytest.mark.parametrize(
    "text",
    [
        FILE % (TRACK % ', "title": " "'),  # a repeated key: the last one counts
        FILE % '{"number": 1, "title": " ", "title": "Two"}',
        FILE % (TRACK % ', "number": 1.0'),
        FILE % (TRACK % ', "number": true'),
        FILE % (TRACK % ', "number": 0'),
        FILE % (TRACK % ', "title": "\\u001f"'),  # blank to Python, not to the models
        FILE % (TRACK % ', "title": "\\u00a0"'),
        FILE % (TRACK % ', "title": "\\ud800"'),
        FILE % (TRACK % ', "title": "\\u200b"'),  # shows nothing
        FILE % (TRACK % ', "title": "\\udb40\\udc41"'),  # a tag character
        FILE % (TRACK % ', "sources": ["a\\n"]'),  # "$" before a final newline
        FILE % (TRACK % ', "kinds": ["Song"]'),
        FILE % (TRACK % ', "notes": null'),
        FILE % (TRACK % ', "disc": 0'),
        FILE % (TRACK % ', "extra": 1'),
        FILE % (TRACK % ', "number": 123456789012345678901234567890'),
        FILE % f"{TRACK % ''}, {TRACK % ''}",  # the same number twice
        FILE % (TRACK % ', "sources": ["nowhere"]'),  # a source not listed
        FILE % "",
        (FILE % (TRACK % "")).replace("1,", "1.0,", 1),  # schema_version 1.0
        (FILE % (TRACK % "")).replace('"A"', '"A", "year": 1e3'),
        (FILE % (TRACK % "")).replace("}}", '}, "film": {"title": "F", "release_date": "1995-02-30"}}'),
        (FILE % (TRACK % "")).replace("}}", '}, "film": {"title": "F", "release_date": "1995-10-27"}}'),
        (FILE % (TRACK % "")) + " x",
        '{"$schema": "https://example.org/s.json", ' + (FILE % (TRACK % ""))[1:],
        '{"$schema": 1, ' + (FILE % (TRACK % ""))[1:],
        '{"schema_": "x", ' + (FILE % (TRACK % ""))[1:],  # the Python name is not the key
        "\ufeff" + FILE % (TRACK % ""),
    ],
)
def test_edge_cases_are_never_looser(text: str) -> None:
    assert_no_looser(text.encode("utf-8", "surrogatepass"))


def test_broken_links_are_left_to_the_models() -> None:
    for data in (
        variant(themes__0__tracks=[9]),
        variant(tracks__1__number=1),
        variant(tracks__0__sources=["elsewhere"]),
        variant(themes=[MINIMAL["themes"][0], MINIMAL["themes"][0]]),
    ):
        raw = json.dumps(data).encode()
        assert models_read(raw) is None
        assert lean.read(raw) is None


EMBEDDED = json.loads(embedded_path().read_text(encoding="utf-8"))
"""The embedded file has every part of the format: film, cast, releases, charts..."""


@given(damaged() | damaged(EMBEDDED))
@SETTINGS
def test_damaged_files_are_never_read_more_loosely(data: Any) -> None:
    assert_no_looser(json.dumps(data).encode())


KEYS = st.sampled_from(["number", "title", "notes", "genres", "sources", "disc", "kinds"])


@given(st.integers(0, 2), KEYS, st.sampled_from([1, 0, "x", " ", ["a"], [], None, "\x1f", ["\x1f"]]))
@SETTINGS
@example(0, "title", " ")
def test_repeated_keys_are_never_read_more_loosely(track: int, key: str, value: Any) -> None:
    """The JSON module cannot write a key twice; put the extra one in by hand,
    first, so that the real value comes last."""
    text = json.dumps(json.loads(SMALL.read_text(encoding="utf-8")))
    opening = '"tracks": [{'
    at = text.index(opening) + len(opening)
    for _ in range(track):
        at = text.index(', {"number"', at) + 3
    assert_no_looser((text[:at] + f"{json.dumps(key)}: {json.dumps(value)}, " + text[at:]).encode())


@given(st.text(max_size=6))
@SETTINGS
@example("\x1c")
@example("\u2028")
@example("a\n")
@example("\u200b")
@example("\ufeff\U000e0041")
@example("\u200ba")
def test_text_and_id_patterns_are_never_looser(value: str) -> None:
    assert_no_looser(json.dumps(variant(tracks__0__title=value)).encode())
    assert_no_looser(json.dumps(variant(themes__0__id=value)).encode())


@given(st.text(max_size=12) | st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"))
@SETTINGS
def test_dates_are_never_looser(value: str) -> None:
    data = variant(soundtrack__sources=[{"id": "s", "name": "S", "date": value}])
    assert_no_looser(json.dumps(data).encode())


class Unknown(BaseModel):
    weight: float


class Patterned(BaseModel):
    code: str = Field(pattern=r"^\d+$")


class Checked(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def _not_bob(cls, value: str) -> str:
        if value == "Bob":
            raise ValueError("no Bobs")
        return value


@pytest.mark.parametrize("model", [Unknown, Patterned, Checked])
def test_a_field_the_reader_cannot_judge_stops_it_being_made(model: type[BaseModel]) -> None:
    with pytest.raises(TypeError, match=r"teach it in lean\.py"):
        lean._struct(model)


def strings_in(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [*node, *(s for value in node.values() for s in strings_in(value))]
    if isinstance(node, list):
        return [s for value in node for s in strings_in(value)]
    return []


@given(
    st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)), st.booleans()
)
@SETTINGS
@example(["a\nb"], False)
@example({"k": "x\x1fy"}, True)
@example(["caf\u00e9 \u001e"], True)
def test_plain_strings_are_told_from_the_bytes(doc: Any, ascii_only: bool) -> None:
    raw = json.dumps(doc, ensure_ascii=ascii_only).encode()
    if lean.plain_strings(raw):
        assert not any(sep in s for s in strings_in(doc) for sep in "\n\x1e\x1f")


def test_plain_strings_are_the_usual_case() -> None:
    assert lean.plain_strings(embedded_path().read_bytes())
    assert lean.plain_strings(json.dumps({"t": "Caf\u00e9 \\ back"}, ensure_ascii=True).encode())
    assert not lean.plain_strings(json.dumps({"t": "two\nlines"}).encode())


@pytest.mark.parametrize(
    "escape", [b"\\n", b"\\u000a", b"\\u000A", b"\\u001e", b"\\u001E", b"\\u001f", b"\\u001F"]
)
def test_every_way_json_writes_a_separator_is_seen(escape: bytes) -> None:
    raw = b'{"t": "a' + escape + b'b"}'
    assert any(sep in json.loads(raw)["t"] for sep in "\n\x1e\x1f")
    assert not lean.plain_strings(raw)
