"""Ranked search over every text field of the tracks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lvost.catalog import Catalog
from lvost.errors import NotFoundError, UsageError
from lvost.matching import normalize, suggest
from lvost.models import Track

WEIGHTS = {"title": 10.0, "performers": 8.0, "writers": 7.0, "genres": 5.0, "themes": 4.0, "notes": 2.0}
"""How much a match in each field counts; the order is also the order fields are reported."""


@dataclass(frozen=True)
class FieldMatch:
    field: str
    value: str


@dataclass(frozen=True)
class Hit:
    track: Track
    score: float
    matched: tuple[FieldMatch, ...]


def search(catalog: Catalog, query: str) -> list[Hit]:
    """Tracks that match every word of ``query``, best first.

    A word counts where it best matches: in a title more than in a performer,
    then a writer, a genre, a theme, and last the notes. A whole word counts more
    than the start of a word, and that more than a piece inside one (never in
    notes, whose long words hold too many short ones). A title that
    holds the whole query as a phrase ranks above one that holds its words apart.
    Ties keep album order.

    "sting" finds the three tracks Sting sings; "cage" finds track 16, where he
    is the performer, above track 19, whose notes name him; "blues ben" finds
    "Blues for Ben".
    """
    words = normalize(query).split()
    if not words:
        raise UsageError(f'the search query "{query}" has no words; try one, like "sting"')
    phrase = " ".join(words)
    hits = [hit for t in catalog.tracks if (hit := _score(catalog, t, words, phrase))]
    if not hits:
        raise NotFoundError(f'nothing matches "{query}"', suggest(query, _vocabulary(catalog)))
    return sorted(hits, key=lambda h: (-h.score, h.track.number))


def _score(catalog: Catalog, track: Track, words: list[str], phrase: str) -> Hit | None:
    fields = list(_fields(catalog, track))
    total = 0.0
    matched: dict[FieldMatch, None] = {}
    for word in words:
        best = 0.0
        for field, value in fields:
            quality = _quality(word, normalize(value), inside_words=field != "notes")
            if quality:
                matched[FieldMatch(field, value)] = None
                best = max(best, WEIGHTS[field] * quality)
        if not best:
            return None
        total += best
    if len(words) > 1 and any(f == "title" and phrase in normalize(v) for f, v in fields):
        total += WEIGHTS["title"]
    order = list(WEIGHTS)
    ranked = sorted(matched, key=lambda m: order.index(m.field))
    return Hit(track, round(total, 2), tuple(ranked))


def _quality(word: str, text: str, inside_words: bool) -> float:
    padded = f" {text} "
    if f" {word} " in padded:
        return 1.0
    if f" {word}" in padded:
        return 0.7
    # Prose is full of longer words that contain a short query ("listing" holds
    # "sting"), so notes only match whole words and word starts.
    return 0.4 if inside_words and word in text else 0.0


def _fields(catalog: Catalog, track: Track) -> Iterator[tuple[str, str]]:
    for title in (track.title, *track.alternate_titles):
        yield "title", title
    for credit in track.performers:
        yield "performers", credit.name
    for credit in track.writers:
        yield "writers", credit.name
    for genre in track.genres:
        yield "genres", genre
    for theme in catalog.themes_of(track):
        yield "themes", theme.name
    for note in track.notes:
        yield "notes", note


def _vocabulary(catalog: Catalog) -> list[str]:
    words = [t.title for t in catalog.tracks] + catalog.artists() + catalog.genres()
    return words + [th.name for th in catalog.themes]
