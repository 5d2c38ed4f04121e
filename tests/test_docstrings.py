"""The examples in docstrings are specs: each one runs here, against the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import lvost

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(lvost.__path__, "lvost.")
    if not m.ispkg and m.name != "lvost.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_spec_modules_have_examples() -> None:
    counts = {name: doctest.testmod(importlib.import_module(name)).attempted for name in MODULES}
    assert all(
        counts[m] > 0
        for m in (
            "lvost.core.matching",
            "lvost.format.datafile",
            "lvost.output.listings",
            "lvost.core.names",
            "lvost.core.query",
        )
    )
