from __future__ import annotations

import io

import pytest
from rich.console import Console, RenderableType

from lvost.output import listings, tables
from lvost.output.columns import TRACK_DEFAULT, choose, track_columns
from lvost.questions.catalog import Catalog
from lvost.questions.search import search


def text_of(renderable: RenderableType, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def track_table(catalog: Catalog, width: int | None = None, title: str = "LLV") -> str:
    columns = choose(track_columns(catalog), None, TRACK_DEFAULT)
    tracks = catalog.tracks
    grid = tables.table(title, columns, tracks, width, listings.inferred_caption(tracks, columns))
    return text_of(grid, width or 200)


def test_markup_and_escapes_in_data_are_shown_literally(small: Catalog) -> None:
    hostile = small.tracks[0].model_copy(update={"title": "[red]Loud[/red] \x1b[31mred\x07"})
    columns = choose(track_columns(small), "number,title", ())
    out = text_of(tables.table("[blink]T[/]", columns, [hostile]))
    assert "[red]Loud[/red] \\x1b[31mred\\x07" in out
    assert "[blink]T[/]" in out
    assert "\x1b" not in out
    assert "\x07" not in out


def test_unknowns_are_dashes_and_inferred_kinds_are_marked(catalog: Catalog) -> None:
    lines = track_table(catalog).splitlines()
    assert lines[0].strip() == "LLV"
    row3 = next(line for line in lines if "Are You Desirable?" in line)
    assert row3.split() == ["3", "Are", "You", "Desirable?", "\u2013", "score*", "jazz", "\u2013"]
    assert lines[-1].strip() == listings.INFERRED_NOTE


def test_no_caption_without_a_kind_column(catalog: Catalog) -> None:
    columns = choose(track_columns(catalog), "number,title", ())
    assert listings.inferred_caption(catalog.tracks, columns) is None


def test_known_duration_is_minutes_and_seconds(small: Catalog) -> None:
    cafe = next(line for line in track_table(small).splitlines() if "Café Noir" in line)
    assert cafe.split()[-1] == "3:05"


@pytest.mark.parametrize("width", [60, 72, 80, 100, 120])
def test_a_table_fits_the_width_and_keeps_every_column(catalog: Catalog, width: int) -> None:
    lines = track_table(catalog, width).splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    numbers = [line.split()[0] for line in lines if line[:2].strip().isdigit()]
    assert numbers == [str(n) for n in range(1, 26)]
    assert lines[1].split() == ["#", "Title", "Performers", "Kind", "Genres", "Length"]


def test_at_80_columns_titles_keep_their_room(catalog: Catalog) -> None:
    lines = track_table(catalog, 80).splitlines()
    for title in ("Come Rain or Come Shine", "It's a Lonesome Old Town", "Sera Invites Ben to Stay"):
        assert any(title in line for line in lines), title


def test_a_table_that_fits_is_left_at_its_natural_size(small: Catalog) -> None:
    lines = track_table(small, 200).splitlines()
    assert max(len(line.rstrip()) for line in lines) < 80


def test_prose_gives_way_before_names(catalog: Catalog) -> None:
    out = text_of(listings.listing(listings.theme_listing(catalog, catalog.themes), "table", None, 100), 100)
    for theme in catalog.themes:
        assert theme.name in out


def test_search_title_says_how_many_are_not_shown() -> None:
    assert listings.search_title("jazz", 2, 20) == 'Search "jazz": 2 of 20 matches'
    assert listings.search_title("mercer", 1, 1) == 'Search "mercer": 1 match'


def test_search_listing_cuts_long_matches(catalog: Catalog) -> None:
    hits = search(catalog, "cage")
    out = text_of(
        listings.listing(listings.hit_listing(catalog, "cage", hits, len(hits), 2), "table", None, 120), 120
    )
    assert "notes: Some writing about the film says Nicolas Cage\u2026" in out


def test_track_detail_data_uses_the_format_field_names(catalog: Catalog) -> None:
    data = listings.track_detail_data(catalog, catalog.find_track("19"))
    assert data["number"] == 19
    assert data["performers"] == [{"name": "Sting", "role": "vocals"}]
    assert data["duration_seconds"] is None
    assert data["themes"] == ["loneliness", "longing"]
    assert set(data) - {"themes"} == set(type(catalog.tracks[0]).model_fields)
