"""Any damage to a data file ends in a result or a clean error, never a traceback."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from damage import damaged
from lvost.cli.main import app
from lvost.core.errors import DataFileError
from lvost.format import datafile
from lvost.questions.catalog import Catalog
from support import SMALL


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
