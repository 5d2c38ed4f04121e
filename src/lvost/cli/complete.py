"""TAB completion: the candidates for each argument, and nothing else.

Completion runs on every TAB press, so a candidate list that cannot be made
(a broken data file, say) is simply empty: it never prints an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import typer

from lvost.cli.quickcomplete import field_list, for_bash, starting_with, typed_line
from lvost.core.errors import LvostError
from lvost.core.names import KINDS
from lvost.questions.catalog import Catalog

Completer = Callable[[typer.Context, str], list[str]]


def _catalog(ctx: typer.Context) -> Catalog | None:
    root = ctx.find_root().params
    data, soundtrack = root.get("data"), ctx.params.get("soundtrack")
    try:
        if data and not soundtrack:
            return Catalog.load(Path(data))
        from lvost.questions.soundtracks import scope_of
        from lvost.store.library import location

        return scope_of(location(root.get("library")), soundtrack)  # every soundtrack, or the one named
    except LvostError:
        return None


def soundtrack_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from lvost.questions.soundtracks import ids
    from lvost.store.library import location

    try:
        return starting_with(incomplete, ids(location(ctx.find_root().params.get("library"))))
    except LvostError:
        return []


def _for_shell(candidates: list[str]) -> list[str]:
    # bash puts a candidate into the line as it is, so it must come escaped for
    # the quoting it lands in; zsh and fish quote candidates themselves.
    if os.environ.get("_LVOST_COMPLETE") != "complete_bash":
        return candidates
    index = int(os.environ.get("COMP_CWORD", "0") or 0)
    return for_bash(candidates, typed_line(os.environ.get("COMP_WORDS", ""), index))


def titles(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = _catalog(ctx)
    names = catalog.titles() if catalog else []
    return _for_shell(starting_with(incomplete, names))


def themes(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = _catalog(ctx)
    return starting_with(incomplete, [th.id for th in catalog.themes] if catalog else [])


def genres(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = _catalog(ctx)
    return _for_shell(starting_with(incomplete, catalog.genres() if catalog else []))


def kinds(incomplete: str) -> list[str]:
    return starting_with(incomplete, KINDS)


def column_names(kind: str) -> Callable[[str], list[str]]:
    """Column names for --fields of the listing ``kind``."""

    def complete(incomplete: str) -> list[str]:
        return field_list(kind, incomplete)

    return complete
