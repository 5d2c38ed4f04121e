"""The library's store, on a real SQLite file: made on the first change, never
written by reading, each change whole, raced and killed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lvost.core.errors import LvostError, StoreError
from lvost.core.names import BUILT_IN, embedded_path
from lvost.core.query import parse
from lvost.format import datafile
from lvost.questions.catalog import Catalog
from lvost.store import library, schema
from lvost.store.reading import Store
from support import SMALL, variant

LLV = datafile.load(embedded_path())
SMALL_DATA = datafile.load(SMALL)


def slugs(path: Path) -> list[str]:
    connection = library.open_for_reading(path)
    if connection is None:
        return []
    with connection:
        return [e.slug for e in library.entries(connection, path)]


def store_of(path: Path, slug: str) -> Store:
    connection = library.open_for_reading(path)
    assert connection is not None
    (owner,) = connection.execute("SELECT id FROM soundtracks WHERE slug = ?", (slug,)).fetchone()
    return Store(connection, owner)


def hits(store: Store, query: str) -> list[tuple[int, int]]:
    found, _ = store.search(parse(query.split()))
    return [(r.track.number, r.score) for r in found]


def index_is_whole(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_location_is_the_option_then_the_environment_then_the_platforms(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(library.ENV, raising=False)
    if sys.platform.startswith("linux"):
        assert library.location() == tmp_path / "data" / "lvost" / "library.db"
    monkeypatch.setenv(library.ENV, str(tmp_path / "env.db"))
    assert library.location() == tmp_path / "env.db"
    assert library.location(str(tmp_path / "option.db")) == tmp_path / "option.db"


def test_reading_a_library_not_yet_made_makes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "library.db"
    assert library.open_for_reading(path) is None
    assert not path.parent.exists()


def test_a_soundtrack_added_is_listed_and_searched_as_its_own_file_is(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "library.db"
    library.add(path, "llv", LLV)
    library.add(path, "small", SMALL_DATA)
    connection = library.open_for_reading(path)
    assert connection is not None
    with connection:
        listed = library.entries(connection, path)
    assert [(e.slug, e.album, e.tracks, e.unknown) for e in listed] == [
        (BUILT_IN, LLV.soundtrack.album.title, 25, 25),  # stored as the library was made
        ("llv", LLV.soundtrack.album.title, 25, 25),
        ("small", SMALL_DATA.soundtrack.album.title, 3, 2),
    ]
    assert listed[2].known_seconds == 185
    for slug, data in (("llv", LLV), ("small", SMALL_DATA)):
        alone = Catalog(data).store
        for query in ("sting", "rails", "kind:song", "blues -sting", "jazz"):
            assert hits(store_of(path, slug), query) == hits(alone, query), (slug, query)
    index_is_whole(path)


def test_an_id_already_there_needs_replace_and_then_is_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "x", SMALL_DATA)
    before = path.read_bytes()
    with pytest.raises(LvostError, match='"x" is already in the library; --replace replaces it'):
        library.add(path, "x", LLV)
    assert path.read_bytes() == before
    library.add(path, "x", LLV, replace=True)
    assert hits(store_of(path, "x"), "sting") == hits(Catalog(LLV).store, "sting")
    assert hits(store_of(path, "x"), "rails") == []  # nothing of the soundtrack it replaced is found
    index_is_whole(path)


TABLES = ("soundtracks", "tracks", "credits", "track_values", "themes", "theme_genres", "theme_tracks")
MORE_TABLES = ("sources", "search_text")


def row_counts(path: Path) -> list[int]:
    with sqlite3.connect(path) as connection:
        found = [connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES + MORE_TABLES]
    connection.close()
    return found


def test_remove_takes_out_every_row_of_the_soundtrack(tmp_path: Path) -> None:
    alone = tmp_path / "alone.db"
    library.add(alone, "small", SMALL_DATA)
    path = tmp_path / "library.db"
    library.add(path, "llv", LLV)
    library.add(path, "small", SMALL_DATA)
    library.remove(path, "llv")
    assert slugs(path) == [BUILT_IN, "small"]
    assert row_counts(path) == row_counts(alone)
    index_is_whole(path)
    with pytest.raises(LvostError, match='"llv" is not in the library; lvost soundtracks lists what is'):
        library.remove(path, "llv")


def test_remove_from_a_library_not_yet_made_says_so_and_makes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with pytest.raises(LvostError, match='"llv" is not in the library'):
        library.remove(path, "llv")
    assert not path.exists()


def test_without_full_text_the_scan_gives_the_same_hits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LVOST_NO_FULL_TEXT", "1")
    path = tmp_path / "library.db"
    library.add(path, "llv", LLV)
    library.add(path, "llv", LLV, replace=True)
    library.add(path, "small", SMALL_DATA)
    library.remove(path, "small")
    assert hits(store_of(path, "llv"), "sting lonesome") == hits(Catalog(LLV).store, "sting lonesome")


def test_reading_never_changes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "small", SMALL_DATA)
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in tmp_path.iterdir()))
    connection = library.open_for_reading(path)
    assert connection is not None
    with connection:
        library.entries(connection, path)
        hits(store_of(path, "small"), "rails")
        with pytest.raises(sqlite3.OperationalError):
            connection.execute("DELETE FROM tracks")
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in tmp_path.iterdir())) == before


def test_a_library_from_a_newer_lvost_is_refused_for_reading_and_changing(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "small", SMALL_DATA)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.close()
    before = path.read_bytes()
    for attempt in (
        lambda: library.open_for_reading(path),
        lambda: library.add(path, "llv", LLV),
        lambda: library.remove(path, "small"),
    ):
        with pytest.raises(
            StoreError,
            match=rf"written by a newer lvost \(library version 99; this lvost reads up to {schema.VERSION}\)",
        ):
            attempt()
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"not a database at all, only words" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text", "damaged header"],
)
def test_a_file_that_is_not_a_library_is_one_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(content)
    for attempt in (lambda: library.open_for_reading(path), lambda: library.add(path, "small", SMALL_DATA)):
        with pytest.raises(StoreError) as caught:
            attempt()
        assert str(caught.value).startswith(str(path))
        assert "\n" not in str(caught.value)
    assert path.read_bytes() == content


def test_another_database_is_not_taken_for_a_library(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()
    with pytest.raises(StoreError, match="is not an lvost library"):
        library.add(path, "small", SMALL_DATA)


ADD = """
import sys
from pathlib import Path
from lvost.format import datafile
from lvost.store import library
library.add(Path(sys.argv[1]), sys.argv[2], datafile.load(Path(sys.argv[3])))
"""


def test_four_adds_at_once_all_land(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    files = []
    for i in range(4):
        data = variant(soundtrack__album__title=f"Album {i}")
        files.append(tmp_path / f"s{i}.json")
        files[-1].write_text(json.dumps(data))
    adders = [
        subprocess.Popen([sys.executable, "-c", ADD, str(path), f"s{i}", str(f)], stderr=subprocess.PIPE)
        for i, f in enumerate(files)
    ]
    errors = [p.communicate()[1] for p in adders]
    assert [p.returncode for p in adders] == [0, 0, 0, 0], errors
    assert slugs(path) == [BUILT_IN, "s0", "s1", "s2", "s3"]
    index_is_whole(path)


KILLED = """
import sys, time
from pathlib import Path
from lvost.format import datafile
from lvost.store import library, write
real = write._add_tracks
def slow(*args):
    real(*args)
    print("writing", flush=True)
    time.sleep(60)
