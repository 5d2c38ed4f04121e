from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pydantic import ValidationError

from lvost.models import SoundtrackFile, cross_reference_problems

MINIMAL: dict[str, Any] = {
    "schema_version": 1,
    "soundtrack": {"album": {"title": "A"}, "sources": [{"id": "s", "name": "S"}]},
    "tracks": [{"number": 1, "title": "One", "sources": ["s"]}, {"number": 2, "title": "Two"}],
    "themes": [{"id": "t", "name": "T", "tracks": [1]}],
}


def variant(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value
    return data


def errors_of(data: dict[str, Any]) -> list[tuple[tuple[int | str, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        SoundtrackFile.model_validate_json(json.dumps(data))
    return [(e["loc"], e["type"]) for e in caught.value.errors()]


def test_minimal_file_loads_with_unknowns_empty() -> None:
    data = SoundtrackFile.model_validate_json(json.dumps(MINIMAL))
    two = data.tracks[1]
    assert two.duration_seconds is None
    assert two.performers == two.writers == two.kinds == []
    assert data.soundtrack.film is None


def test_unknown_key_is_an_error_with_its_path() -> None:
    assert errors_of(variant(tracks__0__titel="x")) == [(("tracks", 0, "titel"), "extra_forbidden")]


def test_wrong_type_is_not_coerced() -> None:
    assert errors_of(variant(tracks__0__number="1")) == [(("tracks", 0, "number"), "int_type")]


def test_missing_title_is_reported() -> None:
    data = variant()
    del data["tracks"][1]["title"]
    assert errors_of(data) == [(("tracks", 1, "title"), "missing")]


def test_blank_title_is_refused() -> None:
    assert errors_of(variant(tracks__1__title="   ")) == [(("tracks", 1, "title"), "string_pattern_mismatch")]


def test_unknown_kind_is_refused() -> None:
    assert errors_of(variant(tracks__0__kinds=["opera"])) == [(("tracks", 0, "kinds", 0), "literal_error")]


def test_negative_duration_is_refused() -> None:
    assert errors_of(variant(tracks__0__duration_seconds=-1)) == [
        (("tracks", 0, "duration_seconds"), "greater_than_equal")
    ]


def test_a_file_needs_at_least_one_track() -> None:
    assert errors_of(variant(tracks=[], themes=[])) == [(("tracks",), "too_short")]


def test_genres_are_stored_in_one_spelling() -> None:
    data = SoundtrackFile.model_validate_json(json.dumps(variant(tracks__0__genres=["  Vocal  JAZZ"])))
    assert data.tracks[0].genres == ["vocal jazz"]


@pytest.mark.parametrize("bad_id", ["Night", "two words", "-x", "x-", ""])
def test_theme_ids_are_slugs(bad_id: str) -> None:
    assert errors_of(variant(themes__0__id=bad_id)) == [(("themes", 0, "id"), "string_pattern_mismatch")]


def cross_problems(data: dict[str, Any]) -> list[str]:
    return cross_reference_problems(SoundtrackFile.model_construct(**_constructed(data)))


def _constructed(data: dict[str, Any]) -> dict[str, Any]:
    # Build the parts one by one, so a file whose links are broken can still be inspected.
    from lvost.models import Soundtrack, Theme, Track

    return {
        "schema_version": 1,
        "soundtrack": Soundtrack.model_validate(data["soundtrack"]),
        "tracks": [Track.model_validate(t) for t in data["tracks"]],
        "themes": [Theme.model_validate(t) for t in data["themes"]],
    }


def test_duplicate_track_numbers_name_both_places() -> None:
    assert cross_problems(variant(tracks__1__number=1)) == [
        "tracks[1].number: track number 1 is already used by tracks[0]"
    ]


def test_duplicate_theme_ids_name_both_places() -> None:
    data = variant()
    data["themes"].append({"id": "t", "name": "Again"})
    assert cross_problems(data) == ["themes[1].id: theme id 't' is already used by themes[0]"]


def test_theme_pointing_at_a_missing_track() -> None:
    assert cross_problems(variant(themes__0__tracks=[1, 9])) == [
        "themes[0].tracks[1]: there is no track number 9"
    ]


def test_unlisted_source_id() -> None:
    assert cross_problems(variant(tracks__1__sources=["nowhere"])) == [
        "tracks[1].sources[0]: source 'nowhere' is not listed in soundtrack.sources"
    ]


def test_every_cross_problem_is_reported_at_once() -> None:
    data = variant(tracks__1__number=1, themes__0__tracks=[7])
    (error,) = errors_of(data)
    assert error == ((), "value_error")
    assert len(cross_problems(data)) == 2


def test_json_schema_comes_from_the_models() -> None:
    schema = SoundtrackFile.model_json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"schema_version", "soundtrack", "tracks"}
