"""The soundtrack data format, defined once as Pydantic models.

The JSON Schema, the validation errors and the Python types all come from here.
Every model forbids unknown keys, so a misspelt field in a data file is an error
rather than a silently ignored value. Unknown facts are ``null`` or an empty list.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = 1

Kind = Literal["song", "score", "dialogue"]
KINDS: tuple[Kind, ...] = ("song", "score", "dialogue")

Text = Annotated[str, Field(pattern=r"\S")]
"""A string with at least one visible character."""


def normalize_genre(name: str) -> str:
    """Fold a genre name to one spelling: lower case, single spaces, no padding.

    >>> normalize_genre("  Vocal   JAZZ ")
    'vocal jazz'
    """
    return " ".join(name.split()).lower()


Genre = Annotated[Text, AfterValidator(normalize_genre)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
SourceId = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Credit(_Model):
    """A person or group with what they did, when that is known."""

    name: Text
    role: str | None = None


class Track(_Model):
    number: int = Field(ge=1)
    title: Text
    alternate_titles: list[Text] = []
    performers: list[Credit] = []
    writers: list[Credit] = []
    kinds: list[Kind] = []
    kind_inferred: bool = False
    genres: list[Genre] = []
    instruments: list[Text] = []
    duration_seconds: int | None = Field(default=None, ge=0)
    notes: list[Text] = []
    sources: list[SourceId] = []


class Theme(_Model):
    """An interpretation: a thread of meaning that runs through some tracks."""

    id: Slug
    name: Text
    description: str | None = None
    genres: list[Genre] = []
    tracks: list[int] = []
    sources: list[SourceId] = []


class Release(_Model):
    label: Text
    catalog_number: str | None = None
    format: str | None = None
    year: int | None = None


class Chart(_Model):
    chart: Text
    peak: int | None = Field(default=None, ge=1)
    note: str | None = None


class Review(_Model):
    source: SourceId
    rating: str | None = None
    note: str | None = None


class Album(_Model):
    title: Text
    year: int | None = None
    releases: list[Release] = []
    score_composer: str | None = None
    musicians: list[Credit] = []
    recording: str | None = None
    description: str | None = None
    charts: list[Chart] = []
    reviews: list[Review] = []
    sources: list[SourceId] = []


class CastMember(_Model):
    actor: Text
    role: str | None = None


class RelatedFilm(_Model):
    title: Text
    year: int | None = None
    note: str | None = None


class Film(_Model):
    title: Text
    year: int | None = None
    release_date: datetime.date | None = None
    director: str | None = None
    screenwriter: str | None = None
    based_on: str | None = None
    cast: list[CastMember] = []
    running_time_minutes: list[int] = Field(
        default=[], description="Every running time the sources report, when they differ."
    )
    awards: list[Text] = []
    related_films: list[RelatedFilm] = []
    sources: list[SourceId] = []


class Source(_Model):
    id: SourceId
    name: Text
    site: str | None = None
    date: datetime.date | None = None


class Soundtrack(_Model):
    album: Album
    film: Film | None = None
    sources: list[Source] = []


class SoundtrackFile(_Model):
    """A whole data file: the album and film, its tracks and its themes."""

    schema_version: Literal[1]
    soundtrack: Soundtrack
    tracks: list[Track] = Field(min_length=1)
    themes: list[Theme] = []

    @model_validator(mode="after")
    def _references_hold(self) -> SoundtrackFile:
        problems = cross_reference_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def cross_reference_problems(data: SoundtrackFile) -> list[str]:
    """Every broken link between parts of a file, each naming where it is.

    Checks: track numbers and theme ids are unique, every theme names tracks that
    exist, and every source id used somewhere is listed under soundtrack.sources.
    """
    problems: list[str] = []
    first_at: dict[int, int] = {}
    for i, track in enumerate(data.tracks):
        if track.number in first_at:
            problems.append(
                f"tracks[{i}].number: track number {track.number} is already used"
                f" by tracks[{first_at[track.number]}]"
            )
        else:
            first_at[track.number] = i
    theme_at: dict[str, int] = {}
    for i, theme in enumerate(data.themes):
        if theme.id in theme_at:
            problems.append(
                f"themes[{i}].id: theme id {theme.id!r} is already used by themes[{theme_at[theme.id]}]"
            )
        else:
            theme_at[theme.id] = i
        for j, number in enumerate(theme.tracks):
            if number not in first_at:
                problems.append(f"themes[{i}].tracks[{j}]: there is no track number {number}")
    known = {source.id for source in data.soundtrack.sources}
    for path, ids in _source_references(data):
        problems.extend(
            f"{path}[{k}]: source {sid!r} is not listed in soundtrack.sources"
            for k, sid in enumerate(ids)
            if sid not in known
        )
    return problems


def _source_references(data: SoundtrackFile) -> list[tuple[str, list[str]]]:
    album = data.soundtrack.album
    refs = [("soundtrack.album.sources", album.sources)]
    refs += [(f"soundtrack.album.reviews[{i}].source", [r.source]) for i, r in enumerate(album.reviews)]
    if data.soundtrack.film is not None:
        refs.append(("soundtrack.film.sources", data.soundtrack.film.sources))
    refs += [(f"tracks[{i}].sources", t.sources) for i, t in enumerate(data.tracks)]
    refs += [(f"themes[{i}].sources", t.sources) for i, t in enumerate(data.themes)]
    return refs
