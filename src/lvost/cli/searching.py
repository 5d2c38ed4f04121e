"""Where a search is answered from: the loaded catalog, or for a large file the
cached index, which answers alike without loading the catalog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lvost import cache, datafile, index, lean
from lvost.catalog import Catalog
from lvost.cli.app import data_path, keep_until_exit, load_catalog
from lvost.formats import Format
from lvost.names import embedded_path
from lvost.search import Hit

INDEX_MIN_BYTES = 4 * 1024 * 1024
"""Files at least this large are searched through an index kept in the cache."""

SUMMARY_FIELDS = {"number", "title", "score", "matched"}
"""What a hit from the index knows; other fields need the whole catalog."""


def find(query: Sequence[str], fmt: Format, fields: str | None) -> tuple[Catalog | None, list[Hit]]:
    """The hits for ``query``, with the catalog they came from when it was loaded."""
    from lvost.search import search

    path, label = data_path()
    source = path or embedded_path()
    if not _index_serves(source, fmt, fields):
        catalog = load_catalog()
        return catalog, search(catalog, query)
    kept = cache.load(source, "index")
    if not isinstance(kept, index.SearchIndex):
        kept = _build_index(source, label)
    return None, index.search(kept, query)


def _build_index(source: Path, label: str | None) -> index.SearchIndex:
    """Read the file once, quickly if the lean reader vouches for it, else with
    the models (which name what is wrong); keep the index in the cache."""
    made_from = cache.key(source)  # taken first: a file that changes while read is never kept as it was
    name = label or str(source)
    raw = datafile.read_bytes(source, name)
    with datafile.paused_gc():
        data = lean.read(raw)
        plain = data is not None and lean.plain_strings(raw)
        data = data or datafile.from_bytes(raw, name)
        built = index.build(data.tracks, data.themes, plain=plain)
        # Kept, or else freed while the collector is off: alive and not frozen when
        # it comes back on, all of it would be walked at once (80 ms for 100,000 tracks).
        keep_until_exit(data)
        del data
    cache.store(source, "index", built, made_from)
    return built


def _index_serves(source: Path, fmt: Format, fields: str | None) -> bool:
    """Whether the index can give this answer: a large file, and nothing asked of
    the hits but what the index keeps (JSON without --fields asks for whole tracks)."""
    wanted = {f.strip() for f in (fields or "number,title,matched").split(",") if f.strip()}
    if (fmt == "json" and not fields) or not wanted <= SUMMARY_FIELDS:
        return False
    try:
        return source.stat().st_size >= INDEX_MIN_BYTES
    except OSError:
        return False
