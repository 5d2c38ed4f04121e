"""The browser, driven through Textual's headless pilot, and pictured at 80x24."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from rich.console import Console
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from lvost.browse.app import BACK_TO_SHELVES, Browser
from lvost.browse.detail import LONGEST
from lvost.browse.help import KEYS, Help
from lvost.browse.picker import ThemePicker
from lvost.browse.shelves import Shelves
from lvost.browse.tracklist import TrackList
from lvost.cli.explore import textual_install
from lvost.format import datafile
from lvost.format.models import SoundtrackFile, Theme, Track
from lvost.questions.catalog import Catalog
from lvost.questions.soundtracks import listed
from lvost.store import library
from lvost.store.library import Entry
from support import SMALL, variant


def drive(catalog: Catalog, script: Callable[[Browser, Pilot[None]], Awaitable[None]]) -> Browser:
    app = Browser(catalog)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await script(app, pilot)

    asyncio.run(run())
    return app


def rows(app: Browser) -> list[str]:
    table = app.query_one("#tracks", DataTable)
    return [str(key.value) for key in table.rows]


def detail_text(app: Browser) -> str:
    console = Console(width=60, record=True, file=io.StringIO())
    console.print(app.query_one("#track-view", Static).content)  # type: ignore[attr-defined]
    return console.export_text()


def test_start_move_filter_open_and_quit(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        assert rows(app) == [str(n) for n in range(1, 26)]
        assert app.title == "Leaving Las Vegas (Music from the Motion Picture)"
        assert app.sub_title == "Leaving Las Vegas (1995)"
        await pilot.press("j", "j", "k")
        assert app.query_one("#tracks", DataTable).cursor_row == 1
        assert "2. Angel Eyes" in detail_text(app)
        await pilot.press("slash", *"it\u2019s a lonesome")
        await pilot.pause()
        assert rows(app) == ["19"]
        assert "Sting (vocals)" in detail_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert rows(app) == [str(n) for n in range(1, 26)]
        assert app.query_one("#filter", Input).value == ""
        await pilot.press("slash", *"performer:sting ^lonesome", "enter")
        await pilot.pause()
        assert rows(app) == ["2", "12"]
        assert app.focused is app.query_one("#tracks", DataTable)
        await pilot.press("enter")  # open: into the track's view
        assert app.focused is app.query_one("#detail")
        await pilot.press("q")

    app = drive(catalog, script)
    assert app.return_code == 0


def test_a_bad_filter_term_is_reported_and_changes_nothing(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"sting colour:red")
        await pilot.pause()
        status = str(app.query_one("#status", Static).content)  # type: ignore[attr-defined]
        assert 'unknown qualifier "colour"' in status
        assert rows(app) == []  # the last filter that made sense ("sting colour") found nothing
        await pilot.press(*["backspace"] * len(" colour:red"))
        await pilot.pause()
        assert rows(app) == ["2", "12", "19"]
        assert str(app.query_one("#status", Static).content) == ""  # type: ignore[attr-defined]

    drive(catalog, script)


def test_a_long_filter_error_is_shown_whole(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"colour:red")
        await pilot.pause()
        status = app.query_one("#status", Static)
        message = str(status.content)  # type: ignore[attr-defined]
        assert message.endswith("soundtrack, film, year")  # every qualifier named...
        assert status.size.height >= 2  # ...on as many lines as it takes at 80 columns
        assert status.size.height * (status.size.width - 2) >= len(message)

    drive(catalog, script)


def test_themes_narrow_the_list_and_show_the_description(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ThemePicker)
        await pilot.press("down", "down", "down", "down", "enter")  # the fifth theme: lament
        await pilot.pause()
        assert rows(app) == ["2", "11", "20", "24"]
        scope = str(app.query_one("#scope", Static).content)  # type: ignore[attr-defined]
        assert scope.startswith("Lament for what is lost (interpretation): The essay")
        await pilot.press("slash", *"blues")
        await pilot.pause()
        assert rows(app) == ["20"]
        await pilot.press("escape", "escape")  # the filter, then the theme
        await pilot.pause()
        assert len(rows(app)) == 25

    drive(catalog, script)


def test_a_genre_can_be_picked_too(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("t")
        await pilot.pause()
        picker = app.screen.query_one("#choices")
        index = next(i for i, o in enumerate(picker.options) if o.id == "genre:bossa nova")  # type: ignore[attr-defined]
        picker.highlighted = index  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert rows(app) == ["10"]

    drive(catalog, script)


def test_help_lists_every_key(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, Help)
        shown = str(app.screen.query_one("#keys", Static).content)  # type: ignore[attr-defined]
        for key, meaning in KEYS:
            assert key in shown
            assert meaning in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, Help)

    drive(catalog, script)


def test_any_data_file_and_one_without_themes(small: Catalog) -> None:
    bare = Catalog(small.data.model_copy(update={"themes": []}))

    async def script(app: Browser, pilot: Pilot[None]) -> None:
        assert rows(app) == ["1", "2", "3"]
        assert "sub_title" not in app.sub_title
        await pilot.press("t")
        await pilot.pause()
        options = app.screen.query_one("#choices").options  # type: ignore[attr-defined]
        assert [o.id for o in options] == [
            "genre:blues",
            "genre:jazz",
            "genre:spoken word",
            "genre:vocal jazz",
        ]

    drive(bare, script)


def test_a_theme_is_picked_as_itself_even_when_its_id_is_another_themes_name(small: Catalog) -> None:
    # The picker once handed back "theme:ID" and the theme was looked up again by
    # that id, which also matches a theme of that name: picking "wet" was ambiguous
    # and the browser fell over with a traceback.
    wet = Theme(id="wet", name="Streets after rain", description="Puddles.", tracks=[3])
    named_wet = small.themes[0].model_copy(update={"name": "wet"})  # id "night", tracks 1 and 2
    both = Catalog(small.data.model_copy(update={"themes": [wet, named_wet]}))

    async def pick(app: Browser, pilot: Pilot[None], option: str) -> str:
        await pilot.press("t")
        await pilot.pause()
        picker = app.screen.query_one("#choices")
        picker.highlighted = next(i for i, o in enumerate(picker.options) if o.id == option)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        return str(app.query_one("#scope", Static).content)  # type: ignore[attr-defined]

    async def script(app: Browser, pilot: Pilot[None]) -> None:
        scope = await pick(app, pilot, "theme:wet")
        assert (scope, rows(app)) == ("Streets after rain (interpretation): Puddles.", ["3"])
        scope = await pick(app, pilot, "theme:night")
        assert (scope, rows(app)) == ("wet (interpretation): Moving through a sleeping city.", ["1", "2"])
        await pilot.press("q")

    assert drive(both, script).return_code == 0


def test_a_resize_leaves_nothing_to_scroll_sideways_and_redraws_the_header(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        table = app.query_one("#tracks", DataTable)
        assert table.max_scroll_x == 0
        assert table.render_line(0).text.split() == ["#", "Title", "Performe", "Kind"]  # cut to fit
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await pilot.pause()
        assert table.max_scroll_x == 0
        assert table.render_line(0).text.split() == ["#", "Title", "Performers", "Kind"]

    drive(catalog, script)


def test_the_filter_reads_terms_as_search_does() -> None:
    from lvost.browse.filterbar import read_terms

    assert read_terms("  ") == ((), None)
    assert read_terms("it\u2019s ^kind:score") == (("it\u2019s", "^kind:score"), None)
    assert read_terms("'angel eyes' -sting") == (("angel eyes", "-sting"), None)
    assert read_terms("performer:") == (
        ("performer:",),
        'the term "performer:" has nothing to look for; give a word after it, like "kind:song"',
    )


def test_the_browser_modules_examples_hold() -> None:
    # tests/test_docstrings.py runs the examples of lvost's top-level modules only.
    import doctest
    import importlib
    import pkgutil

    import lvost.browse

    names = [m.name for m in pkgutil.iter_modules(lvost.browse.__path__, "lvost.browse.")]
    results = {n: doctest.testmod(importlib.import_module(n), optionflags=doctest.ELLIPSIS) for n in names}
    assert {n: r.failed for n, r in results.items() if r.failed} == {}
    assert results["lvost.browse.tracklist"].attempted
    assert results["lvost.browse.filterbar"].attempted


@pytest.mark.parametrize(
    "press",
    [
        [],
        ["j", "j", "j", "j", "j", "j", "j", "j", "j", "j"],
        ["slash", *"sting"],
        ["t"],
        ["t", "down", "down", "down", "down", "enter"],
        ["question_mark"],
    ],
    ids=["start", "moved", "filtered", "themes", "a-theme", "help"],
)
def test_screens_at_80_by_24(snap_compare: Callable[..., bool], catalog: Catalog, press: list[str]) -> None:
    assert snap_compare(Browser(catalog), press=press, terminal_size=(80, 24))


# The command: what it checks before the screen opens.

BROWSE_ERRORS = {
    "no terminal": "Error: lvost browse needs an interactive terminal; 'lvost tracks' and 'show' work anywhere\n",
}


def browse(monkeypatch: pytest.MonkeyPatch, tty: bool, **env: str) -> tuple[int, str, list[Catalog]]:
    from typer.testing import CliRunner

    from lvost.cli.main import app

    opened: list[Catalog] = []
    monkeypatch.setattr(Browser, "run", lambda self, *a, **k: opened.append(self.catalog))
    if tty:  # CliRunner's streams are never terminals: stand in for one, TERM still counting
        import os

        monkeypatch.setattr(
            "lvost.cli.explore.interactive_terminal", lambda: os.environ.get("TERM") != "dumb"
        )
    args = ["--data", env.pop("data")] if "data" in env else []
    runner = CliRunner(env={"TERM": "xterm-256color", **env})
    result = runner.invoke(app, [*args, "browse"], prog_name="lvost")
    return result.exit_code, result.stderr, opened


def test_browse_refuses_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert browse(monkeypatch, tty=False) == (1, BROWSE_ERRORS["no terminal"], [])


def test_browse_refuses_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert browse(monkeypatch, tty=True, TERM="dumb")[:2] == (1, BROWSE_ERRORS["no terminal"])


def test_browse_reports_a_bad_data_file_before_the_screen_opens(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    code, stderr, opened = browse(monkeypatch, tty=True, data=str(broken))
    assert (code, opened) == (1, [])
    assert stderr.startswith(f"Error: {broken}:1: not valid JSON")


def test_browse_says_what_to_install_without_textual(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "lvost.browse.app", None)  # as if Textual could not be imported
    code, stderr, _ = browse(monkeypatch, tty=True)
    assert (code, stderr) == (1, f"Error: lvost browse needs Textual; install it with: {textual_install()}\n")
    assert textual_install().endswith(
        "-m pip install 'textual>=1.0'"
    )  # the suite runs in a virtual environment


def test_browse_opens_the_chosen_soundtrack(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, opened = browse(monkeypatch, tty=True, data=str(SMALL))
    assert code == 0
    assert [t.title for t in opened[0].tracks] == ["Last Tram Home", "Café Noir", "Rain & Rails"]


def test_other_commands_never_import_textual() -> None:
    import subprocess
    import sys

    program = (
        "import sys; from typer.testing import CliRunner; from lvost.cli.main import app; "
        "[CliRunner().invoke(app, c) for c in (['tracks'], ['show', '2'], ['search', 'sting'], ['arc'])]; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_mouse_picks_a_track(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.click("#tracks", offset=(10, 5))  # the header is row 0: this is the fifth track
        await pilot.pause()
        assert app.query_one("#tracks", DataTable).cursor_row == 4
        assert "5. Leaving Las Vegas" in detail_text(app)

    drive(catalog, script)


def test_browse_help_names_what_it_needs() -> None:
    from typer.testing import CliRunner

    from lvost.cli.main import app

    result = CliRunner(env={"COLUMNS": "100"}).invoke(app, ["browse", "--help"], prog_name="lvost")
    assert "Textual (the tui extra" in result.stdout


def test_columns_fill_the_list_and_follow_a_resize(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        table = app.query_one("#tracks", DataTable)

        def fitted() -> bool:
            used = sum(c.get_render_width(table) for c in table.ordered_columns)
            return used + table.styles.scrollbar_size_vertical == table.size.width

        assert fitted()  # no sideways scrolling, nothing left over
        assert [c.auto_width for c in table.ordered_columns] == [False] * 4
        await pilot.press("slash", *"score", "enter", "j", "j")
        await pilot.pause()
        kept = (rows(app), table.cursor_row)
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await pilot.pause()
        assert fitted()
        assert (rows(app), table.cursor_row) == kept  # the same list, the same place in it

    drive(catalog, script)


# Several soundtracks: the list of them first.


def shelves(tmp_path: Path) -> list[Entry]:
    path = tmp_path / "library.db"
    library.add(path, "night", datafile.load(SMALL))
    return listed(path)


def test_the_list_of_soundtracks_opens_the_one_picked(tmp_path: Path) -> None:
    entries = shelves(tmp_path)
    app = Shelves(entries)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.title == "Your library: 2 soundtracks"
            await pilot.press("j", "enter")
            await pilot.pause()

    asyncio.run(run())
    assert app.return_value == "night"


def test_the_list_starts_on_the_soundtrack_just_left_and_q_leaves(tmp_path: Path) -> None:
    app = Shelves(shelves(tmp_path), "night")

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.query_one(OptionList).highlighted == 1
            await pilot.press("q")
            await pilot.pause()

    asyncio.run(run())
    assert app.return_value is None


@pytest.mark.parametrize("back", [True, False])
def test_s_goes_back_to_the_soundtracks_only_from_them(catalog: Catalog, back: bool) -> None:
    app = Browser(catalog, back=back)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            assert app.is_running is not back

    asyncio.run(run())
    assert app.return_value == (BACK_TO_SHELVES if back else None)


def test_the_list_of_soundtracks_at_80_by_24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(Shelves(shelves(tmp_path)), terminal_size=(80, 24))


def test_j_and_k_scroll_the_open_track_and_leave_the_list_be(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("j", "enter")  # track 2 open, its view focused
        await pilot.pause()
        detail = app.query_one("#detail")
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert app.query_one("#tracks", DataTable).cursor_row == 1  # the list stayed on track 2
        assert detail.scroll_y == 3  # type: ignore[attr-defined]
        await pilot.press("k")
        await pilot.pause()
        assert detail.scroll_y == 2  # type: ignore[attr-defined]
        assert "2. Angel Eyes" in detail_text(app)

    drive(catalog, script)


def test_the_picker_offers_only_genres_some_track_has(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("t")
        await pilot.pause()
        picker = app.screen.query_one("#choices")
        offered = [o.id for o in picker.options if o.id and o.id.startswith("genre:")]  # type: ignore[attr-defined]
        track_genres = {g for t in catalog.tracks for g in t.genres}
        assert offered == [f"genre:{g}" for g in sorted(track_genres)]
        assert set(catalog.genres()) - track_genres  # there is a theme-only genre to leave out

    drive(catalog, script)


def test_a_long_theme_description_ends_in_an_ellipsis_on_three_lines() -> None:
    data = variant(themes__0__description="A long reading of the theme, " * 30)
    catalog = Catalog(SoundtrackFile.model_validate(data))

    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("t", "enter")
        await pilot.pause()
        note = app.query_one("#scope", Static).content  # type: ignore[attr-defined]
        lines = str(note).split("\n")
        assert len(lines) == 3
        assert lines[-1].endswith("\u2026")
        assert lines[0].startswith("T (interpretation): A long reading")

    drive(catalog, script)


def test_the_picker_says_what_each_theme_is(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("t")
        await pilot.pause()
        picker = app.screen.query_one("#choices")
        prompts = [str(o.prompt) for o in picker.options if o.id and o.id.startswith("theme:")]  # type: ignore[attr-defined]
        for theme, prompt in zip(catalog.themes, prompts, strict=True):
            assert prompt.startswith(f"{theme.name} (")
            assert theme.description
            assert prompt.endswith(f"  {theme.description}")

    drive(catalog, script)


def long_soundtrack(count: int) -> Catalog:
    """A soundtrack of ``count`` tracks, every third an "Angel" (the last with two kinds, inferred)."""
    tracks: list[dict[str, object]] = [
        {"number": n, "title": f"{'Angel' if n % 3 == 0 else 'Night'} {n}", "kinds": ["score"]}
        for n in range(1, count + 1)
    ]
    tracks[-1] = {**tracks[-1], "kinds": ["score", "dialogue"], "kind_inferred": True}
    data = {"schema_version": 1, "soundtrack": {"album": {"title": "Long"}}, "tracks": tracks}
    return Catalog(SoundtrackFile.model_validate(data))


def test_a_long_soundtrack_is_read_as_the_list_reaches_it() -> None:
    catalog = long_soundtrack(3001)
    angels = [n for n in range(1, 3002) if n % 3 == 0]

    async def script(app: Browser, pilot: Pilot[None]) -> None:
        # the Kind column is as wide as the last track's "mixed*" needs, unread as it is
        assert app.query_one(TrackList).kind_width == len("mixed*")
        read = len(rows(app))
        assert rows(app) == [str(n) for n in range(1, read + 1)]
        assert 40 <= read < 3000  # enough for the screen and the next, not the whole soundtrack
        await pilot.press(*["pagedown"] * 10)
        await pilot.pause()
        assert len(rows(app)) > read  # the cursor came near the end of what was read
        assert rows(app) == [str(n) for n in range(1, len(rows(app)) + 1)]
        await pilot.press("slash", *"angel", "enter")
        await pilot.pause()
        assert rows(app)[:5] == ["3", "6", "9", "12", "15"]
        await pilot.press("ctrl+end")  # to the last track: the rest is read first
        await pilot.pause()
        assert rows(app) == [str(n) for n in angels]
        assert "3000. Angel 3000" in detail_text(app)

    drive(catalog, script)


def test_a_title_of_a_megabyte_is_shown_cut(tmp_path: Path) -> None:
    path = tmp_path / "long-title.json"
    path.write_text(json.dumps(variant(tracks__0__title="x" * 1_000_000, tracks__0__notes=["y" * 5000])))
    catalog = Catalog.load(path)

    async def script(app: Browser, pilot: Pilot[None]) -> None:
        content = app.query_one("#track-view", Static).content  # type: ignore[attr-defined]
        plain_text = "".join(part.plain for part in content.renderables if hasattr(part, "plain"))
        shown = detail_text(app)
        assert "x" * (LONGEST - 1) + "\u2026" in plain_text  # the title, cut where the pane stops
        assert "y" * (LONGEST - 1) + "\u2026" in "".join(shown.split())  # a note, likewise
        assert len(shown) < 3 * LONGEST + 2000
        await pilot.press("j", "k")
        assert app.query_one("#tracks", DataTable).cursor_row == 0

    drive(catalog, script)


def test_tracks_gone_while_the_list_reads_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = long_soundtrack(500)
    reading = catalog.tracks_numbered

    def some_gone(numbers: Sequence[int]) -> list[Track]:
        return [t for t in reading(numbers) if t.number % 7]  # as if taken out by another lvost

    monkeypatch.setattr(catalog, "tracks_numbered", some_gone)

    async def script(app: Browser, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert rows(app) == [str(n) for n in range(1, 501) if n % 7]

    drive(catalog, script)


def test_keys_that_arrive_at_once_after_slash_all_reach_the_filter(catalog: Catalog) -> None:
    # A paste, or typing faster than the screen draws: the keys after "/" are queued
    # before the filter opens, and "t" must not open the themes.
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        for char in "/sting/":
            app.post_message(events.Key("slash" if char == "/" else char, char))
        for _ in range(5):
            await pilot.pause()
        assert not isinstance(app.screen, ThemePicker)
        assert app.query_one("#filter", Input).value == "sting/"  # in the filter "/" is a character
        await pilot.press("escape", "t", "slash")  # over the picker, "/" opens no filter
        await pilot.pause()
        assert isinstance(app.screen, ThemePicker)
        await pilot.press("escape")

    drive(catalog, script)


def test_home_and_end_go_to_the_first_and_last_track_and_ctrl_c_quits(catalog: Catalog) -> None:
    async def script(app: Browser, pilot: Pilot[None]) -> None:
        tracks = app.query_one("#tracks", DataTable)
        await pilot.press("end")
        await pilot.pause()
        assert tracks.cursor_row == 24
        await pilot.press("home")
        await pilot.pause()
        assert tracks.cursor_row == 0
        await pilot.press("ctrl+c")

    app = drive(catalog, script)
    assert app.return_code == 0
