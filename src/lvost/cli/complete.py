"""TAB completion: the candidates for each argument, and nothing else.

Completion runs on every TAB press, so a candidate list that cannot be made
(a broken data file, say) is simply empty: it never prints an error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import typer

from lvost.catalog import Catalog
from lvost.errors import LvostError
from lvost.names import FIELD_NAMES, KINDS

Completer = Callable[[typer.Context, str], list[str]]


def _catalog(ctx: typer.Context) -> Catalog | None:
    data = ctx.find_root().params.get("data")
    try:
        return Catalog.load(Path(data) if data else None)
    except LvostError:
        return None


def starting_with(incomplete: str, names: Iterable[str]) -> list[str]:
    """The ``names`` that begin with what has been typed, in any case, spelt with
    the typed part kept as typed (the shell keeps only candidates that start with it).

    >>> starting_with("it", ["It's a Lonesome Old Town", "Intro"])
    ["it's a Lonesome Old Town"]
    >>> starting_with("", ["Mara", "Mara"])
    ['Mara']
    """
    typed = incomplete.casefold()
    unique = dict.fromkeys(names)
    return [incomplete + n[len(incomplete) :] for n in unique if n.casefold().startswith(typed)]


def for_bash(candidates: list[str], raw_word: str) -> list[str]:
    r"""Candidates as bash must insert them, where it puts them in the line as they are.

    Inside an open quote they go in unchanged; otherwise spaces and the
    characters bash treats specially are escaped with a backslash.

    >>> for_bash(["Rain & Rails"], "Ra"), for_bash(["Rain & Rails"], '"Ra')
    (['Rain\\ \\&\\ Rails'], ['Rain & Rails'])
    """
    if raw_word[:1] in ("'", '"'):
        return candidates
    return [_BASH_SPECIAL.sub(r"\\\g<0>", c) for c in candidates]


_BASH_SPECIAL = re.compile(r"[^\w./,:@%+=-]")


def _for_shell(candidates: list[str]) -> list[str]:
    # bash puts a candidate into the line as it is, so it must come escaped;
    # zsh and fish quote candidates themselves.
    if os.environ.get("_LVOST_COMPLETE") != "complete_bash":
        return candidates
    words = shlex_split_raw(os.environ.get("COMP_WORDS", ""))
    index = int(os.environ.get("COMP_CWORD", "0") or 0)
    return for_bash(candidates, words[index] if index < len(words) else "")


def shlex_split_raw(line: str) -> list[str]:
    r"""``line`` split at unquoted, unescaped white space, each word kept as typed.

    (Typer's bash script joins the words with newlines.)

    >>> shlex_split_raw('lvost show "Ben P')
    ['lvost', 'show', '"Ben P']
    >>> shlex_split_raw("lvost\nshow\nBen\\ P x")
    ['lvost', 'show', 'Ben\\ P', 'x']
    """
    words, current, quote, escaped = [], "", "", False
    for char in line:
        if escaped:
            current, escaped = current + char, False
        elif char == "\\" and quote != "'":
            current, escaped = current + char, True
        elif quote:
            current += char
            quote = "" if char == quote else quote
        elif char in "'\"":
            current, quote = current + char, char
        elif char.isspace():
            if current:
                words.append(current)
            current = ""
        else:
            current += char
    return [*words, current] if current or line[-1:].isspace() else words


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
