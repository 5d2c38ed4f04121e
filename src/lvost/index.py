"""A search index for large catalogs, kept in the cache between runs.

Searching a catalog means normalizing every text of every track. For a large
catalog that is most of the work, so the index keeps it done: every track's
texts, as written and normalized, in long strings of one line a track. A search
finds the lines that hold its longest word with plain substring search, then
scores only those with the same function as the search over a loaded catalog,
so both rank alike; the tests hold them equal.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lvost.catalog import themes_by_number
from lvost.errors import NotFoundError, UsageError
from lvost.matching import join_raw, join_values, normalize_joined, only_separators_between, suggest
from lvost.models import Track
from lvost.query import parse
from lvost.search import SEARCHED, Hit, field_texts, matches_in, score_texts
from lvost.shapes import ThemeTexts, TrackTexts

FIELDS = SEARCHED
"""The order of the fields on an index line."""

_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\x1e": "\\r", "\x1f": "\\t"})
_UNESCAPES = {"\\\\": "\\", "\\n": "\n", "\\r": "\x1e", "\\t": "\x1f"}


@dataclass(frozen=True)
class SearchIndex:
    numbers: tuple[int, ...]
    original: str
    """A line a track (album order): fields split by "\\x1f", values by "\\x1e",
    each value escaped so that it holds no separator."""
    normalized: str
    """The same lines with every value normalized."""
    original_starts: array[int]
    normalized_starts: array[int]
    """Where each line of the two texts starts."""
    theme_names: tuple[str, ...]
    theme_genres: tuple[str, ...]
    """What the lines do not hold of the themes, for ``vocabulary``."""


def build(tracks: Sequence[TrackTexts], themes: Sequence[ThemeTexts], plain: bool = False) -> SearchIndex:
    """The index of a soundtrack's tracks (in any order; the index keeps album
    order) and themes, from the models or from the lean reader alike.

    ``plain`` vouches that no text holds a separator (a line break, "\\x1e" or
    "\\x1f"), as ``lean.plain_strings`` can tell from a file's bytes; otherwise
    the texts are checked."""
    tracks = sorted(tracks, key=lambda t: t.number)
    names = {number: [th.name for th in found] for number, found in themes_by_number(themes).items()}

    def texts() -> Iterator[list[Sequence[str]]]:
        return (field_texts(track, names.get(track.number, [])) for track in tracks)

    rows: list[list[Sequence[str]]] = []
    if plain:  # vouched for: the texts go straight into lines
        raw = join_raw(texts())
    else:
        rows = list(texts())
        raw = join_raw(rows)
        plain = only_separators_between(rows, raw)
    if plain and "\\" not in raw:
        original = raw  # nothing to escape: the usual case
    else:
        rows = rows or list(texts())
        original = join_raw([[[v.translate(_ESCAPES) for v in field] for field in row] for row in rows])
    normalized = normalize_joined(raw if plain else join_values(rows))
    return SearchIndex(
        numbers=tuple(t.number for t in tracks),
        original=original,
        normalized=normalized,
        original_starts=_line_starts(original),
        normalized_starts=_line_starts(normalized),
        theme_names=tuple(th.name for th in themes),
        theme_genres=tuple(g for th in themes for g in th.genres),
    )


def search(index: SearchIndex, query: Sequence[str]) -> list[Hit]:
    """What ``lvost.search.search`` answers for ``query`` on the indexed catalog.

    The hits carry a track that knows only its number and title, which is all a
    listing of number, title, score and what matched needs.
    """
    items = list(query)
    terms = parse(items)
    positive = [t for t in terms if not t.exclude]
    if not positive:
        raise UsageError('a search needs something to look for; try a word, like "sting"')
    longest = max((w for t in positive for w in t.words), key=len)
    starts = index.normalized_starts
    hits = []
    for line in sorted(set(_lines_holding(index.normalized, longest, starts))):
        original = _line(index.original, index.original_starts, line)
        fields, values, normalized = _texts(original, _line(index.normalized, starts, line))
        found = score_texts(terms, fields, normalized)
        if found is None:
            continue
        total, where = found
        track = _summary_track(index.numbers[line], values[0])
        hits.append(Hit(track, total, matches_in(list(zip(fields, values, strict=True)), where)))
    if not hits:
        wanted = " ".join(items)
        raise NotFoundError(f'nothing matches "{wanted}"', suggest(wanted, vocabulary(index)))
    return sorted(hits, key=lambda h: (-h.score, h.track.number))


def vocabulary(index: SearchIndex) -> list[str]:
    """What a failed search suggests from, as ``lvost.search.vocabulary`` gives it
    for the indexed catalog; read from the lines only when a search finds nothing."""
    titles: list[str] = []
    artists: list[str] = []
    genres = set(index.theme_genres)
    title, performers, writers, genre = (
        FIELDS.index(f) for f in ("title", "performers", "writers", "genres")
    )
    for line in index.original.split("\n"):
        fields = [[_unescape(v) for v in f.split("\x1e")] if f else [] for f in line.split("\x1f")]
        titles.append(fields[title][0])
        artists += fields[performers] + fields[writers]
        genres.update(fields[genre])
    return titles + list(dict.fromkeys(artists)) + sorted(genres) + list(index.theme_names)


def _summary_track(number: int, title: str) -> Track:
    # A copy of one blank track costs a third of making each anew, and a search
    # may find thousands. The copies share the blank's empty lists: read only.
    return _BLANK.model_copy(update={"number": number, "title": title})


_BLANK = Track.model_construct(number=1, title="-")


def _line_starts(text: str) -> array[int]:
    starts = array("q", [0])
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _line(text: str, starts: Sequence[int], line: int) -> str:
    end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
    return text[starts[line] : end]


def _lines_holding(text: str, word: str, starts: Sequence[int]) -> Iterator[int]:
    at = text.find(word)
    while at != -1:
        yield bisect.bisect_right(starts, at) - 1
        at = text.find(word, at + 1)


def _texts(original: str, normalized: str) -> tuple[list[str], list[str], list[str]]:
    """The (field, value, normalized value) of every text on a line, as three lists.

    Every original value has a visible character, so an empty original field
    means no values; a normalized value may be empty.
    """
    fields: list[str] = []
    values: list[str] = []
    folded: list[str] = []
    for field, joined, joined_folded in zip(
        FIELDS, original.split("\x1f"), normalized.split("\x1f"), strict=True
    ):
        if joined:
            split = joined.split("\x1e")
            fields += [field] * len(split)
            values += [_unescape(v) for v in split] if "\\" in joined else split
            folded += joined_folded.split("\x1e")
    return fields, values, folded


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    out, i = [], 0
    while i < len(value):
        pair = value[i : i + 2]
        if pair in _UNESCAPES:
            out.append(_UNESCAPES[pair])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)
