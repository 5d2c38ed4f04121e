"""Write a synthetic soundtrack catalog in lvost's format, for benchmarks.

    python bench/make_catalog.py 100000 /tmp/catalog-100k.json

Titles, names and notes are drawn, with a fixed seed, from a vocabulary of a few
hundred words (real words common in song titles, and made-up ones), so the same
size always gives the same file and a word such as "angel" is about as rare as in
a real catalog: it turns up in roughly one track in thirty.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

REAL = [
    "blue",
    "night",
    "rain",
    "street",
    "neon",
    "desert",
    "lonely",
    "river",
    "midnight",
    "angel",
    "road",
    "silver",
    "motel",
    "glass",
    "smoke",
    "velvet",
    "cab",
    "bar",
    "dawn",
    "echo",
    "mirror",
    "shadow",
    "train",
    "ghost",
    "harbor",
    "whisper",
    "fever",
    "honey",
    "stone",
    "paper",
    "moon",
    "heart",
    "love",
    "time",
    "dream",
    "fire",
    "home",
    "light",
    "sun",
    "sky",
    "city",
    "town",
    "song",
    "dance",
    "morning",
    "evening",
    "summer",
    "winter",
    "autumn",
    "spring",
    "rose",
    "wine",
    "whiskey",
    "gold",
    "diamond",
    "highway",
    "window",
    "door",
    "letter",
    "kiss",
    "goodbye",
    "tomorrow",
    "yesterday",
    "forever",
    "crying",
    "laughing",
    "running",
    "falling",
    "burning",
    "broken",
    "lost",
    "found",
    "sweet",
    "bitter",
    "cold",
    "warm",
    "wild",
    "quiet",
    "empty",
]
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ven",
    "do",
    "su",
    "tel",
    "mar",
    "ri",
    "na",
    "zo",
    "bel",
    "tor",
    "quin",
    "sa",
    "le",
    "fo",
]
WORDS = REAL + sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("", "n", "s")})[:300]
NAMES = [
    "Ada",
    "Bo",
    "Cy",
    "Dee",
    "Eli",
    "Fay",
    "Gus",
    "Hal",
    "Ida",
    "Jo",
    "Kit",
    "Lou",
    "Max",
    "Ned",
    "Ola",
    "Pru",
    "Rex",
    "Sal",
    "Tam",
    "Val",
]
SURNAMES = [
    "Quill",
    "Lint",
    "Marsh",
    "Vega",
    "Stone",
    "Rivers",
    "Bell",
    "Crane",
    "Frost",
    "Hale",
    "Ives",
    "Kane",
]
GENRES = ["jazz", "blues", "vocal jazz", "bossa nova", "spoken word", "torch song", "score"]
KINDS = ["song", "score", "dialogue"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}"


def track(rng: random.Random, number: int) -> dict[str, object]:
    title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(2, 5)))
    return {
        "number": number,
        "title": title,
        "performers": [{"name": person(rng), "role": "vocals"}] if rng.random() < 0.4 else [],
        "writers": [{"name": person(rng), "role": rng.choice(["music", "lyrics", None])}],
        "kinds": [rng.choice(KINDS)],
        "kind_inferred": rng.random() < 0.5,
        "genres": rng.sample(GENRES, rng.randint(1, 2)),
        "duration_seconds": rng.randint(30, 400) if rng.random() < 0.7 else None,
        "notes": [" ".join(rng.choice(WORDS) for _ in range(12)) + "."],
    }


def catalog(size: int, seed: int = 1995) -> dict[str, object]:
    rng = random.Random(seed)
    tracks = [track(rng, n) for n in range(1, size + 1)]
    themes = [
        {
            "id": f"theme-{i}",
            "name": f"Theme {i}: {rng.choice(WORDS)}",
            "description": "A thread through the catalog.",
            "genres": rng.sample(GENRES, 2),
            "tracks": sorted(rng.sample(range(1, size + 1), min(size, 200))),
        }
        for i in range(1, 21)
    ]
    album = {"title": f"Synthetic Catalog ({size:,} tracks)", "year": 2026}
    return {"schema_version": 1, "soundtrack": {"album": album}, "tracks": tracks, "themes": themes}


def main() -> None:
    size, out = int(sys.argv[1]), Path(sys.argv[2])
    out.write_text(json.dumps(catalog(size), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