write._add_tracks = slow
library.add(Path(sys.argv[1]), "llv", datafile.load(Path(sys.argv[2])))
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_an_add_killed_while_writing_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "small", SMALL_DATA)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(path), str(embedded_path())], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"  # inside the transaction, every track written
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert slugs(path) == [BUILT_IN, "small"]
    index_is_whole(path)
    library.add(path, "llv", LLV)  # and the next change goes ahead
    assert slugs(path) == [BUILT_IN, "llv", "small"]


ADDING_KILLED = """
import sys, time
from pathlib import Path
from lvost.format import datafile
from lvost.store import library
data = datafile.load(Path(sys.argv[2]))
with library.adding(Path(sys.argv[1])) as put:
    put("first", data, False)
    put("second", data, False)
    print("writing", flush=True)
    time.sleep(60)
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_an_add_of_many_killed_half_way_adds_none_of_them(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "small", SMALL_DATA)
    child = subprocess.Popen(
        [sys.executable, "-c", ADDING_KILLED, str(path), str(SMALL)], stdout=subprocess.PIPE
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"writing\n"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert slugs(path) == [BUILT_IN, "small"]
    index_is_whole(path)


def test_an_add_that_fails_among_many_takes_in_nothing_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with library.adding(path) as put:
        put("a", SMALL_DATA, False)
        with pytest.raises(LvostError, match='"a" is already in the library'):
            put("a", LLV, False)
        put("b", LLV, False)
        put("c", LLV, False)
        put("c", SMALL_DATA, True)  # replaced before the index has learnt of it
    assert slugs(path) == ["a", "b", "c", BUILT_IN]
    assert hits(store_of(path, "c"), "rails") == hits(Catalog(SMALL_DATA).store, "rails")
    assert hits(store_of(path, "c"), "sting") == []
    assert hits(store_of(path, "a"), "sting") == []
    assert hits(store_of(path, "b"), "sting") == hits(Catalog(LLV).store, "sting")
    index_is_whole(path)


def test_what_is_added_comes_back_as_it_was_given(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    for slug, data in (("llv", LLV), ("small", SMALL_DATA)):
        library.add(path, slug, data)
        catalog = Catalog.__new__(Catalog)
        catalog.store = store_of(path, slug)
        assert catalog.data.model_dump(mode="json") == data.model_dump(mode="json")


def own_copy(path: Path) -> bool:
    connection = library.open_for_reading(path)
    try:
        return library.is_own_copy(connection)
    finally:
        if connection is not None:
            connection.close()


def test_the_built_in_soundtrack_is_removed_and_back_with_add(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    assert own_copy(path)  # from the first run, with nothing made
    with pytest.raises(LvostError, match='"leaving-las-vegas" is already in the library; --replace'):
        library.add(path, BUILT_IN, SMALL_DATA)
    library.remove(path, BUILT_IN)
    assert (own_copy(path), slugs(path)) == (False, [])
    with pytest.raises(LvostError, match='"leaving-las-vegas" is not in the library'):
        library.remove(path, BUILT_IN)
    library.add(path, BUILT_IN, SMALL_DATA)  # brings something back under its id, the user's own
    assert (own_copy(path), slugs(path)) == (False, [BUILT_IN])
    library.remove(path, BUILT_IN)
    assert (own_copy(path), slugs(path)) == (False, [])


def test_replacing_the_built_in_soundtrack_stores_the_new_one(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, BUILT_IN, SMALL_DATA, replace=True)
    assert (own_copy(path), slugs(path)) == (False, [BUILT_IN])
    assert hits(store_of(path, BUILT_IN), "rails") == hits(Catalog(SMALL_DATA).store, "rails")
    library.add(path, "other", LLV)  # a later change leaves the user's soundtrack as it is
    assert hits(store_of(path, BUILT_IN), "rails") == hits(Catalog(SMALL_DATA).store, "rails")


def test_a_change_renews_the_built_in_copy_when_lvost_carries_other_data(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "small", SMALL_DATA)
    with sqlite3.connect(path) as connection:  # as if made by a release whose data said otherwise
        connection.execute("UPDATE meta SET value = 'older' WHERE key = 'built_in_digest'")
        connection.execute("UPDATE search_text SET title = ' angle eyes ' WHERE title = ' angel eyes '")
    connection.close()
    assert hits(store_of(path, BUILT_IN), "angel eyes") == []  # reading leaves it as it is
    library.remove(path, "small")
    assert hits(store_of(path, BUILT_IN), "angel eyes") == hits(Catalog(LLV).store, "angel eyes")
    assert (own_copy(path), slugs(path)) == (True, [BUILT_IN])
    index_is_whole(path)


FIXTURE = Path(__file__).parent / "data" / "library-v1.db"
"""A library made by lvost 0.1.0 (library version 1): the small soundtrack as
"night", and the built-in one removed. Kept as it was made, so that the next
change of the tables is tested against a library users really have."""


def version_of(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        (found,) = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    connection.close()
    return str(found)


def test_a_library_made_by_an_earlier_release_reads_then_upgrades_on_a_change(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(FIXTURE.read_bytes())
    assert (slugs(path), own_copy(path)) == (["night"], False)  # its built-in soundtrack was removed
    connection = library.open_for_reading(path)
    assert connection is not None
    with connection:  # counted in the upgraded copy, as version 1 counted them when listed
        (night,) = library.entries(connection, path)
    assert (night.tracks, night.known_seconds, night.unknown) == (3, 185, 2)
    assert hits(store_of(path, "night"), "rails") == hits(Catalog(SMALL_DATA).store, "rails")
    assert path.read_bytes() == FIXTURE.read_bytes()  # read through a copy, never written
    library.add(path, "llv", LLV)
    assert (slugs(path), version_of(path)) == (["llv", "night"], str(schema.VERSION))
    index_is_whole(path)
    assert lists_from_its_index(path)


LISTED = "SELECT slug, album_title, film_title, year, track_count, known_seconds, unknown_lengths"


def lists_from_its_index(path: Path) -> bool:
    """Whether the list of soundtracks reads an index of what it lists alone."""
    with sqlite3.connect(path) as connection:
        plan = connection.execute(f"EXPLAIN QUERY PLAN {LISTED} FROM soundtracks ORDER BY slug").fetchall()
    connection.close()
    return any("COVERING INDEX soundtracks_listed" in str(step) for step in plan)


def test_a_library_made_before_an_index_gets_it_with_its_next_change(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "night", SMALL_DATA)
    assert lists_from_its_index(path)
    with sqlite3.connect(path) as connection:
        connection.execute("DROP INDEX soundtracks_listed")  # as made by an earlier release
    connection.close()
    assert not lists_from_its_index(path)
    assert slugs(path) == [BUILT_IN, "night"]  # read as before, and not written
    assert not lists_from_its_index(path)
    library.add(path, "llv", LLV)
    assert lists_from_its_index(path)
    assert slugs(path) == [BUILT_IN, "llv", "night"]


def test_an_earlier_library_that_showed_the_built_in_soundtrack_stores_it_on_upgrading(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(FIXTURE.read_bytes())
    with sqlite3.connect(path) as connection:  # version 1 showed it unless this said it was removed
        connection.execute("DELETE FROM meta WHERE key = 'built_in_removed'")
    connection.close()
    before = path.read_bytes()
    assert (slugs(path), own_copy(path)) == ([BUILT_IN, "night"], True)
    assert hits(store_of(path, BUILT_IN), "sting") == hits(Catalog(LLV).store, "sting")
    assert path.read_bytes() == before
    library.remove(path, "night")
    assert (slugs(path), own_copy(path), version_of(path)) == ([BUILT_IN], True, str(schema.VERSION))
    assert hits(store_of(path, BUILT_IN), "sting") == hits(Catalog(LLV).store, "sting")
    index_is_whole(path)


HALF_WRITTEN = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size = 1")  # changed pages spill into the file before the end
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE tracks SET title = 'changed', data = data || ' '")
os._exit(0)  # as if killed: no commit, no rollback
"""


