"""Write a synthetic soundtrack catalog in lvost's format, for benchmarks.

    python bench/make_catalog.py 100000 /tmp/catalog-100k.json
    python bench/make_catalog.py 100000 /tmp/catalog-100k-foreign.json --foreign 0.3
    python bench/make_catalog.py 100000 /tmp/catalog-100k-realistic.json --realistic

Titles, names and notes are drawn, with a fixed seed, from a vocabulary of a few
hundred words (real words common in song titles, and made-up ones), so the same
size always gives the same file and a word such as "angel" is about as rare as in
a real catalog: it turns up in roughly one track in thirty. With ``--foreign``
that share of the tracks have their titles and notes spelt with accents (half of
them) or in Cyrillic letters (the other half), for text that is not plain ASCII.

With ``--realistic`` each track instead carries what one of the real album's
tracks carries (credits with their roles, notes, instruments, genres, kinds,
sources) under a made-up title, the file opens with the real album, film and
sources, and each real theme holds the tracks made from its own. So there is as
much text per track as in the real data, and about one track in six mentions
"angel" somewhere: in its title, a note or a credit.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

REAL_DATA = Path(__file__).resolve().parent.parent / "data" / "tracks.json"

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


ACCENTED = str.maketrans("aeiouc", "àéîöúç")
CYRILLIC = str.maketrans("abekmnoprstuxy", "абекмнопрстуху")


def spelt_otherwise(rng: random.Random, tracks: list[dict[str, object]], share: float) -> None:
    for entry in tracks:
        if rng.random() < share:
            letters = ACCENTED if rng.random() < 0.5 else CYRILLIC
            entry["title"] = str(entry["title"]).translate(letters)
            entry["notes"] = [str(note).translate(letters) for note in entry["notes"]]  # type: ignore[attr-defined]


def catalog(size: int, seed: int = 1995, foreign: float = 0.0) -> dict[str, object]:
    rng = random.Random(seed)
    tracks = [track(rng, n) for n in range(1, size + 1)]
    spelt_otherwise(random.Random(seed + 1), tracks, foreign)
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


ANGEL_SHARE = 1 / 6
"""How many tracks of a realistic catalog mention "angel"."""
TITLE_WORDS = [w for w in WORDS if w != "angel"]
"""Words for a realistic catalog's titles: "angel" goes only where it is chosen to."""
ANGEL_NOTES = [
    'The horns quote "Angel Eyes" for a bar or two, then wander away from it.',
    "Taped in Los Angeles in a single late take.",
    "The lyric calls her an angel; the piano underneath sounds less sure.",
]
ANGEL_CREDITS = [
    ("performers", {"name": "Angel Ibarra", "role": "guitar"}),
    ("performers", {"name": "The Fallen Angels", "role": "band"}),
    ("writers", {"name": "Angela Rossi", "role": "lyrics"}),
]


def mentions_angel(value: object) -> bool:
    """Whether "angel" turns up anywhere in ``value``, in any case (as ``jq test`` finds it)."""
    return "angel" in json.dumps(value).casefold()


def real_tracks(tracks: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The real tracks without their titles: those that never say "angel" once
    the title is gone, and those that still do."""
    bodies = [{**t, "title": None, "alternate_titles": []} for t in tracks]
    return [b for b in bodies if not mentions_angel(b)], [b for b in bodies if mentions_angel(b)]


def realistic_track(
    rng: random.Random, number: int, plain: list[dict[str, Any]], angelic: list[dict[str, Any]]
) -> tuple[dict[str, Any], int]:
    """A track whose body is copied from a real one, and that real track's number.

    With ``ANGEL_SHARE`` odds the track is made to mention "angel" once: in its
    title, in a note (a real one or one of ours) or in a credit."""
    title = [rng.choice(TITLE_WORDS).capitalize() for _ in range(rng.randint(2, 5))]
    body = rng.choice(plain)
    if rng.random() < ANGEL_SHARE:
        where = rng.choice(["title", "title", "note", "note", "credit"])
        if where == "title":
            title.insert(rng.randrange(len(title) + 1), "Angel")
        elif where == "note" and angelic and rng.random() < 0.5:
            body = rng.choice(angelic)
        elif where == "note":
            body = {**body, "notes": [*body["notes"], rng.choice(ANGEL_NOTES)]}
        else:
            part, credit = rng.choice(ANGEL_CREDITS)
            body = {**body, part: [*body[part], credit]}
    return {**body, "number": number, "title": " ".join(title)}, body["number"]


def realistic_catalog(size: int, seed: int = 1995) -> dict[str, object]:
    """``size`` tracks shaped like the embedded album's, with its header and themes."""
    rng = random.Random(seed)
    real = json.loads(REAL_DATA.read_text(encoding="utf-8"))
    plain, angelic = real_tracks(real["tracks"])
    tracks: list[dict[str, Any]] = []
    copies: dict[int, list[int]] = {}
    for number in range(1, size + 1):
        made, model = realistic_track(rng, number, plain, angelic)
        tracks.append(made)
        copies.setdefault(model, []).append(number)
    # A made track belongs to the themes of the real track it copies.
    themes = [
        {**theme, "tracks": sorted(n for model in theme["tracks"] for n in copies.get(model, []))}
        for theme in real["themes"]
    ]
    return {"schema_version": 1, "soundtrack": real["soundtrack"], "tracks": tracks, "themes": themes}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("size", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--foreign", type=float, default=0.0, help="share of tracks not in plain ASCII")
    parser.add_argument(
        "--realistic", action="store_true", help="copy the real tracks' credits, notes and sources"
    )
    options = parser.parse_args()
    if options.realistic and options.foreign:
        parser.error("--realistic and --foreign do not go together")
    if options.realistic:
        data = realistic_catalog(options.size)
    else:
        data = catalog(options.size, foreign=options.foreign)
    options.out.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
