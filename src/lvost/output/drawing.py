"""A long table drawn for a terminal a row at a time, as Rich draws it, many times quicker.

Rich lays out and renders every cell of a table as a piece of styled text:
thousands of rows (``lvost soundtracks`` on a large library) take seconds, and
all of it is held at once. Here Rich draws what only it knows, the title, the
headers, the rule under them and the caption, once, over a table with no rows
and the widths ``tables.lay_out`` chose; each row whose cells are printable
text on one line within their widths (measured in terminal cells) is then put
together from those widths (padding, justification, the main column's bold),
and any other row (several lines, a cell to fold, a control character) is
drawn by Rich on its own, in a table of that one row. Tests hold the result to Rich's
own drawing of the whole table, character for character, colours included.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import cast

from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style
from rich.text import Text

from lvost.output.tables import Laid

_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}
_GAP = "   "
"""Between two columns: one's right padding, the blank rule, the next one's left padding."""


def draw(laid: Laid, console: Console) -> str:
    """``laid`` as Rich prints it on ``console``, each line without trailing spaces."""
    if laid.sizes is None:  # Rich finds the widths, from every row: it draws them all
        lines = _drawn(console, laid, laid.texts)
    else:
        head = _drawn(console, laid, [], caption=False)
        whole = _drawn(console, laid, [], caption=True)
        lines = [*head, *_rows(laid, console), *whole[len(head) :]]
    return "\n".join([line.rstrip(" ") for line in lines]) + "\n"


def _rows(laid: Laid, console: Console) -> Iterator[str]:
    assert laid.sizes is not None
    system = _SYSTEMS.get(console.color_system or "")
    # What comes before and after a styled cell's text: the same for every row.
    marks = []
    for style in laid.styles:
        drawn = Style.parse(style).render("\0", color_system=system, legacy_windows=console.legacy_windows)
        marks.append(tuple(drawn.split("\0")) if style and system else ("", ""))
    columns = zip(*laid.texts, strict=True) if laid.texts else ()
    padded = [
        _padded(texts, size, mark, column.right)
        for texts, size, mark, column in zip(columns, laid.sizes, marks, laid.columns, strict=False)
    ]
    for cells, parts in zip(laid.texts, zip(*padded, strict=True), strict=False):
        if None in parts:  # to fold, or not a line of plain characters: Rich draws the row
            yield from _drawn(console, laid, [cells], head=False, caption=False)
        else:
            yield _GAP.join(cast("tuple[str, ...]", parts))  # none is None, as just seen


def _padded(texts: Sequence[str], size: int, mark: tuple[str, ...], to_right: bool) -> list[str | None]:
    """Each of a column's ``texts`` padded to ``size`` and styled as Rich would
    draw it, or ``None`` for one Rich must draw (several lines, to fold, or
    characters other than printable ones)."""
    before, after = mark
    if to_right:  # as Rich does, spaces at the end go before the text is moved right
        texts = [text.rstrip() for text in texts]
    whole = "".join(texts)
    ascii = whole.isascii()  # then each character is a cell wide
    widths = list(map(len, texts)) if ascii else list(map(_cells, texts))
    if whole.isprintable() and max(widths, default=0) <= size:  # the usual column: all fit
        if ascii:
            cells = [t.rjust(size) for t in texts] if to_right else [t.ljust(size) for t in texts]
        elif to_right:
            cells = [" " * (size - w) + t for t, w in zip(texts, widths, strict=True)]
        else:
            cells = [t + " " * (size - w) for t, w in zip(texts, widths, strict=True)]
        return [f"{before}{c}{after}" for c in cells] if before or after else list(cells)
    out: list[str | None] = []
    for text, width in zip(texts, widths, strict=True):
        if width > size or not text.isprintable():
            out.append(None)
        else:
            room = " " * (size - width)
            out.append(f"{before}{room}{text}{after}" if to_right else f"{before}{text}{room}{after}")
    return out


@functools.lru_cache(maxsize=4096)
def _cells(text: str) -> int:
    """How many cells of a terminal ``text`` takes (many cells hold the same text: a dash, a genre)."""
    return Text(text).cell_len


def _drawn(
    console: Console, laid: Laid, texts: Sequence[Sequence[str]], head: bool = True, caption: bool = True
) -> list[str]:
    with console.capture() as captured:
        console.print(laid.grid(texts, head=head, caption=caption))
    return captured.get().splitlines()
