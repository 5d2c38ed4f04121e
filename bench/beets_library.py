"""Put a soundtrack catalog into a beets library, so the bench can time ``beet ls``
on the same tracks as ``lvost search``. Needs beets: ``pip install -e '.[bench]'``.

    python bench/beets_library.py /tmp/catalog.json /tmp/beets-home

HOME gets a ``config.yaml`` (the library, a music folder, no plugins) and the
library, ``library.db``. Run beets on it with ``BEETSDIR=HOME beet ls angel``.

Each track becomes an item: its title; as artist its performers, or its writers
when nobody performs it (as a library credits a score cue to its composer); its
writers as composers; its genres; its notes as comments; the album's title and
year. Those are the fields beets searches by default, bar the album artist. The
audio files named in the paths do not exist: ``ls`` never opens them.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

CONFIG = """\
library: {library}
directory: {music}
plugins: []
create_backup_before_migrations: no
"""
"""beets' settings for the bench. No plugins: the engine is what is timed, and
the default (musicbrainz) adds its start-up to every command."""


def item_fields(track: dict[str, Any], album: dict[str, Any]) -> dict[str, Any]:
    """The beets item fields for one track of an lvost data file."""
    performers = [credit["name"] for credit in track["performers"]]
    writers = [credit["name"] for credit in track["writers"]]
    return {
        "title": track["title"],
        "artist": ", ".join(performers or writers),
        "composers": writers,
        "album": album["title"],
        "albumartist": "Various Artists",
        "year": album.get("year") or 0,
        "track": track["number"],
        "genres": track["genres"],
        "comments": "\n".join(track["notes"]),
        "length": float(track["duration_seconds"] or 0),
        "path": f"/music/{track['number']:06d}.flac".encode(),
    }


def build(catalog: Path, home: Path) -> Path:
    """Write HOME's config and a library of every track in ``catalog``, added in
    one transaction; the library's path. A library already there is kept."""
    home.mkdir(parents=True, exist_ok=True)
    library = home / "library.db"
    config = CONFIG.format(library=library, music=home / "music")
    (home / "config.yaml").write_text(config, encoding="utf-8")
    if library.exists():
        return library
    os.environ["BEETSDIR"] = str(home)  # beets reads its settings from there, not the user's
    from beets.library import Item, Library

    data = json.loads(catalog.read_text(encoding="utf-8"))
    album = data["soundtrack"]["album"]
    partial = home / "library.db.partial"
    partial.unlink(missing_ok=True)
    made = Library(str(partial), str(home / "music"))
    with made.transaction():
        for track in data["tracks"]:
            made.add(Item(**item_fields(track, album)))
    # Committed as the transaction ended; renamed only then, so a run cut short
    # leaves no half-made library to be taken for a whole one next time.
    partial.replace(library)
    return library


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("catalog", type=Path)
    parser.add_argument("home", type=Path)
    options = parser.parse_args()
    build(options.catalog, options.home)


if __name__ == "__main__":
    main()
