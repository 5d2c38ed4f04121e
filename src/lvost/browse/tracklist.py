"""The list of tracks: a table that fits its columns to its own width.

It lists track numbers, and reads the tracks themselves a page at a time as the
cursor or the scrolling nears the end of what it has read: a soundtrack of
100,000 tracks opens, and a filter redraws it, as quickly as one of 25."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable

from lvost.browse.detail import clip
from lvost.format.models import Track
from lvost.output.columns import DASH, joined
from lvost.output.tables import plain

COLUMNS = (("#", "number"), ("Title", "title"), ("Performers", "performers"), ("Kind", "kind"))
PAGE = 60
"""How many tracks the list reads at a time."""


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
    return kind_label(len(track.kinds), track.kinds[0] if track.kinds else None, track.kind_inferred)


def kind_label(count: int, first: str | None, inferred: bool) -> str:
    """What ``short_kind`` shows for ``count`` kinds, the ``first`` of them, ``inferred`` or not.

    >>> kind_label(0, None, True), kind_label(1, "song", True), kind_label(2, "score", False)
    ('\u2013', 'song*', 'mixed')
    """
    if count == 0 or first is None:
        return DASH
    return ("mixed" if count > 1 else first) + ("*" if inferred else "")


class TrackList(DataTable[Text]):
    """The tracks shown, a row each; it says which track the cursor is on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A list of rows: Home and End go to its first and last (DataTable's move along a row).
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

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

    def __init__(
        self,
        numbers: Sequence[int],
        kinds: set[tuple[int, str | None, bool]],
        read: Callable[[Sequence[int]], list[Track]],
        *,
        id: str | None = None,
    ) -> None:
        """A list that can show any of ``numbers`` (the whole soundtrack's),
        whose ``kinds`` are given in those ways (``Catalog.kind_shapes``), and
        ``read`` gives the tracks of some numbers, in their order."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        # The narrow columns are as wide as the whole soundtrack needs, so that
        # they stay put while the filter changes which tracks are shown.
        self.number_width = max((len(str(n)) for n in numbers), default=1)
        # (the "*" of an inferred kind kept visible)
        self.kind_width = max(len("Kind"), *(len(kind_label(*shape)) for shape in kinds))
        self.read = read
        self.numbers: list[int] = []
        """The numbers of the tracks listed, in order."""
        self.shown: list[Track] = []
        """The first of them, read so far: a row each."""
        self.asked = 0
        """How many of ``numbers`` have been read (a track gone since is not shown)."""

    def on_mount(self) -> None:
        for label, key in COLUMNS:
            self.add_column(label, key=key)
        self.fit_columns()

    def show(self, numbers: Sequence[int]) -> None:
        """List the tracks of ``numbers``, the cursor on the first."""
        self.numbers = list(numbers)
        self.shown = []
        self.asked = 0
        self.clear()
        self._near_the_end(0)
        self.post_message(self.Highlighted(self.current()))

    def action_scroll_bottom(self) -> None:
        """Ctrl+End: to the last track, once the rest are read."""
        self._read_more(len(self.numbers))
        super().action_scroll_bottom()

    def _read_more(self, count: int = PAGE) -> None:
        """Read the next ``count`` tracks, and add their rows."""
        wanted = self.numbers[self.asked : self.asked + count]
        self.asked += len(wanted)
        tracks = self.read(wanted) if wanted else []
        self.shown += tracks
        for track in tracks:
            cells = (
                Text(str(track.number)),
                _cut(plain(clip(track.title), "bold")),
                _cut(plain(clip(joined(c.name for c in track.performers)))),
                Text(short_kind(track)),
            )
            self.add_row(*cells, key=str(track.number))

    def _near_the_end(self, row: int) -> None:
        """Read on while ``row`` is within two screenfuls of the last row read."""
        while row >= len(self.shown) - max(self.size.height, 1) * 2 and self.asked < len(self.numbers):
            self._read_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._near_the_end(int(new) + self.size.height)

    def current(self) -> Track | None:
        """The track under the cursor."""
        return self.shown[self.cursor_row] if 0 <= self.cursor_row < len(self.shown) else None

    @on(DataTable.RowHighlighted)
    def _say_which(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._near_the_end(self.cursor_row)
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
        self._near_the_end(self.cursor_row)  # a taller list shows more rows

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
