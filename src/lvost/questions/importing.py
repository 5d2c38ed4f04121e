"""Reading a folder of audio files into a soundtrack, with mutagen.

``read_folder`` reads the tags and the real length of every audio file below a
folder; ``build`` turns what was read into a new soundtrack file; ``merge`` fills
in what an existing soundtrack does not know, and never replaces what it does.
Nothing here prints or writes files: the command line reports and writes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lvost.core.errors import AmbiguousError, LvostError, NotFoundError
from lvost.core.names import normalize_genre
from lvost.core.text import visible
from lvost.format.models import LARGEST_COUNT, LONGEST_TRACK, SCHEMA_VERSION, Credit, SoundtrackFile, Track
from lvost.questions.catalog import Catalog

AUDIO_SUFFIXES = {".mp3", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".mp4", ".wav"}


@dataclass(frozen=True)
class AudioFile:
    """What one file says about itself; ``None`` or empty for what it does not say."""

    path: Path
    seconds: int | None
    title: str | None = None
    album: str | None = None
    year: int | None = None
    label: str | None = None
    track: int | None = None
    disc: int | None = None
    performers: tuple[str, ...] = ()
    composers: tuple[str, ...] = ()
    lyricists: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


@dataclass
class Report:
    """What an import found, for the user to read."""

    read: list[AudioFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Matches, files not placed, conflicts: one sentence each."""


def candidates(folder: Path) -> list[Path]:
    """Every file below ``folder`` (discs are often subfolders), in a stable order."""
    return sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: str(p.relative_to(folder)))


def read_file(path: Path) -> AudioFile | Skipped:
    """The tags and length of one file, or why it was passed over."""
    import mutagen

    try:
        audio = mutagen.File(path)
    except PermissionError:
        return Skipped(path, "cannot be read (permission denied)")
    except OSError as exc:
        return Skipped(path, f"cannot be read ({exc.strerror or exc})")
    except mutagen.MutagenError as exc:
        return Skipped(path, f"cannot be read as audio or its tags are broken ({exc})")
    if audio is None:
        reason = (
            "not an audio file" if path.suffix.lower() not in AUDIO_SUFFIXES else "not audio lvost can read"
        )
        return Skipped(path, reason)
    length = getattr(audio.info, "length", None)
    if not length:
        return Skipped(path, "has no length (no audio in it)")
    tags = _tags(audio.tags)
    return AudioFile(
        path=path,
        # A header can claim any length: one past what the format takes is not known.
        seconds=round(length) if round(length) <= LONGEST_TRACK else None,
        title=_first(tags.get("title")),
        album=_first(tags.get("album")),
        year=_year(_first(tags.get("date"))),
        label=_first(tags.get("label")),
        track=_number(_first(tags.get("track"))),
        disc=_number(_first(tags.get("disc"))),
        performers=tuple(tags.get("artist", ())),
        composers=tuple(tags.get("composer", ())),
        lyricists=tuple(tags.get("lyricist", ())),
        genres=tuple(tags.get("genre", ())),
    )


def read_folder(folder: Path, progress: Callable[[Path], None] = lambda _: None) -> Report:
    """Read every file below ``folder``; ``progress`` is told of each as it is read."""
    report = Report()
    for path in candidates(folder):
        result = read_file(path)
        progress(path)
        if isinstance(result, Skipped):
            report.skipped.append(result)
        else:
            report.read.append(result)
    return report


# Tags, whatever the format calls them.

_ID3 = {
    "TIT2": "title", "TALB": "album", "TDRC": "date", "TYER": "date", "TPUB": "label", "TRCK": "track",
    "TPOS": "disc", "TPE1": "artist", "TCOM": "composer", "TEXT": "lyricist", "TCON": "genre",
}  # fmt: skip
_MP4 = {
    "\xa9nam": "title", "\xa9alb": "album", "\xa9day": "date", "trkn": "track", "disk": "disc",
    "\xa9ART": "artist", "\xa9wrt": "composer", "\xa9gen": "genre",
}  # fmt: skip
_VORBIS = {
    "title": "title", "album": "album", "date": "date", "year": "date", "organization": "label",
    "label": "label", "publisher": "label", "tracknumber": "track", "discnumber": "disc", "artist": "artist",
    "performer": "artist", "composer": "composer", "lyricist": "lyricist", "genre": "genre",
}  # fmt: skip


