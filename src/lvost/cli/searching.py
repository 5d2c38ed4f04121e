"""The search command's question: the best hits, and how many there are."""

from __future__ import annotations

from collections.abc import Sequence

from lvost.catalog import Catalog
from lvost.cli.app import load_catalog
from lvost.search import Found


def find(query: Sequence[str], limit: int | None) -> tuple[Catalog, Found]:
    """The ``limit`` best hits for ``query`` (all for ``None``), with their catalog."""
    from lvost.search import best

    catalog = load_catalog()
    return catalog, best(catalog, query, limit)
