"""The soundtrack data format, defined once as Pydantic models.

The JSON Schema, the validation errors and the Python types all come from here.
Every model forbids unknown keys, so a misspelt field in a data file is an error
rather than a silently ignored value. Unknown facts are ``null`` or an empty list.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from lvost.links import BrokenLinksError, broken_links

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

    schema_: str | None = Field(
        default=None,
        alias="$schema",
        description="Where an editor finds this format's JSON Schema; lvost ignores it.",
    )
    schema_version: Literal[1]
    soundtrack: Soundtrack
    tracks: list[Track] = Field(min_length=1)
    themes: list[Theme] = []

    @model_validator(mode="after")
    def _links_hold(self) -> SoundtrackFile:
        links = broken_links(self)
        if links:
            raise BrokenLinksError(links)
        return self
