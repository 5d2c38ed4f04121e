"""The right-hand pane: the whole view of one track, the one ``lvost show`` prints."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from lvost.format.models import Track
from lvost.output import views
from lvost.questions.catalog import Catalog


class TrackDetail(VerticalScroll):
    """Shows ``track`` from its top; with no track, says that nothing matched."""

    track: reactive[Track | None] = reactive(None, init=False)

    def __init__(self, catalog: Catalog, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        yield Static(id="track-view")

    def watch_track(self, track: Track | None) -> None:
        shown = Text("No track matches.", "dim") if track is None else views.track_view(self.catalog, track)
        self.query_one("#track-view", Static).update(shown)
        self.scroll_home(animate=False)
