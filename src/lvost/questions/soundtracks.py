"""The soundtracks a user has: those in the library, which holds Leaving Las
Vegas from the start (before the library is made, lvost reads it from the data it
carries); and which of them a command explores."""

from __future__ import annotations

import contextlib
import hashlib
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lvost.core.errors import LvostError, NotFoundError, StoreError, UsageError
from lvost.core.matching import normalize, suggest
from lvost.core.names import BUILT_IN
from lvost.format.models import SLUG, SoundtrackFile
from lvost.store import library
from lvost.store.library import Entry

if TYPE_CHECKING:
    from lvost.questions.catalog import Catalog
    from lvost.questions.shelf import Shelf


LONGEST_ID = 64
"""The most characters an id may have: it names a file on ``export --all``, and
fills a column of ``lvost soundtracks``."""


def slug_for(title: str) -> str:
    """An id for a soundtrack of album ``title``: its words, in lower case and
    plain letters, joined by hyphens, as many whole words as fit in
    ``LONGEST_ID``. A title with no such letters is named by a digest of it, so
    that two such titles are not taken for one soundtrack.

    >>> slug_for("Leaving Las Vegas: Music from the Original Soundtrack")
    'leaving-las-vegas-music-from-the-original-soundtrack'
    >>> slug_for("Amélie"), slug_for("Ни слова"), slug_for("千と千尋")
    ('amelie', 'soundtrack-06ad5aaf', 'soundtrack-5929e904')
    >>> len(slug_for("Words " * 40)), slug_for("L" * 100) == "l" * 64
    (59, True)
    """
    words = re.sub(r"[^a-z0-9]+", "-", normalize(title)).strip("-")
    if not words:
        return f"soundtrack-{hashlib.sha256(title.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    if len(words) > LONGEST_ID:
        cut = words[: LONGEST_ID + 1]
        words = cut.rsplit("-", 1)[0] if "-" in cut else cut[:LONGEST_ID]
    return words


def check_id(slug: str) -> str:
    """``slug`` if it is a valid soundtrack id; else a usage error saying what is."""
    if re.fullmatch(SLUG, slug) is None:
        raise UsageError(
            f'"{slug}" cannot be an id; an id is lower-case words joined by hyphens, like "{slug_for(slug)}"'
        )
    if len(slug) > LONGEST_ID:
        raise UsageError(f'"{slug}" is too long for an id; give one of at most {LONGEST_ID} characters')
    return slug


def listed(path: Path) -> list[Entry]:
    """Every soundtrack in the library at ``path``, by id."""
    connection = library.open_for_reading(path)
    if connection is None:
        return [_built_in()]
    try:
        return library.entries(connection, path)
    finally:
        connection.close()


def add(path: Path, data: SoundtrackFile, slug: str | None, replace_it: bool) -> str:
    """Add ``data`` to the library under ``slug`` (else one made from its album
    title); the id it was added under."""
    with adding(path) as put:
        return put(data, slug, replace_it)


Adder = Callable[[SoundtrackFile, "str | None", bool], str]
"""Adds one soundtrack inside ``adding``'s change, as ``add`` does, and gives its id."""


@contextlib.contextmanager
def adding(path: Path) -> Iterator[Adder]:
    """One change that adds soundtracks to the library at ``path``, as ``add``
    adds one: they land together when the block ends (see ``library.adding``)."""
    with library.adding(path) as put:
        added: set[str] = set()

        def add_one(data: SoundtrackFile, slug: str | None, replace_it: bool) -> str:
            chosen = check_id(slug) if slug is not None else slug_for(data.soundtrack.album.title)
            if chosen in added:  # never replaced by another of the same command, --replace or not
                raise LvostError(
                    f'"{chosen}" is the id of a soundtrack this command has just added;'
                    " add this file on its own, with --id to give it another"
                )
            put(chosen, data, replace_it)
            added.add(chosen)
            return chosen

        yield add_one


