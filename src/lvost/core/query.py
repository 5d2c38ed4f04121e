"""The query language of ``lvost tracks`` and ``lvost search``: parsing only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lvost.core.errors import UsageError
from lvost.core.matching import normalize, suggest

FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "performer": ("performers",),
    "writer": ("writers",),
    "artist": ("performers", "writers"),
    "kind": ("kinds",),
    "genre": ("genres",),
    "theme": ("themes",),
    "note": ("notes",),
    "instrument": ("instruments",),
}
"""Each field a term may name, and the track fields it looks in."""


@dataclass(frozen=True)
class Term:
    """One piece of a query: words to find, where, and whether they exclude."""

    text: str
    """What was typed, for messages."""
    words: tuple[str, ...]
    fields: tuple[str, ...]
    """Track fields to look in; all of them for a bare word."""
    exclude: bool = False


ANY_FIELD: tuple[str, ...] = tuple(dict.fromkeys(f for fields in FIELDS.values() for f in fields))


def parse(items: Sequence[str]) -> list[Term]:
    """Read query terms, each one command-line argument.

    Grammar::

        term  := [exclude] [field ":"] value
        exclude := "-" | "^"
        field := title | performer | writer | artist | kind | genre | theme | note | instrument

    - A bare value looks in every field: ``sting``.
    - ``field:value`` looks in one field (``artist`` is performer or writer):
      ``performer:sting``, ``writer:mercer``, ``kind:song``, ``genre:blues``,
      ``theme:loneliness``.
    - A leading ``-`` or ``^`` keeps only tracks the rest does *not* match:
      ``-kind:score``, ``^dialogue``. (``^`` needs no ``--`` before it in a shell.)
    - A value is matched like a title: case, accents, apostrophes and punctuation
      do not count. A value of several words (``"performer:don henley"``, quoted
      in the shell) needs all of them.

    >>> [(t.fields, t.words, t.exclude) for t in parse(["performer:Sting", "^kind:score", "blues"])]
    [(('performers',), ('sting',), False), (('kinds',), ('score',), True), (('title', 'performers', \
'writers', 'kinds', 'genres', 'themes', 'notes', 'instruments'), ('blues',), False)]

    An unknown field, a value with no words, or an option lvost does not know is
    an error that names the term:

    >>> parse(["colour:red"])
    Traceback (most recent call last):
    lvost.core.errors.UsageError: unknown field "colour" in "colour:red"; fields are title, performer, ...
    """
    return [_term(item) for item in items]


def _term(item: str) -> Term:
    if item.startswith("--"):
        raise UsageError(f"no such option: {item}; --help lists the options")
    exclude = item[:1] in ("-", "^")
    body = item[1:] if exclude else item
    fields = ANY_FIELD
    name, colon, value = body.partition(":")
    if colon:
        key = name.strip().lower()
        if key not in FIELDS:
            raise UsageError(
                f'unknown field "{name}" in "{item}"; fields are {", ".join(FIELDS)}',
                suggest(key, list(FIELDS), limit=1),
            )
        fields, body = FIELDS[key], value
    words = tuple(normalize(body).split())
    if not words:
        raise UsageError(f'the term "{item}" has nothing to look for; give a word after it, like "kind:song"')
    return Term(item, words, fields, exclude)
