"""The store against the rules: for any soundtrack and any query, SQLite's answer
(with its full-text index or by a plain scan) is what scoring every track in
Python gives, hit for hit and in the same order."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvost.core.errors import LvostError
from lvost.core.matching import normalize
from lvost.format.models import SoundtrackFile
from lvost.questions.catalog import Catalog, TrackFilter
from lvost.questions.search import best, keep_matching, search
from lvost.store import schema
from lvost.store.rebuild import construct
from oracle import every_hit
from support import MINIMAL, soundtracks, variant, word

term = st.builds(
    lambda sign, field, words: f"{sign}{field}{words}",
    st.sampled_from(["", "", "-", "^"]),
    st.sampled_from(["", "", "title:", "performer:", "artist:", "kind:", "genre:", "theme:", "note:"]),
    st.lists(word, min_size=1, max_size=2).map(" ".join),
)
queries = st.lists(term, min_size=1, max_size=3)


def summary(hits: list[Any]) -> list[tuple[object, ...]]:
    return [(h.track.number, h.score, h.matched) for h in hits]


def answer(catalog: Catalog, query: list[str]) -> list[tuple[object, ...]] | str:
    try:
        return summary(search(catalog, query))
    except LvostError as exc:
        return type(exc).__name__


def expected(catalog: Catalog, query: list[str]) -> list[tuple[object, ...]] | str:
    try:
        hits = every_hit(catalog, query)
    except LvostError as exc:
        return type(exc).__name__
    if not any(not t.startswith(("-", "^")) for t in query):
        return "UsageError"
    return summary(hits) or "NotFoundError"


@given(soundtracks(), queries)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_search_answers_as_every_track_scored(
    monkeypatch_module: pytest.MonkeyPatch, data: dict[str, Any], query: list[str]
) -> None:
    model = SoundtrackFile.model_validate_json(json.dumps(data))
    with_index, scanned = Catalog(model), _scanned(model, monkeypatch_module)
    assert with_index.store.full_text
    assert not scanned.store.full_text
    wanted = expected(with_index, query)
    assert answer(with_index, query) == wanted
    assert answer(scanned, query) == wanted
    if isinstance(wanted, list):
        for limit in (1, 2):
            found = best(with_index, query, limit)
            assert (summary(list(found.hits)), found.shown, found.total) == (
                wanted[:limit],
                min(limit, len(wanted)),
                len(wanted),
            )


@given(soundtracks(), queries, st.sampled_from(["number", "title", "artist"]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_query_terms_keep_what_the_rules_admit_in_the_order_asked(
    data: dict[str, Any], query: list[str], sort: Any
) -> None:
    catalog = Catalog(SoundtrackFile.model_validate_json(json.dumps(data)))
    try:
        admitted = {h.track.number for h in every_hit(catalog, query)}
    except LvostError:
        return
    ordered = sorted(catalog.tracks, key=_SORTS[sort])
    kept = catalog.select_tracks(TrackFilter(sort=sort, query=tuple(query)))
    assert [t.number for t in kept] == [t.number for t in ordered if t.number in admitted]
    assert [t.number for t in keep_matching(catalog, catalog.tracks, query)] == sorted(admitted)


@given(soundtracks())
@settings(max_examples=100, deadline=None)
def test_a_store_gives_back_the_soundtrack_it_was_given(data: dict[str, Any]) -> None:
    model = SoundtrackFile.model_validate_json(json.dumps(data))
    catalog = Catalog(model)
    assert catalog.data.model_dump(by_alias=True) == model.model_dump(by_alias=True)
    dumped = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert (
        construct(SoundtrackFile, dumped).model_dump(mode="json", by_alias=True, exclude_unset=True) == dumped
    )


def test_search_text_holds_each_value_normalized_between_spaces() -> None:
    from lvost.store.write import padded

    assert padded(["its a town", "ben and bill"]) == " its a town | ben and bill "
    assert padded([]) == ""
    assert padded([""]) == "  "
    data = variant(tracks=[{"number": 1, "title": "It\u2019s a Town", "alternate_titles": ["?!"]}])
    catalog = Catalog(SoundtrackFile.model_validate_json(json.dumps(data)))
    stored = catalog.store.connection.execute("SELECT title, performers FROM search_text").fetchall()
    assert stored == [(" its a town |  ", "")]


def test_the_full_text_index_can_be_told_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    connection = sqlite3.connect(":memory:")
    assert schema.has_full_text(connection)
    monkeypatch.setenv("LVOST_NO_FULL_TEXT", "1")
    catalog = Catalog(SoundtrackFile.model_validate_json(json.dumps(MINIMAL)))
    assert not catalog.store.full_text
    assert [h.track.number for h in search(catalog, "two")] == [2]


def _scanned(model: SoundtrackFile, patch: pytest.MonkeyPatch) -> Catalog:
    patch.setenv("LVOST_NO_FULL_TEXT", "1")
    try:
        return Catalog(model)
    finally:
        patch.delenv("LVOST_NO_FULL_TEXT")


def _artist(track: Any) -> tuple[int, str, int]:
    if not track.performers:
        return (1, "", track.number)
    return (0, normalize(track.performers[0].name), track.number)


_SORTS: dict[str, Any] = {
    "number": lambda t: (t.number,),
    "title": lambda t: (normalize(t.title), t.number),
    "artist": _artist,
}