def remove(path: Path, slug: str) -> None:
    """Take ``slug`` out of the library; an id that is not there is an error that
    suggests the closest one that is."""
    if slug not in ids(path):
        raise _missing(path, slug)
    library.remove(path, slug)


def catalog_of(path: Path, slug: str) -> Catalog:
    """The soundtrack ``slug`` of the library at ``path``; an id that is not
    there is an error that suggests the closest one that is."""
    from lvost.questions.catalog import Catalog
    from lvost.store.reading import Store

    connection = library.open_for_reading(path)
    if connection is None:
        if slug == BUILT_IN:
            return Catalog.load()
        raise _missing(path, slug)
    owner = library.stored_id(connection, slug)
    if owner is None:
        connection.close()
        raise _missing(path, slug)
    return Catalog.of(Store(connection, owner, lambda exc: library.damaged(path, exc)), slug)


def exported(path: Path, slug: str) -> SoundtrackFile:
    """The soundtrack ``slug`` of the library at ``path`` as ``export`` writes it,
    checked as ``validate`` checks a file: a library changed by other hands than
    lvost's (its rows edited) is an error, never a file that would not add back."""
    from pydantic import ValidationError

    from lvost.format.datafile import dumps

    catalog = catalog_of(path, slug)
    try:
        with warnings.catch_warnings():
            # Pydantic warns of a value that is not of its field's type
            warnings.filterwarnings("error", message="Pydantic serializer warnings")
            return SoundtrackFile.model_validate_json(dumps(catalog.data))
    except (ValueError, TypeError, KeyError, AttributeError, UserWarning) as exc:
        if isinstance(exc, ValidationError):
            why = exc.errors()[0]["msg"].lower()
        elif isinstance(exc, UserWarning):
            why = "a value is not of its field's type"
        else:
            why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(
            f'the soundtrack "{slug}" in {path} is damaged ({why}); remove it, and add its file again'
        ) from None
    finally:
        catalog.close()


def scope_of(path: Path, slug: str | None) -> Catalog | Shelf:
    """What a command explores in the library at ``path``: the soundtrack
    ``slug``; else, with no ``slug``, every soundtrack there: a ``Catalog`` when
    there is one (the built-in soundtrack before the library is made), a
    ``Shelf`` when there are more."""
    from lvost.questions.catalog import Catalog
    from lvost.questions.shelf import Shelf
    from lvost.store.reading import Store

    if slug is not None:
        return catalog_of(path, slug)
    connection = library.open_for_reading(path)
    if connection is None:
        return Catalog.load()
    store = Store(connection, None, lambda exc: library.damaged(path, exc))
    slugs = store.slugs(limit=2)  # a shelf reads the others' ids when it needs them
    if len(slugs) > 1:
        return Shelf(store)
    if not slugs:
        connection.close()
        raise NotFoundError(f"the library at {path} is empty; lvost add FILE adds a soundtrack to it")
    ((owner, only),) = slugs.items()
    if only == BUILT_IN and library.own_copy_is_stale(connection):
        # Made from an earlier release's data: until a change renews it, the data
        # lvost carries answers, as it would with no library.
        connection.close()
        return Catalog.load()
    return Catalog.of(Store(connection, owner, store.damaged), only)


def ids(path: Path) -> list[str]:
    """The ids of the library's soundtracks, in order."""
    return [e.slug for e in listed(path)]


def _missing(path: Path, slug: str) -> NotFoundError:
    """The error for an id the library does not have, suggesting the closest it does."""
    return NotFoundError(
        f'"{slug}" is not in the library; lvost soundtracks lists what is', suggest(slug, ids(path))
    )


def _built_in() -> Entry:
    from lvost.questions.catalog import Catalog

    catalog = Catalog.load()
    try:
        (entry,) = library.entries(catalog.store.connection, Path("the built-in soundtrack"))
    finally:
        catalog.close()
    return entry._replace(slug=BUILT_IN)
