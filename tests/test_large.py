"""A 100,000-track catalog, made by bench/make_catalog.py: every way of searching it
gives the same answer, with the cache and without it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lvost import cache, index, lean
from lvost.catalog import Catalog
from lvost.cli import app
from lvost.search import search

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "make_catalog.py"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("make_catalog", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("large") / "catalog.json"
    path.write_text(json.dumps(module.catalog(100_000)), encoding="utf-8")
    return path


def summary(hits: list[object]) -> list[tuple[object, ...]]:
    return [(h.track.number, h.track.title, h.score, h.matched) for h in hits]  # type: ignore[attr-defined]


def test_index_and_catalog_answer_alike_on_100000_tracks(large: Path) -> None:
    catalog = Catalog.load(large)
    built = index.build(catalog.tracks, catalog.data.themes)
    lean_data = lean.read(large.read_bytes())
    assert lean_data is not None
    assert index.build(lean_data.tracks, lean_data.themes) == built
    for query in (["angel"], ["midnight", "train"], ["kind:song", "^blue"], ["genre:bossa", "rain"]):
        assert summary(index.search(built, query)) == summary(search(catalog, query)), query


def test_the_command_line_says_the_same_with_and_without_the_cache(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--data", str(large), "search", "angel", "--format", "tsv"]

    def run(cache_dir: str) -> str:
        monkeypatch.setenv(cache.ENV, cache_dir)
        result = CliRunner().invoke(app, args, prog_name="lvost")
        assert result.exit_code == 0, result.output
        return result.stdout

    uncached = run("")
    first = run(str(tmp_path / "cache"))
    assert list((tmp_path / "cache").glob("*.index.pickle"))
    second = run(str(tmp_path / "cache"))
    assert uncached == first == second
    assert len(uncached.splitlines()) > 1000
