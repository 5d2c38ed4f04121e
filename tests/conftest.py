from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from lvost.catalog import Catalog
from lvost.cli import app

TESTS = Path(__file__).parent
SMALL = TESTS / "data" / "small.json"

Invoke = Callable[..., Result]


@pytest.fixture(scope="session", autouse=True)
def _no_data_from_the_environment() -> Iterator[None]:
    """A developer's own LVOST_DATA must not change what the tests see."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("LVOST_DATA", raising=False)
        yield


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The embedded Leaving Las Vegas soundtrack."""
    return Catalog.load()


@pytest.fixture(scope="session")
def small() -> Catalog:
    """A three-track soundtrack that exercises what the embedded one lacks."""
    return Catalog.load(SMALL)


@pytest.fixture
def invoke() -> Invoke:
    """Run the real command line at a fixed width, colour off, like a pipe would."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": None, "TERM": "xterm", **(env or {})})
        return runner.invoke(app, list(args), prog_name="lvost")

    return run
