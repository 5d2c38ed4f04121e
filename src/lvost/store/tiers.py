"""A search for one word, said as full-text queries, one for each score a track can get.

A track's score for one word is the best of its matches (``ranking.score``):
the word whole, starting a word, or inside one, in an area, times the area's
weight. Each of those is a run of characters in one column of ``search_index``
(``" w "``, ``" w"``, ``"w"``; see ``write.padded``), and the trigram index
finds runs of three characters or more exactly. So the tracks whose best match
is worth a given score are a full-text query: a match worth it, and none worth
more. With ``--limit``, the best tracks are then read score by score from the
top, and most searches stop at the first score: the tracks that do not make the
cut are counted by the index, never read nor scored.

Only a query of one including word of three letters or more is planned this
way (words to exclude may come with it): scores that add up several words have
no such tiers, and a query on a soundtrack's titles or year is no question for
the index. Others are ranked by ``ranking`` alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lvost.core.query import SOUNDTRACK_AREAS, Term
from lvost.store.schema import WEIGHTS

SHORTEST = 3
"""The fewest characters the trigram index finds exactly."""


@dataclass(frozen=True)
class Tier:
    """The tracks whose score is ``score``, as a full-text query."""

    score: int
    query: str


@dataclass(frozen=True)
class Plan:
    """A query as full-text queries: the tracks it admits, and those at each score, best first."""

    admitted: str
    tiers: tuple[Tier, ...]


def plan(terms: Sequence[Term]) -> Plan | None:
    """``terms`` as full-text queries, or ``None`` when they are not one word to
    find (and any to exclude), each of at least ``SHORTEST`` characters."""
    including = [t for t in terms if not t.exclude]
    excluding = [t for t in terms if t.exclude]
    if len(including) != 1 or len(including[0].words) != 1:
        return None
    if any(t.areas[0] in SOUNDTRACK_AREAS or min(map(len, t.words)) < SHORTEST for t in terms):
        return None
    (term,) = including
    (word,) = term.words
    unless = _either([_all(t) for t in excluding])
    worth: dict[int, list[str]] = {}
    for area, needle, score in _matches(word, term.areas):
        worth.setdefault(score, []).append(_in({area}, needle))
    tiers: list[Tier] = []
    better: list[str] = []
    for score in sorted(worth, reverse=True):
        tiers.append(Tier(score, _without(_either(worth[score]), _either([*better, unless]))))
        better += worth[score]
    return Plan(_without(_found(word, term.areas), unless), tuple(tiers))


def _matches(word: str, areas: Sequence[str]) -> list[tuple[str, str, int]]:
    """Each way ``word`` can match in ``areas``, as (area, run of characters, score)."""
    out = []
    for area in areas:
        out.append((area, f" {word} ", WEIGHTS[area] * 100))
        if area != "kinds":
            out.append((area, f" {word}", WEIGHTS[area] * 70))
        if area not in ("kinds", "notes"):
            out.append((area, word, WEIGHTS[area] * 40))
    return out


def _found(word: str, areas: Sequence[str]) -> str:
    """``word`` found in one of ``areas`` as ``ranking`` finds it: whole in kinds,
    starting a word in notes, anywhere in the others."""
    anywhere = {a for a in areas if a not in ("kinds", "notes")}
    parts = [_in(anywhere, word)] if anywhere else []
    parts += [_in({"notes"}, f" {word}")] if "notes" in areas else []
    parts += [_in({"kinds"}, f" {word} ")] if "kinds" in areas else []
    return _either(parts)


def _all(term: Term) -> str:
    return "(" + " AND ".join(_found(w, term.areas) for w in term.words) + ")"


def _in(areas: set[str], needle: str) -> str:
    """``needle`` in one of ``areas`` (columns named in the schema's order)."""
    columns = " ".join(a for a in WEIGHTS if a in areas)
    quoted = needle.replace('"', '""')
    return f'{{{columns}}} : "{quoted}"'


def _either(parts: Sequence[str]) -> str:
    kept = [p for p in parts if p]
    return "(" + " OR ".join(kept) + ")" if kept else ""


def _without(query: str, unless: str) -> str:
    return f"({query} NOT {unless})" if unless else query
