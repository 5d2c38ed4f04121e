from __future__ import annotations

import pytest

from lvost.core.errors import UnknownValueError
from lvost.core.names import COLUMN_NAMES
from lvost.format.models import Track
from lvost.output.columns import (
    THEME_DEFAULT,
    TRACK_DEFAULT,
    choose,
    hit_columns,
    song_columns,
    theme_columns,
    track_columns,
)
from lvost.questions.catalog import Catalog


def test_field_names_known_without_a_catalog_match_the_columns(catalog: Catalog) -> None:
    assert COLUMN_NAMES["tracks"] == tuple(track_columns(catalog))
    assert COLUMN_NAMES["themes"] == tuple(theme_columns(catalog))
    assert COLUMN_NAMES["search"] == tuple(hit_columns(catalog, str))
    assert COLUMN_NAMES["search"] == tuple(hit_columns(catalog, str, across=True))
    assert COLUMN_NAMES["songs"] == tuple(song_columns())


def test_track_fields_are_the_format_names_plus_themes_and_soundtrack(catalog: Catalog) -> None:
    assert set(track_columns(catalog)) == set(Track.model_fields) | {"themes", "soundtrack"}


def test_choose_keeps_the_order_given_and_drops_repeats(catalog: Catalog) -> None:
    chosen = choose(track_columns(catalog), " title , number,title ", TRACK_DEFAULT)
    assert [c.name for c in chosen] == ["title", "number"]


def test_choose_falls_back_to_the_default(catalog: Catalog) -> None:
    assert [c.name for c in choose(theme_columns(catalog), None, THEME_DEFAULT)] == list(THEME_DEFAULT)
    assert [c.name for c in choose(theme_columns(catalog), " , ", THEME_DEFAULT)] == list(THEME_DEFAULT)


def test_unknown_field_lists_the_valid_ones(catalog: Catalog) -> None:
    with pytest.raises(UnknownValueError) as caught:  # exits 1, as an unknown genre or kind does
        choose(track_columns(catalog), "number,titel", TRACK_DEFAULT)
    assert str(caught.value) == (
        'unknown field "titel"; fields are number, title, alternate_titles, performers, writers, kinds, '
        'kind_inferred, genres, instruments, duration_seconds, notes, sources, disc, file, themes, soundtrack. Did you mean "title"?'
    )


def test_cells_as_text_and_as_values(catalog: Catalog) -> None:
    columns = track_columns(catalog)
    track = catalog.find_track("2")
    assert columns["writers"].text(track) == "Matt Dennis, Earl K. Brent"
    assert columns["writers"].value(track) == [
        {"name": "Matt Dennis", "role": "music"},
        {"name": "Earl K. Brent", "role": "lyrics"},
    ]
    assert columns["kinds"].text(catalog.find_track("3")) == "score*"
    assert columns["duration_seconds"].text(track) == "\u2013"
    assert columns["themes"].value(track) == ["lament", "intimacy"]
