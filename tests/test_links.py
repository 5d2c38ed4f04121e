from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from damage import damaged
from lvost.format.links import BrokenLink, BrokenLinksError, _walk, all_links_hold, broken_links
from lvost.format.models import SoundtrackFile
from lvost.store.rebuild import construct
from support import MINIMAL, variant, without


def both_ways(data: dict[str, Any]) -> list[BrokenLink]:
    """The links found in plain JSON, checked to be what the model's validator finds."""
    found = broken_links(data)
    with pytest.raises(ValidationError) as caught:
        SoundtrackFile.model_validate_json(json.dumps(data))
    raised = caught.value.errors()[0]["ctx"]["error"]
    assert isinstance(raised, BrokenLinksError)
    assert raised.links == found
    return found


def test_a_good_file_has_no_broken_links() -> None:
    assert broken_links(MINIMAL) == []
    assert broken_links(SoundtrackFile.model_validate_json(json.dumps(MINIMAL))) == []


def test_duplicate_track_numbers_name_both_places() -> None:
    assert both_ways(variant(tracks__1__number=1)) == [
        BrokenLink(("tracks", 1, "number"), "track number 1 is already used by tracks[0]")
    ]


def test_duplicate_theme_ids_name_both_places() -> None:
    data = variant()
    data["themes"].append({"id": "t", "name": "Again"})
    assert both_ways(data) == [BrokenLink(("themes", 1, "id"), "theme id 't' is already used by themes[0]")]


def test_theme_pointing_at_a_missing_track() -> None:
    assert both_ways(variant(themes__0__tracks=[1, 9])) == [
        BrokenLink(("themes", 0, "tracks", 1), "there is no track number 9")
    ]


def test_unlisted_source_ids_anywhere() -> None:
    data = variant(tracks__1__sources=["nowhere"])
    data["soundtrack"]["album"]["reviews"] = [{"source": "elsewhere"}]
    assert both_ways(data) == [
        BrokenLink(
            ("soundtrack", "album", "reviews", 0, "source"),
            "source 'elsewhere' is not listed in soundtrack.sources",
        ),
        BrokenLink(("tracks", 1, "sources", 0), "source 'nowhere' is not listed in soundtrack.sources"),
    ]


def test_every_broken_link_is_found_at_once() -> None:
    assert both_ways(variant(tracks__1__number=1, themes__0__tracks=[7])) == [
        BrokenLink(("tracks", 1, "number"), "track number 1 is already used by tracks[0]"),
        BrokenLink(("themes", 0, "tracks", 0), "there is no track number 7"),
    ]


@pytest.mark.parametrize(
    "mangled",
    [
        {"tracks": "no list"},
        {"tracks": [None, 3, {"number": True}, {"number": "1"}]},
        {"themes": [{"tracks": "x"}, {"id": 5}]},
        {"soundtrack": []},
        [],
        None,
    ],
)
def test_plain_json_of_any_shape_is_checked_without_failing(mangled: Any) -> None:
    data = copy.deepcopy(MINIMAL)
    if isinstance(mangled, dict):
        data.update(mangled)
        assert isinstance(broken_links(data), list)
    else:
        assert broken_links(mangled) == []


def test_links_to_a_track_whose_number_is_wrong_are_not_judged() -> None:
    assert broken_links(variant(tracks__0__number="one")) == []


def test_sources_are_not_judged_without_a_soundtrack_part() -> None:
    data = without("soundtrack")
    assert broken_links(data) == []


LINK_DAMAGE = [
    variant(tracks__1__number=1),
    variant(themes__0__tracks=[3]),
    variant(themes=[MINIMAL["themes"][0], MINIMAL["themes"][0]]),
    variant(tracks__1__sources=["gone"]),
    variant(themes__0__sources=["gone"]),
    variant(soundtrack__album__sources=["gone"]),
    variant(soundtrack__album__reviews=[{"source": "gone"}]),
    variant(soundtrack__film={"title": "F", "sources": ["gone"]}),
    variant(soundtrack__film={"title": "F", "sources": ["s"]}, soundtrack__album__reviews=[{"source": "s"}]),
]


@given(damaged() | st.builds(lambda d: d, st.sampled_from(LINK_DAMAGE)))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_quick_check_agrees_with_the_walk(data: Any) -> None:
    """On validated data (here models whose fields validated, made again without
    their link check) the bulk check passes exactly the files the walk finds nothing in."""
    try:
        SoundtrackFile.model_validate_json(json.dumps(data))
    except ValidationError as exc:
        if any((e.get("ctx") or {}).get("error").__class__ is not BrokenLinksError for e in exc.errors()):
            return  # a field is wrong: not validated data
    models = construct(SoundtrackFile, data)
    assert all_links_hold(models) == (_walk(models) == [])
    assert broken_links(models) == _walk(models)
