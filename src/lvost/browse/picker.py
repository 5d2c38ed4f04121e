"""The theme picker: a theme or a genre to narrow the list to, handed back as itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, TypeAlias

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from lvost.format.models import Theme
from lvost.output.tables import plain
from lvost.questions.catalog import Catalog


@dataclass(frozen=True)
class ThemePick:
    theme: Theme


@dataclass(frozen=True)
class GenrePick:
    genre: str


Pick: TypeAlias = ThemePick | GenrePick


class Choice(Option):
    """An option that carries what picking it means, so nothing is read back from its id."""

    def __init__(self, prompt: Text, pick: Pick, id: str) -> None:
        super().__init__(prompt, id=id)
        self.pick = pick


class ThemePicker(ModalScreen[Pick | None]):
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
        options: list[Option | None] = []
        for theme in self.catalog.themes:
            count = len(self.catalog.tracks_of(theme))
            prompt = plain(f"{theme.name} ({count} tracks)")
            if theme.description:  # what the theme is, as far as the line goes
                prompt.append_text(plain(f"  {theme.description}", "dim"))
            prompt.no_wrap = True
            prompt.overflow = "ellipsis"
            options.append(Choice(prompt, ThemePick(theme), f"theme:{theme.id}"))
        if options:
            options.append(None)  # a line between themes and genres
        # Only the genres some track has: a theme's genre alone would narrow the list to nothing.
        genres = self.catalog.track_genres()
        options += [Choice(plain(f"genre: {g}"), GenrePick(g), f"genre:{g}") for g in genres]
        choices = OptionList(*options, id="choices")
        choices.border_title = "Themes (interpretation) and genres"
        yield choices

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, Choice):
            self.dismiss(event.option.pick)
