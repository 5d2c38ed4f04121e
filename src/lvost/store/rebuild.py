"""Models made again from what a store wrote, without validating them twice.

A store holds only what the models validated and dumped, so reading it back
needs no second validation: building the validators alone would cost more
than a whole ``lvost tracks``. ``construct`` walks a model's declared fields
(its public ``model_fields``) and makes nested models and dates as they were.
"""

from __future__ import annotations

import copy
import datetime
import functools
import types
from collections.abc import Callable
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

M = TypeVar("M", bound=BaseModel)
Convert = Callable[[Any], Any]


def construct(model: type[M], dumped: dict[str, Any]) -> M:
    """``model`` from ``dumped`` (its ``model_dump(mode="json")``, by field name or alias).

    Fields missing from ``dumped`` take their defaults and count as unset, as
    after validation.
    """
    values: dict[str, Any] = {}
    given: set[str] = set()
    for name, alias, convert, default in _plan(model):
        key = name if name in dumped else alias
        if key is not None and key in dumped:
            value = dumped[key]
            values[name] = value if convert is None or value is None else convert(value)
            given.add(name)
        else:
            # Given here, so that Pydantic need not inspect each default factory anew.
            values[name] = default()
    return model.model_construct(_fields_set=given, **values)


@functools.cache
def _plan(model: type[BaseModel]) -> list[tuple[str, str | None, Convert | None, Callable[[], Any]]]:
    """Each field's name, alias, how to make its value (``None``: as it is) and
    its default, worked out once a model: a large catalog makes thousands of each."""
    return [
        (name, info.alias, _converter(info.annotation), _default(info))
        for name, info in model.model_fields.items()
    ]


def _default(info: FieldInfo) -> Callable[[], Any]:
    factory = info.default_factory
    if factory is not None:
        return factory  # type: ignore[return-value]  # the models' factories take no argument
    value = info.default
    return (lambda: copy.copy(value)) if isinstance(value, list) else (lambda: value)


def _converter(annotation: Any) -> Convert | None:
    origin = get_origin(annotation)
    if origin is list:
        (item,) = get_args(annotation)
        inner = _converter(item)
        return None if inner is None else lambda values: [inner(v) for v in values]
    if origin in (Union, types.UnionType):
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        return _converter(kinds[0]) if len(kinds) == 1 else None
    if hasattr(annotation, "__metadata__"):  # Annotated[...]: the type is its first argument
        return _converter(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        nested = annotation
        return lambda value: construct(nested, value)
    if annotation is datetime.date:
        return datetime.date.fromisoformat
    return None
