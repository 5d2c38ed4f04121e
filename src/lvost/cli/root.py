"""The options given before the command (--data, --library, --no-color, --no-pager),
kept for the commands and for what prints their output."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RootOptions:
    """The options given before the command, as the main callback received them."""

    data: str | None = None
    data_from_env: bool = False
    """Whether ``data`` came from LVOST_DATA rather than --data, so errors can say so."""
    no_color: bool = False
    library: str | None = None
    no_pager: bool = False


_current = RootOptions()
"""The root options of the run in progress: the main callback sets them, and every run
starts and ends with the defaults. (Typer's way to reach the current context from
anywhere is private, so the callback keeps what the commands need here.)"""


def current() -> RootOptions:
    """The root options of the run in progress."""
    return _current


def set_current(options: RootOptions) -> None:
    global _current
    _current = options