def _tags(tags: Any) -> dict[str, list[str]]:
    """The tags as lists of text under lvost's own names."""
    found: dict[str, list[str]] = {}
    if tags is None:
        return found
    if hasattr(tags, "getall"):  # ID3, in MP3 and WAV files
        for frame_id, known_as in _ID3.items():
            for frame in tags.getall(frame_id):
                found.setdefault(known_as, []).extend(str(t) for t in getattr(frame, "text", []))
        return _cleaned(found)
    for key, values in tags.items():
        name: str | None = _MP4.get(key) or _VORBIS.get(str(key).lower())
        if name is None:
            continue
        listed = values if isinstance(values, list) else [values]
        for value in listed:
            text = f"{value[0]}/{value[1]}" if isinstance(value, tuple) else str(value)
            found.setdefault(name, []).append(text)
    return _cleaned(found)


def _cleaned(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """The tags without values that would show nothing (the models refuse those).

    >>> _cleaned({"title": [" Angel Eyes ", "\\u200b"], "genre": ["\\ufeff "]})
    {'title': ['Angel Eyes']}
    """
    kept = {k: [v.strip() for v in vs if visible(v)] for k, vs in found.items()}
    return {k: vs for k, vs in kept.items() if vs}


def _first(values: Sequence[str] | None) -> str | None:
    return values[0] if values else None


def _number(text: str | None) -> int | None:
    """The number in a track or disc tag: "2", "2/25", "02" all give 2; one the
    format cannot take gives none.

    >>> _number("2/25"), _number("07"), _number("x"), _number("0"), _number("4294967295")
    (2, 7, None, None, None)
    """
    found = re.match(r"\s*(\d+)", text or "")
    number = int(found.group(1)) if found else 0
    return number if 0 < number <= LARGEST_COUNT else None


def _year(text: str | None) -> int | None:
    found = re.match(r"\s*(\d{4})", text or "")
    return int(found.group(1)) or None if found else None  # no year 0


# A new soundtrack from the files.


def album_order(files: Iterable[AudioFile]) -> list[AudioFile]:
    """Disc, then track number, then file name; a file without a number after those with."""
    big = 10**9
    return sorted(files, key=lambda f: (f.disc or 1, f.track or big, f.path.name.casefold()))


def soundtrack(report: Report, folder: Path, existing: Catalog | None) -> SoundtrackFile:
    """What an import makes of ``report``: a new soundtrack, or ``existing`` filled in.
    A folder in which no file could be read is an error: there is nothing to make."""
    if not report.read:
        raise LvostError(f"no audio file in {folder} could be read; nothing was written")
    return build(report, folder) if existing is None else merge(existing, report)


def build(report: Report, folder: Path) -> SoundtrackFile:
    """A soundtrack file holding every file read, in album order.

    Track numbers are the tags' own when the album has one disc and no two files
    share a number; otherwise the tracks are numbered 1, 2, 3… in album order (the
    disc kept beside them), and a note says why.
    """
    ordered = album_order(report.read)
    numbers = _tag_numbers(ordered, report)
    tracks = [_track(f, number) for f, number in zip(ordered, numbers, strict=True)]
    album: dict[str, Any] = {
        "title": _most_common(f.album for f in ordered) or _visible_name(folder.resolve().name) or "Untitled"
    }
    year = _most_common(f.year for f in ordered)
    if year:
        album["year"] = year
    label = _most_common(f.label for f in ordered)
    if label:
        album["releases"] = [{"label": label}]
    listed = [t.model_dump(exclude_defaults=True) for t in tracks]
    data = {"schema_version": SCHEMA_VERSION, "soundtrack": {"album": album}, "tracks": listed}
    return SoundtrackFile.model_validate(data)


def _tag_numbers(ordered: Sequence[AudioFile], report: Report) -> list[int]:
    discs = {f.disc or 1 for f in ordered}
    seen: dict[tuple[int, int], AudioFile] = {}
    clash = None
    for f in ordered:
        if f.track is None:
            continue
        place = (f.disc or 1, f.track)
        if place in seen and clash is None:
            clash = (seen[place], f)
        seen.setdefault(place, f)
    if clash:
        first, second = clash
        report.notes.append(
            f"{first.path.name} and {second.path.name} both say track {second.track}; "
            "the tracks are numbered in album order instead"
        )
    if len(discs) == 1 and clash is None:
        taken = {f.track for f in ordered if f.track is not None}
        spare = iter(n for n in range(1, len(ordered) + len(taken) + 2) if n not in taken)
        return [f.track if f.track is not None else next(spare) for f in ordered]
    return list(range(1, len(ordered) + 1))


def _track(f: AudioFile, number: int) -> Track:
    return Track(
        number=number,
        title=f.title or _visible_name(f.path.stem) or _readable(f.path.name),
        performers=[Credit(name=n) for n in f.performers],
        writers=_writers(f),
        genres=[normalize_genre(g) for g in f.genres],
        duration_seconds=f.seconds,
        disc=f.disc,
        file=file_path(f.path),
    )


def file_path(path: Path) -> str | None:
    """Where the audio file is, as the format keeps it: absolute, and ``None`` for
    a path that is not UTF-8, which a soundtrack file (JSON text) cannot hold."""
    spelt = str(path.resolve())
    try:
        spelt.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return spelt


def _visible_name(name: str) -> str | None:
    """A file or folder name to stand for a missing tag, unless it would show
    nothing. Bytes of the name that are not UTF-8 become U+FFFD: a title is text."""
    readable = _readable(name)
    return readable if visible(readable) else None


def _readable(name: str) -> str:
    """``name`` with the bytes Python could not decode (kept as lone surrogates)
    replaced by U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _writers(f: AudioFile) -> list[Credit]:
    """Composers write the music, lyricists the words."""
    return [Credit(name=n, role="music") for n in f.composers] + [
        Credit(name=n, role="lyrics") for n in f.lyricists
    ]


def _most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


# Filling in an existing soundtrack.


def merge(existing: Catalog, report: Report) -> SoundtrackFile:
    """``existing`` with what the files add: values it lacks (durations first, then
    performers, writers, genres and where the file is). A known value is never replaced; a file that
    disagrees with one is a conflict, noted. Files are placed by track number, then
    by title (matched as ``show`` matches); a file that fits neither is noted."""
    updates: dict[int, dict[str, Any]] = {}
    placed: dict[int, Path] = {}
    for f in album_order(report.read):
        track, how = _place(existing, f)
        if track is None:
            report.notes.append(f"{f.path.name}: not placed ({how})")
            continue
        if track.number in placed:
            report.notes.append(
                f"{f.path.name}: not placed (track {track.number} already has {placed[track.number].name})"
            )
            continue
        placed[track.number] = f.path
        report.notes.append(f'{f.path.name} → track {track.number} "{track.title}" ({how})')
        updates[track.number] = _additions(track, f, report)
    tracks = [t.model_copy(update=updates.get(t.number, {})) for t in existing.data.tracks]
    merged = existing.data.model_copy(update={"tracks": tracks})
    # Only what the file had, and what the import added, is written back.
    return SoundtrackFile.model_validate(merged.model_dump(by_alias=True, exclude_unset=True))


def _place(existing: Catalog, f: AudioFile) -> tuple[Track | None, str]:
    if f.track is not None and (f.disc or 1) == 1:
        by_number = {t.number: t for t in existing.tracks}
        if f.track in by_number:
            return by_number[f.track], "by number"
    if f.title:
        try:
            return existing.find_track(f.title), "by title"
        except AmbiguousError:
            return None, f'the title "{f.title}" fits several tracks'
        except NotFoundError:
            return None, f'no track number {f.track} and no title like "{f.title}"'
        except LvostError as exc:
            return None, str(exc)
    return None, "no track number or title that fits"


def _additions(track: Track, f: AudioFile, report: Report) -> dict[str, Any]:
    """What ``f`` adds to ``track``: only fields the track leaves unknown."""
    found: dict[str, Any] = {}
    offered: dict[str, Any] = {
        "duration_seconds": f.seconds,
        "performers": [Credit(name=n) for n in f.performers],
        "writers": _writers(f),
        "genres": [normalize_genre(g) for g in f.genres],
        "file": file_path(f.path),
    }
    for name, value in offered.items():
        known = getattr(track, name)
        if not value:
            continue
        if known in (None, []):
            found[name] = value
        elif not _agrees(name, known, value):
            report.notes.append(
                f"{f.path.name}: {name} {_shown(value)} differs from track {track.number}'s {_shown(known)}; "
                "kept the track's"
            )
    return found


def _agrees(name: str, known: Any, offered: Any) -> bool:
    if name in ("duration_seconds", "file"):
        return bool(known == offered)
    names = {getattr(v, "name", v).casefold() for v in known}
    return {getattr(v, "name", v).casefold() for v in offered} <= names


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(getattr(v, "name", str(v)) for v in value)
    return str(value)
