"""The columns lvost can show for tracks, themes and search results.

A column's name is the data format's field name, so ``--fields`` and ``--json``
speak the same language. Each column knows its cell as text (for tables, CSV and
TSV) and as a JSON value. Its role says how it behaves in a narrow table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from lvost.core.errors import Answered, UnknownValueError
from lvost.core.matching import suggest
from lvost.core.text import safe
from lvost.format.models import Credit, Theme, Track
from lvost.questions.catalog import Catalog

if TYPE_CHECKING:
    from lvost.questions.search import Hit
    from lvost.questions.shelf import Placed, Shelf
    from lvost.questions.songs import Recording, Song
    from lvost.store.library import Entry

Row = TypeVar("Row")
Role = Literal["fixed", "main", "list", "prose"]
DASH = "\u2013"


@dataclass(frozen=True)
class Column(Generic[Row]):
    name: str
    header: str
    role: Role
    text: Callable[[Row], str]
    value: Callable[[Row], Any]
    right: bool = False
    """Whether a table aligns the column to the right, as it does numbers."""
    lines: bool = False
    """Whether ``text`` gives several parts, one a line, each already made safe: a
    table shows each on a line of its own, CSV and TSV join them with "; "."""


def joined(items: Iterable[str], empty: str = DASH) -> str:
    return ", ".join(items) or empty


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


def track_columns(catalog: Catalog | None) -> dict[str, Column[Track]]:
    """Every column of a track, by field name, in the data format's order."""

    def credits(
        pick: Callable[[Track], list[Credit]],
    ) -> tuple[Callable[[Track], str], Callable[[Track], Any]]:
        return (
            lambda t: joined([c.name for c in pick(t)]),
            lambda t: [c.model_dump(mode="json") for c in pick(t)],
        )

    def listed(pick: Callable[[Track], list[str]]) -> tuple[Callable[[Track], str], Callable[[Track], Any]]:
        return (lambda t: joined(pick(t)), lambda t: list(pick(t)))

    themes = listed(lambda t: [th.id for th in catalog.themes_of(t)] if catalog else [])
    columns: list[Column[Track]] = [
        Column("number", "#", "fixed", lambda t: str(t.number), lambda t: t.number, right=True),
        Column("title", "Title", "main", lambda t: t.title, lambda t: t.title),
        Column("alternate_titles", "Also listed as", "list", *listed(lambda t: t.alternate_titles)),
        Column("performers", "Performers", "list", *credits(lambda t: t.performers)),
        Column("writers", "Writers", "list", *credits(lambda t: t.writers)),
        Column("kinds", "Kind", "list", kind_text, lambda t: list(t.kinds)),
        Column(
            "kind_inferred",
            "Inferred",
            "fixed",
            lambda t: "yes" if t.kind_inferred else "no",
            lambda t: t.kind_inferred,
        ),
        Column("genres", "Genres", "list", *listed(lambda t: t.genres)),
        Column("instruments", "Instruments", "list", *listed(lambda t: t.instruments)),
        Column(
            "duration_seconds",
            "Length",
            "fixed",
            lambda t: duration_text(t.duration_seconds),
            lambda t: t.duration_seconds,
            right=True,
        ),
        Column("notes", "Notes", "prose", lambda t: " ".join(t.notes) or DASH, lambda t: list(t.notes)),
        Column("sources", "Sources", "list", *listed(lambda t: t.sources)),
        Column("disc", "Disc", "fixed", lambda t: str(t.disc or DASH), lambda t: t.disc, right=True),
        Column("file", "File", "prose", lambda t: t.file or DASH, lambda t: t.file),
        Column("themes", "Themes", "list", *themes),
        _soundtrack_column(lambda _: catalog.slug if catalog else None),
    ]
    return {c.name: c for c in columns}


TRACK_DEFAULT = ("number", "title", "performers", "kinds", "genres", "duration_seconds")
PLACED_DEFAULT = ("soundtrack", *TRACK_DEFAULT)
"""The default columns when tracks of several soundtracks are listed together."""


def placed_columns(shelf: Shelf) -> dict[str, Column[Placed]]:
    """The columns of tracks listed across soundtracks: each one's soundtrack,
    then every track column (a track's themes are its own soundtrack's)."""
    columns: dict[str, Column[Placed]] = {
        name: lifted(column, lambda p: p.track) for name, column in track_columns(None).items()
    }
    columns["themes"] = _themes_column(lambda p: [theme.id for theme in shelf.placed_themes(p)])
    columns["soundtrack"] = _soundtrack_column(lambda p: p.soundtrack)
    return columns


def _themes_column(ids: Callable[[Row], Sequence[str]]) -> Column[Row]:
    """The ids of the themes that name a row's track."""
    return Column("themes", "Themes", "list", lambda r: joined(ids(r)), lambda r: list(ids(r)))


def _soundtrack_column(slug: Callable[[Any], str | None]) -> Column[Any]:
    return Column("soundtrack", "Soundtrack", "fixed", lambda r: slug(r) or DASH, slug)


def lifted(column: Column[Track], track: Callable[[Row], Track]) -> Column[Row]:
    """``column`` for rows that each stand for a track."""
    return Column(
        column.name,
        column.header,
        column.role,
        lambda r: column.text(track(r)),
        lambda r: column.value(track(r)),
        column.right,
        column.lines,
    )


