"""The right-hand pane: the whole view of one track, the one ``lvost show`` prints."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from lvost.format.models import Track
from lvost.output import views
from lvost.questions.catalog import Catalog

LONGEST = 2000
"""The most characters of one text the browser shows; a longer one is cut and
ends in "…" (``lvost show`` prints it whole). A title of megabytes would take
the screen minutes to lay out, and no one reads it in a pane."""


def clip(text: str) -> str:
    """``text``, cut to ``LONGEST`` characters where it is longer.

    >>> clip("x" * 5000)[-3:], len(clip("x" * 5000)), clip("Angel Eyes")
    ('xx\u2026', 2000, 'Angel Eyes')
    """
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "\u2026"


def clipped(track: Track) -> Track:
    """``track`` with each of its texts ``clip``ped, for showing."""
    texts: list[str] = [
        track.title,
        *track.alternate_titles,
        *track.instruments,
        *track.notes,
        *track.sources,
        *(c.name for c in (*track.performers, *track.writers)),
        *(c.role for c in (*track.performers, *track.writers) if c.role),
        *([track.file] if track.file else []),
    ]
    if all(len(text) <= LONGEST for text in texts):
        return track
    credits = {
        part: [c.model_copy(update={"name": clip(c.name), "role": c.role and clip(c.role)}) for c in given]
        for part, given in (("performers", track.performers), ("writers", track.writers))
    }
    return track.model_copy(
        update={
            "title": clip(track.title),
            "alternate_titles": [clip(t) for t in track.alternate_titles],
            "instruments": [clip(t) for t in track.instruments],
            "notes": [clip(t) for t in track.notes],
            "sources": [clip(t) for t in track.sources],
            "file": track.file and clip(track.file),
            **credits,
        }
    )


class TrackDetail(VerticalScroll):
    """Shows ``track`` from its top; with no track, says that nothing matched."""

    track: reactive[Track | None] = reactive(None, init=False)

    def __init__(self, catalog: Catalog, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        yield Static(id="track-view")

    def watch_track(self, track: Track | None) -> None:
        if track is None:
            shown: RenderableType = Text("No track matches.", "dim")
        else:
            shown = views.track_view(self.catalog, clipped(track))
        self.query_one("#track-view", Static).update(shown)
        self.scroll_home(animate=False)
