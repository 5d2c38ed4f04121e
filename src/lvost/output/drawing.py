"""A long table drawn for a terminal a row at a time, as Rich draws it, many times quicker.

Rich lays out and renders every cell of a table as a piece of styled text:
thousands of rows (``lvost soundtracks`` on a large library) take seconds, and
all of it is held at once. Here Rich draws what only it knows, the title, the
headers, the rule under them and the caption, once, over a table with no rows
and the widths ``tables.lay_out`` chose; each row whose cells are plain
printable ASCII on one line within their widths is then put together from
those widths (padding, justification, the main column's bold), and any other
row (wide or combining characters, several lines, a cell to fold) is drawn by
Rich on its own, in a table of that one row. Tests hold the result to Rich's
own drawing of the whole table, character for character, colours included.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

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
        return "".join(line.rstrip(" ") + "\n" for line in _drawn(console, laid, laid.texts))
    head = _drawn(console, laid, [], caption=False)
    whole = _drawn(console, laid, [], caption=True)
    lines = [*head, *_rows(laid, console), *whole[len(head) :]]
    return "".join(line.rstrip(" ") + "\n" for line in lines)


def _rows(laid: Laid, console: Console) -> Iterator[str]:
    assert laid.sizes is not None
    system = _SYSTEMS.get(console.color_system or "")
    # What comes before and after a styled cell's text: the same for every row.
    marks = []
    for style in laid.styles:
        drawn = Style.parse(style).render("\0", color_system=system, legacy_windows=console.legacy_windows)
        marks.append(tuple(drawn.split("\0")) if style and system else ("", ""))
    plan = list(zip(laid.sizes, marks, [c.right for c in laid.columns], strict=True))
    for cells in laid.texts:
        parts = []
        for text, (size, (before, after), to_right) in zip(cells, plan, strict=True):
            if to_right:  # as Rich does, spaces at the end go before the text is moved right
                text = text.rstrip()
            width = len(text) if text.isascii() else _cells(text)
            if width > size or not text.isprintable():
                break  # to fold, or not a line of plain characters: Rich draws the row
            room = " " * (size - width)
            parts.append(f"{before}{room}{text}{after}" if to_right else f"{before}{text}{room}{after}")
        else:
            yield _GAP.join(parts)
            continue
        yield from _drawn(console, laid, [cells], head=False, caption=False)


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
