"""Any damage to a data file ends in a result or a clean error, never a traceback."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lvost import datafile
from lvost.catalog import Catalog
from lvost.cli import app
from lvost.errors import DataFileError

SMALL = Path(__file__).parent / "data" / "small.json"
ORIGINAL: dict[str, Any] = json.loads(SMALL.read_text(encoding="utf-8"))
HOSTILE = ["", " ", "[bold]x[/]", "\x1b[31m", "\x00", "\u202e", "9" * 40, "Ångström & Co.", "null"]

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) pair in a JSON document."""
    found: list[tuple[Any, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((node, key))
            found += places(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((node, index))
            found += places(value)
    return found


@st.composite
def damaged(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(ORIGINAL)
    for _ in range(draw(st.integers(1, 4))):
        spots = places(data)
        if not spots:
            break
        container, key = draw(st.sampled_from(spots))
        action = draw(st.sampled_from(["drop", "retype", "duplicate", "inject", "rename"]))
        if action == "drop":
            del container[key]
        elif action == "retype":
            container[key] = draw(JSON_VALUES)
        elif action == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        elif action == "inject":
            old = container[key]
            extra = draw(st.sampled_from(HOSTILE))
            container[key] = old + extra if isinstance(old, str) else extra
        elif action == "rename" and isinstance(container, dict):
            container[draw(st.sampled_from(HOSTILE))] = container.pop(key)
    return data


def write(text: str | bytes) -> Path:
    handle = tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False)  # noqa: SIM115
    with handle:
        handle.write(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return Path(handle.name)


def loads_or_fails_cleanly(path: Path) -> None:
    try:
        catalog = Catalog.load(path)
    except DataFileError as exc:
        assert str(exc).startswith(str(path))
        assert "\n" not in str(exc)
    else:
        assert catalog.tracks


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(damaged())
@SETTINGS
def test_damaged_structure(data: Any) -> None:
    path = write(json.dumps(data))
    try:
        loads_or_fails_cleanly(path)
        _, problems = datafile.check(path)
        assert all(p.line >= 1 for p in problems)
    finally:
        path.unlink()


@given(st.binary(max_size=64) | st.integers(0, len(SMALL.read_bytes())).map(lambda n: SMALL.read_bytes()[:n]))
@SETTINGS
def test_damaged_bytes(raw: bytes) -> None:
    path = write(raw)
    try:
        loads_or_fails_cleanly(path)
    finally:
        path.unlink()


@given(
    damaged(),
    st.sampled_from([["tracks"], ["show", "1"], ["themes"], ["search", "tram"], ["about"], ["validate"]]),
)
@SETTINGS
def test_every_command_on_a_damaged_file_ends_cleanly(data: Any, args: list[str]) -> None:
    path = write(json.dumps(data))
    try:
        result = CliRunner(env={"COLUMNS": "80"}).invoke(app, ["--data", str(path), *args], prog_name="lvost")
    finally:
        path.unlink()
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: ")
        assert result.stderr.count("\n") == 1
