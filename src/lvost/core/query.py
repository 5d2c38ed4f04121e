"""The query language of ``lvost tracks`` and ``lvost search``: parsing only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lvost.core.errors import UsageError
from lvost.core.matching import normalize, suggest

QUALIFIERS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "performer": ("performers",),
    "writer": ("writers",),
    "artist": ("performers", "writers"),
    "kind": ("kinds",),
    "genre": ("genres",),
    "theme": ("themes",),
    "note": ("notes",),
    "instrument": ("instruments",),
    "soundtrack": ("soundtrack",),
    "film": ("film",),
    "year": ("year",),
}
"""Each qualifier a term may start with (``performer:``), and the search areas it
looks in. An area is one of the texts of a track that search reads: its title,
performers, writers, kinds, genres, themes, notes or instruments; or one of
what it knows of the track's soundtrack (``SOUNDTRACK_AREAS``)."""

SOUNDTRACK_AREAS = ("soundtrack", "film", "year")
"""The areas that belong to a track's soundtrack: its id and album title, its
film's title, and its year (the album's or the film's). A term on one of them
keeps or drops tracks and adds nothing to a score."""


@dataclass(frozen=True)
class Term:
    """One piece of a query: words to find, where, and whether they exclude."""

    text: str
    """What was typed, for messages."""
    words: tuple[str, ...]
    areas: tuple[str, ...]
    """The search areas to look in; all of them for a bare word."""
    exclude: bool = False


EVERY_AREA: tuple[str, ...] = tuple(
    dict.fromkeys(a for areas in QUALIFIERS.values() for a in areas if a not in SOUNDTRACK_AREAS)
)
"""The areas a bare word looks in: a track's own texts."""


def parse(items: Sequence[str]) -> list[Term]:
    """Read query terms, each one command-line argument.

    Grammar::

        term  := [exclude] [qualifier ":"] value
        exclude := "-" | "^"
        qualifier := title | performer | writer | artist | kind | genre | theme | note | instrument
                   | soundtrack | film | year

    - A bare value looks in every area: ``sting``.
    - ``qualifier:value`` looks in one area (``artist`` is performer or writer):
      ``performer:sting``, ``writer:mercer``, ``kind:song``, ``genre:blues``,
      ``theme:loneliness``.
    - ``soundtrack:`` (its id or album title), ``film:`` and ``year:`` keep the
      tracks of some soundtracks: ``soundtrack:leaving-las-vegas``, ``film:vegas``,
      ``year:1995`` or ``year:1990..1999``.
    - A leading ``-`` or ``^`` keeps only tracks the rest does *not* match:
      ``-kind:score``, ``^dialogue``. (``^`` needs no ``--`` before it in a shell.)
    - A value is matched like a title: case, accents, apostrophes and punctuation
      do not count. A value of several words (``"performer:don henley"``, quoted
      in the shell) needs all of them.

    >>> [(t.areas, t.words, t.exclude) for t in parse(["performer:Sting", "^kind:score", "blues"])]
    [(('performers',), ('sting',), False), (('kinds',), ('score',), True), (('title', 'performers', \
'writers', 'kinds', 'genres', 'themes', 'notes', 'instruments'), ('blues',), False)]

    An unknown qualifier, a value with no words, or an option lvost does not know is
    an error that names the term:

    >>> parse(["colour:red"])
    Traceback (most recent call last):
    lvost.core.errors.UsageError: unknown qualifier "colour" in "colour:red"; qualifiers are title, ...
    """
    return [_term(item) for item in items]


def _term(item: str) -> Term:
    if item.startswith("--"):
        raise UsageError(f"no such option: {item}; --help lists the options")
    exclude = item[:1] in ("-", "^")
    body = item[1:] if exclude else item
    areas = EVERY_AREA
    name, colon, value = body.partition(":")
    if colon:
        key = name.strip().lower()
        if key not in QUALIFIERS:
            raise UsageError(
                f'unknown qualifier "{name}" in "{item}"; qualifiers are {", ".join(QUALIFIERS)}',
                suggest(key, list(QUALIFIERS), limit=1),
            )
        areas, body = QUALIFIERS[key], value
    if areas == ("year",):
        return Term(item, _years(item, body), areas, exclude)
    words = tuple(normalize(body).split())
    if not words:
        raise UsageError(f'the term "{item}" has nothing to look for; give a word after it, like "kind:song"')
    return Term(item, words, areas, exclude)


def _years(item: str, value: str) -> tuple[str, str]:
    """The first and last year ``value`` names: "1995", or "1990..1999"."""
    first, dots, last = value.strip().partition("..")
    years = (first.strip(), (last if dots else first).strip())
    if not all(y.isdecimal() and y.isascii() and len(y) <= 4 for y in years):
        raise UsageError(f'"{item}" needs a year, like "year:1995", or years, like "year:1990..1999"')
    low, high = sorted(years, key=int)
    return str(int(low)), str(int(high))
