from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvost.core.errors import LvostError, NotFoundError, UsageError
from lvost.questions.catalog import Catalog
from lvost.questions.search import AreaMatch, search


def ranked(catalog: Catalog, query: str) -> list[int]:
    return [hit.track.number for hit in search(catalog, query)]


# The cases in search()'s docstring.
def test_sting_finds_the_three_songs_he_sings(catalog: Catalog) -> None:
    assert ranked(catalog, "sting") == [2, 12, 19]


def test_performer_ranks_above_a_mention_in_notes(catalog: Catalog) -> None:
    assert ranked(catalog, "cage") == [16, 19]
    hits = search(catalog, "cage")
    assert hits[0].matched[0] == AreaMatch("performers", "Nicolas Cage")
    assert {m.area for m in hits[1].matched} == {"notes"}


def test_every_word_must_match(catalog: Catalog) -> None:
    assert ranked(catalog, "blues ben") == [20]
    assert ranked(catalog, "BLUES") == [20]


def test_writers_genres_and_themes_are_searched(catalog: Catalog) -> None:
    assert ranked(catalog, "mercer") == [14]
    assert ranked(catalog, "bossa") == [10]
    assert ranked(catalog, "loneliness") == [1, 5, 9, 19, 23]
    assert {m.area for h in search(catalog, "loneliness") for m in h.matched} == {"themes"}


def test_whole_words_beat_word_starts(catalog: Catalog) -> None:
    hits = search(catalog, "sera")
    assert [h.track.number for h in hits] == [11, 13, 15, 23, 6]  # "Sera's" only starts with it
    assert hits[0].score > hits[-1].score


def test_title_beats_performer_beats_writer(small: Catalog) -> None:
    assert ranked(small, "rails") == [3, 1]  # title "Rain & Rails", then performer "The Rails"
    assert ranked(small, "quill") == [2, 1]  # performer, then writer


def test_a_phrase_in_a_title_ranks_first(catalog: Catalog) -> None:
    assert ranked(catalog, "sera talks")[0] in (11, 23)
    assert ranked(catalog, "talks to the cab") == [23]


def test_short_words_inside_longer_words_of_notes_do_not_match(catalog: Catalog) -> None:
    # "listing" holds "sting", but notes only match whole words and word starts.
    assert 4 not in ranked(catalog, "sting")


def test_results_are_best_first_then_album_order(catalog: Catalog) -> None:
    hits = search(catalog, "jazz")
    keys = [(-h.score, h.track.number) for h in hits]
    assert keys == sorted(keys)


def test_no_match_suggests(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError) as caught:
        search(catalog, "palladinso")
    assert str(caught.value) == 'nothing matches "palladinso". Did you mean "The Palladinos"?'


@pytest.mark.parametrize("query", ["", "   ", "?!"])
def test_a_query_without_words_is_a_usage_error(catalog: Catalog, query: str) -> None:
    with pytest.raises(UsageError):
        search(catalog, query)


@given(st.text(max_size=30))
@settings(max_examples=200)
def test_search_answers_any_text(query: str) -> None:
    catalog = Catalog.load()
    try:
        hits = search(catalog, query)
    except LvostError as exc:
        assert str(exc)
    else:
        assert hits
        assert all(hit.matched for hit in hits)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
