"""Ranked search, and query filters, over every search area of the tracks."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lvost.core.errors import NotFoundError, UsageError
from lvost.core.matching import suggest
from lvost.core.query import Term, parse
from lvost.format.models import Track
from lvost.questions.catalog import Catalog
from lvost.store.reading import Ranked
from lvost.store.schema import SEARCHED, WEIGHTS
from lvost.store.write import area_texts, unpadded


@dataclass(frozen=True)
class AreaMatch:
    area: str
    value: str


@dataclass(frozen=True)
class Hit:
    track: Track
    score: float
    matched: tuple[AreaMatch, ...]
    soundtrack: str | None = None
    """The id of the track's soundtrack, when the search was across several."""
    theme_ids: tuple[str, ...] = ()
    """The ids of the themes that name the track."""


@dataclass(frozen=True)
class Found:
    hits: Iterator[Hit]
    """The best hits, best first, made as they are read."""
    shown: int
    """How many of them there are."""
    total: int
    """How many hits there are in all."""


def search(catalog: Catalog, query: str | Sequence[str]) -> list[Hit]:
    """Tracks that match every term of ``query``, best first.

    Each item is a term as ``lvost.core.query.parse`` reads it (a string is split
    into terms at spaces). A word counts
    where it best matches: in a title more than in a performer, then a writer,
    a kind or genre, a theme, an instrument, and last the notes. A whole word
    counts more than the start of a word, and that more than a piece inside one
    (never in notes, whose long words hold too many short ones). A title that
    holds all the words as a phrase ranks above one that holds them apart. Ties
    keep album order. Excluding terms drop tracks and add nothing to the score.

    "sting" finds the three tracks Sting sings; "cage" finds track 16, where he
    is the performer, above track 19, whose notes name him; "blues ben" finds
    "Blues for Ben"; "sting ^lonesome" drops track 19.
    """
    return list(best(catalog, query).hits)


def best(catalog: Catalog, query: str | Sequence[str], limit: int | None = None) -> Found:
    """The ``limit`` best hits of ``search`` (all for ``None``), and how many there are.

    The store scores and orders the tracks (``lvost.store.ranking``); only the
    hits returned are looked at again here, for what in them matched.
    """
    items = query.split() if isinstance(query, str) else list(query)
    terms = parse(items)
    if not any(not t.exclude for t in terms):
        raise UsageError('a search needs something to look for; try a word, like "sting"')
    ranked, total = catalog.store.search(terms, limit)
    if not total:
        wanted = " ".join(items)
        raise NotFoundError(f'nothing matches "{wanted}"', suggest(wanted, catalog.vocabulary()))
    shown = total if limit is None else min(limit, total)
    return Found((_hit(catalog, terms, found) for found in ranked), shown, total)


def _hit(catalog: Catalog, terms: Sequence[Term], found: Ranked) -> Hit:
    """A hit, with what in it matched, told from its texts as the store normalized them."""
    texts = list(texts_of(found.track, [name for _, name in found.themes]))
    normalized = [value for text in found.normalized for value in unpadded(text)]
    scored = score_texts(terms, [f for f, _ in texts], normalized)
    where = scored[1] if scored else []
    matched = matches_in(texts, where)
    theme_ids = tuple(theme_id for theme_id, _ in found.themes)
    return Hit(found.track, found.score / 100, matched, catalog.slug_at(found.owner), theme_ids)


def keep_matching(catalog: Catalog, tracks: Sequence[Track], query: Sequence[str]) -> list[Track]:
    """The ``tracks`` that every term of ``query`` admits, in their order."""
    admitted = catalog.admitted(query)
    return [t for t in tracks if t.number in admitted]


def matches_in(texts: Sequence[tuple[str, str]], indices: Sequence[int]) -> tuple[AreaMatch, ...]:
    """The matched texts as reported: each once, the more telling areas first."""
    found = dict.fromkeys(AreaMatch(*texts[i]) for i in indices)
    order = list(WEIGHTS)
    return tuple(sorted(found, key=lambda m: order.index(m.area)))


def score_texts(
    terms: Sequence[Term], areas: Sequence[str], normalized: Sequence[str]
) -> tuple[float, list[int]] | None:
    """How well a track's texts (already normalized) answer ``terms``, and which
    texts matched; ``None`` when a term rules the track out.

    The store ranks by the same rules in SQL (``lvost.store.ranking``); this says
    which of a shown hit's texts matched, and the tests hold the two to each other.
    """
    total = 0.0
    matched: list[int] = []
    for term in terms:
        score, where = _term_matches(term, areas, normalized)
        if term.exclude:
            if score:
                return None
            continue
        if not score:
            return None
        total += score
        matched += where
    if _phrase_in_title(terms, areas, normalized):
        total += WEIGHTS["title"]
    return round(total, 2), matched


def _term_matches(term: Term, areas: Sequence[str], normalized: Sequence[str]) -> tuple[float, list[int]]:
    """The sum of each word's best match, and where they matched; 0 if a word does not."""
    score = 0.0
    matches: list[int] = []
    for word in term.words:
        best = 0.0
        for i, (area, text) in enumerate(zip(areas, normalized, strict=True)):
            quality = _quality(word, text, area) if area in term.areas else 0.0
            if quality:
                matches.append(i)
                best = max(best, WEIGHTS[area] * quality)
        if not best:
            return 0.0, []
        score += best
    return score, matches


def _phrase_in_title(terms: Sequence[Term], areas: Sequence[str], normalized: Sequence[str]) -> bool:
    """Whether a title holds, in order, all the words of the terms that look in titles."""
    words = [w for t in terms if not t.exclude and "title" in t.areas for w in t.words]
    phrase = " ".join(words)
    titles = (n for f, n in zip(areas, normalized, strict=True) if f == "title")
    return len(words) > 1 and any(phrase in title for title in titles)


def _quality(word: str, text: str, area: str) -> float:
    padded = f" {text} "
    if f" {word} " in padded:
        return 1.0
    if area == "kinds":
        return 0.0  # a kind is a whole word or nothing
    if f" {word}" in padded:
        return 0.7
    # Prose is full of longer words that contain a short query ("listing" holds
    # "sting"), so notes only match whole words and word starts.
    return 0.4 if area != "notes" and word in text else 0.0


def texts_of(track: Track, themes: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Every (area, text) of a track that search looks in; ``themes`` are the
    names of the themes that name it."""
    for area, texts in zip(SEARCHED, area_texts(track, themes), strict=True):
        for text in texts:
            yield area, text
