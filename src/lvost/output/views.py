"""Detail views: one track, one theme, the album and film. Renderables only."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from lvost.core.text import counted
from lvost.format.models import Album, Film, RelatedFilm, Release, Theme, Track
from lvost.output.columns import (
    DASH,
    TRACK_DEFAULT,
    choose,
    credit_text,
    duration_text,
    joined,
    track_columns,
)
from lvost.output.listings import inferred_caption
from lvost.output.tables import UNKNOWN, plain, table
from lvost.questions.catalog import Catalog

Labelled = tuple[str, Sequence[str]]
"""A label and its lines; no lines means the value is unknown."""


def _grid(rows: Sequence[Labelled]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, lines in rows:
        value = Text("\n").join(plain(line) for line in lines) if lines else Text(UNKNOWN, "dim")
        grid.add_row(label, value)
    return grid


def _heading(text: str) -> Text:
    return plain(text, "bold underline")


def track_view(catalog: Catalog, track: Track, placed: bool = False) -> RenderableType:
    """Everything known of ``track``; ``placed``, it names its soundtrack too (as
    when several are explored)."""
    kinds = joined(track.kinds, UNKNOWN) + (" (inferred)" if track.kind_inferred else "")
    themes = [f"{th.name} ({th.id})" for th in catalog.themes_of(track)]
    rows: list[Labelled] = [
        ("Performers", [credit_text(c) for c in track.performers]),
        ("Writers", [credit_text(c) for c in track.writers]),
        ("Kind", [kinds]),
        ("Genres", [joined(track.genres, UNKNOWN)]),
        ("Instruments", [joined(track.instruments, UNKNOWN)]),
        ("Duration", [] if track.duration_seconds is None else [duration_text(track.duration_seconds)]),
        ("Themes", themes or ["none linked"]),
        ("Notes", [f"\u2022 {n}" for n in track.notes] or ["none"]),
        ("Sources", _source_lines(catalog, track.sources)),
    ]
    if track.alternate_titles:
        rows.insert(0, ("Also listed as", list(track.alternate_titles)))
    if track.file is not None:  # only imported tracks have one
        rows.append(("File", [track.file]))
    total = catalog.count()
    # "of 4" would be wrong beside track 10 of tracks numbered 1, 2, 3 and 10
    if catalog.numbered_through():
        place = f"Track {track.number} of {total}"
    else:
        place = f"Track {track.number}, one of {counted(total, 'track')}"
    on = f" on {catalog.slug}: {catalog.album.title}" if placed else ""
    return Group(
        _heading(f"{track.number}. {track.title}"),
        plain(f"{place}{on}", "dim"),  # the id and album come from data
        _grid(rows),
    )


def theme_view(catalog: Catalog, theme: Theme, width: int | None = None) -> RenderableType:
    rows: list[Labelled] = [
        ("Id", [theme.id]),
        ("About", [theme.description] if theme.description else []),
        ("Genres", [joined(theme.genres, UNKNOWN)]),
        ("Sources", _source_lines(catalog, theme.sources)),
    ]
    heading = Text.assemble(_heading(theme.name), Text("  interpretation, not fact", "dim italic"))
    tracks = catalog.tracks_of(theme)
    columns = choose(track_columns(catalog), None, TRACK_DEFAULT)
    listed = table("Its tracks", columns, tracks, width, inferred_caption(tracks, columns))
    return Group(heading, _grid(rows), Text(), listed)


def about_view(catalog: Catalog) -> RenderableType:
    parts: list[RenderableType] = [
        _heading(catalog.album.title),
        _grid(_album_rows(catalog, catalog.album)),
    ]
    if catalog.film is not None:
        parts += [Text(), _heading(f"The film: {catalog.film.title}"), _grid(_film_rows(catalog.film))]
    sources = [f"{s.id}: {_source_line(s.name, s.site, s.date)}" for s in catalog.soundtrack.sources]
    parts += [Text(), _grid([("Sources", sources)])]
    return Group(*parts)


def _album_rows(catalog: Catalog, album: Album) -> list[Labelled]:
    themes = len(catalog.themes)
    return [
        ("Year", [str(album.year)] if album.year else []),
        ("Releases", [_release_line(r) for r in album.releases]),
        ("Score", [album.score_composer] if album.score_composer else []),
        ("Musicians", [credit_text(c) for c in album.musicians]),
        ("Recording", [album.recording] if album.recording else []),
        ("The album", [album.description] if album.description else []),
        ("Contents", [f"{counted(catalog.count(), 'track')}, {counted(themes, 'theme')}"]),
        ("Charts", [_chart_line(c.chart, c.peak, c.note) for c in album.charts]),
        ("Reviews", [_review_line(catalog, r.source, r.rating, r.note) for r in album.reviews]),
    ]


def _film_rows(film: Film) -> list[Labelled]:
    minutes = sorted(set(film.running_time_minutes))
    running = None
    if minutes:
        span = str(minutes[0]) if len(minutes) == 1 else f"{minutes[0]}{DASH}{minutes[-1]}"
        running = f"{span} minutes" + (" (sources differ)" if len(minutes) > 1 else "")
    return [
        ("Year", [str(film.year)] if film.year else []),
        ("Released", [film.release_date.isoformat()] if film.release_date else []),
        ("Director", [film.director] if film.director else []),
        ("Screenplay", [film.screenwriter] if film.screenwriter else []),
        ("Based on", [film.based_on] if film.based_on else []),
        ("Cast", [f"{c.actor} as {c.role}" if c.role else c.actor for c in film.cast]),
        ("Running time", [running] if running else []),
        ("Awards", list(film.awards)),
        ("Related films", [_related_line(f) for f in film.related_films]),
    ]


def _release_line(release: Release) -> str:
    year = str(release.year) if release.year is not None else None
    return joined(filter(None, [release.label, release.catalog_number, release.format, year]))


def _related_line(film: RelatedFilm) -> str:
    line = film.title if film.year is None else f"{film.title} ({film.year})"
    return f"{line}: {film.note}" if film.note else line


def _chart_line(chart: str, peak: int | None, note: str | None) -> str:
    line = f"{chart}: peak {peak}" if peak is not None else f"{chart}: peak {UNKNOWN}"
    return f"{line}. {note}" if note else line


def _review_line(catalog: Catalog, source_id: str, rating: str | None, note: str | None) -> str:
    line = _describe_source(catalog, source_id) + (f": {rating}" if rating else "")
    return f"{line}. {note}" if note else line


def _source_lines(catalog: Catalog, ids: Sequence[str]) -> list[str]:
    return [_describe_source(catalog, sid) for sid in ids]


def _describe_source(catalog: Catalog, source_id: str) -> str:
    source = catalog.source(source_id)
    return _source_line(source.name, source.site, source.date) if source else source_id


def _source_line(name: str, site: str | None, date: object) -> str:
    extra = ", ".join(str(x) for x in (site, date) if x)
    return f"{name} ({extra})" if extra else name
