"""Names the command line and the data share, importable without Typer, Rich or
Pydantic (TAB completion reads them on every key press)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

Kind = Literal["song", "score", "dialogue"]
"""What a track is; the format's ``kinds`` holds these."""
KINDS: tuple[Kind, ...] = get_args(Kind)

TRACK_COLUMNS = (
    "number",
    "title",
    "alternate_titles",
    "performers",
    "writers",
    "kinds",
    "kind_inferred",
    "genres",
    "instruments",
    "duration_seconds",
    "notes",
    "sources",
    "disc",
    "file",
    "themes",
    "soundtrack",
)
THEME_COLUMNS = ("id", "name", "description", "genres", "tracks", "sources")
HIT_COLUMNS = ("number", "title", "matched", "score", *TRACK_COLUMNS[2:])
SOUNDTRACK_COLUMNS = ("id", "album", "film", "year", "tracks", "length")
SONG_COLUMNS = ("title", "writers", "recordings", "count")
COLUMN_NAMES = {
    "tracks": TRACK_COLUMNS,
    "themes": THEME_COLUMNS,
    "search": HIT_COLUMNS,
    "soundtracks": SOUNDTRACK_COLUMNS,
    "songs": SONG_COLUMNS,
}
"""Column names by listing; the tests hold them equal to the columns' own names."""

MAX_BYTES = 256 * 1024 * 1024
"""Larger soundtrack files are refused before they are read, so memory stays bounded."""

_PACKAGE = Path(__file__).resolve().parents[1]


BUILT_IN = "leaving-las-vegas"
"""The library id of the soundtrack lvost carries, in every library until it is removed."""


def embedded_path() -> Path:
    """Where the Leaving Las Vegas data lives: inside the installed package, or,
    in a source checkout or editable install, in the repository's ``data/``."""
    packaged = _PACKAGE / "data" / "tracks.json"
    return packaged if packaged.is_file() else _PACKAGE.parents[1] / "data" / "tracks.json"


def normalize_genre(name: str) -> str:
    """Fold a genre name to one spelling: lower case, single spaces, no padding.

    >>> normalize_genre("  Vocal   JAZZ ")
    'vocal jazz'
    """
    return " ".join(name.split()).lower()
