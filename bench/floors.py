"""The parts of adding a library's files that lvost cannot arrange away, each timed alone.

- the models: every file read and checked as ``lvost add`` checks it (Pydantic
  validating each soundtrack, the one definition of the format);
- the full-text index: SQLite's FTS5 trigram index over every track's searched
  texts, made afresh from the texts the library already holds, in one statement.

``bench/library.py`` shows each beside the add of every file, as a ratio to
``jq -c .`` on the same files: together they say how near that add can come to its
target however the rest of it is written.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from run import PYTHON, Run, measure

_CHECK = """
import sys
from pathlib import Path
from lvost.format import datafile
with open(sys.argv[1], encoding="utf-8") as listing:
    for line in listing:
        data, _ = datafile.check(Path(line.rstrip("\\n")))
        if data is None:
            raise SystemExit(f"not a valid soundtrack file: {line}")
"""

_EMPTY_INDEX = """
import sqlite3, sys
from lvost.store import schema
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("DROP TABLE search_index")
connection.execute(schema.FULL_TEXT)
connection.execute("VACUUM")
"""

_FILL_INDEX = """
import sqlite3, sys
from lvost.store import schema
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
texts = ", ".join(schema.SEARCHED)
connection.execute("BEGIN IMMEDIATE")
connection.execute(f"INSERT INTO search_index (rowid, {texts}) SELECT track, {texts} FROM search_text")
connection.execute("COMMIT")
"""


def checking(paths: list[Path], work: Path) -> Run:
    """Every file of ``paths`` read and checked by the models, in one process."""
    listing = work / "paths.txt"
    listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
    try:
        return measure([PYTHON, "-c", _CHECK, str(listing)])
    finally:
        listing.unlink()


def indexing(library: Path, work: Path) -> Run:
    """The full-text index of every track in ``library``, made in a copy whose index
    was emptied beforehand (not timed)."""
    copy = work / "index.db"
    shutil.copyfile(library, copy)
    try:
        subprocess.run([PYTHON, "-c", _EMPTY_INDEX, str(copy)], check=True)
        return measure([PYTHON, "-c", _FILL_INDEX, str(copy)])
    finally:
        copy.unlink()
