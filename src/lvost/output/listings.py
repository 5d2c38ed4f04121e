"""Tracks, themes and search hits as listings: one set of rows that any output
format can show (a table, JSON, CSV, TSV, plain rows or Markdown). Never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from lvost.core.errors import UsageError
from lvost.core.names import SOUNDTRACK_COLUMNS
from lvost.core.text import as_json, counted
from lvost.format.models import Theme, Track
from lvost.output.columns import (
    HIT_DEFAULT,
    PLACED_DEFAULT,
    PLACED_HIT_DEFAULT,
    SONG_DEFAULT,
    THEME_DEFAULT,
    TRACK_DEFAULT,
    Column,
    choose,
    hit_columns,
    placed_columns,
    song_columns,
    soundtrack_columns,
    theme_columns,
    track_columns,
)
from lvost.output.formats import Format, as_csv, as_markdown, as_record, tsv_lines
from lvost.output.playlists import m3u
from lvost.output.tables import Laid, lay_out
from lvost.questions.catalog import Catalog

if TYPE_CHECKING:
    from lvost.questions.search import Hit
    from lvost.questions.shelf import Placed, Shelf
    from lvost.questions.songs import Song
    from lvost.store.library import Entry

Row = TypeVar("Row")
INFERRED_NOTE = "* kind inferred from the listings, not printed in them"
_SNIPPET = 48
"""How much of a long matched value the search table shows."""


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
    tracks: Callable[[Row], Sequence[Track]] | None = None
    """The tracks a row stands for, in listings that can be a playlist."""


def listing(
    rows: Listing[Row], fmt: Format, fields: str | None, width: int | None
) -> Laid | str | Iterator[str]:
    """``rows`` in format ``fmt``: a table laid out for a terminal, text ready to print, or for rows
    that scripts read (TSV, plain) lines to print as they come."""
    if fmt == "m3u":
        return playlist(rows)[0]
    columns = choose(rows.columns, fields, rows.default)
    if fmt in ("tsv", "plain"):
        return tsv_lines(columns, rows.rows, header=fmt == "tsv")
    if fmt == "jsonl":  # a JSON object a line, each as it comes
        return (as_json(_record(rows, columns, fields, row), indent=None) + "\n" for row in rows.rows)
    every = rows.rows if isinstance(rows.rows, Sequence) else list(rows.rows)
    if fmt == "json":
        return as_json([_record(rows, columns, fields, row) for row in every]) + "\n"
    if fmt in ("csv", "spreadsheet"):
        return as_csv(columns, every, for_spreadsheets=fmt == "spreadsheet")
    if fmt == "markdown":
        return as_markdown(columns, every)
    laid = lay_out(rows.title, columns, every, width, keep_all=fields is not None)
    notes = [rows.caption(laid.columns), _left_out(columns, laid.columns, width)]
    return replace(laid, caption="\n".join(n for n in notes if n) or None)


def _left_out(chosen: Sequence[Column[Row]], shown: Sequence[Column[Any]], width: int | None) -> str | None:
    """What a table too wide for ``width`` left out, said under it."""
    left = [c.header for c in chosen if c not in shown]
    if not left:
        return None
    return f"Left out to fit {width} columns: {', '.join(left)} (--fields picks the columns)"


def _record(
    rows: Listing[Row], columns: Sequence[Column[Row]], fields: str | None, row: Row
) -> dict[str, Any]:
    """The JSON object for ``row`` (in a list, or a line): the chosen fields, or the whole object."""
    return as_record(columns, row) if fields else rows.full(row)


def playlist(rows: Listing[Row]) -> tuple[str, list[Track]]:
    """``rows`` as an M3U playlist, and the tracks it leaves out for want of a file."""
    if rows.tracks is None:
        raise UsageError("--format m3u is a playlist of tracks: it is for tracks, search and songs")
    return m3u(track for row in rows.rows for track in rows.tracks(row))


def inferred_caption(tracks: Sequence[Track], columns: Sequence[Column[Any]]) -> str | None:
    """The note that explains "*" in the kind column, when the table shows one."""
    shows_kind = any(c.name == "kinds" for c in columns)
    return INFERRED_NOTE if shows_kind and any(t.kind_inferred for t in tracks) else None


def search_title(query: str, shown: int, total: int) -> str:
    count = f"{shown} of {total}" if shown < total else str(total)
    return f'Search "{query}": {count} {"match" if total == 1 else "matches"}'


def no_themes(catalog: Catalog) -> str:
    """What to say when a listing of themes comes out empty."""
    return "No themes are carried by that genre." if catalog.themes else "This soundtrack has no themes."


def about_data(catalog: Catalog) -> dict[str, Any]:
    """What ``about --json`` prints: the soundtrack object of the format."""
    return catalog.soundtrack.model_dump(mode="json")


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


def track_data(track: Track) -> dict[str, Any]:
    """The track as the format has it; ``file`` only where it is known, so that a
    soundtrack without audio files reads as it did before the field existed."""
    return track.model_dump(mode="json", exclude=None if track.file else {"file"})


def theme_data(theme: Theme) -> dict[str, Any]:
    return theme.model_dump(mode="json")


def track_detail_data(catalog: Catalog, track: Track) -> dict[str, Any]:
    """The track as the data format has it, plus the ids of the themes it carries."""
    return {**track_data(track), "themes": [th.id for th in catalog.themes_of(track)]}


def hit_data(hit: Hit) -> dict[str, Any]:
    matched = [{"field": m.area, "value": m.value} for m in hit.matched]
    placed = {} if hit.soundtrack is None else {"soundtrack": hit.soundtrack}
    return {**placed, **track_data(hit.track), "score": hit.score, "matched": matched}


def placed_data(placed: Placed) -> dict[str, Any]:
    """A track of one of several soundtracks: the id of its soundtrack, then the track."""
    return {"soundtrack": placed.soundtrack, **track_data(placed.track)}


def track_listing(catalog: Catalog, tracks: Sequence[Track] | Iterator[Track]) -> Listing[Track]:
    """The tracks as a listing; an iterator of them is for TSV and plain rows only."""
    return Listing(
        catalog.heading(),
        track_columns(catalog),
        TRACK_DEFAULT,
        tracks,
        track_data,
        lambda columns: inferred_caption(tracks, columns) if isinstance(tracks, Sequence) else None,
        lambda track: [track],
    )


def placed_listing(shelf: Shelf, rows: Sequence[Placed] | Iterator[Placed]) -> Listing[Placed]:
    """Tracks of several soundtracks as a listing, each with its soundtrack's id."""

    def caption(columns: Sequence[Column[Placed]]) -> str | None:
        tracks = [p.track for p in rows] if isinstance(rows, Sequence) else []
        return inferred_caption(tracks, columns)

    return Listing(
        shelf.heading(),
        placed_columns(shelf),
        PLACED_DEFAULT,
        rows,
        placed_data,
        caption,
        lambda p: [p.track],
    )


