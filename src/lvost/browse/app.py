"""``lvost browse``: the soundtrack in a full-screen Textual app.

The tracklist on the left, the track's whole view (the one ``show`` prints) on the
right. Typing after "/" filters the list with the same matching as ``search``;
"t" narrows it to a theme or a genre. Text from the data reaches the screen as
Rich ``Text`` made by ``tables.plain``, so it is shown, never obeyed.

The widgets each keep their own state and say what happened with a message; this
module lays them out and keeps what the list is drawn from: the scope (the whole
soundtrack, or one theme's or genre's tracks) and the filter's terms.

Importing this module imports Textual, so only ``browse`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Footer, Header, Static

from lvost.browse.detail import TrackDetail
from lvost.browse.filterbar import FilterInput
from lvost.browse.help import Help
from lvost.browse.picker import GenrePick, Pick, ThemePick, ThemePicker
from lvost.browse.tracklist import TrackList
from lvost.core.text import safe
from lvost.output.tables import plain
from lvost.questions.catalog import Catalog, TrackFilter

NOTE_LINES = 3
"""How many lines the note above the list may take."""


@dataclass(frozen=True)
class Scope:
    """The tracks the filter chooses from, and the line above the list that says
    why (empty for the whole soundtrack)."""

    numbers: tuple[int, ...]
    """The numbers of the tracks, in order."""
    note: str = ""


BACK_TO_SHELVES = "shelves"
"""What the browser returns when asked to go back to the library's soundtracks."""


class Browser(App[str | None]):
    """The soundtrack browser; opened from the list of the library's soundtracks
    (``back``), "s" goes back to it."""

    CSS = """
    #tracks-pane { width: 55%; min-width: 30; }
    #scope { height: auto; max-height: 3; color: $text-muted; padding: 0 1; }  /* NOTE_LINES */
    #scope.empty { display: none; }
    #status { height: auto; max-height: 4; color: $warning; padding: 0 1; }
    #detail { padding: 0 1; border-left: solid $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        # Taken by the app before the keys that follow reach the list: typed or
        # pasted in one go, "/sting" is a filter, not "/" and then "t" for themes.
        Binding("slash", "filter", "Filter", priority=True),
        Binding("t", "themes", "Themes"),
        Binding("escape", "step_back", "Back"),
        Binding("question_mark", "help", "Help"),
        Binding("s", "shelves", "Soundtracks"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),  # as every command line program
    ]

    scope: var[Scope] = var(Scope(()), init=False)
    terms: var[tuple[str, ...]] = var((), init=False)

    def __init__(self, catalog: Catalog, back: bool = False) -> None:
        super().__init__()
        self.catalog = catalog
        self.back = back
        self.everything = Scope(tuple(catalog.numbers()))
        self.set_reactive(Browser.scope, self.everything)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal():
            with Vertical(id="tracks-pane"):
                yield FilterInput(id="filter")
                yield Static(id="scope", classes="empty")
                every, kinds = self.everything.numbers, self.catalog.kind_shapes()
                yield TrackList(every, kinds, self.catalog.tracks_numbered, id="tracks")
                yield Static(id="status")
            yield TrackDetail(self.catalog, id="detail")
        yield Footer()

    def on_mount(self) -> None:
        film = self.catalog.film
        self.title = safe(self.catalog.album.title)
        if film is not None:
            self.sub_title = safe(f"{film.title} ({film.year})" if film.year else film.title)
        self.show_tracks()
        self.query_one(TrackList).focus()

    def show_tracks(self) -> None:
        """List the scope's tracks that the filter's terms admit."""
        numbers = self.scope.numbers
        if self.terms:
            admitted = self.catalog.admitted(self.terms)
            numbers = tuple(n for n in numbers if n in admitted)
        self.query_one(TrackList).show(numbers)

    def watch_scope(self, scope: Scope) -> None:
        note = self.query_one("#scope", Static)
        note.update(self._within_lines(scope.note, note.content_region.width or self.size.width - 2))
        note.set_class(not scope.note, "empty")
        self.show_tracks()

    def _within_lines(self, note: str, width: int) -> Text:
        """``note`` on at most ``NOTE_LINES`` lines of ``width``, ending in "…" when
        it needs more (a theme's description can be long)."""
        text = plain(note)
        lines = text.wrap(self.console, max(2, width))
        if len(lines) <= NOTE_LINES:
            return text
        last = lines[NOTE_LINES - 1]
        last.rstrip()
        last.truncate(max(1, width - 1))
        last.append("\u2026")
        return Text("\n").join(lines[:NOTE_LINES])

    def watch_terms(self) -> None:
        self.show_tracks()

    # What the widgets say

    @on(TrackList.Highlighted)
    def show_detail(self, event: TrackList.Highlighted) -> None:
        self.query_one(TrackDetail).track = event.track

    @on(TrackList.Opened)
    def open_track(self) -> None:
        self.query_one(TrackDetail).focus()

    @on(FilterInput.Parsed)
    def filter_tracks(self, event: FilterInput.Parsed) -> None:
        # A term that makes no sense is reported, and the list stays as the last
        # terms that did left it.
        self.query_one("#status", Static).update(plain(event.problem or ""))
        if event.problem is None:
            self.terms = event.terms

    @on(FilterInput.Submitted)
    def back_to_the_list(self) -> None:
        self.query_one(TrackList).focus()

    def narrow(self, pick: Pick | None) -> None:
        """Narrow the list to the theme or genre picked (``None``: nothing was)."""
        if isinstance(pick, ThemePick):
            theme = pick.theme
            note = f"{theme.name} (interpretation)" + (f": {theme.description}" if theme.description else "")
            self.scope = Scope(tuple(t.number for t in self.catalog.tracks_of(theme)), note)
        elif isinstance(pick, GenrePick):
            chosen = self.catalog.selected_numbers(TrackFilter(genre=pick.genre))
            self.scope = Scope(tuple(chosen), f"Genre: {pick.genre}")

    # Keys

    def action_move(self, step: int) -> None:
        """Down or up: in the track's view once it is open (Enter), else in the list."""
        detail = self.query_one(TrackDetail)
        if detail.has_focus:
            detail.scroll_relative(y=step, animate=False)
            return
        tracks = self.query_one(TrackList)
        if step > 0:
            tracks.action_cursor_down()
        else:
            tracks.action_cursor_up()

    def action_filter(self) -> None:
        self.query_one(FilterInput).open()

    def action_step_back(self) -> None:
        if not self.query_one(FilterInput).close():
            self.scope = self.everything
        self.query_one(TrackList).focus()

    def action_themes(self) -> None:
        self.push_screen(ThemePicker(self.catalog), self.narrow)

    def action_help(self) -> None:
        self.push_screen(Help())

    def action_shelves(self) -> None:
        self.exit(BACK_TO_SHELVES)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "s" is there only when there is a list of soundtracks to go back to; in
        the filter, "/" is a character like any other."""
        if action == "filter":  # and only on the list's screen, not over a picker or the help
            shown = self.screen.query(FilterInput)
            return bool(shown) and self.screen.focused is not shown.first()  # set at once, as "/" is read
        return self.back if action == "shelves" else True
