"""What ``validate`` and ``schema`` print about a data file: plain text and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lvost.core.text import counted, safe
from lvost.format.models import SoundtrackFile

if TYPE_CHECKING:
    from lvost.format.datafile import Problem


def validation_summary(path: object, data: SoundtrackFile) -> str:
    """One line saying the file is valid and what it holds."""
    counts = f"{counted(len(data.tracks), 'track')}, {counted(len(data.themes), 'theme')}"
    return safe(f'{path}: valid: "{data.soundtrack.album.title}", {counts}')


def problem_lines(path: object, problems: Sequence[Problem]) -> str:
    """Each problem as ``file:line: field: what is wrong``, the form editors jump to."""
    return "".join(safe(f"{path}:{problem}") + "\n" for problem in problems)


def problem_count(path: object, problems: Sequence[Problem]) -> str:
    """The one line that ends a failed validation."""
    return f"{path} has {counted(len(problems), 'problem')}"


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema, generated from the models."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **SoundtrackFile.model_json_schema()}
