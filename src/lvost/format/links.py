"""The links between parts of a soundtrack file, and what breaks them.

The checks read fields by name from validated models or the plain parsed JSON,
so they also run on a file whose fields are wrong in other ways, and a user sees
every problem at once. A value of the wrong type is skipped here; the field
validation reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class BrokenLink:
    loc: Loc
    message: str


class BrokenLinksError(ValueError):
    """Raised by the model's validator; carries every broken link, each with its place."""

    def __init__(self, links: list[BrokenLink]) -> None:
        super().__init__("; ".join(link.message for link in links))
        self.links = links


def broken_links(data: Any) -> list[BrokenLink]:
    """Every broken link in a file, in the order they appear.

    Track numbers and theme ids must be unique, themes must name tracks that
    exist, and every source id used must be listed under soundtrack.sources.
    Where a track's number is itself wrong, or the soundtrack part is missing,
    links to them are not judged: the field error is the one to fix first.
    """
    validated = _is_record(data) and not isinstance(data, dict)
    if validated and all_links_hold(data):
        return []  # validated data, and nothing broken: the usual case, told quickly
    return _walk(data)


def all_links_hold(data: Any) -> bool:
    """Whether nothing is broken in validated data, checked in bulk; ``_walk``
    says where, when something is."""
    numbers = [track.number for track in data.tracks]
    known = set(numbers)
    ids = [theme.id for theme in data.themes]
    if len(known) != len(numbers) or len(set(ids)) != len(ids):
        return False
    if not all(known.issuperset(theme.tracks) for theme in data.themes):
        return False
    soundtrack = data.soundtrack
    used = {sid for part in (data.tracks, data.themes) for item in part for sid in item.sources}
    used.update(soundtrack.album.sources, (review.source for review in soundtrack.album.reviews))
    used.update(soundtrack.film.sources if soundtrack.film else ())
    return used <= {source.id for source in soundtrack.sources}


def _walk(data: Any) -> list[BrokenLink]:
    problems: list[BrokenLink] = []
    tracks = _items(data, "tracks")
    numbers = _first_places(tracks, "number", "track number", "tracks", problems, int)
    _first_places(_items(data, "themes"), "id", "theme id", "themes", problems, str)
    if all(_is_int(_field(track, "number")) for _, track in tracks):
        problems += _theme_links(data, set(numbers))
    if _is_record(_field(data, "soundtrack")):
        problems += _source_links(data)
    return problems


def _theme_links(data: Any, numbers: set[int]) -> Iterator[BrokenLink]:
    for i, theme in _items(data, "themes"):
        for j, number in _items(theme, "tracks"):
            if _is_int(number) and number not in numbers:
                yield BrokenLink(("themes", i, "tracks", j), f"there is no track number {number}")


def _source_links(data: Any) -> Iterator[BrokenLink]:
    ids = (_field(s, "id") for _, s in _items(_field(data, "soundtrack"), "sources"))
    known = {sid for sid in ids if isinstance(sid, str)}
    for loc, source_id in _source_references(data):
        if isinstance(source_id, str) and source_id not in known:
            yield BrokenLink(loc, f"source {source_id!r} is not listed in soundtrack.sources")


def _first_places(
    items: list[tuple[int, Any]],
    key: str,
    noun: str,
    where: str,
    problems: list[BrokenLink],
    kind: type,
) -> dict[Any, int]:
    first: dict[Any, int] = {}
    for i, item in items:
        value = _field(item, key)
        if not isinstance(value, kind) or isinstance(value, bool):
            continue
        if value in first:
            shown = value if kind is int else repr(value)
            message = f"{noun} {shown} is already used by {where}[{first[value]}]"
            problems.append(BrokenLink((where, i, key), message))
        else:
            first[value] = i
    return first


def _source_references(data: Any) -> Iterator[tuple[Loc, Any]]:
    soundtrack = _field(data, "soundtrack")
    album = _field(soundtrack, "album")
    for k, sid in _items(album, "sources"):
        yield ("soundtrack", "album", "sources", k), sid
    for i, review in _items(album, "reviews"):
        yield ("soundtrack", "album", "reviews", i, "source"), _field(review, "source")
    for k, sid in _items(_field(soundtrack, "film"), "sources"):
        yield ("soundtrack", "film", "sources", k), sid
    for part in ("tracks", "themes"):
        for i, item in _items(data, part):
            for k, sid in _items(item, "sources"):
                yield (part, i, "sources", k), sid


def _field(obj: Any, name: str) -> Any:
    # Parsed JSON holds plain dicts; asking for them first, and by exact type,
    # keeps this cheap: it runs several times for each track of a large file.
    if type(obj) is dict:
        return obj.get(name)
    return getattr(obj, name, None)


def _items(obj: Any, name: str) -> list[tuple[int, Any]]:
    value = _field(obj, name)
    return list(enumerate(value)) if isinstance(value, list) else []


def _is_record(value: Any) -> bool:
    """Whether ``value`` has fields: a JSON object, a model or a struct."""
    return value is not None and not isinstance(value, (list, str, int, float))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
