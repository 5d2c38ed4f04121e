"""Drawings of a soundtrack for the terminal: counts as bars, and the themes' arc.

Renderables only; every string from the data passes through ``plain``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from lvost.core.text import counted
from lvost.format.models import Theme, Track
from lvost.output.tables import plain
from lvost.questions.catalog import Catalog
from lvost.questions.stats import Stats

_BLOCKS = " ▏▎▍▌▋▊▉█"
_BAR_WIDTH = 30
_COLOURS = ["cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta"]


def bar(value: int, largest: int, width: int = _BAR_WIDTH) -> str:
    """A horizontal bar ``width`` characters long for ``largest``, in eighths.

    >>> bar(4, 8, 4), bar(1, 8, 4), bar(0, 8, 4), bar(8, 8, 4)
    ('██', '▌', '', '████')
    """
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(8 * width * value / largest)
    full, part = divmod(max(eighths, 1), 8)
    return "█" * full + (_BLOCKS[part] if part else "")


def duration_line(stats: Stats) -> str:
    """What is known of the running time, said plainly.

    >>> duration_line(Stats(25, {}, 0, 0))
    'Running time: unknown; no track has a known duration.'
    >>> duration_line(Stats(3, {}, 2, 3725))
    'Running time: 1:02:05 known, over 2 of 3 tracks.'
    """
    if not stats.timed_tracks:
        return "Running time: unknown; no track has a known duration."
    hours, rest = divmod(stats.known_seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    shown = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    if stats.timed_tracks == stats.tracks:
        return f"Running time: {shown}."
    return f"Running time: {shown} known, over {stats.timed_tracks} of {stats.tracks} tracks."


def stats_view(title: str, stats: Stats, width: int) -> RenderableType:
    """Each category as a labelled bar chart, then the running time."""
    parts: list[RenderableType] = [plain(title, "bold"), Text(counted(stats.tracks, "track"))]
    for category, rows in stats.by.items():
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, max_width=max(12, width // 3))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(no_wrap=True)
        largest = max((n for _, n in rows), default=0)
        bar_width = max(4, min(_BAR_WIDTH, width - width // 3 - 10))
        for value, tracks in rows:
            grid.add_row(plain(value), str(tracks), Text(bar(tracks, largest, bar_width), "cyan"))
        parts += [Text(), Text(f"By {category}", "bold underline"), grid]
    parts += [Text(), Text(duration_line(stats))]
    return Group(*parts)


KIND_MARKS = {"song": "s", "score": "c", "dialogue": "d"}


def arc_view(catalog: Catalog, themes: Sequence[Theme], width: int) -> RenderableType:
    """Themes (rows) across the tracks in album order (columns), two characters a
    track, in as many blocks as the width needs; then a legend.

    Theme names are shown whole when the grid still fits, and cut short (to no
    fewer than 16 characters) when it does not; a grid too wide even then is
    split into blocks of tracks.
    """
    tracks = catalog.tracks
    longest = max([len("kind"), *(len(th.name) for th in themes)])
    room = width - 1 - 2 * len(tracks)
    label_width = min(longest, max(room, _MIN_LABEL))
    labels = [_label(th.name, label_width) for th in themes]
    fits = max(1, (width - label_width - 1) // 2)
    per_block = -(-len(tracks) // -(-len(tracks) // fits))  # as even as the blocks can be
    blocks: list[RenderableType] = []
    for start in range(0, len(tracks), per_block):
        chunk = tracks[start : start + per_block]
        blocks += [_block(chunk, themes, labels, label_width), Text()]
    legend = Text(
        "● the theme runs through the track (our reading, not fact)  · it does not\n"
        "kind: s song, c score, d dialogue, + more than one, ? unknown",
        "dim",
    )
    return Group(plain(f"{catalog.album.title}: the arc of its themes", "bold"), Text(), *blocks, legend)


_MIN_LABEL = 16


def _label(name: str, limit: int) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _block(tracks: Sequence[Track], themes: Sequence[Theme], labels: Sequence[str], width: int) -> Text:
    pad = " " * (width + 1)
    tens = "".join(f"{t.number // 10 % 10 if t.number >= 10 else ' ':>2}" for t in tracks)
    units = "".join(f"{t.number % 10:>2}" for t in tracks)
    lines = [Text(pad + tens, "dim"), Text(pad + units, "dim")]
    kinds = "".join(f"{_kind_mark(t):>2}" for t in tracks)
    lines.append(Text.assemble(("kind".ljust(width + 1), "bold"), (kinds, "dim")))
    for i, (theme, label) in enumerate(zip(themes, labels, strict=True)):
        colour = _COLOURS[i % len(_COLOURS)]
        marks = Text()
        for track in tracks:
            sounds = track.number in theme.tracks
            marks.append(" ●" if sounds else " ·", colour if sounds else "dim")
        lines.append(Text.assemble(plain(label.ljust(width + 1), "bold"), marks))
    return Text("\n").join(lines)


def _kind_mark(track: Track) -> str:
    if not track.kinds:
        return "?"
    if len(track.kinds) > 1:
        return "+"
    return KIND_MARKS.get(track.kinds[0], "?")