def test_reading_after_a_change_killed_half_way_finds_the_library_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "llv", LLV)
    subprocess.run([sys.executable, "-c", HALF_WRITTEN, str(path)], check=True)
    assert Path(f"{path}-journal").exists()  # SQLite's record of the change to undo
    assert slugs(path) == [BUILT_IN, "llv"]
    assert hits(store_of(path, "llv"), "angel eyes") == hits(Catalog(LLV).store, "angel eyes")
    index_is_whole(path)


def test_an_add_that_adds_nothing_leaves_no_library_and_an_old_one_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with library.adding(path):
        pass
    assert not path.exists()
    old = tmp_path / "old.db"
    old.write_bytes(FIXTURE.read_bytes())
    with library.adding(old) as put, pytest.raises(LvostError, match="already in the library"):
        put("night", SMALL_DATA, False)
    assert old.read_bytes() == FIXTURE.read_bytes()  # not upgraded for nothing


def test_adding_the_carried_data_under_its_id_makes_it_lvosts_own_copy_again(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "small", SMALL_DATA)
    library.remove(path, BUILT_IN)
    library.add(path, BUILT_IN, datafile.load(embedded_path()))
    assert (own_copy(path), slugs(path)) == (True, [BUILT_IN, "small"])


def test_a_change_killed_half_way_is_undone_when_read_through_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    library.add(real, "llv", LLV)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    subprocess.run([sys.executable, "-c", HALF_WRITTEN, str(link)], check=True)
    assert Path(f"{real}-journal").exists()  # beside the file, not the link
    assert slugs(link) == [BUILT_IN, "llv"]
    assert hits(store_of(link, "llv"), "angel eyes") == hits(Catalog(LLV).store, "angel eyes")


