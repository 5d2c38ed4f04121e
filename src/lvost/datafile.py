"""Reading a soundtrack data file: bytes in, a validated model or one clear error out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lvost.errors import DataFileError
from lvost.models import SoundtrackFile

MAX_BYTES = 256 * 1024 * 1024
"""Larger files are refused before they are read, so memory stays bounded."""

_HERE = Path(__file__).resolve().parent


def embedded_path() -> Path:
    """Where the Leaving Las Vegas data lives: inside the installed package, or,
    in a source checkout or editable install, in the repository's ``data/``."""
    packaged = _HERE / "data" / "tracks.json"
    return packaged if packaged.is_file() else _HERE.parents[1] / "data" / "tracks.json"


def load(path: Path) -> SoundtrackFile:
    """Read and validate ``path``; every failure is a ``DataFileError`` naming the file."""
    text = read_text(path)
    try:
        return SoundtrackFile.model_validate_json(text)
    except ValidationError as exc:
        problems = [describe_error(e) for e in exc.errors(include_url=False)]
        raise DataFileError(_summary(path, problems)) from None


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DataFileError(f"{path} is a directory; give the path of a soundtrack JSON file")
        if size > MAX_BYTES:
            raise DataFileError(
                f"{path} is {size:,} bytes; soundtrack files larger than {MAX_BYTES:,} bytes are refused"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such file; give the path of a soundtrack JSON file") from None
    except PermissionError:
        raise DataFileError(f"{path}: permission denied; lvost needs to read this file") from None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise DataFileError(f"{path} is empty; a soundtrack file is a JSON object with tracks")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"{path} is not UTF-8 text (byte {exc.start} cannot be decoded); save it as UTF-8"
        ) from None


def _summary(path: Path, problems: list[str]) -> str:
    more = len(problems) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{path}: {problems[0]}{tail}"


def describe_error(error: Any) -> str:
    """One Pydantic error as ``field.path: what is wrong``, in plain words.

    >>> describe_error({"type": "missing", "loc": ("tracks", 3, "title"), "msg": "Field required"})
    'tracks[3].title: is required'
    """
    where = field_path(error["loc"])
    what = _plain_message(error)
    return f"{where}: {what}" if where else what


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
    r"\S": "must not be empty or blank",
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": 'must be lower-case words joined by hyphens, like "fragile-hope"',
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
