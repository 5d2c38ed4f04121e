"""TAB completion: the candidates for each argument, and nothing else.

Completion runs on every TAB press, so a candidate list that cannot be made
(a broken data file, say) is simply empty: it never prints an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import typer

from lvost.catalog import Catalog
from lvost.columns import FIELD_NAMES
from lvost.errors import LvostError
from lvost.matching import normalize
from lvost.models import KINDS

Completer = Callable[[typer.Context, str], list[str]]


def _catalog(ctx: typer.Context) -> Catalog | None:
    data = ctx.find_root().params.get("data")
    try:
        return Catalog.load(Path(data) if data else None)
    except LvostError:
        return None


def starting_with(incomplete: str, names: Iterable[str]) -> list[str]:
    """The ``names`` that begin with what has been typed, by case or by ``normalize``.

    >>> starting_with("its a", ["It's a Lonesome Old Town", "Intro"])
    ["It's a Lonesome Old Town"]
    """
    typed, folded = incomplete.casefold(), normalize(incomplete)
    return [
        n for n in dict.fromkeys(names) if n.casefold().startswith(typed) or normalize(n).startswith(folded)
    ]


def _for_shell(names: list[str]) -> list[str]:
    # bash inserts a candidate as it is, so a title with spaces must come escaped;
    # zsh and fish quote candidates themselves.
    if os.environ.get("_LVOST_COMPLETE") == "complete_bash":
        return [n.replace("\\", "\\\\").replace(" ", "\\ ").replace("'", "\\'") for n in names]
    return names


def titles(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = _catalog(ctx)
    names = [t.title for t in catalog.tracks] if catalog else []
    return _for_shell(starting_with(incomplete, names))


def themes(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = _catalog(ctx)
    return starting_with(incomplete, [th.id for th in catalog.themes] if catalog else [])


def genres(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = _catalog(ctx)
    return _for_shell(starting_with(incomplete, catalog.genres() if catalog else []))


def kinds(incomplete: str) -> list[str]:
    return starting_with(incomplete, KINDS)


def fields(kind: str) -> Callable[[str], list[str]]:
    """Field names for --fields: after the last comma, the names not yet given."""

    def complete(incomplete: str) -> list[str]:
        done, _, last = incomplete.rpartition(",")
        given = set(done.split(","))
        prefix = f"{done}," if done else ""
        return [prefix + n for n in FIELD_NAMES[kind] if n.startswith(last) and n not in given]

    return complete
