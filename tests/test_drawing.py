"""A long table drawn a row at a time (``lvost.output.drawing``) is, character for
character and colour for colour, the table Rich draws whole."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from lvost.output.columns import Column, Role
from lvost.output.drawing import draw
from lvost.output.tables import lay_out

ROLES: list[Role] = ["fixed", "main", "list", "prose"]
cell = st.one_of(
    st.text(st.characters(codec="ascii"), max_size=30),
    st.text(max_size=12),  # anything: wide, combining, control (made safe first)
    st.sampled_from(["", "\u2013", "Café Noir", "日本の夜", "a\nb", "Sting, Don Henley", "x" * 70]),
)


@st.composite
def tables(draw_: st.DrawFn) -> tuple[list[Column[list[str]]], list[list[str]]]:
    count = draw_(st.integers(1, 6))
    columns = [
        Column(
            name=f"c{i}",
            header=draw_(st.sampled_from(["#", "Id", "Title", "Performers", "Known length", "N"])),
            role=draw_(st.sampled_from(ROLES)),
            text=lambda row, i=i: row[i],
            value=lambda row, i=i: row[i],
            right=draw_(st.booleans()),
        )
        for i in range(count)
    ]
    rows = draw_(st.lists(st.lists(cell, min_size=count, max_size=count), max_size=8))
    return columns, rows


def console(width: int, system: str | None, no_color: bool) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        color_system=system,  # type: ignore[arg-type]
        force_terminal=system is not None,
        no_color=no_color,
        highlight=False,
    )


def by_rich(renderable: Any, out: Console) -> str:
    with out.capture() as captured:
        out.print(renderable)
    return "".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines())


@settings(max_examples=300, deadline=None)
@given(
    tables(),
    st.integers(20, 160),
    st.sampled_from([None, "standard", "256", "truecolor"]),
    st.booleans(),
    st.sampled_from(["Your library: 3 soundtracks", "", "[bold]x[/] \x1b[31m"]),
    st.sampled_from([None, "* inferred", "2 of 40 tracks"]),
)
def test_a_table_drawn_by_rows_is_the_table_rich_draws(
    table: tuple[list[Column[list[str]]], list[list[str]]],
    width: int,
    system: str | None,
    no_color: bool,
    title: str,
    caption: str | None,
) -> None:
    columns, rows = table
    laid = lay_out(title, columns, rows, width, caption)
    out = console(width, system, no_color)
    assert draw(laid, out) == by_rich(laid, out)


def test_rows_of_plain_text_are_not_drawn_by_rich(monkeypatch: Any) -> None:
    """The quick way is taken: only the head and the caption go through Rich."""
    title: Column[list[str]] = Column("t", "Title", "main", lambda r: r[0], lambda r: r[0])
    kind: Column[list[str]] = Column("k", "Kind", "list", lambda r: r[1], lambda r: r[1])
    laid = lay_out("T", [title, kind], [["Angel Eyes", "song"]] * 1000, 100, "caption")
    out = console(100, "truecolor", False)
    printed: list[Any] = []
    original = Console.print

    def counting(self: Console, *objects: Any, **kwargs: Any) -> None:
        printed.append(objects)
        original(self, *objects, **kwargs)

    monkeypatch.setattr(Console, "print", counting)
    drawn = draw(laid, out)
    assert len(printed) == 2
    assert drawn.count("\x1b[1mAngel Eyes\x1b[0m") == 1000
    monkeypatch.undo()
    assert drawn == by_rich(laid, out)
