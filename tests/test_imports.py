"""lvost uses only the public API of what it depends on (issue 11).

A private module or name of a dependency (``typer._click``, ``pydantic._internal``,
``atexit._run_exitfuncs``) may move or vanish in any release, so src/ must not reach
for one: not by an import, not by an attribute of an imported module, and not by a
public module that merely happens to import it (``typer.main.get_current_context``
is ``typer._click.globals.get_current_context`` under another name).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

SRC = Path(__file__).parents[1] / "src" / "lvost"
OURS = "lvost"

DENIED = {
    "json.decoder.scanstring": "it is undocumented; json.JSONDecoder().raw_decode reads a string",
    "json.scanner": "it is undocumented",
}
"""Names without an underscore that are private all the same."""


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def references(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Each dotted name of another package that ``tree`` imports or reads, with its line.

    ``import a.b``, ``from a.b import c`` and ``x.y.z`` where ``x`` was bound by an
    import all count; relative imports are lvost's own and are left out.
    """
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    bound[top] = top
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                path = f"{node.module}.{alias.name}"
                yield node.lineno, path
                bound[alias.asname or alias.name] = path
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            parts: list[str] = []
            inner: ast.expr = node
            while isinstance(inner, ast.Attribute):
                parts.append(inner.attr)
                inner = inner.value
            if isinstance(inner, ast.Name) and inner.id in bound:
                yield node.lineno, ".".join([bound[inner.id], *reversed(parts)])


def _split(path: str) -> tuple[ModuleType, list[str]] | None:
    """The deepest module that ``path`` names, and the attribute names after it."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            module = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        return module, parts[cut:]
    return None


def laundered(path: str) -> str | None:
    """Where a name that a third-party module only passes on comes from, if that is private.

    A package may hand out what its own private modules define (``typer.BadParameter``,
    ``textual.widgets.DataTable``), and anything it lists in ``__all__``; a name that a
    public module merely imported for its own use is not its to give.
    """
    split = _split(path)
    if split is None or not split[1]:
        return None
    module, (name, *_rest) = split
    value = getattr(module, name, None)
    if inspect.ismodule(value):
        home = value.__name__
    elif inspect.isclass(value) or inspect.isroutine(value):
        home = value.__module__
    else:
        return None  # a constant or an instance: where its class lives says nothing
    if not isinstance(home, str) or not any(map(_private, home.split("."))):
        return None
    if home.startswith(module.__name__ + "._") or name in getattr(module, "__all__", ()):
        return None
    return home


def problem(path: str) -> str | None:
    """Why ``path``, a dotted name of another package, is not for lvost to use."""
    top, *rest = path.split(".")
    if top == OURS:
        return None
    if any(map(_private, rest)):
        return "it is private to " + top
    for denied, why in DENIED.items():
        if path == denied or path.startswith(denied + "."):
            return why
    if top not in sys.stdlib_module_names:
        home = laundered(path)
        if home:
            return f"it is {home}'s, which is private"
    return None


def problems_in(source: str, filename: str = "<test>") -> list[str]:
    tree = ast.parse(source, filename)
    found = {(line, path, problem(path)) for line, path in references(tree)}
    return [f"{filename}:{line}: {path}: {why}" for line, path, why in sorted(found) if why]


def test_src_uses_no_private_api_of_a_dependency() -> None:
    files = sorted(SRC.rglob("*.py"))
    assert files
    found = [
        issue
        for file in files
        for issue in problems_in(file.read_text(encoding="utf-8"), str(file.relative_to(SRC.parent)))
    ]
    assert not found, "private API of a dependency in src/:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "from typer._click.core import ParameterSource",
        "from typer._click import exceptions",
        "import typer._click.globals",
        "import pydantic._internal._model_construction as m",
        "from rich._loop import loop_last",
        "from typer import _click",
        "import atexit\natexit._run_exitfuncs()",
        "import json\njson.decoder.scanstring('a\"', 0)",
        "from json import decoder\ndecoder.scanstring('a\"', 0)",
        "from json.decoder import scanstring",
        "import typer\ntyper._click.exceptions.UsageError",
        "import typer.main\ntyper.main.get_current_context()",
        "from typer.main import get_current_context",
    ],
)
def test_a_private_name_is_caught(source: str) -> None:
    assert problems_in(source)


@pytest.mark.parametrize(
    "source",
    [
        "from __future__ import annotations",
        "import typer\ntyper.BadParameter, typer.TyperException, typer.Context, typer.Exit",
        "from typer.core import TyperGroup",
        "from pydantic import ValidationError",
        "from textual.widgets import DataTable",
        "from textual.widgets.option_list import Option",
        "import mutagen\nmutagen.File",
        "import os\nos.environ.__getitem__",
        "from lvost import _anything",
        "import json\njson.JSONDecoder().raw_decode",
    ],
)
def test_a_public_name_passes(source: str) -> None:
    assert problems_in(source) == []


def test_packages_run_no_code_when_imported() -> None:
    """Importing ``lvost.cli.quickcomplete`` runs ``lvost/__init__.py`` and
    ``lvost/cli/__init__.py`` first: any import there would load on every TAB."""
    busy = [
        str(init.relative_to(SRC))
        for init in sorted(SRC.rglob("__init__.py"))
        if any(
            not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
            for node in ast.parse(init.read_text(encoding="utf-8")).body
        )
    ]
    assert busy == []
