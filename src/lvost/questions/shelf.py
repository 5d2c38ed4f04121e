"""Several soundtracks of the library explored at once.

A ``Shelf`` asks its questions of every soundtrack in scope together: the
filters, counts, names and search of a ``Catalog`` hold across them, and each
track it gives is ``Placed`` on its soundtrack. What belongs to one soundtrack
(its album, its themes) is asked of that one; a question that needs one
soundtrack (a theme by name) asks for ``--soundtrack``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from lvost.core.errors import AmbiguousError, NotFoundError, UsageError
from lvost.core.matching import match_names, normalize, suggest
from lvost.format.models import Soundtrack, SoundtrackFile, Theme, Track
from lvost.questions.catalog import Catalog, TrackFilter, split_place
from lvost.store.reading import Store

_KEPT = 64
"""How many soundtracks a shelf keeps at hand, each with its themes read."""


@dataclass(frozen=True)
class Placed:
    """A track, and the id of the soundtrack it is on."""

    soundtrack: str
    track: Track


class Shelf(Catalog):
    """Every soundtrack in scope (two or more), by row id and id."""

    def __init__(self, store: Store) -> None:
        """``store`` reads every soundtrack of the library."""
        self.store = store
        self._slugs: dict[int, str] | None = None
        self._owners: dict[str, int] | None = None
        self._few: dict[int, str] = {}
        """Ids looked up one at a time, before (or without) reading them all."""
        self._each: OrderedDict[int, Catalog] = OrderedDict()
        """The soundtracks last asked about, on their own (a few: hits of a search
        across thousands of soundtracks ask about each in turn)."""

    def one(self, slug: str) -> Catalog:
        """The soundtrack ``slug``, on its own."""
        return self._at(self.owners[slug])

    def _at(self, owner: int) -> Catalog:
        if owner in self._each:
            self._each.move_to_end(owner)
        else:
            store = Store(self.store.connection, owner, self.store.damaged)
            self._each[owner] = Catalog.of(store, self.slug_of(owner))
            if len(self._each) > _KEPT:
                self._each.popitem(last=False)
        return self._each[owner]

    @property
    def soundtrack(self) -> Soundtrack:
        raise self.needs_one("the album and the film")

    def tracks_of(self, theme: Theme) -> list[Track]:
        raise self.needs_one(f'the theme "{theme.id}"')  # its numbers are its own soundtrack's

    @cached_property
    def themes(self) -> list[Theme]:
        """Every soundtrack's themes, one soundtrack after another."""
        return [theme for owner in self.slugs for theme in self._at(owner).themes]

    def slug_at(self, owner: int) -> str | None:
        return self.slug_of(owner)

    @property
    def slugs(self) -> dict[int, str]:
        """Every soundtrack's id, by row id: read when first needed, since a
        search of thousands of soundtracks names only a few."""
        if self._slugs is None:
            self._slugs = self.store.slugs()
            self._owners = None
        return self._slugs

    @property
    def owners(self) -> dict[str, int]:
        """Every soundtrack's row id, by id."""
        if self._owners is None:
            self._owners = {slug: owner for owner, slug in self.slugs.items()}
        return self._owners

    @property
    def _how_many(self) -> int:
        return len(self._slugs) if self._slugs is not None else self.store.soundtrack_count()

    def slug_of(self, owner: int) -> str:
        """The id of the soundtrack of row id ``owner``; one added since the shelf
        read the ids (by another lvost, while this one reads) is looked up then."""
        if self._slugs is not None and owner in self._slugs:
            return self._slugs[owner]
        if len(self._few) >= _KEPT:  # many asked of (every hit of a search): all of them at once
            return self.slugs[owner] if owner in self.slugs else self._refreshed(owner)
        if owner not in self._few:
            found = self.store.slug(owner)
            if found is None:  # gone since it was found: as before, the ids say so
                return self.slugs[owner]
            self._few[owner] = found
        return self._few[owner]

    def _refreshed(self, owner: int) -> str:
        """The id of row id ``owner``, added since the ids were read (by another lvost)."""
        self._slugs, self._owners = self.store.slugs(), None
        return self._slugs[owner]

    def heading(self) -> str:
        return f"Your library: {self._how_many} soundtracks"

    def themes_of(self, track: Track) -> list[Theme]:
        # A number alone does not say which soundtrack: ``placed_themes`` does.
        raise self.needs_one("a track's themes, by its number,")

    def placed_themes(self, placed: Placed) -> list[Theme]:
        """The themes that name a placed track, in its soundtrack's order."""
        return self.one(placed.soundtrack).themes_of(placed.track)

    def find_track(self, query: str) -> Track:
        """The one track ``query`` names anywhere in scope (``find_placed`` says where)."""
        return self.find_placed(query).track

    @property
    def data(self) -> SoundtrackFile:
        raise self.needs_one("a whole soundtrack")

    def admitted(self, query: Sequence[str]) -> set[int]:
        raise self.needs_one("the numbers of the tracks a query keeps")  # numbers repeat across soundtracks

    def numbers(self) -> list[int]:
        raise self.needs_one("the numbers of the tracks")

    def selected_numbers(self, which: TrackFilter) -> list[int]:
        raise self.needs_one("the numbers of the tracks a filter keeps")

    def tracks_numbered(self, numbers: Sequence[int]) -> list[Track]:
        raise self.needs_one("tracks by number")

    def vocabulary(self) -> list[str]:
        return self.store.titles() + self.artists() + self.genres() + self.store.theme_names()

    def find_theme(self, query: str) -> Theme:
        raise self.needs_one(f'the theme "{query}"', "or use the query term theme:NAME")

    def needs_one(self, what: str, otherwise: str = "") -> UsageError:
        """The error for a question that one soundtrack answers, when several are in scope."""
        also = f", {otherwise}" if otherwise else ""
        return UsageError(
            f"{what} needs one soundtrack, and the library has {self._how_many}; "
            f"name one with --soundtrack ID (lvost soundtracks lists them){also}"
        )

    def each_placed(self, which: TrackFilter) -> Iterator[Placed]:
        """The tracks ``which`` keeps, each on its soundtrack: soundtracks by id,
        and within each as ``which`` sorts them."""
        if which.theme is not None:
            raise self.needs_one(f'the theme "{which.theme}"', "or use the query term theme:NAME")
        rows = self.store.each_placed(self.selection(which), which.sort)
        return (Placed(self.slug_of(owner), track) for owner, track in rows)

    def find_placed(self, query: str) -> Placed:
        """The one track ``query`` names: ``ID:NUMBER``, or a title anywhere in
        scope; a title on several soundtracks is ambiguous, and the error names
        each with its soundtrack."""
        wanted = query.strip()
        placed = split_place(wanted)
        if placed is not None and placed[0] in self.owners:
            return Placed(placed[0], self.one(placed[0]).find_track(placed[1]))
        if wanted.isdecimal() and wanted.isascii():
            raise UsageError(
                f"track {wanted} of which soundtrack? {self._how_many} are in the library; "
                f"say ID:{wanted} (like {next(iter(self.owners))}:{wanted}) or give --soundtrack ID"
            )
        key = normalize(query)
        entries = self.store.titled(key) if key else []
        found = match_names(query, entries)
        if len(found) == 1:
            owner, number = found[0]
            return Placed(self.slug_of(owner), self._at(owner).find_track(str(number)))
        if found:
            titles = {place: names[0] for place, names in entries}
            shown = "; ".join(f'{self.slug_of(o)}:{n} "{titles[(o, n)]}"' for o, n in found)
            raise AmbiguousError(f'"{query}" matches {len(found)} tracks: {shown}; say which')
        if placed is not None:
            raise NotFoundError(
                f'"{placed[0]}" is not in the library; lvost soundtracks lists what is',
                suggest(placed[0], list(self.owners)),
            )
        # Suggested from the titles alone: every alternate title of a large library is too many to read.
        raise NotFoundError(f'no track matches "{query}"', suggest(query, self.store.titles()))
