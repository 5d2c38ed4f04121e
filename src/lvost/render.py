"""Results as Rich tables and JSON-ready data. Never prints, never exits.

Every string that comes from a data file or the command line reaches Rich as a
``Text`` built by ``plain``, so markup in it is not parsed and control
characters are shown as visible escapes instead of acting on the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rich import box
from rich.table import Table
from rich.text import Text

from lvost.catalog import Catalog
from lvost.columns import (
    DASH,
    HIT_DEFAULT,
    THEME_DEFAULT,
    TRACK_DEFAULT,
    Column,
    Role,
    choose,
    hit_columns,
    theme_columns,
    track_columns,
)
from lvost.formats import Format, as_csv, as_json, as_markdown, as_records, tsv_lines
from lvost.models import SoundtrackFile, Theme, Track
from lvost.text import counted, safe

if TYPE_CHECKING:
    from lvost.datafile import Problem
    from lvost.search import Hit

Row = TypeVar("Row")
UNKNOWN = "unknown"
INFERRED_NOTE = "* kind inferred from the listings, not printed in them"
_SNIPPET = 48
"""How much of a long matched value the search table shows."""


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
    texts = [[safe(c.text(row)) for c in columns] for row in rows]
    for cells in texts:
        grid.add_row(
            *(Text(cell, "bold" if c.role == "main" else "") for c, cell in zip(columns, cells, strict=True))
        )
    if width is not None:
        _fit(grid, [c.role for c in columns], texts, width)
    return grid


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


@dataclass(frozen=True)
class Listing(Generic[Row]):
    """Rows ready to be shown in any format, with what each format needs."""

    title: str
    columns: dict[str, Column[Row]]
    default: Sequence[str]
    rows: Sequence[Row] | Iterator[Row]
    """Every row; an iterator for rows that are printed as they come (TSV, plain)."""
    full: Callable[[Row], dict[str, Any]]
    """The whole object for JSON when no fields are chosen."""
    caption: Callable[[Sequence[Column[Row]]], str | None] = lambda _: None


def listing(
    rows: Listing[Row], fmt: Format, fields: str | None, width: int | None
) -> Table | str | Iterator[str]:
    """``rows`` in format ``fmt``: a Rich table, text ready to print, or for rows
    that scripts read (TSV, plain) lines to print as they come."""
    columns = choose(rows.columns, fields, rows.default)
    if fmt in ("tsv", "plain"):
        return tsv_lines(columns, rows.rows, header=fmt == "tsv")
    every = rows.rows if isinstance(rows.rows, Sequence) else list(rows.rows)
    if fmt == "json":
        data = as_records(columns, every) if fields else [rows.full(r) for r in every]
        return as_json(data) + "\n"
    if fmt == "csv":
        return as_csv(columns, every)
    if fmt == "markdown":
        return as_markdown(columns, every)
    return table(rows.title, columns, every, width, rows.caption(columns))


def inferred_caption(tracks: Sequence[Track], columns: Sequence[Column[Any]]) -> str | None:
    """The note that explains "*" in the kind column, when the table shows one."""
    shows_kind = any(c.name == "kinds" for c in columns)
    return INFERRED_NOTE if shows_kind and any(t.kind_inferred for t in tracks) else None


def search_title(query: str, shown: int, total: int) -> str:
    count = f"{shown} of {total}" if shown < total else str(total)
    return f'Search "{query}": {count} {"match" if total == 1 else "matches"}'


def snippet(text: str, width: int = _SNIPPET) -> str:
    """``text`` cut to ``width`` characters at a word boundary, with an ellipsis if cut.

    >>> snippet("Sting sings it accompanied by piano and acoustic bass.", 24)
    'Sting sings it\u2026'
    >>> snippet("Nicolas Cage", 24)
    'Nicolas Cage'
    """
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "\u2026"


def validation_summary(path: object, data: SoundtrackFile) -> str:
    """One line saying the file is valid and what it holds."""
    counts = f"{counted(len(data.tracks), 'track')}, {counted(len(data.themes), 'theme')}"
    return safe(f'{path}: valid: "{data.soundtrack.album.title}", {counts}')


def problem_lines(path: object, problems: Sequence[Problem]) -> str:
    """Each problem as ``file:line: field: what is wrong``, the form editors jump to."""
    return "".join(safe(f"{path}:{problem}") + "\n" for problem in problems)


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema, generated from the models."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **SoundtrackFile.model_json_schema()}


def track_data(track: Track) -> dict[str, Any]:
    return track.model_dump(mode="json")


def theme_data(theme: Theme) -> dict[str, Any]:
    return theme.model_dump(mode="json")


def track_detail_data(catalog: Catalog, track: Track) -> dict[str, Any]:
    """The track as the data format has it, plus the ids of the themes it carries."""
    return {**track_data(track), "themes": [th.id for th in catalog.themes_of(track)]}


def hit_data(hit: Hit) -> dict[str, Any]:
    matched = [{"field": m.field, "value": m.value} for m in hit.matched]
    return {**track_data(hit.track), "score": hit.score, "matched": matched}


def track_listing(catalog: Catalog, tracks: Sequence[Track] | Iterator[Track]) -> Listing[Track]:
    """The tracks as a listing; an iterator of them is for TSV and plain rows only."""
    return Listing(
        catalog.album.title,
        track_columns(catalog),
        TRACK_DEFAULT,
        tracks,
        track_data,
        lambda columns: inferred_caption(tracks, columns) if isinstance(tracks, Sequence) else None,
    )


def theme_listing(catalog: Catalog, themes: Sequence[Theme]) -> Listing[Theme]:
    return Listing(
        "Themes (interpretation, not fact)", theme_columns(catalog), THEME_DEFAULT, themes, theme_data
    )


def hit_listing(
    catalog: Catalog | None, query: str, hits: Sequence[Hit] | Iterator[Hit], shown: int, total: int
) -> Listing[Hit]:
    """Search results (``shown`` of ``total``); when they are fewer than were found,
    the table says how many more."""
    title = search_title(query, shown, total)
    hidden = total - shown
    note = f"{counted(hidden, 'more match', 'more matches')}: --limit N shows more, --format plain all"
    return Listing(
        title, hit_columns(catalog, snippet), HIT_DEFAULT, hits, hit_data, lambda _: note if hidden else None
    )


__all__ = ["DASH", "UNKNOWN", "as_json", "plain", "safe", "table"]
