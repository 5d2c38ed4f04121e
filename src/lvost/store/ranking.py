"""Query terms as SQL: which tracks a query admits, and how well each answers it.

The rules are those of ``lvost.questions.search.search``, said in SQL over ``search_text``
so that SQLite filters, scores and orders the tracks, and ``--limit`` reads
only the best. An area's text is ``" value | value "`` (see ``write.padded``),
so for a word ``w`` (letters and digits only):

- ``" w "`` in it: ``w`` is a whole word of some value (quality 100);
- ``" w"``: ``w`` starts a word (70); never enough in kinds;
- ``"w"``: ``w`` is inside a word (40); only in short areas, not notes or kinds.

Scores are whole numbers, a hundred times the weights ``schema.WEIGHTS`` gives
an area, times the quality: exact, so ties are ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lvost.core.query import SOUNDTRACK_AREAS, Term
from lvost.store.schema import WEIGHTS

KEY_FUNCTION = "lvost_key"
"""The SQL function, given to each connection a store reads, that normalizes a
text as matching does (``lvost.core.matching.normalize``)."""


@dataclass(frozen=True)
class Clause:
    """A piece of SQL with its parameters."""

    sql: str
    params: tuple[str, ...] = ()


def admits(terms: Sequence[Term]) -> Clause:
    """A condition on ``search_text`` that holds for the tracks ``terms`` admit:
    every including term matches, and no excluding one does."""
    parts = [_matches(t) for t in terms]
    sql = " AND ".join(
        f"NOT ({p.sql})" if t.exclude else f"({p.sql})" for t, p in zip(terms, parts, strict=True)
    )
    return Clause(sql or "1", tuple(v for p in parts for v in p.params))


def score(terms: Sequence[Term]) -> Clause:
    """The score of a track that ``admits(terms)``: each including word's best
    area, and a title's weight again when a title holds all the title words as a phrase."""
    parts: list[Clause] = []
    for term in terms:
        if not term.exclude and not _on_soundtrack(term):
            parts += [_best(word, term.areas) for word in term.words]
    phrase = [w for t in terms if not t.exclude and "title" in t.areas for w in t.words]
    if len(phrase) > 1:
        bonus = WEIGHTS["title"] * 100
        parts.append(
            Clause(f"(CASE WHEN instr(search_text.title, ?) THEN {bonus} ELSE 0 END)", (" ".join(phrase),))
        )
    return Clause(" + ".join(p.sql for p in parts) or "0", tuple(v for p in parts for v in p.params))


def narrowing(terms: Sequence[Term]) -> str | None:
    """A full-text query that every admitted track matches (the words of three
    letters or more of the including terms), or ``None`` when there is none."""
    words = dict.fromkeys(
        w for t in terms if not t.exclude and not _on_soundtrack(t) for w in t.words if len(w) >= 3
    )
    return " AND ".join(f'"{w}"' for w in words) or None


def _matches(term: Term) -> Clause:
    """Every word of ``term`` found in one of its areas."""
    if _on_soundtrack(term):
        return _soundtrack_matches(term)
    parts = [_found(word, term.areas) for word in term.words]
    return Clause(" AND ".join(p.sql for p in parts), tuple(v for p in parts for v in p.params))


def _on_soundtrack(term: Term) -> bool:
    return term.areas[0] in SOUNDTRACK_AREAS


def _soundtrack_matches(term: Term) -> Clause:
    """The tracks of the soundtracks ``term`` names: by id or album title, film
    title, or year (the album's or the film's, from the first to the last of ``term.words``)."""
    (area,) = term.areas
    if area == "year":
        film_year = "json_extract(header, '$.film.year')"
        between = "BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)"
        sql = f"year {between} OR {film_year} {between}"
        return _of_soundtracks(sql, term.words * 2)
    text = (
        f"' ' || replace(slug, '-', ' ') || ' ' || {KEY_FUNCTION}(album_title) || ' '"
        if area == "soundtrack"
        else f"coalesce({KEY_FUNCTION}(film_title), '')"
    )
    return _of_soundtracks(" AND ".join(f"instr({text}, ?)" for _ in term.words), term.words)


def _of_soundtracks(condition: str, params: tuple[str, ...]) -> Clause:
    return Clause(f"tracks.soundtrack IN (SELECT id FROM soundtracks WHERE {condition})", params)


def _found(word: str, areas: Sequence[str]) -> Clause:
    """``word`` found in one of ``areas`` at all: whole in kinds, starting a word
    in notes, anywhere in the others."""
    needles = [f" {word} " if f == "kinds" else f" {word}" if f == "notes" else word for f in areas]
    sql = " OR ".join(f"instr(search_text.{f}, ?)" for f in areas)
    return Clause(f"({sql})", tuple(needles))


def _best(word: str, areas: Sequence[str]) -> Clause:
    """The best of ``word``'s weighted matches in ``areas``."""
    cases: list[str] = []
    params: list[str] = []
    for area in areas:
        weight = WEIGHTS[area]
        whole, start, inside = f" {word} ", f" {word}", word
        steps = [(whole, 100)]
        if area != "kinds":
            steps.append((start, 70))
        if area not in ("kinds", "notes"):
            steps.append((inside, 40))
        case = " ".join(f"WHEN instr(search_text.{area}, ?) THEN {weight * quality}" for _, quality in steps)
        cases.append(f"(CASE {case} ELSE 0 END)")
        params += [text for text, _ in steps]
    sql = cases[0] if len(cases) == 1 else f"max({', '.join(cases)})"
    return Clause(sql, tuple(params))


def both(clauses: Sequence[Clause]) -> Clause | None:
    """A condition that holds where every one of ``clauses`` does; ``None`` for none."""
    if not clauses:
        return None
    return Clause(" AND ".join(f"({c.sql})" for c in clauses), tuple(v for c in clauses for v in c.params))