def theme_columns(catalog: Catalog) -> dict[str, Column[Theme]]:
    def numbers(theme: Theme) -> list[int]:
        return [t.number for t in catalog.tracks_of(theme)]

    columns: list[Column[Theme]] = [
        Column("id", "Id", "fixed", lambda th: th.id, lambda th: th.id),
        Column("name", "Theme", "main", lambda th: th.name, lambda th: th.name),
        Column(
            "description",
            "Description",
            "prose",
            lambda th: th.description or DASH,
            lambda th: th.description,
        ),
        Column("genres", "Genres", "list", lambda th: joined(th.genres), lambda th: list(th.genres)),
        Column("tracks", "Tracks", "list", lambda th: joined([str(n) for n in numbers(th)]), numbers),
        Column("sources", "Sources", "list", lambda th: joined(th.sources), lambda th: list(th.sources)),
    ]
    return {c.name: c for c in columns}


THEME_DEFAULT = ("name", "id", "description", "genres", "tracks")


def soundtrack_columns() -> dict[str, Column[Entry]]:
    """The columns of the library's list of soundtracks. Length is the running
    time of the tracks whose length is known; "+" marks one that leaves some out."""

    def length(entry: Entry) -> str:
        if not entry.known_seconds:
            return DASH
        return duration_text(entry.known_seconds) + ("+" if entry.unknown else "")

    columns: list[Column[Entry]] = [
        Column("id", "Id", "fixed", lambda e: e.slug, lambda e: e.slug),
        Column("album", "Album", "main", lambda e: e.album, lambda e: e.album),
        Column("film", "Film", "list", lambda e: e.film or DASH, lambda e: e.film),
        Column("year", "Year", "fixed", lambda e: str(e.year or DASH), lambda e: e.year, right=True),
        Column("tracks", "Tracks", "fixed", lambda e: str(e.tracks), lambda e: e.tracks, right=True),
        Column("length", "Length", "fixed", length, lambda e: e.known_seconds or None, right=True),
    ]
    return {c.name: c for c in columns}


def song_columns() -> dict[str, Column[Song]]:
    """The columns of songs: each recording on a line of its own, saying where
    it is, who sings it and when."""

    def recordings(song: Song) -> str:
        return "\n".join(safe(recording_text(r)) for r in song.recordings)

    columns: list[Column[Song]] = [
        Column("title", "Song", "main", lambda s: s.title, lambda s: s.title),
        Column("writers", "Writers", "list", lambda s: joined(s.writers), lambda s: list(s.writers)),
        Column(
            "recordings",
            "Recordings",
            "prose",
            recordings,
            lambda s: [recording_text(r) for r in s.recordings],
            lines=True,
        ),
        Column(
            "count",
            "Count",
            "fixed",
            lambda s: str(len(s.recordings)),
            lambda s: len(s.recordings),
            right=True,
        ),
    ]
    return {c.name: c for c in columns}


SONG_DEFAULT = ("title", "writers", "recordings")


def recording_text(recording: Recording) -> str:
    """Where a recording is, who performs it, and when: "leaving-las-vegas:2 Sting (1995)"."""
    track = recording.track
    place = f"{recording.soundtrack}:{track.number}" if recording.soundtrack else f"#{track.number}"
    performers = joined([c.name for c in track.performers], "performer unknown")
    year = f" ({recording.year})" if recording.year is not None else ""
    return f"{place} {performers}{year}"


def hit_columns(
    catalog: Catalog | None, snippet: Callable[[str], str], across: bool = False
) -> dict[str, Column[Hit]]:
    """The search result's own columns, then every track column; ``across``
    soundtracks, a hit's soundtrack is its own (else the one explored)."""

    def matched_text(hit: Hit) -> str:
        return "\n".join(safe(f"{m.area}: {snippet(m.value)}") for m in hit.matched)

    own: list[Column[Hit]] = [
        Column("score", "Score", "fixed", lambda h: f"{h.score:g}", lambda h: h.score, right=True),
        Column(
            "matched",
            "Matched",
            "prose",
            matched_text,
            lambda h: [{"field": m.area, "value": m.value} for m in h.matched],
            lines=True,
        ),
    ]
    columns = {c.name: c for c in own}
    for name, column in track_columns(catalog).items():
        columns[name] = lifted(column, lambda h: h.track)
    if across:
        columns["themes"] = _themes_column(lambda h: h.theme_ids)
        columns["soundtrack"] = _soundtrack_column(lambda h: h.soundtrack)
    return {name: columns[name] for name in (*HIT_DEFAULT, *columns) if name in columns}


HIT_DEFAULT = ("number", "title", "matched")
PLACED_HIT_DEFAULT = ("soundtrack", *HIT_DEFAULT)


def choose(columns: dict[str, Column[Row]], fields: str | None, default: Sequence[str]) -> list[Column[Row]]:
    """The columns ``fields`` names, in its order; or ``default`` when it names none.

    ``fields`` is a comma-separated list such as "number,title"; spaces around
    names are ignored. An unknown name is an error that lists the valid ones.
    """
    names = [n.strip() for n in (fields or "").split(",") if n.strip()] or list(default)
    if names == ["help"]:
        raise Answered("".join(f"{name}\n" for name in columns))
    unknown = [n for n in names if n not in columns]
    if unknown:
        raise UnknownValueError(
            f'unknown field "{unknown[0]}"; fields are {", ".join(columns)}',
            suggest(unknown[0], list(columns), limit=1),
        )
    return [columns[n] for n in dict.fromkeys(names)]
