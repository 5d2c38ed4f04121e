"""Reading a soundtrack data file: bytes in, a validated model or one clear error out."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lvost.core.errors import DataFileError
from lvost.core.names import MAX_BYTES
from lvost.core.text import VISIBLE, as_json, counted
from lvost.format.links import BrokenLink, BrokenLinksError, broken_links
from lvost.format.locate import line_of
from lvost.format.models import SLUG, SoundtrackFile


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where (field path and line) and what."""

    where: str
    message: str
    line: int

    def __str__(self) -> str:
        return f"{self.line}: {self.where}: {self.message}" if self.where else f"{self.line}: {self.message}"


def load(path: Path, label: str | None = None) -> SoundtrackFile:
    """Read and validate ``path``; every failure is a ``DataFileError`` naming the file.

    ``label`` names the file in messages instead of its path (say, where the
    path came from).
    """
    name = label or str(path)
    return from_bytes(read_bytes(path, name), name)


def from_bytes(raw: bytes, name: str) -> SoundtrackFile:
    """Validate the bytes of a file that ``name`` names, as ``load`` does."""
    data, problems = _parse(_decoded(raw, name))
    if data is None:
        more = len(problems) - 1
        tail = f" (and {counted(more, 'more problem')}; 'lvost validate' lists them all)" if more else ""
        raise DataFileError(f"{name}:{problems[0]}{tail}")
    return data


def dumps(data: SoundtrackFile) -> str:
    """``data`` as the text of a soundtrack file: what it was given and nothing
    more (defaults left out), indented, ending with a newline, and with what a
    terminal could act on escaped (it reads back the same)."""
    return as_json(data.model_dump(mode="json", by_alias=True, exclude_unset=True)) + "\n"


def check(path: Path) -> tuple[SoundtrackFile | None, list[Problem]]:
    """Validate ``path`` and keep every problem, sorted by line; a file that cannot
    be read at all is still a ``DataFileError``."""
    name = str(path)
    return _parse(_decoded(read_bytes(path, name), name))


def _parse(text: str) -> tuple[SoundtrackFile | None, list[Problem]]:
    try:
        return SoundtrackFile.model_validate_json(text), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems: list[Problem] = []
    links: list[BrokenLink] = []
    for error in errors:
        raised = (error.get("ctx") or {}).get("error")
        if isinstance(raised, BrokenLinksError):
            links = raised.links
        elif error["type"] == "json_invalid":
            problems.append(Problem("", _plain_message(error), _json_error_line(error)))
        else:
            problems.append(_problem(text, error["loc"], _plain_message(error)))
    if problems and not links and errors[0]["type"] != "json_invalid":
        # Field errors stop the model's own link check; run it on the plain JSON.
        links = broken_links(json.loads(text))
    problems += [_problem(text, link.loc, link.message) for link in links]
    return None, sorted(problems, key=lambda p: p.line)


def _problem(text: str, loc: tuple[int | str, ...], message: str) -> Problem:
    return Problem(field_path(loc), message, line_of(text, loc))


def _json_error_line(error: Any) -> int:
    found = re.search(r"line (\d+)", str((error.get("ctx") or {}).get("error", "")))
    return int(found.group(1)) if found else 1


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, or a ``DataFileError`` that calls the file ``name``."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DataFileError(f"{name} is a directory; give the path of a soundtrack JSON file")
        if size > MAX_BYTES:
            raise DataFileError(
                f"{name} is {size:,} bytes; soundtrack files larger than {MAX_BYTES:,} bytes are refused"
            )
        with path.open("rb") as stream:  # bounded, for pipes and files that grow while read
            raw = stream.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            limit = f"{MAX_BYTES:,}"
            raise DataFileError(f"{name} is larger than {limit} bytes; such soundtrack files are refused")
    except FileNotFoundError:
        raise DataFileError(f"{name}: no such file; give the path of a soundtrack JSON file") from None
    except PermissionError:
        raise DataFileError(f"{name}: permission denied; lvost needs to read this file") from None
    except OSError as exc:
        raise DataFileError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise DataFileError(f"{name} is empty; a soundtrack file is a JSON object with tracks")
    return raw


def _decoded(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"{name} is not UTF-8 text (byte {exc.start} cannot be decoded); save it as UTF-8"
        ) from None


def field_path(loc: tuple[int | str, ...]) -> str:
    """Render a Pydantic location the way a reader finds it in the JSON.

    >>> field_path(("tracks", 3, "performers", 0, "name"))
    'tracks[3].performers[0].name'
    """
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_PATTERN_WORDS = {
    VISIBLE: "must not be empty, blank or only invisible characters",
    SLUG: 'must be lower-case words joined by hyphens, like "fragile-hope"',
}


def _plain_message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of the format (misspelt?)"
    if kind == "json_invalid":
        return f"not valid JSON: {ctx.get('error', error['msg'])}"
    if kind == "model_type" and not error["loc"]:
        return "the top level must be a JSON object"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERN_WORDS:
        return _PATTERN_WORDS[ctx["pattern"]]
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    message = str(error["msg"])
    return message.replace("Input should", "should", 1)