def test_a_library_whose_path_is_not_utf_8_is_read(tmp_path: Path) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.db"))
    library.add(path, "llv", LLV)
    assert slugs(path) == [BUILT_IN, "llv"]


EDITED = [
    "x",  # not JSON
    '{"number": "x", "title": "t"}',  # not of its type
    '{"number": 1}',  # a title missing
    '{"number": 1, "title": "T", "performers": "abc"}',  # a list that is not one
]


@pytest.mark.parametrize("data", EDITED)
@pytest.mark.parametrize(
    "args",
    [
        ["tracks"],
        ["tracks", "--json"],
        ["show", "night:1"],
        ["search", "rails"],
        ["songs"],
        ["export", "night"],
    ],
)
def test_rows_edited_by_other_hands_are_one_line(tmp_path: Path, data: str, args: list[str]) -> None:
    path = tmp_path / "library.db"
    library.add(path, "night", SMALL_DATA)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE tracks SET data = ?", (data,))
    connection.close()
    result = subprocess.run(
        [sys.executable, "-m", "lvost", "--library", str(path), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LVOST_DEBUG": ""},
    )
    # Rows that are not JSON are the store's to find; rows of JSON but not of the
    # format are found later, by whatever trips on them: one line all the same.
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") <= 1
    if data == "x":
        assert "a row is not as lvost wrote it" in result.stderr
    if args[0] == "export":  # never a file that would not add back
        assert (result.returncode, result.stdout) == (1, "")
    if result.returncode:
        assert result.stderr.startswith("Error: ")


def test_damage_is_told_apart_from_a_read_only_library_or_another_file(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    read_only = library.damaged(path, sqlite3.OperationalError("attempt to write a readonly database"))
    assert read_only == (
        f"{path} cannot be changed (attempt to write a readonly database): it, or its folder, is"
        " read-only; nothing was changed: make it writable, or give --library another path"
    )
    path.write_text('{"not": "a library"}')
    with pytest.raises(StoreError) as caught:
        slugs(path)
    assert (
        str(caught.value)
        == f"{path} is not an lvost library (file is not a database); give --library the path of one"
    )
