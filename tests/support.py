"""What the tests share: the small soundtrack file, a minimal valid soundtrack and
ways to vary it, soundtracks drawn for property tests, and a way to run lines as if
typed at bash's prompt."""

from __future__ import annotations

import copy
import os
import subprocess
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

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


# Soundtracks for property tests: words that matching treats in every way it can.
WORDS = ["angel", "eyes", "ben", "bill", "sting", "rain", "shine", "blue", "town", "an", "ng", "el"]
FANCY = ["Ángel", "BEN", "it\u2019s", "It's", "&", "and", "rock-a-bye", "über", "Ω", "x_y", "\u0301e"]
word = st.sampled_from(WORDS + FANCY)
text = st.lists(word, min_size=1, max_size=4).map(" ".join)
texts = st.lists(text, max_size=3)
credit = st.builds(lambda name: {"name": name}, text)


@st.composite
def soundtracks(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 8))
    numbers = draw(st.lists(st.integers(1, 40), min_size=count, max_size=count, unique=True))
    tracks = [
        {
            "number": n,
            "title": draw(text),
            "alternate_titles": draw(texts),
            "performers": draw(st.lists(credit, max_size=2)),
            "writers": draw(st.lists(credit, max_size=2)),
            "kinds": draw(st.lists(st.sampled_from(["song", "score", "dialogue"]), max_size=2)),
            "genres": draw(st.lists(st.sampled_from(["jazz", "blues", "torch song", "rock"]), max_size=2)),
            "instruments": draw(texts),
            "notes": draw(texts),
        }
        for n in numbers
    ]
    themes = [
        {"id": f"t{i}", "name": draw(text), "tracks": draw(st.lists(st.sampled_from(numbers), max_size=3))}
        for i in range(draw(st.integers(0, 2)))
    ]
    return {"schema_version": 1, "soundtrack": {"album": {"title": "A"}}, "tracks": tracks, "themes": themes}


def in_a_terminal(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run ``command`` with stdin, stdout and stderr all on one pseudo-terminal, as
    a person at a terminal runs it; its exit code, and all it drew."""
    import pty

    leader, follower = pty.openpty()
    env = {"PAGER": "cat", **env}  # long output is not left waiting in a pager, unless a test wants one
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    drawn = read_all(leader)
    return process.wait(timeout=20), drawn.decode(errors="replace")


def read_all(leader: int) -> bytes:
    """Everything the other end of a pseudo-terminal writes until it closes (or
    stays silent for 20 s), and close this end."""
    import select

    seen = b""
    while select.select([leader], [], [], 20)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return seen
