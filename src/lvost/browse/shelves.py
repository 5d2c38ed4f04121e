"""The soundtracks of the library, for ``lvost browse`` to open one of them.

``browse`` starts here when the library holds more than one soundtrack; the one
picked opens in the ``Browser``, and "s" there comes back to this list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from lvost.output.columns import duration_text
from lvost.output.tables import plain
from lvost.store.library import Entry


class Listed(Option):
    """An option that carries the id of the soundtrack it stands for."""

    def __init__(self, entry: Entry) -> None:
        year = f" ({entry.year})" if entry.year else ""
        length = f", {duration_text(entry.known_seconds)}" if entry.known_seconds else ""
        super().__init__(plain(f"{entry.album}{year}: {entry.tracks} tracks{length}  [{entry.slug}]"))
        self.slug = entry.slug


class Shelves(App[str | None]):
    """Every soundtrack of the library; Enter opens one (its id is what the app returns)."""

    CSS = """
    #soundtracks { height: 1fr; border: round $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("escape", "quit", "Quit", show=False),
    ]

    def __init__(self, entries: Sequence[Entry], chosen: str | None = None) -> None:
        """``chosen``, when given, is highlighted first (the one just left)."""
        super().__init__()
        self.entries = entries
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        options = OptionList(*(Listed(entry) for entry in self.entries), id="soundtracks")
        options.border_title = "Your soundtracks: Enter opens one"
        yield options
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Your library: {len(self.entries)} soundtracks"
        options = self.query_one(OptionList)
        slugs = [entry.slug for entry in self.entries]
        options.highlighted = slugs.index(self.chosen) if self.chosen in slugs else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, Listed):
            self.exit(event.option.slug)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()
