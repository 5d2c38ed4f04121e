"""``lvost browse``: the soundtrack in a full-screen Textual app.

The tracklist on the left, the track's whole view (the one ``show`` prints) on the
right. Typing after "/" filters the list with the same matching as ``search``;
"t" narrows it to a theme or a genre. Text from the data reaches the screen as
Rich ``Text`` made by ``tables.plain``, so it is shown, never obeyed.

Importing this module imports Textual, so only ``browse`` does.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from lvost.core.errors import LvostError
from lvost.core.text import safe
from lvost.format.models import Track
from lvost.output import views
from lvost.output.columns import joined, kind_text
from lvost.output.tables import plain
from lvost.questions.catalog import Catalog, TrackFilter

KEYS = [
    ("↑ ↓  j k", "move through the tracks"),
    ("Enter", "open the track: move into its view, to scroll it"),
    ("/", "filter the tracks (words, or field:value as in search)"),
    ("Escape", "clear the filter or the theme, or go back to the list"),
    ("t", "pick a theme or a genre; the list narrows to its tracks"),
    ("?", "this help"),
    ("q", "quit"),
]


_COLUMNS = (("#", "number"), ("Title", "title"), ("Performers", "performers"), ("Kind", "kind"))


class TrackList(DataTable[Text]):
    """The list of tracks, which says when its own size changes (a change of the
    terminal's size reaches it after the app's own resize), so that its columns
    are fitted to the size it has."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class Browser(App[None]):
    """The soundtrack browser."""

    CSS = """
    #tracks-pane { width: 55%; min-width: 30; }
    #filter { display: none; }
    #filter.shown { display: block; }
    #scope { height: auto; max-height: 3; color: $text-muted; padding: 0 1; }
    #scope.empty { display: none; }
    #status { height: 1; color: $warning; padding: 0 1; }
    #detail { padding: 0 1; border-left: solid $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("slash", "filter", "Filter"),
        Binding("t", "themes", "Themes"),
        Binding("escape", "step_back", "Back"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.scope: list[Track] = catalog.tracks
        self.scope_note = ""
        self.shown: list[Track] = catalog.tracks

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal():
            with Vertical(id="tracks-pane"):
                yield Input(placeholder="filter: words, or field:value", id="filter")
                yield Static(id="scope", classes="empty")
                yield TrackList(id="tracks", cursor_type="row", zebra_stripes=True)
                yield Static(id="status")
            yield VerticalScroll(Static(id="track-view"), id="detail")
        yield Footer()

    def on_mount(self) -> None:
        film = self.catalog.film
        self.title = safe(self.catalog.album.title)
        if film is not None:
            self.sub_title = safe(f"{film.title} ({film.year})" if film.year else film.title)
        table = self.query_one("#tracks", DataTable)
        for label, key in _COLUMNS:
            table.add_column(label, key=key)
        self.show_tracks(self.catalog.tracks)
        table.focus()

    def on_track_list_resized(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the list's width out: titles first, then performers, then kind."""
        table = self.query_one("#tracks", DataTable)
        scroll_bar = table.styles.scrollbar_size_vertical
        room = table.size.width - 2 * table.cell_padding * len(_COLUMNS) - scroll_bar
        if room <= 0 or table.screen is not self.screen:
            return
        number = max(len(str(t.number)) for t in self.catalog.tracks)
        kind = max(len("Kind"), *(len(short_kind(t)) for t in self.catalog.tracks))  # keep the "*" visible
        performers = min(16, max(6, room // 4))
        widths = [number, max(8, room - number - kind - performers), performers, kind]
        if [column.width for column in table.ordered_columns] == widths:
            return
        # A DataTable keeps what it drew for the old widths; setting a column's width
        # in place left the header and rows stale until something else redrew them.
        # Made again with the widths given, it draws them at once.
        row = table.cursor_row
        table.clear(columns=True)
        for (label, key), width in zip(_COLUMNS, widths, strict=True):
            table.add_column(label, key=key, width=width)
        self.show_tracks(self.shown)
        table.move_cursor(row=row)

    # What the list shows

    def show_tracks(self, tracks: Sequence[Track]) -> None:
        self.shown = list(tracks)
        table = self.query_one("#tracks", DataTable)
        table.clear()
        for track in self.shown:
            performers = joined(c.name for c in track.performers)
            cells = (
                Text(str(track.number)),
                plain(track.title, "bold"),
                plain(performers),
                Text(short_kind(track)),
            )
            table.add_row(*cells, key=str(track.number))
        if self.shown:
            self.show_detail(self.shown[0])
        else:
            self.query_one("#track-view", Static).update(Text("No track matches.", "dim"))

    def show_detail(self, track: Track) -> None:
        self.query_one("#track-view", Static).update(views.track_view(self.catalog, track))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_detail(self.catalog.find_track(event.row_key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.query_one("#detail", VerticalScroll).focus()

    # Filtering

    def on_input_changed(self, event: Input.Changed) -> None:
        self.apply_filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#tracks", DataTable).focus()

    def apply_filter(self, typed: str) -> None:
        status = self.query_one("#status", Static)
        status.update("")
        try:
            terms = shlex.split(typed)
        except ValueError:
            terms = typed.split()
        if not terms:
            self.show_tracks(self.scope)
            return
        from lvost.questions.search import keep_matching

        try:
            self.show_tracks(keep_matching(self.catalog, self.scope, terms))
        except LvostError as exc:
            status.update(plain(str(exc)))

    # Keys

    def action_move(self, step: int) -> None:
        table = self.query_one("#tracks", DataTable)
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.add_class("shown")
        field.focus()

    def action_step_back(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value or field.has_class("shown"):
            field.value = ""
            field.remove_class("shown")
            self.apply_filter("")
        elif self.scope is not self.catalog.tracks:
            self.set_scope(self.catalog.tracks, "")
        self.query_one("#tracks", DataTable).focus()

    def action_themes(self) -> None:
        self.push_screen(ThemePicker(self.catalog), self.pick)

    def action_help(self) -> None:
        self.push_screen(Help())

    def pick(self, choice: str | None) -> None:
        """Narrow the list to a theme ("theme:ID") or a genre ("genre:NAME")."""
        if not choice:
            return
        kind, _, value = choice.partition(":")
        if kind == "theme":
            theme = self.catalog.find_theme(value)
            note = f"{theme.name} (interpretation): {theme.description or ''}".rstrip(": ")
            self.set_scope(self.catalog.tracks_of(theme), note)
        else:
            self.set_scope(self.catalog.select_tracks(TrackFilter(genre=value)), f"Genre: {value}")

    def set_scope(self, tracks: Sequence[Track], note: str) -> None:
        self.scope = list(tracks)
        scope = self.query_one("#scope", Static)
        scope.update(plain(note))
        scope.set_class(not note, "empty")
        self.apply_filter(self.query_one("#filter", Input).value)


_COLUMN_KEYS = {"#": "number", "Title": "title", "Performers": "performers", "Kind": "kind"}


def short_kind(track: Track) -> str:
    """The kind in a few letters for the list ("*": inferred); the track's view says it all.

    >>> short_kind(Track(number=1, title="x", kinds=["score", "dialogue"], kind_inferred=True))
    'mixed*'
    """
    if len(track.kinds) > 1:
        return "mixed" + ("*" if track.kind_inferred else "")
    return kind_text(track)


class ThemePicker(ModalScreen[str | None]):
    """Themes, then genres: the one picked narrows the tracklist."""

    CSS = """
    ThemePicker { align: center middle; }
    #choices { width: 70; max-height: 20; border: round $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("q", "dismiss(None)", "Back", show=False),
    ]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        options: list[Option | None] = [
            Option(plain(f"{th.name} ({len(self.catalog.tracks_of(th))} tracks)"), id=f"theme:{th.id}")
            for th in self.catalog.themes
        ]
        if options:
            options.append(None)  # a line between themes and genres
        options += [Option(plain(f"genre: {g}"), id=f"genre:{g}") for g in self.catalog.genres()]
        picker = OptionList(*options, id="choices")
        picker.border_title = "Themes (interpretation) and genres"
        yield picker

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class Help(ModalScreen[None]):
    """Every key the browser knows."""

    CSS = """
    Help { align: center middle; }
    #keys { width: 72; height: auto; border: round $primary; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        lines = Text()
        for key, meaning in KEYS:
            lines.append(f"{key:<10}", "bold")
            lines.append(f"{meaning}\n")
        lines.append("The mouse works too: click a track, scroll its view.", "dim")
        keys = Static(lines, id="keys")
        keys.border_title = "Keys"
        yield keys
