"""Rows as text for scripts and documents: CSV, TSV, plain rows, Markdown, JSON.

None of these wrap, pad or cut a cell. CSV and TSV (and plain rows) are for
programs: a cell holds the field's value written plainly, with nothing for an
unknown. Markdown is for people, with the table's text. Text from the data
reaches them all through ``safe``, so a control character in a title cannot act
on a terminal or split a row; JSON alone keeps strings exact.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, TypeVar

from lvost.core.text import safe
from lvost.output.columns import Column

Row = TypeVar("Row")
Format = Literal["table", "json", "jsonl", "csv", "spreadsheet", "tsv", "markdown", "plain", "m3u"]


def cells(columns: Sequence[Column[Row]], row: Row) -> list[str]:
    """The row's cells for a person reading a document: the table text on one line."""
    return [_one_line(column, row) for column in columns]


def _one_line(column: Column[Row], row: Row) -> str:
    """A cell on one line: the parts of a column of several joined by "; ", and a
    line break inside a value shown escaped, as a table shows it."""
    text = column.text(row)
    return "; ".join(text.split("\n")) if column.lines else safe(text)


def machine_cells(columns: Sequence[Column[Row]], row: Row) -> list[str]:
    """The row's cells for a program: the JSON values written out plainly."""
    return [safe(machine_text(column.value(row))) for column in columns]


def machine_text(value: Any) -> str:
    """A JSON value as one plain field: nothing for unknown, lists joined by "; ".

    >>> machine_text(None), machine_text(["jazz", "blues"]), machine_text(True), machine_text(185)
    ('', 'jazz; blues', 'true', '185')
    >>> machine_text([{"name": "Matt Dennis", "role": "music"}, {"name": "Sting", "role": None}])
    'Matt Dennis (music); Sting'
    >>> machine_text([{"field": "performers", "value": "Sting"}])
    'performers: Sting'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(machine_text(item) for item in value)
    if isinstance(value, dict):
        if "name" in value:
            role = value.get("role")
            return f"{value['name']} ({role})" if role else str(value["name"])
        return f"{value.get('field')}: {value.get('value')}"
    return str(value)


def as_csv(columns: Sequence[Column[Row]], rows: Sequence[Row], for_spreadsheets: bool = False) -> str:
    """RFC 4180 CSV with a header row of field names; ``for_spreadsheets``, no
    cell can be taken for a formula (see ``inert``)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        cells = machine_cells(columns, row)
        writer.writerow([inert(cell) for cell in cells] if for_spreadsheets else cells)
    return out.getvalue()


def inert(cell: str) -> str:
    """A cell a spreadsheet will show and never run: one that begins as a formula
    does (=, +, -, @, or a tab or carriage return before one) gets an apostrophe
    first, which spreadsheets take to mean "text".

    >>> inert("=SUM(A1:A9)"), inert("-1"), inert("Angel Eyes")
    ("'=SUM(A1:A9)", "'-1", 'Angel Eyes')
    """
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def tsv_lines(columns: Sequence[Column[Row]], rows: Iterable[Row], header: bool = True) -> Iterator[str]:
    """Tab-separated rows, a header of field names first unless ``header`` is false,
    a line at a time (each ending in a newline) for printing as they come.

    Cells never hold a tab or a newline (``safe`` has escaped them), so every row
    is one line and ``cut -f`` finds every field.
    """
    if header:
        yield "\t".join(c.name for c in columns) + "\n"
    for row in rows:
        yield "\t".join(machine_cells(columns, row)) + "\n"


def as_markdown(columns: Sequence[Column[Row]], rows: Sequence[Row]) -> str:
    """A GitHub-flavoured Markdown table; "|" in a cell is escaped."""

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |\n"

    head = line([c.header for c in columns]) + line(["---"] * len(columns))
    return head + "".join(line(cells(columns, row)) for row in rows)


def as_record(columns: Sequence[Column[Row]], row: Row) -> dict[str, Any]:
    """The row as an object of the chosen fields, in their order."""
    return {c.name: c.value(row) for c in columns}
