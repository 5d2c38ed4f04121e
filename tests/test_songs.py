"""lvost songs: recordings of the same song grouped across the library's soundtracks."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from lvost.cli.main import app
from lvost.core.matching import normalize
from lvost.core.names import BUILT_IN
from lvost.format.models import SoundtrackFile
from lvost.questions.songs import songs
from lvost.questions.soundtracks import scope_of
from lvost.store import library
from support import soundtracks, variant


def lvost(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="lvost", env=env)


def sung(
    title: str, writers: list[str], performer: str, year: int, file: str | None = None
) -> dict[str, Any]:
    """A soundtrack of one song."""
    track: dict[str, Any] = {
        "number": 1,
        "title": title,
        "kinds": ["song"],
        "performers": [{"name": performer}],
        "writers": [{"name": w} for w in writers],
    }
    if file is not None:
        track["file"] = file
    return variant(
        soundtrack__album__title=f"{performer} sings", soundtrack__album__year=year, tracks=[track], themes=[]
    )


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "library.db"
    monkeypatch.setenv("LVOST_LIBRARY", str(path))
    for slug, data in {
        "cover": sung("ANGEL EYES", ["Matt Dennis", "Earl K. Brent"], "Ella", 1958, "/m/ella.flac"),
        "untold": sung("Angel Eyes!", [], "Nobody", 2003),
        "other": sung("Angel Eyes", ["Someone Else"], "Jeff", 1975),
    }.items():
        library.add(path, slug, SoundtrackFile.model_validate(data))
    return path


def test_the_same_song_on_several_soundtracks_is_one_song(many: Path) -> None:
    found = json.loads(lvost("songs", "title:angel", "--json").stdout)
    assert [(s["title"], s["writers"]) for s in found] == [
        ("ANGEL EYES", ["Matt Dennis", "Earl K. Brent"]),  # by year: Ella's 1958 before Sting's 1995
        ("Angel Eyes", ["Someone Else"]),  # other writers, another song of the same name
    ]
    assert [(r["soundtrack"], r["number"], r["year"]) for r in found[0]["recordings"]] == [
        ("cover", 1, 1958),
        (BUILT_IN, 2, 1995),
        ("untold", 1, 2003),  # names no writers, so it joins the song its title names most often
    ]
    rows = lvost("songs", "title:angel").stdout.splitlines()
    assert rows[0] == (
        "ANGEL EYES\tMatt Dennis; Earl K. Brent\tcover:1 Ella (1958); leaving-las-vegas:2 Sting (1995);"
        " untold:1 Nobody (2003)"
    )


def test_songs_are_songs_only_and_take_query_terms(many: Path) -> None:
    titles = [line.split("\t")[0] for line in lvost("songs").stdout.splitlines()]
    assert titles == [
        "ANGEL EYES",
        "Angel Eyes",
        "Come Rain or Come Shine",
        "I Won't Be Going South for a While",
        "It's a Lonesome Old Town",
        "My One and Only Love",
    ]
    assert [
        line.split("\t")[0] for line in lvost("songs", "performer:sting", "^angel").stdout.splitlines()
    ] == [
        "It's a Lonesome Old Town",
        "My One and Only Love",
    ]
    none = lvost("songs", "kind:score")
    assert (none.exit_code, none.stdout, none.stderr) == (0, "", "No songs match.\n")


def test_songs_of_one_soundtrack_and_as_a_playlist(many: Path) -> None:
    alone = lvost("songs", "-s", BUILT_IN, "--fields", "title,count")
    assert alone.stdout.splitlines()[0] == "Angel Eyes\t1"
    playlist = lvost("songs", "title:angel", "--format", "m3u")
    assert playlist.stdout == "#EXTM3U\n#EXTINF:-1,Ella - ANGEL EYES\n/m/ella.flac\n"
    assert playlist.stderr == (
        "3 tracks without an audio file left out: 2. Angel Eyes, 1. Angel Eyes!, 1. Angel Eyes\n"
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(soundtracks(), min_size=1, max_size=3))
def test_every_song_track_is_one_recording_of_a_song_of_its_title(datas: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.db"
        for i, data in enumerate(datas):
            library.add(path, f"s{i}", SoundtrackFile.model_validate(data))
        catalog = scope_of(path, None)
        found = songs(catalog)
        recordings = [(r.soundtrack, r.track.number) for s in found for r in s.recordings]
        expected = [
            (f"s{i}", t["number"]) for i, d in enumerate(datas) for t in d["tracks"] if "song" in t["kinds"]
        ]
        expected += [(BUILT_IN, n) for n in (2, 12, 14, 19, 25)]
        assert sorted(recordings) == sorted(expected)
        for song in found:
            assert len({normalize(r.track.title) for r in song.recordings}) == 1
            named = {frozenset(normalize(c.name) for c in r.track.writers) for r in song.recordings} - {
                frozenset()
            }
            assert len(named) <= 1  # never two sets of writers in one song
        catalog.close()
