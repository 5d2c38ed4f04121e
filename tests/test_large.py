"""A 100,000-track catalog, made by bench/make_catalog.py: the store answers as
the rules say, with the full-text index and without it, with the cache and without it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lvost.cli.main import app
from lvost.questions.catalog import Catalog
from lvost.questions.search import search
from lvost.store import cache
from oracle import every_hit

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


QUERIES = (["angel"], ["midnight", "train"], ["kind:song", "^blue"], ["genre:bossa", "rain"], ["ng"])


def test_the_store_answers_as_every_track_scored_would_on_100000_tracks(
    large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, "")
    catalog = Catalog.load(large)
    monkeypatch.setenv("LVOST_NO_FULL_TEXT", "1")
    scanned = Catalog.load(large)
    assert catalog.store.full_text
    assert not scanned.store.full_text
    for query in QUERIES:
        expected = summary(every_hit(catalog, query))
        assert summary(search(catalog, query)) == expected, query
        assert summary(search(scanned, query)) == expected, query


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
    assert list((tmp_path / "cache").glob(f"*{cache.SUFFIX}"))
    second = run(str(tmp_path / "cache"))
    assert uncached == first == second
    assert len(uncached.splitlines()) > 1000
