from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console, RenderableType

from lvost.output import views
from lvost.questions.catalog import Catalog
from support import SMALL


def lines_of(renderable: RenderableType, width: int = 100) -> list[str]:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_track_view_shows_every_known_field_and_says_what_is_unknown(catalog: Catalog) -> None:
    lines = lines_of(views.track_view(catalog, catalog.find_track("Angel Eyes")))
    assert lines[:9] == [
        "2. Angel Eyes",
        "Track 2 of 25",
        "Performers   Sting (vocals)",
        "Writers      Matt Dennis (music)",
        "             Earl K. Brent (lyrics)",
        "Kind         song",
        "Genres       vocal jazz, torch song",
        "Instruments  vocals, piano, acoustic bass",
        "Duration     unknown",
    ]
    assert "Themes       Lament for what is lost (lament)" in lines
    assert any("torch song from 1946 about a love that has gone" in line for line in lines)
    assert lines[-2:] == [
        "Sources      Album listing (ASIN B000024UEB, EAN 0731454047623) (buch-musik-film.de)",
        "             Radio review and track listing (wsvnradio.net)",
    ]


def test_track_view_of_a_score_cue_marks_the_inference(catalog: Catalog) -> None:
    lines = lines_of(views.track_view(catalog, catalog.find_track("4")))
    assert "Also listed as  Ben And Bill" in lines
    assert "Performers      unknown" in lines
    assert "Writers         Mike Figgis (composer)" in lines
    assert "Kind            score (inferred)" in lines
    assert "Instruments     unknown" in lines


def test_lonesome_old_town_is_sting_and_the_mixup_is_explained(catalog: Catalog) -> None:
    text = "\n".join(lines_of(views.track_view(catalog, catalog.find_track("It's a Lonesome Old Town"))))
    assert "Performers   Sting (vocals)" in text
    assert "Nicolas Cage" in text
    assert "track 16" in text


def test_theme_view_lists_its_tracks_in_album_order(catalog: Catalog) -> None:
    lines = lines_of(views.theme_view(catalog, catalog.find_theme("lament")))
    assert lines[0] == "Lament for what is lost  interpretation, not fact"
    rows = [line.split()[0] for line in lines if line.strip()[:2].strip().isdigit()]
    assert rows == ["2", "11", "20", "24"]


def test_about_view_tells_album_and_film(catalog: Catalog) -> None:
    text = "\n".join(lines_of(views.about_view(catalog), width=200))
    for expected in [
        "Leaving Las Vegas (Music from the Motion Picture)",
        "Releases   Pangaea / I.R.S. Records, 36071, CD, 1995",
        "Score      Mike Figgis",
        "Contents   25 tracks, 9 themes",
        "Charts     Billboard jazz albums: peak 1.",
        "1.5 of 4 stars",
        "Released       1995-10-27",
        "Cast           Nicolas Cage as Ben Sanderson",
        "Running time   111\u2013112 minutes (sources differ)",
        "Based on       Leaving Las Vegas, the 1990 novel by John O'Brien",
    ]:
        assert expected in text


def test_about_view_of_a_file_with_no_film(small: Catalog) -> None:
    lines = lines_of(views.about_view(small))
    assert lines[0] == "Night Tram (Test Soundtrack)"
    assert "Score      unknown" in lines
    assert "Contents   3 tracks, 1 theme" in lines
    assert not any("The film" in line for line in lines)


def test_track_view_says_where_the_audio_file_is_only_when_it_is_known(small: Catalog) -> None:
    track = small.tracks[0]
    assert not any(line.startswith("File") for line in lines_of(views.track_view(small, track)))
    placed = track.model_copy(update={"file": "/music/Night Tram/01 Last Tram Home.flac"})
    assert (
        lines_of(views.track_view(small, placed))[-1]
        == "File         /music/Night Tram/01 Last Tram Home.flac"
    )


def test_the_schema_knows_a_tracks_file() -> None:
    from lvost.output.datafiles import json_schema

    track = json_schema()["$defs"]["Track"]["properties"]["file"]
    assert track["description"] == "The path of the track's audio file, where it is known."


def test_a_track_numbered_past_the_count_is_not_said_to_be_of_it(tmp_path: Path) -> None:
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    data["tracks"][2]["number"] = 10  # tracks 2, 1 and 10
    path = tmp_path / "gaps.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    catalog = Catalog.load(path)
    assert lines_of(views.track_view(catalog, catalog.find_track("10")))[1] == "Track 10, one of 3 tracks"
    assert lines_of(views.track_view(catalog, catalog.find_track("1")))[1] == "Track 1, one of 3 tracks"
