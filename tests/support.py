"""What the tests share: the small soundtrack file, a minimal valid soundtrack and
ways to vary it, and a way to run lines as if typed at bash's prompt."""

from __future__ import annotations

import copy
import os
import subprocess
from pathlib import Path
from typing import Any

SMALL = Path(__file__).parent / "data" / "small.json"
"""A three-track soundtrack on disk that exercises what the embedded one lacks
(a known duration, several genres, a dialogue track, an accent in a title)."""

MINIMAL: dict[str, Any] = {
    "schema_version": 1,
    "soundtrack": {"album": {"title": "A"}, "sources": [{"id": "s", "name": "S"}]},
    "tracks": [{"number": 1, "title": "One", "sources": ["s"]}, {"number": 2, "title": "Two"}],
    "themes": [{"id": "t", "name": "T", "tracks": [1]}],
}


def variant(**changes: Any) -> dict[str, Any]:
    """A copy of ``MINIMAL`` with each change made: a key is a path, ``__`` between
    its steps and a number a list index (``tracks__0__title="x"``)."""
    data = copy.deepcopy(MINIMAL)
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value
    return data


def without(*keys: str) -> dict[str, Any]:
    """A copy of ``MINIMAL`` lacking the top-level ``keys``."""
    return {key: value for key, value in copy.deepcopy(MINIMAL).items() if key not in keys}


def at_the_prompt(lines: str, where: Path) -> str:
    """What bash prints for ``lines`` read as if typed at its prompt, run in ``where``.

    An interactive bash expands history (``!!``), which ``bash -c`` does not. Line
    editing is off, so that a tab or a delete goes into the line as it is, the
    way readline puts in a completion, rather than act as a key.
    """
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "--noediting", "-i"],
        input=lines.encode(),
        cwd=where,
        env={"HOME": str(where), "HISTFILE": "/dev/null", "LC_ALL": "C.UTF-8", "PATH": os.environ["PATH"]},
        capture_output=True,
        check=False,
    )
    return done.stdout.decode(errors="surrogateescape")
