"""Rows as Rich tables for a terminal, fitted to its width. Never prints.

Every string that comes from a data file or the command line reaches Rich as a
``Text`` built by ``plain``, so markup in it is not parsed and control
characters are shown as visible escapes instead of acting on the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from rich import box
from rich.table import Table
from rich.text import Text

from lvost.core.text import safe
from lvost.output.columns import Column, Role

Row = TypeVar("Row")
UNKNOWN = "unknown"
"""What a table or a view shows where the data holds no value."""


def plain(text: str, style: str = "") -> Text:
    """Untrusted text as a Rich ``Text``: shown exactly, styled only by ``style``."""
    return Text(safe(text), style=style)


def table(
    title: str,
    columns: Sequence[Column[Row]],
    rows: Sequence[Row],
    width: int | None = None,
    caption: str | None = None,
) -> Table:
    """A table of ``rows`` for a terminal (see ``lay_out``)."""
    laid = lay_out(title, columns, rows, width, caption)
    return laid.grid(laid.texts)


@dataclass(frozen=True)
class Laid:
    """A table's cells, made safe, and the widths of its columns."""

    title: str
    caption: str | None
    columns: Sequence[Column[Any]]
    texts: list[list[str]]
    sizes: list[int] | None
    """Each column's width; ``None``: as Rich finds them."""

    def grid(self, texts: Sequence[Sequence[str]], head: bool = True, caption: bool = True) -> Table:
        """The Rich table of rows ``texts``, with its title and headers unless not
        ``head``, and its caption unless not ``caption``."""
        grid = Table(
            title=plain(self.title) if head else None,
            caption=self.caption if caption else None,
            box=box.SIMPLE_HEAD,
            header_style="bold",
            title_style="bold",
            show_edge=False,
            show_header=head,
            pad_edge=False,
        )
        for column in self.columns:
            grid.add_column(
                column.header,
                overflow="fold",
                no_wrap=column.role == "fixed",
                justify="right" if column.right else "left",
            )
        for cells in texts:
            grid.add_row(*(Text(cell, style) for style, cell in zip(self.styles, cells, strict=True)))
        if self.sizes is not None:
            for drawn, size in zip(grid.columns, self.sizes, strict=True):
                drawn.width = size
        return grid

    def __rich__(self) -> Table:
        """The whole table, for Rich to draw (``lvost.output.drawing`` draws a long one quicker)."""
        return self.grid(self.texts)

    @property
    def styles(self) -> list[str]:
        """Each column's style: the main one bold."""
        return ["bold" if c.role == "main" else "" for c in self.columns]


def lay_out(
    title: str,
    columns: Sequence[Column[Row]],
    rows: Sequence[Row],
    width: int | None = None,
    caption: str | None = None,
    keep_all: bool = False,
) -> Laid:
    """The cells of a table of ``rows``. Given the ``width`` it must fit, a
    table too wide for it shares out the room by each column's role, and one that
    still does not fit leaves out columns, the last first, but never the first
    column (the number or id), a track's number (the soundtrack comes first
    across soundtracks, and ID:NUMBER needs both), or the main one (the title or
    name), nor any with ``keep_all`` (columns asked for by name): those are
    narrowed further instead."""
    # Column by column: each column's texts are then measured at once.
    by_column = [_cells(c, rows) for c in columns]
    sizes: list[int] | None = None
    if width is not None:
        roles = [c.role for c in columns]
        keep = {
            i for i, c in enumerate(columns) if keep_all or i == 0 or c.role == "main" or c.name == "number"
        }
        kept, sizes = _fit(roles, [len(c.header) for c in columns], by_column, width, keep)
        columns = [columns[i] for i in kept]
        by_column = [by_column[i] for i in kept]
    texts = [list(cells) for cells in zip(*by_column, strict=True)] if rows else []
    return Laid(title, caption, columns, texts, sizes)


