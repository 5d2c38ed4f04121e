"""A quick first reading of a large data file, for the search index.

Validating a large file into the Pydantic models of ``lvost.models`` costs
seconds and several times the file's size in memory, and the search index needs
none of it but the texts. This reader checks the same format with msgspec,
whose structs cost a fraction of both, and is derived from the models field by
field, so the format is still written down once.

It may be stricter than the models, never looser: whatever it refuses, or
cannot judge, the caller reads again with the models, which either accept the
file or say what is wrong with it. The tests hold the two to that.
"""

from __future__ import annotations

import datetime
import re
import types
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import msgspec
from annotated_types import Ge, MinLen
from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from lvost.datafile import paused_gc
from lvost.links import broken_links
from lvost.models import SoundtrackFile
from lvost.names import normalize_genre
from lvost.text import VISIBLE

_FOLDS = {normalize_genre}
"""Validators that only change how a value is spelt and never refuse one; the
reader applies them after decoding (``_fold_genres``)."""
_SCALARS = (str, int, bool, datetime.date, type(None))
_CHECKS_DONE_HERE = {"_links_hold"}
"""The models' own validators that ``read`` runs itself (``broken_links``)."""


def read(raw: bytes) -> Any | None:
    """The file's content as structs with the models' field names, genres folded
    as the models fold them; ``None`` when the models must judge the file."""
    with paused_gc():
        try:
            data = _decoder().decode(raw)
        except msgspec.DecodeError:  # bad JSON, or a field the format refuses
            return None
        if broken_links(data):
            return None
        _fold_genres(data)
        return data


def plain_strings(raw: bytes) -> bool:
    """Whether no string in a JSON text can hold a line break, "\\x1e" or "\\x1f"
    (the search index's separators). JSON writes them only as escapes, which the
    text does not have; a text without a backslash has none of any kind."""
    return b"\\" not in raw or _SEPARATOR_ESCAPES.search(raw) is None


_SEPARATOR_ESCAPES = re.compile(rb"\\(?:n|u00(?:0[aA]|1[eEfF]))")


def _fold_genres(data: Any) -> None:
    items = (*data.tracks, *data.themes)
    spellings = {genre for item in items for genre in item.genres}
    folded = {genre: normalize_genre(genre) for genre in spellings}
    changed = {genre for genre, fold in folded.items() if fold != genre}
    for item in items if changed else ():  # a catalog usually spells them all alike
        if not changed.isdisjoint(item.genres):
            item.genres = [folded[genre] for genre in item.genres]


@cache
def _decoder() -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(_struct(SoundtrackFile))


@cache
def _struct(model: type[BaseModel]) -> Any:
    decorators = model.__pydantic_decorators__
    checks = {**decorators.validators, **decorators.field_validators, **decorators.root_validators}
    checks.update(decorators.model_validators)
    if set(checks) - _CHECKS_DONE_HERE:
        raise TypeError(
            f"the lean reader does not know the validators of {model.__name__}; teach it in lean.py"
        )
    fields = []
    for name, info in model.model_fields.items():
        kind = _lean_type(info.annotation, info.metadata)
        if info.is_required():
            fields.append((name, kind, msgspec.field(name=info.alias or name)))
        else:  # msgspec copies an empty list given as a default for each struct
            default = info.get_default(call_default_factory=True)
            fields.append((name, kind, msgspec.field(name=info.alias or name, default=default)))
    # No collector tracking: structs of plain data make no cycles.
    return msgspec.defstruct(model.__name__, fields, kw_only=True, forbid_unknown_fields=True, gc=False)


def _lean_type(annotation: Any, metadata: list[Any]) -> Any:
    """The msgspec type that accepts what ``annotation`` with ``metadata`` does, or less."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *more = get_args(annotation)
        return _lean_type(base, [*more, *metadata])
    if origin in (Union, types.UnionType):
        members = tuple(_lean_type(a, [] if a is type(None) else metadata) for a in get_args(annotation))
        return Union[members]  # noqa: UP007 (built at run time from a tuple)
    constraints = _constraints(metadata)
    if origin is list:
        kind: Any = list[_lean_type(get_args(annotation)[0], [])]  # type: ignore[misc]
    elif origin is Literal or annotation in _SCALARS:
        kind = annotation
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        kind = _struct(annotation)
    else:
        raise TypeError(f"the lean reader does not know the type {annotation!r}; teach it in lean.py")
    return Annotated[kind, msgspec.Meta(**constraints)] if constraints else kind


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, FieldInfo):
            found.update(_constraints(item.metadata))
        elif isinstance(item, Ge):
            found["ge"] = item.ge
        elif isinstance(item, MinLen):
            found["min_length"] = item.min_length
        elif isinstance(item, AfterValidator) and item.func in _FOLDS:
            continue
        elif set(vars(item)) == {"pattern"} and item.pattern in _PATTERNS:
            found["pattern"] = _PATTERNS[item.pattern]
        else:
            raise TypeError(f"the lean reader does not know the constraint {item!r}; teach it in lean.py")
    return found


_PATTERNS = {
    VISIBLE: VISIBLE,
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z",
}
r"""The models' patterns (Rust's regular expressions) as Python's, matching the
same strings or fewer. Python's "\s" takes in a few more characters (it counts
"\x1c" to "\x1f" as space), so its ``VISIBLE`` refuses a few more strings; its
"$" also matches before a final newline, hence "\Z"."""
