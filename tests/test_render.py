from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, RenderableType

from lvost import render
from lvost.catalog import Catalog
from lvost.search import search


def text_of(renderable: RenderableType, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("bell\x07", "bell\\x07"),
        ("\x1b[2Jcleared", "\\x1b[2Jcleared"),
        ("carriage\rreturn", "carriage\\x0dreturn"),
        ("abc\u202edef", "abc\\u202edef"),
        ("c1\x9bcontrol", "c1\\x9bcontrol"),
        ("[bold]not bold[/]", "[bold]not bold[/]"),
        ("Café \u2013 ok", "Café \u2013 ok"),
    ],
)
def test_safe(raw: str, shown: str) -> None:
    assert render.safe(raw) == shown


@given(st.text())
def test_safe_leaves_no_control_characters(raw: str) -> None:
    shown = render.safe(raw)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_markup_and_escapes_in_data_are_shown_literally(small: Catalog) -> None:
    hostile = small.tracks[0].model_copy(update={"title": "[red]Loud[/red] \x1b[31mred\x07"})
    out = text_of(render.tracks_table([hostile], "[blink]T[/]"))
    assert "[red]Loud[/red] \\x1b[31mred\\x07" in out
    assert "[blink]T[/]" in out
    assert "\x1b" not in out
    assert "\x07" not in out


def test_tracks_table_shows_unknowns_as_dashes_and_marks_inferred_kinds(catalog: Catalog) -> None:
    out = text_of(render.tracks_table(catalog.tracks[:3], "LLV"))
    lines = out.splitlines()
    assert lines[0].strip() == "LLV"
    row3 = next(line for line in lines if "Are You Desirable?" in line)
    assert row3.split() == ["3", "Are", "You", "Desirable?", "\u2013", "score*", "jazz", "\u2013"]
    assert "* kind inferred from the listings" in out


def test_known_duration_is_minutes_and_seconds(small: Catalog) -> None:
    out = text_of(render.tracks_table(small.tracks, "x"))
    cafe = next(line for line in out.splitlines() if "Café Noir" in line)
    assert cafe.split()[-1] == "3:05"


def test_search_table_says_how_many_are_not_shown(catalog: Catalog) -> None:
    hits = search(catalog, "jazz")
    out = text_of(render.search_table("jazz", hits[:2], len(hits)))
    assert out.splitlines()[0].strip() == f'Search "jazz": 2 of {len(hits)} matches'


def test_track_data_uses_the_format_field_names(catalog: Catalog) -> None:
    data = render.track_detail_data(catalog, catalog.find_track("19"))
    assert data["number"] == 19
    assert data["performers"] == [{"name": "Sting", "role": "vocals"}]
    assert data["duration_seconds"] is None
    assert data["themes"] == ["loneliness", "longing"]
    assert set(data) - {"themes"} == set(type(catalog.tracks[0]).model_fields)


def test_json_keeps_strings_exactly(small: Catalog) -> None:
    hostile = small.tracks[0].model_copy(update={"title": "[b]x[/b]\x1b"})
    text = render.to_json(render.track_data(hostile))
    assert json.loads(text)["title"] == "[b]x[/b]\x1b"
    assert "Café" in render.to_json(render.track_data(small.find_track("cafe")))


@pytest.mark.parametrize("width", [60, 72, 80, 100, 120])
def test_tracks_table_fits_the_width_and_keeps_every_column(catalog: Catalog, width: int) -> None:
    lines = text_of(render.tracks_table(catalog.tracks, "LLV", width), width=width).splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    numbers = [line.split()[0] for line in lines if line[:2].strip().isdigit()]
    assert numbers == [str(n) for n in range(1, 26)]
    assert lines[1].split() == ["#", "Title", "Performers", "Kind", "Genres", "Length"]


def test_at_80_columns_titles_keep_the_room(catalog: Catalog) -> None:
    lines = text_of(render.tracks_table(catalog.tracks, "LLV", 80), width=80).splitlines()
    for title in ("Come Rain or Come Shine", "It's a Lonesome Old Town"[:-5], "She Really Loved Him"):
        assert any(title in line for line in lines)


def test_a_table_that_fits_is_left_at_its_natural_size(small: Catalog) -> None:
    lines = text_of(render.tracks_table(small.tracks, "x", 200), width=200).splitlines()
    assert max(len(line.rstrip()) for line in lines) < 100
