"""Rows as Rich tables for a terminal, fitted to its width. Never prints.

Every string that comes from a data file or the command line reaches Rich as a
``Text`` built by ``plain``, so markup in it is not parsed and control
characters are shown as visible escapes instead of acting on the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

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
    """A table of ``rows`` for a terminal. Given the ``width`` it must fit, a
    table too wide for it shares out the room by each column's role."""
    grid = Table(
        title=plain(title),
        caption=caption,
        box=box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        show_edge=False,
        pad_edge=False,
    )
    for column in columns:
        grid.add_column(
            column.header,
            overflow="fold",
            no_wrap=column.role == "fixed",
            justify="right" if column.right else "left",
        )
    texts = [[_cell(c, row) for c in columns] for row in rows]
    for cells in texts:
        grid.add_row(
            *(Text(cell, "bold" if c.role == "main" else "") for c, cell in zip(columns, cells, strict=True))
        )
    if width is not None:
        _fit(grid, [c.role for c in columns], texts, width)
    return grid


def _cell(column: Column[Row], row: Row) -> str:
    """The column's text for ``row``, made safe; a column of several parts keeps
    its line breaks between them."""
    text = column.text(row)
    return "\n".join(safe(part) for part in text.split("\n")) if column.lines else safe(text)


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
    _Step("main", 8, False),
]
"""The order a table too wide for its terminal gives up room: prose, then titles
or names down to a comfortable width, then list-like columns, then prose and
titles again; each first without splitting a word, then further. Fixed columns
(numbers, lengths, ids) never shrink."""


def _fit(grid: Table, roles: Sequence[Role], texts: Sequence[Sequence[str]], width: int) -> None:
    headers = [len(str(c.header)) for c in grid.columns]
    sizes = [max([headers[i], *(_longest_line(row[i]) for row in texts)]) for i in range(len(roles))]
    excess = sum(sizes) - (width - 3 * (len(sizes) - 1))  # a blank rule between columns, padded
    if excess <= 0:
        return
    for step in _SHRINK:
        floors = {
            i: max([step.floor, headers[i], *(_longest_word(row[i]) for row in texts if step.whole_words)])
            for i, role in enumerate(roles)
            if role == step.role
        }
        # Take one character at a time from the widest column this step may narrow.
        while excess > 0 and (room := [i for i in floors if sizes[i] > floors[i]]):
            widest = max(room, key=lambda i: sizes[i])
            sizes[widest] -= 1
            excess -= 1
    for column, size in zip(grid.columns, sizes, strict=True):
        column.width = size


def _longest_line(text: str) -> int:
    return max(len(line) for line in text.split("\n"))


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)
