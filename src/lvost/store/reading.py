"""Questions asked of a store: its soundtrack, tracks by number or title, the
tracks a filter or query keeps, ranked search, names for suggestions.

Answers are models rebuilt from the rows (``rebuild.construct``). Knows nothing
of Typer or Rich, nor of files: ``lvost.store.files`` opens the database.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from lvost.core.errors import StoreError
from lvost.core.matching import normalize
from lvost.core.query import Term
from lvost.format.models import Soundtrack, Theme, Track
from lvost.store import ranking, tiers
from lvost.store.rebuild import construct
from lvost.store.schema import SEARCHED

M = TypeVar("M", Soundtrack, Theme, Track)


@dataclass(frozen=True)
class Ranked:
    """A track a search found, and its score (a hundred times the weights)."""

    track: Track
    score: int
    normalized: tuple[str, ...]
    """Its searched texts as the store holds them, an area each (see ``write.padded``)."""
    themes: tuple[tuple[str, str], ...]
    """The themes that name it, in its soundtrack's order: each its id and name."""
    owner: int = 1
    """The row id of its soundtrack."""


class Store:
    """One soundtrack in an open database, or (``soundtrack=None``) every one it holds."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        soundtrack: int | None = 1,
        damaged: Callable[[sqlite3.Error], str] | None = None,
    ) -> None:
        self.connection = connection
        self.soundtrack = soundtrack
        # Query terms on a soundtrack's album or film match their titles as a title is matched.
        # SQLite refuses to give it while a query is being read (as when a store of
        # one soundtrack is made for a hit of a search across several); a query is
        # only ever read through a store, which gave the connection the function.
        with contextlib.suppress(sqlite3.OperationalError):
            connection.create_function(ranking.KEY_FUNCTION, 1, _key, deterministic=True)
        self._owner = self._in("tracks.soundtrack")
        """The condition that keeps the tracks of the soundtracks in scope (one parameter)."""
        self.damaged = damaged or _cache_damaged
        """The message for damage found as the store is read, given SQLite's error."""
        found = list(self._rows("SELECT value FROM meta WHERE key = 'full_text'"))
        self.full_text = bool(found and found[0][0] == "1")

    def header(self) -> tuple[Soundtrack, str | None]:
        """The album, film and sources, and the file's ``$schema``."""
        header, schema_url = self._one("SELECT header, schema_url FROM soundtracks WHERE id = ?")
        return self._made(Soundtrack, header), schema_url

    def themes(self) -> list[Theme]:
        rows = self._rows(
            "SELECT data FROM themes WHERE soundtrack = ? ORDER BY position", (self.soundtrack,)
        )
        return [self._made(Theme, data) for (data,) in rows]

    def count(self) -> int:
        (total,) = self._one(f"SELECT count(*) FROM tracks WHERE {self._owner}")
        return int(total)

    def number_range(self) -> tuple[int, int]:
        """The lowest and highest track number."""
        low, high = self._one(f"SELECT min(number), max(number) FROM tracks WHERE {self._owner}")
        return int(low), int(high)

    def slugs(self, limit: int | None = None) -> dict[int, str]:
        """The id of each soundtrack in scope (the first ``limit``), by its row id, in order of id."""
        rows = self._rows(
            f"SELECT id, slug FROM soundtracks WHERE {self._in('id')} ORDER BY slug LIMIT ?",
            (self.soundtrack, -1 if limit is None else limit),
        )
        return {int(owner): slug for owner, slug in rows}

    def soundtrack_count(self) -> int:
        """How many soundtracks are in scope."""
        (found,) = self._one(f"SELECT count(*) FROM soundtracks WHERE {self._in('id')}")
        return int(found)

    def slug(self, owner: int) -> str | None:
        """The id of the soundtrack of row id ``owner``, if there is one."""
        found = list(self._rows("SELECT slug FROM soundtracks WHERE id = ?", (owner,)))
        return str(found[0][0]) if found else None

    def tracks(self, where: ranking.Clause | None = None, order: str = "number") -> list[Track]:
        """The tracks ``where`` (a condition on ``search_text`` and ``tracks``)
        keeps, in the order ``order`` names: number, title, artist, or file (as the
        file lists them)."""
        return list(self.each_track(where, order))

    def each_track(self, where: ranking.Clause | None = None, order: str = "number") -> Iterator[Track]:
        """What ``tracks`` gives, a track at a time: a long listing need not hold them all."""
        return (track for _, track in self.each_placed(where, order))

    def each_placed(
        self, where: ranking.Clause | None = None, order: str = "number"
    ) -> Iterator[tuple[int, Track]]:
        """What ``each_track`` gives, each with the row id of its soundtrack;
        across soundtracks, in order of their ids first."""
        clause = where or ranking.Clause("1")
        rows = self._rows(
            "SELECT tracks.soundtrack, tracks.data FROM tracks"
            " JOIN search_text ON search_text.track = tracks.id"
            f" WHERE {self._owner} AND ({clause.sql}) ORDER BY {self._first}{_ORDERS[order]}",
            (self.soundtrack, *clause.params),
        )
        return ((int(owner), self._made(Track, data)) for owner, data in rows)

    def _in(self, column: str) -> str:
        """The condition that ``column``, a soundtrack's row id, is in scope (one parameter)."""
        return f"{column} = ?" if self.soundtrack is not None else "? IS NULL"

    @property
    def _soundtrack_order(self) -> str:
        """What orders a track's soundtrack among those in scope: its id; the
        same for every track when there is one."""
        if self.soundtrack is not None:
            return "NULL"
        return "(SELECT slug FROM soundtracks WHERE soundtracks.id = tracks.soundtrack)"

    @property
    def _first(self) -> str:
        """What orders the rows first, before a listing's own order: across soundtracks, their ids."""
        return "" if self.soundtrack is not None else f"{self._soundtrack_order}, "

    def numbers(self, where: ranking.Clause, terms: Sequence[Term] = ()) -> set[int]:
        """The numbers of the tracks ``where`` keeps, without reading the tracks;
        given the query ``terms`` it says, the full-text index first names the
        tracks worth looking at."""
        narrowing = ranking.narrowing(terms) if self.full_text and terms else None
        rows = self._fetched(
            "SELECT tracks.number FROM tracks JOIN search_text ON search_text.track = tracks.id"
            f" WHERE {_NARROWED if narrowing else ''}{self._owner} AND ({where.sql})",
            (*((narrowing,) if narrowing else ()), self.soundtrack, *where.params),
        )
        return {number for (number,) in rows}

    def track(self, number: int) -> Track | None:
        if not -(2**63) <= number < 2**63:
            return None  # beyond what SQLite stores, so no track has it
        found = list(
            self._rows(
                "SELECT data FROM tracks WHERE soundtrack = ? AND number = ?", (self.soundtrack, number)
            )
        )
        return self._made(Track, found[0][0]) if found else None

    def search(self, terms: Sequence[Term], limit: int | None = None) -> tuple[Iterator[Ranked], int]:
        """The tracks ``terms`` admit, best first (ties in album order), at most
        ``limit`` of them, as they are read; and how many there are in all."""
        if limit is not None and limit >= 2**63:
            limit = None  # more than SQLite counts to, so more than there are
        planned = tiers.plan(terms) if self.full_text and self.soundtrack is None else None
        if planned is not None and limit is not None and limit > 0:
            found = self._search_by_tiers(terms, planned, limit)
            if found is not None:
                return self._read_ranked(found[0]), found[1]
        admits, score = ranking.admits(terms), ranking.score(terms)
        narrowing = ranking.narrowing(terms) if self.full_text else None
        # The full-text index names the rows worth scoring; without it, every row is.
        # Ranked and cut to the limit on ids alone; only the best are then read
        # whole, a batch at a time, so that listing every hit of a large library
        # never sorts (or holds) all their texts at once.
        ranked = list(
            self._rows(
                "SELECT id, owner, score, count(*) OVER () AS total FROM"
                f" (SELECT tracks.id AS id, tracks.soundtrack AS owner, {self._soundtrack_order} AS shelf,"
                f"  tracks.number AS number, {score.sql} AS score"
                "  FROM search_text JOIN tracks ON tracks.id = search_text.track"
                f" WHERE {_NARROWED if narrowing else ''}{self._owner} AND ({admits.sql}))"
                " ORDER BY score DESC, shelf, number LIMIT ?",
                (
                    *score.params,
                    *((narrowing,) if narrowing else ()),
                    self.soundtrack,
                    *admits.params,
                    -1 if limit is None else limit,
                ),
            )
        )
        return (self._read_ranked(ranked), int(ranked[0][3])) if ranked else (iter(()), 0)

    def _search_by_tiers(
        self, terms: Sequence[Term], planned: tiers.Plan, limit: int
    ) -> tuple[list[tuple[int, int, int, int]], int] | None:
        """The ``limit`` best tracks of every soundtrack, read a score at a time
        from the full-text index (``tiers``), and how many ``terms`` admit; ``None``
        when ranking them all is as quick (few admitted) or the index disagrees
        with the texts it indexes (then the texts are right)."""
        (total,) = self._one(_COUNT, (planned.admitted,))
        if total <= _FEW:
            return None
        found: list[tuple[int, int, int, int]] = []
        for tier in planned.tiers:
            wanted = limit - len(found)
            if wanted <= 0:
                break
            (size,) = self._one(_COUNT, (tier.query,))
            if size:
                picked = self._rows(_WALK if size > _SORTED else _SORT, (tier.query, wanted))
                found += [(track, owner, tier.score, total) for track, owner in picked]
        return (found, int(total)) if self._scores_hold(terms, found) else None

    def _scores_hold(self, terms: Sequence[Term], found: Sequence[tuple[int, int, int, int]]) -> bool:
        """Whether ``terms`` admit each of ``found`` and score it as it says."""
        admits, score = ranking.admits(terms), ranking.score(terms)
        rows = self._rows(
            f"SELECT search_text.track, {score.sql} FROM search_text"
            f" WHERE search_text.track IN (SELECT value FROM json_each(?)) AND ({admits.sql})",
            (*score.params, json.dumps([track for track, *_ in found]), *admits.params),
        )
        scored = dict(rows)
        return len(scored) == len(found) and all(scored[track] == s for track, _, s, _ in found)

    def _read_ranked(self, ranked: Sequence[tuple[int, int, int, int]]) -> Iterator[Ranked]:
        """The tracks ``ranked`` names (id, soundtrack, score, _), read whole, in its order."""
        for start in range(0, len(ranked), _BATCH):
            batch = ranked[start : start + _BATCH]
            rows = self._rows(
                f"SELECT tracks.id, tracks.data, {_TEXTS}, ({_THEMES_NAMED}) FROM tracks"
                " JOIN search_text ON search_text.track = tracks.id"
                " WHERE tracks.id IN (SELECT value FROM json_each(?))",
                (json.dumps([track for track, *_ in batch]),),
            )
            read = {track: rest for track, *rest in rows}
            for track, owner, score, _ in batch:
                if track not in read:
                    continue  # taken out by another lvost since it was ranked
                data, *texts, themes = read[track]
                named = tuple((theme_id, name) for theme_id, name in self._decoded(themes))
                yield Ranked(self._made(Track, data), score, tuple(texts), named, owner)

    def theme_positions(self, number: int) -> list[int]:
        """Where the themes that name track ``number`` stand among the themes, in order."""
        rows = self._rows(
            f"SELECT ({_THEMES}) FROM tracks WHERE soundtrack = ? AND number = ?", (self.soundtrack, number)
        )
        return [position for (found,) in rows for position in self._decoded(found)]

    def titled(self, wanted: str) -> list[tuple[tuple[int, int], list[str]]]:
        """Each track (by soundtrack row id and number, with its title and
        alternate titles) whose title or an alternate title holds the normalized
        ``wanted`` somewhere, by number (across soundtracks, soundtrack by
        soundtrack); every track for ``""``."""
        rows = self._rows(
            "SELECT tracks.soundtrack, tracks.number, tracks.data FROM tracks"
            " JOIN search_text ON search_text.track = tracks.id"
            f" WHERE {self._owner} AND instr(search_text.title, ?) ORDER BY {self._first}tracks.number",
            (self.soundtrack, wanted),
        )
        out = []
        for owner, number, data in rows:
            track = self._decoded(data)
            out.append(((int(owner), int(number)), [track["title"], *track.get("alternate_titles", [])]))
        return out

    def genres(self, of_themes: bool = True) -> list[str]:
        """Every genre a track (or, unless not ``of_themes``, a theme) names, sorted."""
        themes = (
            " UNION SELECT genre FROM theme_genres JOIN themes ON themes.id = theme_genres.theme"
            f" WHERE {self._in('themes.soundtrack')}"
        )
        rows = self._rows(
            "SELECT DISTINCT value FROM track_values JOIN tracks ON tracks.id = track_values.track"
            f" WHERE {self._owner} AND field = 'genre'{themes if of_themes else ''}",
            (self.soundtrack, self.soundtrack) if of_themes else (self.soundtrack,),
        )
        return sorted(genre for (genre,) in rows)

    def artists(self) -> list[str]:
        """Every performer and writer, each once, in order of first appearance."""
        rows = self._rows(
            "SELECT name FROM credits JOIN tracks ON tracks.id = credits.track"
            f" WHERE {self._owner} ORDER BY {self._first}tracks.number, credits.position",
            (self.soundtrack,),
        )
        return list(dict.fromkeys(name for (name,) in rows))

    def theme_names(self) -> list[str]:
        """The names of the themes in scope, soundtrack by soundtrack."""
        rows = self._rows(
            "SELECT themes.name FROM themes JOIN soundtracks ON soundtracks.id = themes.soundtrack"
            f" WHERE {self._in('themes.soundtrack')} ORDER BY soundtracks.slug, themes.position",
            (self.soundtrack,),
        )
        return [name for (name,) in rows]

    def ordered_numbers(self) -> list[int]:
        """Every track's number, by number."""
        sql = f"SELECT number FROM tracks WHERE {self._owner} ORDER BY number"
        return [number for (number,) in self._fetched(sql, (self.soundtrack,))]

    def kind_shapes(self) -> set[tuple[int, str | None, bool]]:
        """The ways tracks' kinds are given: how many kinds, the first of them,
        and whether the data says they were inferred (for the width of a column)."""
        rows = self._rows(
            "SELECT count(track_values.value), min(track_values.value),"
            " coalesce(json_extract(tracks.data, '$.kind_inferred'), 0) FROM tracks"
            " LEFT JOIN track_values ON track_values.track = tracks.id AND track_values.field = 'kind'"
            f" WHERE {self._owner} GROUP BY tracks.id",
            (self.soundtrack,),
        )
        return {(int(count), first, bool(inferred)) for count, first, inferred in rows}

    def titles(self) -> list[str]:
        rows = self._rows(
            f"SELECT title FROM tracks WHERE {self._owner} ORDER BY {self._first}number", (self.soundtrack,)
        )
        return [title for (title,) in rows]

    def _one(self, sql: str, params: Sequence[object] | None = None) -> tuple[Any, ...]:
        """The one row ``sql`` gives, with ``params`` (else the soundtrack in scope)."""
        (found,) = self._rows(sql, (self.soundtrack,) if params is None else params)
        return tuple(found)

    def _made(self, model: type[M], text: str) -> M:
        """``model`` from the JSON the store wrote of one."""
        try:
            return construct(model, self._decoded(text))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise self._changed_by_hand(exc) from None

    def _decoded(self, text: str) -> Any:
        """The value of JSON the store wrote."""
        try:
            return json.loads(text)
        except (ValueError, TypeError) as exc:
            raise self._changed_by_hand(exc) from None

    def _changed_by_hand(self, exc: Exception) -> StoreError:
        """The error for a row that is not as lvost wrote it (edited by other hands)."""
        return StoreError(self.damaged(sqlite3.DatabaseError(f"a row is not as lvost wrote it: {exc}")))

    def _fetched(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """Every row ``sql`` gives, at once: quicker than ``_rows`` for many small rows."""
        try:
            return self.connection.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(self.damaged(exc)) from None

    def _rows(self, sql: str, params: Sequence[object] = ()) -> Iterator[Any]:
        """The rows ``sql`` gives, as they come; a store SQLite cannot read is a ``StoreError``.

        (An entry is checked as it is opened, but damage deeper in the file shows
        only when that part is read.)"""
        try:
            # Not "yield from": a reader that stops early would then close the
            # cursor when this is collected, perhaps after the connection is closed.
            for row in self.connection.execute(sql, params):  # noqa: UP028
                yield row
        except sqlite3.DatabaseError as exc:
            raise StoreError(self.damaged(exc)) from None


def _key(text: object) -> str | None:
    """A text as matching compares it (``normalize``), for SQL."""
    return normalize(text) if isinstance(text, str) else None


def _cache_damaged(exc: sqlite3.Error) -> str:
    return (
        f"the store lvost keeps for this soundtrack cannot be read ({exc}); "
        "'lvost cache --clear' removes it, and the next command builds it again"
    )


_FEW = 2000
"""Up to how many tracks ranking every one is about as quick as reading them by tiers."""
_SORTED = 2000
"""Up to how many tracks of one tier are sorted, rather than found by walking the soundtracks in order."""
_NARROWED = "search_text.track IN (SELECT rowid FROM search_index WHERE search_index MATCH ?) AND "
"""Where the full-text index names the rows worth looking at: put before the
rest of a condition, with the index's query as its first parameter."""
_COUNT = "SELECT count(*) FROM search_index WHERE search_index MATCH ?"
_MATCHING = "tracks.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)"
_WALK = (
    "SELECT tracks.id, tracks.soundtrack FROM soundtracks"
    " CROSS JOIN tracks ON tracks.soundtrack = soundtracks.id"
    f" WHERE {_MATCHING} ORDER BY soundtracks.slug, tracks.number LIMIT ?"
)
"""The first tracks of a tier in album order: soundtracks by id, then tracks by number,
each looked up in the tier's rows, until enough are found."""
_SORT = (
    "SELECT tracks.id, tracks.soundtrack FROM tracks JOIN soundtracks ON soundtracks.id = tracks.soundtrack"
    f" WHERE {_MATCHING} ORDER BY soundtracks.slug, tracks.number LIMIT ?"
)
"""The first tracks of a small tier in album order, all of them read and sorted."""
_BATCH = 500
"""How many hits a search reads whole at a time."""
_TEXTS = ", ".join(f"search_text.{area}" for area in SEARCHED)


def _themes_of_track(each: str) -> str:
    """A track's themes as a JSON list, in order, ``each`` a theme given as that
    expression over ``position``, ``slug`` and ``name``: read from its soundtrack's
    themes (``CROSS JOIN`` keeps SQLite to that order), so that the themes of
    thousands of other soundtracks are never looked at."""
    return (
        f"SELECT json_group_array({each}) FROM (SELECT DISTINCT themes.position, themes.slug, themes.name"
        " FROM themes CROSS JOIN theme_tracks ON theme_tracks.theme = themes.id"
        " WHERE themes.soundtrack = tracks.soundtrack AND theme_tracks.number = tracks.number"
        " ORDER BY themes.position)"
    )


_THEMES = _themes_of_track("position")
"""Their positions, as ``Store.theme_positions`` gives them."""
_THEMES_NAMED = _themes_of_track("json_array(slug, name)")
"""Each its id and name: all a search hit needs of them, so that a search
across thousands of soundtracks reads no soundtrack's themes whole."""

_ORDERS = {
    "file": "tracks.position",
    "number": "tracks.number",
    "title": "tracks.title_key, tracks.number",
    "artist": "tracks.artist_key IS NULL, tracks.artist_key, tracks.number",
}
