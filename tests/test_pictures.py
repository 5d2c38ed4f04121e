from __future__ import annotations

import io

import pytest
from rich.console import Console, RenderableType

from lvost.format.models import Track
from lvost.output.pictures import arc_view, bar, stats_view
from lvost.questions.catalog import Catalog
from lvost.questions.stats import count


def lines_of(renderable: RenderableType, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


@pytest.mark.parametrize(
    ("value", "largest", "width", "expected"),
    [(4, 8, 4, "██"), (1, 8, 4, "▌"), (0, 8, 4, ""), (8, 8, 4, "████"), (1, 1000, 4, "▏"), (3, 0, 4, "")],
)
def test_bar(value: int, largest: int, width: int, expected: str) -> None:
    assert bar(value, largest, width) == expected


def test_stats_view_draws_bars_in_proportion(catalog: Catalog) -> None:
    lines = lines_of(stats_view("LLV", count(catalog), 80), 80)
    score = next(line for line in lines if line.startswith("score "))
    song = next(line for line in lines if line.startswith("song "))
    assert score.split()[1] == "17"
    assert score.count("█") == 30
    assert song.count("█") == 8  # 5/17 of 30 is 8.8: eight full blocks and a part
    assert lines[-1] == "Running time: unknown; no track has a known duration."
    assert max(map(len, lines)) <= 80


def test_arc_at_80_columns(catalog: Catalog) -> None:
    lines = lines_of(arc_view(catalog, catalog.themes, 80), 80)
    assert max(map(len, lines)) <= 80
    header_units = lines[3]
    assert header_units.split() == [str(n % 10) for n in range(1, 26)]
    kinds = next(line for line in lines if line.startswith("kind"))
    assert kinds.split()[1:] == [
        "d",
        "s",
        "c",
        "c",
        "c",
        "c",
        "c",
        "c",
        "c",
        "c",
        "+",
        "s",
        "c",
        "s",
        "c",
        "d",
        "c",
        "c",
        "s",
        "c",
        "c",
        "c",
        "d",
        "c",
        "s",
    ]
    lament = next(line for line in lines if line.startswith("Lament for what is lost"))
    marks = lament[len(lament) - 50 :].split()
    assert [i + 1 for i, m in enumerate(marks) if m == "●"] == [2, 11, 20, 24]
    for theme in catalog.themes:
        assert any(line.startswith(theme.name) for line in lines), theme.name
    assert "our reading, not fact" in lines[-2]


def test_arc_splits_into_blocks_when_narrow(catalog: Catalog) -> None:
    themes = catalog.themes_with_genre("blues")
    lines = lines_of(arc_view(catalog, themes, 50), 50)
    assert max(map(len, lines)) <= 50
    rows = [line for line in lines if line.startswith("Lament")]
    assert len(rows) == 2
    marked = "".join(row[17:] for row in rows).split()
    assert [i + 1 for i, m in enumerate(marked) if m == "●"] == [2, 11, 20, 24]


def test_arc_marks_unknown_and_mixed_kinds(small: Catalog) -> None:
    odd = Track(number=9, title="Odd")
    catalog = Catalog(small.data.model_copy(update={"tracks": [*small.data.tracks, odd]}))
    kinds = next(
        line for line in lines_of(arc_view(catalog, catalog.themes, 80), 80) if line.startswith("kind")
    )
    assert kinds.split()[1:] == ["s", "c", "d", "?"]
