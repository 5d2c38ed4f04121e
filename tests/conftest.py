from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from typer.testing import CliRunner, Result

from lvost.cli.main import app
from lvost.questions.catalog import Catalog
from support import SMALL

Invoke = Callable[..., Result]

TERMINAL: dict[str, str | None] = {
    "COLUMNS": "100",
    "LINES": "40",
    "TTY_COMPATIBLE": "1",
    "TERM": "dumb",
    "NO_COLOR": None,
}
"""A terminal (so lists are tables) of fixed size, whose TERM asks for no escape codes.
(Rich takes a dumb terminal to be 80 columns wide unless both COLUMNS and LINES are set.)"""


@pytest.fixture(scope="session", autouse=True)
def _own_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A developer's own LVOST_DATA must not change what the tests see, and the
    tests keep their cache entries and libraries to themselves."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("LVOST_DATA", raising=False)
        patch.setenv("LVOST_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        # never the developer's own library; a test that changes one names its own
        patch.setenv("LVOST_LIBRARY", str(tmp_path_factory.mktemp("library") / "library.db"))
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
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
    """Run the real command line as if on a 100-column terminal that shows no styles."""

    def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
        runner = CliRunner(env={**TERMINAL, **(env or {})})
        return runner.invoke(app, list(args), prog_name="lvost")

    return run


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    """A monkeypatch that Hypothesis's repeated examples may share."""
    with pytest.MonkeyPatch.context() as patch:
        yield patch
