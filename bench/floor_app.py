"""The floor of lvost's stack: a minimal Typer app that prints a 25-row Rich table
from an in-code list, with no data file and no models. Benchmarks compare lvost
against it, run with the same interpreter.

    python bench/floor_app.py tracks
    _FLOOR_COMPLETE=complete_bash COMP_WORDS="floor show Ang" COMP_CWORD=2 python bench/floor_app.py
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

TITLES = [f"Track {n}" for n in range(1, 26)] + ["Angel Eyes"]

app = typer.Typer()


def _titles(incomplete: str) -> list[str]:
    return [t for t in TITLES if t.startswith(incomplete)]


@app.command()
def tracks() -> None:
    table = Table(title="Floor")
    for header in ("#", "Title", "Performers", "Kind", "Genres", "Length"):
        table.add_column(header)
    for n in range(1, 26):
        table.add_row(str(n), TITLES[n - 1], "Someone", "score", "jazz", "-")
    Console().print(table)


@app.command()
def show(title: Annotated[str, typer.Argument(autocompletion=_titles)]) -> None:
    print(title)


if __name__ == "__main__":
    app(prog_name="floor")
