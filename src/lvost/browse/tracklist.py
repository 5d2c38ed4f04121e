"""The list of tracks: a table that fits its columns to its own width."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable

from lvost.format.models import Track
from lvost.output.columns import joined, kind_text
from lvost.output.tables import plain

COLUMNS = (("#", "number"), ("Title", "title"), ("Performers", "performers"), ("Kind", "kind"))


def _cut(text: Text) -> Text:
    """``text`` kept to one line, ending in "…" where its column cuts it."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def short_kind(track: Track) -> str:
    """The kind in a few letters for the list ("*": inferred); the track's view says it all.

    >>> short_kind(Track(number=1, title="x", kinds=["score", "dialogue"], kind_inferred=True))
    'mixed*'
    """
    if len(track.kinds) > 1:
        return "mixed" + ("*" if track.kind_inferred else "")
    return kind_text(track)


class TrackList(DataTable[Text]):
    """The tracks shown, a row each; it says which track the cursor is on."""

    class Highlighted(Message):
        """The cursor is on ``track`` now (``None``: the list is empty)."""

        def __init__(self, track: Track | None) -> None:
            super().__init__()
            self.track = track

    class Opened(Message):
        """Enter (or a click on the highlighted row) asked to open ``track``."""

        def __init__(self, track: Track) -> None:
            super().__init__()
            self.track = track

    def __init__(self, every: Sequence[Track], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        # The narrow columns are as wide as the whole soundtrack needs, so that
        # they stay put while the filter changes which tracks are shown.
        self.number_width = max(len(str(t.number)) for t in every)
        self.kind_width = max(len("Kind"), *(len(short_kind(t)) for t in every))  # keep the "*" visible
        self.shown: list[Track] = []

    def on_mount(self) -> None:
        for label, key in COLUMNS:
            self.add_column(label, key=key)
        self.fit_columns()

    def show(self, tracks: Sequence[Track]) -> None:
        """List ``tracks``, the cursor on the first."""
        self.shown = list(tracks)
        self.clear()
        for track in self.shown:
            cells = (
                Text(str(track.number)),
                _cut(plain(track.title, "bold")),
                _cut(plain(joined(c.name for c in track.performers))),
                Text(short_kind(track)),
            )
            self.add_row(*cells, key=str(track.number))
        self.post_message(self.Highlighted(self.current()))

    def current(self) -> Track | None:
        """The track under the cursor."""
        return self.shown[self.cursor_row] if 0 <= self.cursor_row < len(self.shown) else None

    @on(DataTable.RowHighlighted)
    def _say_which(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.current()))

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        track = self.current()
        if track is not None:
            self.post_message(self.Opened(track))

    def on_resize(self) -> None:
        # The table draws itself afresh after a change of size, so the widths set
        # while the change is handled are the ones drawn.
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width out: titles first, then performers, then kind."""
        room = self.size.width - 2 * self.cell_padding * len(COLUMNS) - self.styles.scrollbar_size_vertical
        if room <= 0 or len(self.ordered_columns) != len(COLUMNS):
            return
        performers = min(16, max(6, room // 4))
        title = max(8, room - self.number_width - self.kind_width - performers)
        widths = (self.number_width, title, performers, self.kind_width)
        for column, width in zip(self.ordered_columns, widths, strict=True):
            column.auto_width = False
            column.width = width
        # What it can scroll through sideways was measured with the old widths.
        used = sum(column.get_render_width(self) for column in self.ordered_columns)
        self.virtual_size = Size(used, self.virtual_size.height)
