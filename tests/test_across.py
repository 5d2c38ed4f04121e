"""Exploring several soundtracks of the library at once: the Soundtrack column,
query terms on soundtracks, tracks named by ID:NUMBER, and the commands that
need one soundtrack asking for it."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from conftest import TERMINAL
from lvost.cli.main import app
from lvost.core.errors import UsageError
from lvost.core.names import BUILT_IN, embedded_path
from lvost.core.query import parse
from lvost.format.models import SoundtrackFile
from lvost.questions.catalog import TrackFilter
from lvost.questions.shelf import Placed, Shelf
from lvost.questions.soundtracks import scope_of
from lvost.store import library
from support import SMALL, soundtracks, variant

NIGHT = "night-tram-test-soundtrack"


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library of Leaving Las Vegas and the small soundtrack, in use."""
    path = tmp_path / "library.db"
    monkeypatch.setenv("LVOST_LIBRARY", str(path))
    added = lvost("add", str(SMALL))
    assert added.exit_code == 0, added.stderr
    return path


def lvost(*args: str, env: Mapping[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="lvost", env=env)


def rows(*args: str) -> list[list[str]]:
    result = lvost(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_tracks_across_soundtracks_lead_with_the_soundtrack(two: Path) -> None:
    found = rows("tracks")
    assert [row[0] for row in found] == [BUILT_IN] * 25 + [NIGHT] * 3
    assert [row[1:] for row in found[:25]] == rows("tracks", "-s", BUILT_IN)
    assert [row[1:] for row in found[25:]] == rows("tracks", "-s", NIGHT)
    table = lvost("tracks", "kind:song", env=TERMINAL).stdout
    assert table.splitlines()[0].strip() == "Your library: 2 soundtracks"
    assert "Soundtrack" in table
    assert "night-tram-test-soundtrack" in table
    data = json.loads(lvost("tracks", "--json", "rails").stdout)
    assert [(t["soundtrack"], t["number"]) for t in data] == [(NIGHT, 1), (NIGHT, 3)]


def test_a_library_of_the_built_in_soundtrack_alone_answers_as_before(two: Path) -> None:
    """The README's examples hold once the library is made, as long as it holds
    Leaving Las Vegas alone."""
    before = {
        args: lvost(*args, env={**TERMINAL, "LVOST_LIBRARY": str(two.parent / "none.db")}).stdout
        for args in COMMANDS
    }
    assert lvost("remove", NIGHT).exit_code == 0
    for args in COMMANDS:
        result = lvost(*args, env=TERMINAL)
        assert (result.exit_code, result.stdout) == (0, before[args]), args


COMMANDS = [
    ("tracks",),
    ("tracks", "--kind", "song", "--json"),
    ("search", "sting"),
    ("show", "Angel Eyes"),
    ("show", "leaving-las-vegas:19", "--json"),
    ("themes",),
    ("about",),
    ("stats",),
    ("arc",),
]


def test_a_track_is_named_by_id_and_number_or_by_a_title_anywhere(two: Path) -> None:
    assert lvost("show", "leaving-las-vegas:2").stdout == lvost("show", "Angel Eyes").stdout
    assert "Track 2 of 25 on leaving-las-vegas: Leaving Las Vegas" in lvost("show", "angel").stdout
    cafe = json.loads(lvost("show", "cafe noir", "--json").stdout)
    assert (cafe["soundtrack"], cafe["number"]) == (NIGHT, 2)
    number = lvost("show", "2")
    assert (number.exit_code, number.stderr) == (
        2,
        "Error: track 2 of which soundtrack? 2 are in the library; say ID:2 (like leaving-las-vegas:2)"
        " or give --soundtrack ID\n",
    )
    missing = lvost("show", "leaving-las-vegaz:2")
    assert (missing.exit_code, missing.stderr) == (
        1,
        'Error: "leaving-las-vegaz" is not in the library; lvost soundtracks lists what is.'
        ' Did you mean "leaving-las-vegas"?\n',
    )
    beyond = lvost("show", f"{NIGHT}:9")
    assert (beyond.exit_code, beyond.stderr) == (
        1,
        "Error: there is no track 9; this soundtrack's tracks are numbered 1 to 3\n",
    )


def test_a_title_on_several_soundtracks_lists_each_with_its_soundtrack(two: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps(variant(tracks__0__title="Angel Eyes", soundtrack__album__title="Other")))
    assert lvost("add", str(other)).exit_code == 0
    result = lvost("show", "angel eyes")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        'Error: "angel eyes" matches 2 tracks: leaving-las-vegas:2 "Angel Eyes"; other:1 "Angel Eyes";'
        " say which\n",
    )
    assert json.loads(lvost("show", "other:1", "--json").stdout)["soundtrack"] == "other"


def test_search_across_soundtracks_names_each_hits_soundtrack(two: Path) -> None:
    found = rows("search", "rails")
    assert [row[:3] for row in found] == [[NIGHT, "3", "Rain & Rails"], [NIGHT, "1", "Last Tram Home"]]
    hits = json.loads(lvost("search", "sting", "--json").stdout)
    assert {h["soundtrack"] for h in hits} == {BUILT_IN}
    themed = json.loads(lvost("search", "angel", "--fields", "soundtrack,number,themes", "--json").stdout)
    assert themed[0] == {"soundtrack": BUILT_IN, "number": 2, "themes": ["lament", "intimacy"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (["soundtrack:night"], [NIGHT] * 3),
        (["soundtrack:leaving-las-vegas"], [BUILT_IN] * 25),
        (["soundtrack:music from the motion"], [BUILT_IN] * 25),
        (["^soundtrack:night"], [BUILT_IN] * 25),
        (["film:vegas", "kind:song"], [BUILT_IN] * 5),
        (["^film:vegas"], [NIGHT] * 3),  # a soundtrack with no film is not one of Las Vegas
        (["year:2001"], [NIGHT] * 3),
        (["year:1990..1999"], [BUILT_IN] * 25),
        (["year:2010..1990"], [BUILT_IN] * 25 + [NIGHT] * 3),
        (["year:1800"], []),
    ],
)
def test_query_terms_on_soundtracks(two: Path, query: list[str], expected: list[str]) -> None:
    result = lvost("tracks", *query)
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == expected


@pytest.mark.parametrize("term", ["year:nineteen", "year:1995..", "year:19950", "year:"])
def test_a_year_term_needs_years(two: Path, term: str) -> None:
    result = lvost("tracks", term)
    assert (result.exit_code, result.stderr) == (
        2,
        f'Error: "{term}" needs a year, like "year:1995", or years, like "year:1990..1999"\n',
    )


@pytest.mark.parametrize(
    "args",
    [("themes",), ("themes", "lament"), ("about",), ("arc",), ("tracks", "--theme", "lament")],
)
def test_what_one_soundtrack_answers_asks_for_one(two: Path, args: tuple[str, ...]) -> None:
    result = lvost(*args)
    assert result.exit_code == 2
    assert "needs one soundtrack, and the library has 2; name one with --soundtrack ID" in result.stderr
    assert lvost(*args, "-s", BUILT_IN).exit_code == 0


def test_stats_count_every_soundtrack_in_scope(two: Path) -> None:
    every = json.loads(lvost("stats", "--json").stdout)
    one = [json.loads(lvost("stats", "--json", "-s", slug).stdout) for slug in (BUILT_IN, NIGHT)]
    assert every["tracks"] == sum(s["tracks"] for s in one) == 28
    assert every["known_seconds"] == sum(s["known_seconds"] or 0 for s in one)
    assert lvost("stats", env=TERMINAL).stdout.startswith("Your library: 2 soundtracks\n28 tracks")


def test_an_emptied_library_says_so(two: Path) -> None:
    for slug in (BUILT_IN, NIGHT):
        assert lvost("remove", slug).exit_code == 0
    result = lvost("tracks")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: the library at {two} is empty; lvost add FILE adds a soundtrack to it\n",
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(soundtracks(), min_size=1, max_size=3), st.sampled_from(["", "jazz", "^kind:song", "a"]))
def test_tracks_across_are_each_soundtracks_tracks_in_turn(datas: list[dict[str, Any]], query: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.db"
        ids = [f"s{i}" for i in range(len(datas))]
        for slug, data in zip(ids, datas, strict=True):
            library.add(path, slug, SoundtrackFile.model_validate(data))
        env = {"LVOST_LIBRARY": str(path)}
        terms = [query] if query else []
        every = lvost("tracks", "--json", *terms, env=env)
        assert every.exit_code == 0, every.stderr
        expected = []
        for slug in [BUILT_IN, *ids]:
            alone = lvost("tracks", "--json", "-s", slug, *terms, env=env)
            expected += [{"soundtrack": slug, **track} for track in json.loads(alone.stdout)]
        assert json.loads(every.stdout) == expected


def test_what_belongs_to_one_soundtrack_is_never_asked_of_several(two: Path) -> None:
    shelf = scope_of(two, None)
    assert isinstance(shelf, Shelf)
    theme = shelf.one(BUILT_IN).themes[0]
    for question in (lambda: shelf.album, lambda: shelf.film, lambda: shelf.tracks_of(theme)):
        with pytest.raises(UsageError, match="needs one soundtrack, and the library has 2"):
            question()
    assert [th.id for th in shelf.placed_themes(Placed(BUILT_IN, shelf.one(BUILT_IN).find_track("2")))] == [
        "lament",
        "intimacy",
    ]
    shelf.close()


def test_the_soundtrack_a_track_is_on_is_shown_literally(two: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(variant(soundtrack__album__title="[red]Evil[/red] \x1b[2J")))
    assert lvost("add", str(hostile), "--id", "evil").exit_code == 0
    shown = lvost("show", "evil:1", env={**TERMINAL, "FORCE_COLOR": "1"}).stdout
    assert "[red]Evil[/red] \\x1b[2J" in shown
    assert "\x1b[2J" not in shown


def test_a_data_files_soundtrack_has_no_id_to_match(tmp_path: Path) -> None:
    found = lvost("--data", str(SMALL), "tracks", "soundtrack:file")
    assert (found.exit_code, found.stdout) == (0, "")
    assert len(lvost("--data", str(SMALL), "tracks", "soundtrack:night tram").stdout.splitlines()) == 3


def test_a_shelf_answers_for_one_track_and_refuses_a_whole_soundtrack(two: Path) -> None:
    shelf = scope_of(two, None)
    assert isinstance(shelf, Shelf)
    assert shelf.find_track("cafe noir").title == "Café Noir"
    questions = [
        lambda: shelf.data,
        lambda: shelf.admitted(["jazz"]),
        shelf.numbers,
        lambda: shelf.tracks_numbered([1]),
    ]
    questions.append(lambda: shelf.selected_numbers(TrackFilter(genre="jazz")))
    for question in questions:
        with pytest.raises(UsageError, match="needs one soundtrack"):
            question()
    shelf.close()


def test_a_change_made_while_a_shelf_is_read_is_no_traceback(two: Path, tmp_path: Path) -> None:
    shelf = scope_of(two, None)
    assert isinstance(shelf, Shelf)
    found, total = shelf.store.search(parse(["rails"]))  # ranked; read whole as they are listed
    other = tmp_path / "other.json"
    other.write_text(json.dumps(variant(soundtrack__album__title="Other")))
    library.remove(two, NIGHT)  # by another lvost, say
    library.add(two, "other", SoundtrackFile.model_validate_json(other.read_text()))
    assert total == 2
    assert list(found) == []  # the tracks ranked have gone: left out, not a KeyError
    placed = list(shelf.each_placed(TrackFilter()))
    assert {p.soundtrack for p in placed} == {BUILT_IN, "other"}  # one added since: looked up
    shelf.close()


def test_a_library_of_an_earlier_releases_leaving_las_vegas_alone_answers_with_todays(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "gone", SoundtrackFile.model_validate(variant()))
    library.remove(path, "gone")
    with sqlite3.connect(path) as connection:  # as if an earlier release's data had another title
        connection.execute("UPDATE meta SET value = 'older' WHERE key = 'built_in_digest'")
        connection.execute("UPDATE tracks SET data = replace(data, 'Angel Eyes', 'Angle Eyes')")
    connection.close()
    env = {**TERMINAL, "LVOST_LIBRARY": str(path)}
    assert "Angel Eyes" in lvost("tracks", env=env).stdout
    assert (
        lvost("tracks", env=env).stdout
        == lvost("tracks", env={**env, "LVOST_LIBRARY": str(tmp_path / "none.db")}).stdout
    )


def test_a_shelf_asked_for_many_ids_reads_them_all_and_still_finds_one_added(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    small = SoundtrackFile.model_validate_json(SMALL.read_text())
    with library.adding(path) as put:
        for n in range(70):
            put(f"s{n:02d}", small, False)
    shelf = scope_of(path, None)
    assert isinstance(shelf, Shelf)
    owners = {library.stored_id(shelf.store.connection, f"s{n:02d}"): f"s{n:02d}" for n in range(70)}
    assert {owner: shelf.slug_of(owner) for owner in owners} == owners  # one at a time, then all at once
    library.add(path, "late", small)  # by another lvost, while this one reads
    late = library.stored_id(shelf.store.connection, "late")
    assert late is not None
    assert shelf.slug_of(late) == "late"
    shelf.close()


@pytest.mark.parametrize("width", [30, 40, 50])
def test_across_soundtracks_a_narrow_table_keeps_the_track_numbers(two: Path, width: int) -> None:
    result = lvost("tracks", env={**TERMINAL, "COLUMNS": str(width)})
    lines = result.stdout.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("\u2500"))
    assert "#" in lines[rule - 1].split()


def test_a_long_soundtrack_id_folds_rather_than_crowd_out_number_and_title(two: Path) -> None:
    added = lvost("add", str(embedded_path()))  # its id, made from the album's title, is 47 letters long
    assert added.exit_code == 0, added.stderr
    result = lvost("tracks", "kind:song", env={**TERMINAL, "COLUMNS": "50"})
    lines = result.stdout.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("\u2500"))
    assert lines[rule - 1].split() == ["Soundtrack", "#", "Title"]
    assert all(len(line) <= 50 for line in lines)
    assert "Angel Eyes" in result.stdout
