"""Tracks as an extended M3U playlist, the form every music player reads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lvost.core.text import counted, safe
from lvost.format.models import Track

_NAMED = 10
"""How many tracks left out a note names (of a playlist, or of play) before it only counts the rest."""


def m3u(tracks: Iterable[Track]) -> tuple[str, list[Track]]:
    """An extended M3U playlist of the ``tracks`` that have a file, in their order,
    and the tracks left out for want of one. Each entry gives the length (-1 when
    unknown) and "performers - title"; text from the data is made safe, so no
    title can start a line of its own.

    >>> text, left = m3u([Track(number=1, title="One", duration_seconds=61, file="/m/1.flac"),
    ...                   Track(number=2, title="Two")])
    >>> print(text, end=""); [t.number for t in left]
    #EXTM3U
    #EXTINF:61,One
    /m/1.flac
    [2]
    """
    lines = ["#EXTM3U"]
    left: list[Track] = []
    for track in tracks:
        if track.file is None:
            left.append(track)
            continue
        length = -1 if track.duration_seconds is None else track.duration_seconds
        performers = ", ".join(c.name for c in track.performers)
        name = f"{performers} - {track.title}" if performers else track.title
        lines += [f"#EXTINF:{length},{safe(name)}", safe(track.file)]
    return "".join(f"{line}\n" for line in lines), left


def not_played(left: Sequence[tuple[Track, str]]) -> list[str]:
    """The lines that name the tracks ``play`` leaves out, each with why: the first
    ``_NAMED``, then how many more (a library of thousands must not bury the terminal)."""
    lines = [f"not played: {track.number}. {track.title}: {why}" for track, why in left[:_NAMED]]
    if len(left) > _NAMED:
        lines.append(
            f"not played: {counted(len(left) - _NAMED, 'more track')}, without an audio file that is there"
        )
    return lines


def left_out(tracks: Sequence[Track]) -> str:
    """The note that names the tracks a playlist left out."""
    named = ", ".join(f"{t.number}. {t.title}" for t in tracks[:_NAMED])
    more = f" and {len(tracks) - _NAMED} more" if len(tracks) > _NAMED else ""
    return f"{counted(len(tracks), 'track')} without an audio file left out: {named}{more}"
