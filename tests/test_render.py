from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from typer.testing import CliRunner

from conftest import TERMINAL
from lvost.cli.main import app
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
    assert out == (
        "            [blink]T[/]            \n"
        "#   Title                          \n"
        "───────────────────────────────────\n"
        "1   [red]Loud[/red] \\x1b[31mred\\x07\n"
    )
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
    assert cafe == "2   Café Noir        Ada Quill    score      jazz                  3:05"


@pytest.mark.parametrize(("width", "shown"), [(60, 4), (72, 5), (80, 6), (100, 6), (120, 6)])
def test_a_table_fits_the_width_leaving_out_the_last_columns_first(
    catalog: Catalog, width: int, shown: int
) -> None:
    lines = track_table(catalog, width).splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    numbers = [line.split()[0] for line in lines if line[:2].strip().isdigit()]
    assert numbers == [str(n) for n in range(1, 26)]
    assert lines[1].split() == ["#", "Title", "Performers", "Kind", "Genres", "Length"][:shown]


def test_at_80_columns_titles_keep_their_room(catalog: Catalog) -> None:
    rows = {line[:3].strip(): line.rstrip() for line in track_table(catalog, 80).splitlines()}
    assert [rows["13"], rows["14"], rows["19"]] == [
        "13   Sera Invites Ben to Stay   \u2013            score*      jazz                  \u2013",
        "14   Come Rain or Come Shine    Don Henley   song        vocal jazz            \u2013",
        "19   It's a Lonesome Old Town   Sting        song        vocal jazz            \u2013",
    ]


def test_a_table_that_fits_is_left_at_its_natural_size(small: Catalog) -> None:
    assert track_table(small, 200) == (
        "                                  LLV                                  \n"
        "#   Title            Performers   Kind       Genres              Length\n"
        "───────────────────────────────────────────────────────────────────────\n"
        "1   Last Tram Home   The Rails    song       blues, vocal jazz        \u2013\n"
        "2   Café Noir        Ada Quill    score      jazz                  3:05\n"
        "3   Rain & Rails     \u2013            dialogue   spoken word              \u2013\n"
    )


def test_prose_gives_way_before_names(catalog: Catalog) -> None:
    out = text_of(listings.listing(listings.theme_listing(catalog, catalog.themes), "table", None, 100), 100)
    _title, header, _rule, *lines = out.splitlines()
    first_column = [line[: header.index("Id")].strip() for line in lines]
    # every name whole on its row's first line, while the description wraps below it
    assert [cell for cell in first_column if cell] == [theme.name for theme in catalog.themes]


def test_search_title_says_how_many_are_not_shown() -> None:
    assert listings.search_title("jazz", 2, 20) == 'Search "jazz": 2 of 20 matches'
    assert listings.search_title("mercer", 1, 1) == 'Search "mercer": 1 match'


def test_search_listing_cuts_long_matches(catalog: Catalog) -> None:
    hits = search(catalog, "cage")
    out = text_of(
        listings.listing(listings.hit_listing(catalog, "cage", hits, len(hits), 2), "table", None, 120), 120
    )
    rows = {line[:3].strip(): line.rstrip() for line in out.splitlines()}
    assert (
        rows["19"]
        == "19   It's a Lonesome Old Town   notes: Some writing about the film says Nicolas Cage\u2026"
    )


def test_track_detail_data_uses_the_format_field_names(catalog: Catalog) -> None:
    data = listings.track_detail_data(catalog, catalog.find_track("19"))
    assert data["number"] == 19
    assert data["performers"] == [{"name": "Sting", "role": "vocals"}]
    assert data["duration_seconds"] is None
    assert data["themes"] == ["loneliness", "longing"]
    # every field of the format, but the file of a track that has none
    assert set(data) - {"themes"} == set(type(catalog.tracks[0]).model_fields) - {"file"}
    placed = catalog.tracks[0].model_copy(update={"file": "/music/01.flac"})
    assert listings.track_data(placed)["file"] == "/music/01.flac"


def test_each_matched_field_is_a_line_of_its_own(catalog: Catalog) -> None:
    hits = search(catalog, "sting")
    out = text_of(
        listings.listing(listings.hit_listing(catalog, "sting", hits[:1], 1, 3), "table", None, 100)
    )
    assert [line.rstrip() for line in out.splitlines()[3:]] == [
        "2   Angel Eyes   performers: Sting",
        "                 notes: Sting sings it accompanied by piano and\u2026",
        "    2 more matches: --limit N shows more, --format plain all",
    ]


def test_a_line_break_inside_a_matched_value_is_still_shown_escaped(small: Catalog) -> None:
    track = small.tracks[0].model_copy(update={"notes": ["one\ntwo rails"]})
    odd = Catalog(small.data.model_copy(update={"tracks": [track]}))
    hits = search(odd, "two")
    out = text_of(listings.listing(listings.hit_listing(odd, "two", hits, 1, 1), "table", None, 100))
    assert [line.strip() for line in out.splitlines()[3:]] == [
        "1   Last Tram Home   notes: one\\x0atwo rails"
    ]


@settings(max_examples=30, deadline=None)
@given(
    st.integers(min_value=20, max_value=140), st.sampled_from([["tracks"], ["search", "sting"], ["themes"]])
)
def test_narrow_terminals_leave_out_columns_rather_than_split_them(width: int, args: list[str]) -> None:
    result = CliRunner(env={**TERMINAL, "COLUMNS": str(width)}).invoke(app, args, prog_name="lvost")
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    rule = next(i for i, line in enumerate(lines) if line.startswith("\u2500"))
    header = lines[rule - 1].split()
    for name in header:  # every header shown whole: none folded onto a line of its own
        assert name in {
            "#",
            "Id",
            "Title",
            "Theme",
            "Performers",
            "Kind",
            "Genres",
            "Length",
            "Matched",
            "Description",
            "Tracks",
            "Writers",
            "Score",
        }, (width, header)
    first = header[0]
    assert first == ("Theme" if args == ["themes"] else "#")
    assert args == ["themes"] or "Title" in header
    if args == ["tracks"]:
        numbers = [line.split()[0] for line in lines[rule + 1 :] if line[:3].strip().isdigit()]
        assert numbers == [str(n) for n in range(1, 26)]


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=20, max_value=140))
def test_columns_left_out_for_width_are_named_under_the_table(width: int) -> None:
    result = CliRunner(env={**TERMINAL, "COLUMNS": str(width)}).invoke(app, ["tracks"], prog_name="lvost")
    lines = result.stdout.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("\u2500"))
    shown = set(lines[rule - 1].split())
    left = [h for h in ("Performers", "Kind", "Genres", "Length") if h not in shown]
    told = " ".join(" ".join(lines).split())  # the note as one line, however it wrapped
    if left:
        assert f"Left out to fit {width} columns: {', '.join(left)} (--fields picks the columns)" in told
    else:
        assert "Left out" not in told
    assert ("kind inferred" in told) == ("Kind" in shown)  # the note on "*" only beside its column


@pytest.mark.parametrize("width", [30, 40, 60])
def test_columns_asked_for_by_name_are_never_left_out(width: int) -> None:
    args = ["tracks", "--fields", "number,title,notes,genres"]
    result = CliRunner(env={**TERMINAL, "COLUMNS": str(width)}).invoke(app, args, prog_name="lvost")
    lines = result.stdout.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("\u2500"))
    assert {"#", "Title", "Notes", "Genres"} <= set(" ".join(lines[:rule]).split())
    assert "Left out" not in result.stdout
