"""Every format parsed back and compared to the data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.table import Table
from typer.testing import CliRunner

from lvost.cli.main import app
from lvost.core.text import as_json, safe
from lvost.format.models import Credit
from lvost.output import listings
from lvost.output.columns import TRACK_DEFAULT
from lvost.output.formats import inert, machine_text
from lvost.questions.catalog import Catalog
from lvost.questions.search import search
from support import variant


def listing_text(catalog: Catalog, fmt: str, fields: str | None = None) -> str:
    return text(listings.listing(listings.track_listing(catalog, catalog.tracks), fmt, fields, 100))  # type: ignore[arg-type]


def text(out: object) -> str:
    """A listing's text, whether it came whole or a line at a time."""
    assert not isinstance(out, Table)
    return out if isinstance(out, str) else "".join(out)  # type: ignore[call-overload]


def expected_rows(catalog: Catalog, fields: tuple[str, ...]) -> list[list[str]]:
    rows = []
    for track in catalog.tracks:
        data = listings.track_detail_data(catalog, track)
        rows.append([machine_text(data[f]) for f in fields])
    return rows


def test_csv_parses_back_to_the_data(catalog: Catalog) -> None:
    rows = list(csv.reader(io.StringIO(listing_text(catalog, "csv"))))
    assert rows[0] == list(TRACK_DEFAULT)
    assert rows[1:] == expected_rows(catalog, TRACK_DEFAULT)


def test_csv_quotes_what_needs_quoting(small: Catalog) -> None:
    fields = ("number", "title", "writers", "notes")
    rows = list(csv.reader(io.StringIO(listing_text(small, "csv", ",".join(fields)))))
    assert rows[1] == ["1", "Last Tram Home", "Ada Quill (music); Bo Lint (lyrics)", ""]
    assert rows[1:] == expected_rows(small, fields)


def test_tsv_has_a_header_and_one_line_per_track(catalog: Catalog) -> None:
    lines = listing_text(catalog, "tsv", "number,title,notes").splitlines()
    assert lines[0] == "number\ttitle\tnotes"
    assert len(lines) == 26
    assert [line.split("\t") for line in lines[1:]] == expected_rows(catalog, ("number", "title", "notes"))


def test_plain_rows_are_tsv_without_a_header(catalog: Catalog) -> None:
    assert listing_text(catalog, "plain") == listing_text(catalog, "tsv").split("\n", 1)[1]


def test_markdown_table(small: Catalog) -> None:
    lines = listing_text(small, "markdown", "number,title,duration_seconds").splitlines()
    assert lines[:2] == ["| # | Title | Length |", "| --- | --- | --- |"]
    assert lines[3] == "| 2 | Café Noir | 3:05 |"


def test_markdown_keeps_a_line_break_in_a_value_apart_from_one_between_matches(small: Catalog) -> None:
    broken = small.tracks[0].model_copy(
        update={"title": "two\nlines", "performers": [Credit(name="A\nB"), Credit(name="C")]}
    )
    out = listings.listing(listings.track_listing(small, [broken]), "markdown", "title,performers", None)
    assert out == "| Title | Performers |\n| --- | --- |\n| two\\x0alines | A\\x0aB, C |\n"


def test_markdown_joins_the_matches_of_a_hit_with_semicolons(catalog: Catalog) -> None:
    hits = search(catalog, "sting")[:1]
    out = listings.listing(
        listings.hit_listing(catalog, "sting", hits, 1, 3), "markdown", "number,matched", None
    )
    assert out == (
        "| # | Matched |\n| --- | --- |\n"
        "| 2 | performers: Sting; notes: Sting sings it accompanied by piano and\u2026 |\n"
    )


def test_markdown_escapes_pipes(small: Catalog) -> None:
    piped = small.tracks[0].model_copy(update={"title": "A | B"})
    out = listings.listing(listings.track_listing(small, [piped]), "markdown", "title", None)
    assert out == "| Title |\n| --- |\n| A \\| B |\n"


def test_json_without_fields_is_the_whole_track(catalog: Catalog) -> None:
    data = json.loads(listing_text(catalog, "json"))
    assert data == [listings.track_data(t) for t in catalog.tracks]


def test_json_with_fields_keeps_those_in_order(catalog: Catalog) -> None:
    data = json.loads(listing_text(catalog, "json", "title,number,themes"))
    assert list(data[0]) == ["title", "number", "themes"]
    assert data[1] == {"title": "Angel Eyes", "number": 2, "themes": ["lament", "intimacy"]}


def test_hostile_text_cannot_break_rows(small: Catalog) -> None:
    hostile = small.tracks[0].model_copy(update={"title": "tab\there\nnewline\x1b[2J"})
    out = text(listings.listing(listings.track_listing(small, [hostile]), "tsv", "number,title", None))
    assert out == "number\ttitle\n1\ttab\\x09here\\x0anewline\\x1b[2J\n"
    decoded = json.loads(listings.listing(listings.track_listing(small, [hostile]), "json", "title", None))  # type: ignore[arg-type]
    assert decoded == [{"title": "tab\there\nnewline\x1b[2J"}]


@pytest.mark.parametrize("value", ["Café \u202e\x9b\x1b", "\u2028", "plain"])
def test_json_escapes_what_a_terminal_could_obey(value: str) -> None:
    text = as_json([value])
    assert json.loads(text) == [value]
    assert not any(0x7F <= ord(c) <= 0x9F or c in "\u202e\u2028" or c == "\x1b" for c in text)


def test_json_output_escapes_every_character_safe_would_of_all_unicode() -> None:
    # Spaces between them keep two escaped surrogates from reading back as a pair.
    every = " ".join(chr(c) for c in range(0x110000))
    out = as_json(every)
    assert [c for c in out if safe(c) != c] == []  # each character one a terminal shows
    assert json.loads(out) == every


@given(st.text())
def test_a_spreadsheet_cell_never_begins_as_a_formula_and_keeps_its_text(cell: str) -> None:
    shown = inert(cell)
    assert shown[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert shown in (cell, "'" + cell)


def test_spreadsheet_csv_quotes_only_what_could_run(tmp_path: Path) -> None:
    data = variant(tracks__0__title='=HYPERLINK("http://x","y")', tracks__1__title="Plain")
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data))
    runner = CliRunner(env={"LVOST_DATA": None})
    as_csv = runner.invoke(
        app, ["--data", str(path), "tracks", "--format", "csv", "--fields", "title"]
    ).stdout
    for_sheets = runner.invoke(
        app, ["--data", str(path), "tracks", "--format", "spreadsheet", "--fields", "title"]
    ).stdout
    assert as_csv == 'title\n"=HYPERLINK(""http://x"",""y"")"\nPlain\n'
    assert for_sheets == 'title\n"\'=HYPERLINK(""http://x"",""y"")"\nPlain\n'