def song_listing(songs: Sequence[Song]) -> Listing[Song]:
    """Songs, each with its recordings."""
    return Listing(
        "Songs and their recordings", song_columns(), SONG_DEFAULT, songs, song_data, tracks=_tracks
    )


def _tracks(song: Song) -> list[Track]:
    return [r.track for r in song.recordings]


def song_data(song: Song) -> dict[str, Any]:
    """A song for JSON: its title, writers, and each recording with where it is."""
    recordings = [
        {"soundtrack": r.soundtrack, "album": r.album, "year": r.year, **track_data(r.track)}
        for r in song.recordings
    ]
    return {"title": song.title, "writers": list(song.writers), "recordings": recordings}


def theme_listing(catalog: Catalog, themes: Sequence[Theme]) -> Listing[Theme]:
    return Listing(
        "Themes (interpretation, not fact)", theme_columns(catalog), THEME_DEFAULT, themes, theme_data
    )


def soundtrack_listing(entries: Sequence[Entry]) -> Listing[Entry]:
    return Listing("Soundtracks", soundtrack_columns(), SOUNDTRACK_COLUMNS, entries, soundtrack_data)


def soundtrack_data(entry: Entry) -> dict[str, Any]:
    """A soundtrack of the library for JSON: its id and what is counted of it."""
    return {
        "id": entry.slug,
        "album": entry.album,
        "film": entry.film,
        "year": entry.year,
        "tracks": entry.tracks,
        "known_seconds": entry.known_seconds,
        "unknown_lengths": entry.unknown,
    }


def hit_listing(
    catalog: Catalog | None,
    query: str,
    hits: Sequence[Hit] | Iterator[Hit],
    shown: int,
    total: int,
    across: bool = False,
) -> Listing[Hit]:
    """Search results (``shown`` of ``total``); when they are fewer than were found,
    the table says how many more."""
    title = search_title(query, shown, total)
    hidden = total - shown
    note = f"{counted(hidden, 'more match', 'more matches')}: --limit N shows more, --format plain all"
    return Listing(
        title,
        hit_columns(catalog, snippet, across),
        PLACED_HIT_DEFAULT if across else HIT_DEFAULT,
        hits,
        hit_data,
        lambda _: note if hidden else None,
        lambda hit: [hit.track],
    )
