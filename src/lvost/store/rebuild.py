"""Models made again from what a store wrote, without validating them twice.

A store holds only what the models validated and dumped, so reading it back
needs no second validation: building the validators alone would cost more
than a whole ``lvost tracks``. ``construct`` walks a model's declared fields
(its public ``model_fields``) and makes nested models and dates as they were.
"""

from __future__ import annotations

import datetime
import types
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def construct(model: type[M], dumped: dict[str, Any]) -> M:
    """``model`` from ``dumped`` (its ``model_dump(mode="json")``, by field name or alias).

    Fields missing from ``dumped`` take their defaults and count as unset, as
    after validation.
    """
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = name if name in dumped else info.alias
        if key is not None and key in dumped:
            values[name] = _value(info.annotation, dumped[key])
    return model.model_construct(_fields_set=set(values), **values)


def _value(annotation: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(annotation)
    if origin is list:
        (item,) = get_args(annotation)
        return [_value(item, v) for v in value]
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return _value(inner[0], value) if len(inner) == 1 else value
    if hasattr(annotation, "__metadata__"):  # Annotated[...]: the type is its first argument
        return _value(get_args(annotation)[0], value)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return construct(annotation, value)
    if annotation is datetime.date:
        return datetime.date.fromisoformat(value)
    return value