def _cells(column: Column[Row], rows: Sequence[Row]) -> list[str]:
    """The column's text for each row, made safe; a column of several parts keeps
    its line breaks between them."""
    text = column.text
    if column.lines:
        return ["\n".join(safe(part) for part in text(row).split("\n")) for row in rows]
    texts = [text(row) for row in rows]
    # safe() leaves printable text as it is: a column all printable is made safe in one scan
    return texts if "".join(texts).isprintable() else [safe(t) for t in texts]


@dataclass(frozen=True)
class _Step:
    role: Role
    floor: int
    whole_words: bool


_SHRINK = [
    _Step("prose", 30, True),
    _Step("main", 30, True),
    _Step("list", 9, True),
    _Step("prose", 20, True),
    _Step("main", 20, True),
    _Step("prose", 12, False),
    _Step("list", 6, False),
    _Step("fixed", 20, False),  # a long id folds, rather than crowd out the rest
    _Step("main", 8, False),
    _Step("fixed", 8, False),
]
"""The order a table too wide for its terminal gives up room: prose, then titles
or names down to a comfortable width, then list-like columns, then prose and
titles again; each first without splitting a word, then further. Fixed columns
(numbers, lengths, ids) shrink last, and only an id is ever that long."""


def _fit(
    roles: Sequence[Role],
    headers: Sequence[int],
    columns: Sequence[Sequence[str]],
    width: int,
    keep: Collection[int] = (),
) -> tuple[list[int], list[int] | None]:
    """The columns to keep (by index) and their widths (``None``: as they come)
    for the table to fit ``width``, given each column's texts; those in ``keep``
    are never left out."""
    kept = list(range(len(roles)))
    # Each column's longest line, and (when first needed) its longest word, measured once.
    lines = [max(headers[i], _longest_line(columns[i])) for i in kept]
    words: dict[int, int] = {}

    def longest_word(i: int) -> int:
        if i not in words:
            words[i] = _longest_word(columns[i])
        return words[i]

    while True:
        droppable = [i for i in kept if i not in keep]
        # Words are split only when no column is left to leave out.
        sizes = _narrowed(roles, headers, (lines, longest_word), kept, width, split_words=not droppable)
        if sizes is not None or not droppable:
            return kept, sizes
        kept.remove(droppable[-1])


def _narrowed(
    roles: Sequence[Role],
    headers: Sequence[int],
    longest: tuple[Sequence[int], Callable[[int], int]],
    kept: Sequence[int],
    width: int,
    split_words: bool,
) -> list[int] | None:
    """The widths that fit the ``kept`` columns in ``width``, each narrowed no
    further than its role allows (and, unless ``split_words``, no narrower than
    its longest word); ``None`` when they cannot fit. ``longest`` gives each
    column's widest line (header included) and longest word."""
    lines, longest_word = longest
    sizes = [lines[i] for i in kept]
    excess = sum(sizes) - (width - 3 * (len(sizes) - 1))  # a blank rule between columns, padded
    if excess <= 0:
        return sizes
    for step in _SHRINK if split_words else [s for s in _SHRINK if s.whole_words]:
        floors = {
            n: max(step.floor, headers[i], longest_word(i) if step.whole_words else 0)
            for n, i in enumerate(kept)
            if roles[i] == step.role
        }
        # Take one character at a time from the widest column this step may narrow.
        while excess > 0 and (room := [i for i in floors if sizes[i] > floors[i]]):
            widest = max(room, key=lambda i: sizes[i])
            sizes[widest] -= 1
            excess -= 1
    return sizes if excess <= 0 else None


def _longest_line(texts: Sequence[str]) -> int:
    """The length of the longest line of any of ``texts`` (0 for none)."""
    return max(map(len, "\n".join(texts).split("\n")), default=0)


def _longest_word(texts: Sequence[str]) -> int:
    """The length of the longest word of any of ``texts`` (0 for none)."""
    return max(map(len, " ".join(texts).split()), default=0)
