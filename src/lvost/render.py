"""Turning results into Rich renderables and JSON text. Never prints, never exits.

Every string that comes from a data file or the command line reaches Rich as a
``Text`` built by ``plain``, so markup in it is not parsed and control
characters are shown as visible escapes instead of acting on the terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from lvost.catalog import Catalog
from lvost.datafile import Problem
from lvost.models import Credit, SoundtrackFile, Theme, Track
from lvost.search import Hit
from lvost.words import counted

DASH = "\u2013"
UNKNOWN = "unknown"
_SNIPPET = 48
"""How much of a long matched value the search table shows."""

_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """``text`` with control and bidi-override characters replaced by visible escapes.

    >>> safe("Bell\\x07 and \\x1b[2J")
    'Bell\\\\x07 and \\\\x1b[2J'
    >>> safe("Ben\\u202e")
    'Ben\\\\u202e'
    """
    return _CONTROL.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain(text: str, style: str = "") -> Text:
    """Untrusted text as a Rich ``Text``: shown exactly, styled only by ``style``."""
    return Text(safe(text), style=style)


def joined(items: Iterable[str], empty: str = DASH) -> str:
    listed = ", ".join(items)
    return listed or empty


def credit_text(credit: Credit) -> str:
    return f"{credit.name} ({credit.role})" if credit.role else credit.name


def kind_text(track: Track) -> str:
    """The track's kinds; "*" marks kinds the data says were inferred."""
    if not track.kinds:
        return DASH
    return joined(track.kinds) + ("*" if track.kind_inferred else "")


def duration_text(seconds: int | None) -> str:
    """Minutes and seconds, or a dash when unknown.

    >>> duration_text(185), duration_text(None) == DASH
    ('3:05', True)
    """
    if seconds is None:
        return DASH
    return f"{seconds // 60}:{seconds % 60:02d}"


def _table(title: str, headers: Sequence[str]) -> Table:
    table = Table(
        title=plain(title),
        box=box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        show_edge=False,
        pad_edge=False,
    )
    for header in headers:
        table.add_column(header, overflow="fold", min_width=len(header))
    return table


def tracks_table(tracks: Sequence[Track], title: str, width: int | None = None) -> Table:
    """The tracklist. Given the ``width`` it must fit, a table too wide for it
    shares the room out so titles keep more of it than the list-like columns."""
    table = _table(title, ["#", "Title", "Performers", "Kind", "Genres", "Length"])
    table.columns[0].justify = "right"
    table.columns[0].no_wrap = table.columns[5].no_wrap = True
    rows = [
        [
            str(t.number),
            safe(t.title),
            safe(joined(c.name for c in t.performers)),
            kind_text(t),
            safe(joined(t.genres)),
            duration_text(t.duration_seconds),
        ]
        for t in tracks
    ]
    for row in rows:
        table.add_row(row[0], Text(row[1], "bold"), *map(Text, row[2:]))
    if width is not None:
        _fit_columns(table, rows, width)
    if any(t.kind_inferred for t in tracks):
        table.caption = "* kind inferred from the listings, not printed in them"
    return table


def _fit_columns(table: Table, rows: Sequence[Sequence[str]], width: int) -> None:
    """Size the tracklist's columns for ``width`` when it would not fit as it is.

    Number and duration keep their width. The list-like columns give up room
    first, to a name or two words a line; then the title, down to a few words;
    then genres and kind again, down to their headers; then the title. Until
    that last resort, no column is made narrower than its longest word.
    """
    columns = list(enumerate(table.columns))
    sizes = [max([len(str(c.header)), *(len(row[i]) for row in rows)]) for i, c in columns]
    excess = sum(sizes) - (width - 3 * (len(sizes) - 1))  # a blank rule between columns, padded
    if excess <= 0:
        return
    for i, floor, whole_words in _SHRINK_ORDER:
        if whole_words:
            floor = max([floor, *(len(word) for row in rows for word in row[i].split())])
        cut = min(excess, max(0, sizes[i] - floor))
        sizes[i] -= cut
        excess -= cut
    for (_, column), size in zip(columns, sizes, strict=True):
        column.width = size


_SHRINK_ORDER = [
    (4, 11, True),
    (2, 10, True),
    (3, 9, True),
    (1, 23, True),
    (4, 6, False),
    (3, 6, False),
    (1, 8, False),
]
"""(column, narrowest, never below its longest word) in the order ``_fit_columns`` takes room."""


def themes_table(catalog: Catalog, themes: Sequence[Theme]) -> Table:
    table = _table("Themes (interpretation, not fact)", ["Theme", "Description", "Genres", "Tracks"])
    table.columns[0].no_wrap = True
    for th in themes:
        numbers = ", ".join(str(t.number) for t in catalog.tracks_of(th))
        name = Text.assemble(plain(th.name, "bold"), "\n", plain(th.id, "dim"))
        table.add_row(name, plain(th.description or DASH), plain(joined(th.genres)), numbers or DASH)
    return table


def search_table(query: str, hits: Sequence[Hit], total: int) -> Table:
    shown = f"{len(hits)} of {total}" if len(hits) < total else str(total)
    noun = "match" if total == 1 else "matches"
    table = _table(f'Search "{query}": {shown} {noun}', ["#", "Title", "Matched"])
    table.columns[0].justify = "right"
    for hit in hits:
        matched = Text("\n").join(plain(f"{m.field}: {snippet(m.value)}") for m in hit.matched)
        table.add_row(str(hit.track.number), plain(hit.track.title, "bold"), matched)
    return table


def snippet(text: str, width: int = _SNIPPET) -> str:
    """``text`` cut to ``width`` characters at a word boundary, with an ellipsis if cut.

    >>> snippet("Sting sings it accompanied by piano and acoustic bass.", 24)
    'Sting sings it…'
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


def to_json(value: Any) -> str:
    """JSON text for scripts: strings decode to exactly what the data has, and
    characters a terminal could act on are written as ``\\u`` escapes.

    >>> to_json(["caf\u00e9 \u202e\x9b\x1b"])
    '[\\n  "caf\u00e9 \\\\u202e\\\\u009b\\\\u001b"\\n]'
    """
    text = json.dumps(value, ensure_ascii=False, indent=2)
    # Outside strings JSON is plain ASCII, so these can only be inside strings.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
