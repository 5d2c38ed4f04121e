from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from lvost.format.models import SoundtrackFile
from support import MINIMAL, variant


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


@pytest.mark.parametrize("version", [True, 1.0, "1", 2, None])
def test_the_version_is_the_whole_number_one(version: object) -> None:
    assert [loc for loc, _ in errors_of(variant(schema_version=version))] == [("schema_version",)]


def test_blank_title_is_refused() -> None:
    assert errors_of(variant(tracks__1__title="   ")) == [(("tracks", 1, "title"), "string_pattern_mismatch")]


@pytest.mark.parametrize(
    "blank",
    [
        "\u200b",
        "\u200b\u200b",
        " \ufeff\u00ad\u2060 ",
        "\u200c\u200d",
        "\U000e0041\U000e007f",
        "\u202e",
        "\u3164",
        "\u2800 \u180e",
        "\ufff9\U0001d173",
        "\x1c",
        "\x1f \x1e\x1d",
    ],
)
@pytest.mark.parametrize(
    "field",
    [
        "tracks__1__title",
        "tracks__0__performers",
        "tracks__0__genres",
        "themes__0__name",
        "soundtrack__album__title",
        "soundtrack__sources__0__name",
    ],
)
def test_a_name_that_would_show_nothing_is_refused(field: str, blank: str) -> None:
    value: Any = blank
    if field.endswith("performers"):
        value = [{"name": blank}]
    elif field.endswith("genres"):
        value = [blank]
    (error,) = errors_of(variant(**{field: value}))
    assert error[1] == "string_pattern_mismatch"
    assert error[0][: len(field.split("__"))] == tuple(
        int(p) if p.isdigit() else p for p in field.split("__")
    )


@pytest.mark.parametrize("title", ["\u200bOne", "Caf\u00e9\u200b", "\u2764\ufe0f"])
def test_a_name_with_something_to_show_is_kept_as_it_is(title: str) -> None:
    data = SoundtrackFile.model_validate_json(json.dumps(variant(tracks__1__title=title)))
    assert data.tracks[1].title == title


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


def test_broken_links_are_errors_of_the_whole_file() -> None:
    (error,) = errors_of(variant(tracks__1__number=1, themes__0__tracks=[7]))
    assert error == ((), "value_error")


def test_json_schema_comes_from_the_models() -> None:
    schema = SoundtrackFile.model_json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"schema_version", "soundtrack", "tracks"}
    assert "$schema" in schema["properties"]


def test_a_file_may_name_its_schema_for_editors() -> None:
    data = SoundtrackFile.model_validate_json(json.dumps({"$schema": "./soundtrack.schema.json", **MINIMAL}))
    assert data.schema_ == "./soundtrack.schema.json"


@given(
    st.sampled_from(
        [
            ("soundtrack__album__year", 9999),
            ("tracks__0__duration_seconds", 86_400),
            ("tracks__1__number", 10**9),
            ("tracks__0__disc", 10**9),
        ]
    ),
    st.integers(min_value=1, max_value=2**200),
)
def test_numbers_beyond_what_a_library_can_sum_are_errors(field: tuple[str, int], above: int) -> None:
    # A year of 10**30 or a length of 2**62 passed, then overflowed SQLite's
    # integers when the soundtrack was added or its lengths were summed.
    path, highest = field
    assert SoundtrackFile.model_validate_json(json.dumps(variant(**{path: highest})))
    loc = tuple(int(step) if step.isdigit() else step for step in path.split("__"))
    assert errors_of(variant(**{path: highest + above})) == [(loc, "less_than_equal")]
