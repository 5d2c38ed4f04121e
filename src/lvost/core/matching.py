"""Forgiving name matching: how a typed title finds a track or a theme.

Pure functions, no I/O. The catalog turns their answers into results or errors.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

_APOSTROPHE_CHARS = "'\u2018\u2019\u201b\u02bc\u0060\u00b4"
_APOSTROPHES = str.maketrans("", "", _APOSTROPHE_CHARS)
_NOT_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Reduce a title to the form that matching compares.

    Case, accents, apostrophes of any style and punctuation do not count; "&" is
    "and"; runs of spaces are one space.

    >>> normalize("It\u2019s a Lonesome Old Town")
    'its a lonesome old town'
    >>> normalize("Ben & Bill") == normalize("Ben And Bill")
    True
    >>> normalize("Ben and Sera \u2013 Theme")
    'ben and sera theme'
    >>> normalize("  ARE you desirable?? ")
    'are you desirable'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = stripped.casefold().translate(_APOSTROPHES).replace("&", " and ")
    return " ".join(_NOT_WORD.sub(" ", folded).split())


_SEPARATORS = "\x1e\x1f\n"
_SEPARATOR_IN_VALUE = str.maketrans(dict.fromkeys(_SEPARATORS, " "))


def join_values(rows: Sequence[Sequence[Sequence[str]]]) -> str:
    r"""Rows of fields of values as one text: values split by "\x1e", fields by
    "\x1f", rows by newlines. A separator inside a value becomes a space, which is
    what ``normalize`` makes of it anyway."""
    raw = join_raw(rows)
    if only_separators_between(rows, raw):
        return raw  # no value holds a separator: the usual case, and the fast one
    return join_raw([[[v.translate(_SEPARATOR_IN_VALUE) for v in field] for field in row] for row in rows])


def join_raw(rows: Iterable[Sequence[Sequence[str]]]) -> str:
    """The values joined with the separators of ``join_values``, as they are."""
    return "\n".join(["\x1f".join(map("\x1e".join, row)) for row in rows])


def only_separators_between(rows: Sequence[Sequence[Sequence[str]]], raw: str) -> bool:
    """Whether ``raw`` (``join_raw(rows)``) holds no separator but those it put there."""
    fields = list(itertools.chain.from_iterable(rows))
    filled = list(filter(None, fields))
    structural = (len(rows) - 1, len(fields) - len(rows), sum(map(len, filled)) - len(filled))
    return (raw.count("\n"), raw.count("\x1f"), raw.count("\x1e")) == structural


def normalize_joined(text: str) -> str:
    r"""``normalize`` applied to every value of a ``join_values`` text at once.

    Working on one long string instead of many short ones is several times
    faster for a large catalog; the result is the same value for value:

    >>> normalize_joined(join_values([[["It\u2019s a Town", "Ben & Bill"], ["  X "]]])).split("\x1f")
    ['its a town\x1eben and bill', 'x']
    """
    if text.isascii():
        return _normalize_ascii(text)
    # Lines of plain ASCII, the most of a usual catalog, take the quick way all
    # together, and the others the general way together; each line keeps its place.
    lines = text.split("\n")
    ascii_flags = list(map(str.isascii, lines))
    others = [not flag for flag in ascii_flags]
    quick = iter(_normalize_ascii("\n".join(itertools.compress(lines, ascii_flags))).split("\n"))
    general = iter(_normalize_any("\n".join(itertools.compress(lines, others))).split("\n"))
    return "\n".join([next(quick) if flag else next(general) for flag in ascii_flags])


def _normalize_any(text: str) -> str:
    # The steps of ``normalize``, each done a distinct character at a time with
    # str.replace over the whole text: a long text holds few distinct characters.
    plain = unicodedata.normalize("NFKD", text)
    kept = set(plain)
    for char in [c for c in kept if unicodedata.combining(c) or c in _APOSTROPHE_CHARS]:
        plain = plain.replace(char, "")
        kept.discard(char)
    if plain.isascii():  # accented Latin letters, once their accents are gone
        return _normalize_ascii(plain)
    folded = plain.casefold()
    # Casefolding goes character by character: these are all the characters it made.
    made = {folded_char for char in kept for folded_char in char.casefold()}
    for char in made & set(_APOSTROPHE_CHARS):  # it can make an apostrophe
        folded = folded.replace(char, "")
    folded = folded.replace("&", " and ")
    for char in made - set(_APOSTROPHE_CHARS) - {" ", "&"}:
        if not char.isalnum() and char not in _SEPARATORS:  # what "\W" and "_" match
            folded = folded.replace(char, " ")
    while "  " in folded:
        folded = folded.replace("  ", " ")
    return _tidy_spaces(folded)


def _normalize_ascii(text: str) -> str:
    # As bytes, casefolding and turning non-word characters into spaces is one
    # table lookup a byte: several times faster than the general way.
    spaced = text.encode("ascii").replace(b"&", b" and ").translate(_ASCII_WORDS, b"'`")
    while b"  " in spaced:
        spaced = spaced.replace(b"  ", b" ")
    return _tidy_spaces(spaced.decode("ascii"))


_ASCII_KEPT = b"abcdefghijklmnopqrstuvwxyz0123456789" + _SEPARATORS.encode("ascii")
_ASCII_WORDS = bytes(
    folded if folded in _ASCII_KEPT else ord(" ")
    for folded in (ord(chr(byte).lower()) if byte < 128 else byte for byte in range(256))
)
"""Upper case to lower, letters, digits and separators kept, everything else a space."""


def _tidy_spaces(spaced: str) -> str:
    """Drop the spaces beside separators and at the ends; a run of non-word
    characters is a single space already, so there is at most one on each side."""
    for separator in _SEPARATORS:
        spaced = spaced.replace(f" {separator}", separator).replace(f"{separator} ", separator)
    return spaced.strip(" ")


def match_names(query: str, entries: Sequence[tuple[T, Sequence[str]]]) -> list[T]:
    """The entries whose names match ``query`` best, in the order given.

    Each entry is an item and the names it answers to. Both sides are normalized,
    then the first tier that has any match wins:

    1. the whole name:            "angel eyes"  finds "Angel Eyes"
    2. the start of a name:       "angel"       finds "Angel Eyes"
    3. the start of a word:       "lonesome"    finds "It's a Lonesome Old Town"
    4. anywhere in a name:        "lones"       (inside a word) likewise

    An item is listed once however many of its names match. A query that is
    empty after normalizing matches nothing.
    """
    wanted = normalize(query)
    if not wanted:
        return []
    tiers: list[list[T]] = [[], [], [], []]
    for item, names in entries:
        best = min((_tier(wanted, normalize(n)) for n in names), default=None)
        if best is not None and best < len(tiers):
            tiers[best].append(item)
    return next((tier for tier in tiers if tier), [])


def _tier(wanted: str, name: str) -> int:
    if name == wanted:
        return 0
    if name.startswith(wanted):
        return 1
    if f" {wanted}" in f" {name}":
        return 2
    return 3 if wanted in name else 4


def suggest(query: str, names: Sequence[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` names that look like a mistyped ``query``, closest first.

    A name is close when it, its opening, or one of its words (of three letters or
    more) is spelt much like the query:

    >>> suggest("angle eyes", ["Angel Eyes", "Mara", "Get Out"])
    ['Angel Eyes']
    >>> suggest("lonsome", ["It's a Lonesome Old Town", "Reunited"])
    ["It's a Lonesome Old Town"]
    >>> suggest("zzz", ["Mara"])
    []
    """
    wanted = normalize(query)
    if not wanted:
        return []
    likeness = _likeness_to(wanted)
    forms = normalize_joined(join_values([[[name]] for name in names])).split("\n") if names else []
    scored = [(likeness(form), i, name) for i, (form, name) in enumerate(zip(forms, names, strict=True))]
    close = sorted((s for s in scored if s[0] >= _CUTOFF), key=lambda s: (-s[0], s[1]))
    unique = dict.fromkeys(name for _, _, name in close)
    return list(unique)[:limit]


_CUTOFF = 0.75


def _likeness_to(wanted: str) -> Callable[[str], float]:
    """How much a normalized name looks like ``wanted``: the best likeness of the
    whole, its opening, or one of its words, or less than ``_CUTOFF`` for a name
    none of them comes near.

    Among many names (a large catalog's titles) the same words and openings come
    back again and again, so each is compared once; one whose length alone keeps
    it under the cutoff is not compared at all.
    """
    known: dict[str, float] = {}

    def ratio(other: str) -> float:
        found = known.get(other)
        if found is None:
            # A likeness is at most twice the shorter length over both lengths.
            within_reach = 2 * min(len(wanted), len(other)) >= _CUTOFF * (len(wanted) + len(other))
            found = difflib.SequenceMatcher(None, wanted, other).ratio() if within_reach else 0.0
            known[other] = found
        return found

    def likeness(form: str) -> float:
        words = [w for w in form.split() if len(w) > 2]
        return max([ratio(form), ratio(form[: len(wanted)]), *map(ratio, words)])

    return likeness
