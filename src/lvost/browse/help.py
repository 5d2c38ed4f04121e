"""The help screen: every key the browser knows."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("↑ ↓  j k", "move through the tracks"),
    ("Home End", "to the first track, or the last"),
    ("Enter", "open the track: move into its view, to scroll it"),
    ("/", "filter the tracks (words, or qualifier:value as in search)"),
    ("Escape", "clear the filter or the theme, or go back to the list"),
    ("t", "pick a theme or a genre; the list narrows to its tracks"),
    ("s", "back to your soundtracks (when the library has several)"),
    ("?", "this help"),
    ("q  Ctrl+C", "quit"),
]


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
