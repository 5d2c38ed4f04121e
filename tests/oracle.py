"""The search rules applied the slow way, track by track in Python: what the
store's answers are held to."""

from __future__ import annotations

from collections.abc import Sequence

from lvost.core.matching import normalize
from lvost.core.query import parse
from lvost.questions.catalog import Catalog
from lvost.questions.search import Hit, matches_in, score_texts, texts_of


def every_hit(catalog: Catalog, query: Sequence[str]) -> list[Hit]:
    """Every track that ``query`` admits, scored by ``score_texts``, best first, ties in album order."""
    terms = parse(query)
    hits = []
    for track in catalog.tracks:
        texts = list(texts_of(track, [theme.name for theme in catalog.themes_of(track)]))
        found = score_texts(terms, [f for f, _ in texts], [normalize(v) for _, v in texts])
        if found is not None:
            hits.append(Hit(track, found[0], matches_in(texts, found[1])))
    return sorted(hits, key=lambda h: (-h.score, h.track.number))
