"""What ``lvost play`` plays: the files of the tracks asked for, and with what."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lvost.core.errors import LvostError
from lvost.format.models import Track

PLAYER_ENV = "LVOST_PLAYER"


@dataclass
class Playable:
    """The tracks to play, in order, and each track left out with why."""

    tracks: list[Track] = field(default_factory=list)
    left: list[tuple[Track, str]] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        """The paths of the tracks to play, in order."""
        return [track.file for track in self.tracks if track.file is not None]


def playable(tracks: Iterable[Track]) -> Playable:
    """The files of ``tracks`` that are there to play; a track with no file, or
    whose file is gone, is left out with the reason."""
    found = Playable()
    for track in tracks:
        if track.file is None:
            found.left.append((track, "no audio file is known"))
        elif not Path(track.file).is_file():
            found.left.append((track, f"{track.file} is gone"))
        else:
            found.tracks.append(track)
    return found


def player(environ: Mapping[str, str] = os.environ) -> list[str] | None:
    """The command that plays files given after it: ``$LVOST_PLAYER`` (split as a
    shell would), else mpv where it is installed; ``None`` means the system's
    opener, which takes one file, so it is given a playlist."""
    chosen = environ.get(PLAYER_ENV, "").strip()
    if chosen:
        try:
            return shlex.split(chosen)
        except ValueError as exc:  # an open quote
            raise LvostError(
                f"${PLAYER_ENV} cannot be read as a command ({str(exc).lower()});"
                ' set it to a program and its options, like "mpv --no-video"'
            ) from None
    found = shutil.which("mpv")
    return [found] if found else None


def opener() -> list[str]:
    """The system's way to open a file with the program the user chose for it."""
    if sys.platform == "darwin":
        return ["open"]
    if sys.platform == "win32":
        return ["cmd", "/c", "start", ""]
    return ["xdg-open"]
