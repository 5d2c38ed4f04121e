"""The soundtrack data format, defined once as Pydantic models.

The JSON Schema, the validation errors and the Python types all come from here.
Every model forbids unknown keys, so a misspelt field in a data file is an error
rather than a silently ignored value. Unknown facts are ``null`` or an empty list.
"""

# No "from __future__ import annotations" here: Pydantic would then have to compile
# every field's annotation from a string as the classes are made, on every run.
import datetime
import json
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from lvost.core.names import Kind, normalize_genre
from lvost.core.text import VISIBLE


def _whole_number(value: object) -> object:
    """``value`` as it is, unless it is a number JSON would not write as an integer
    (true, 1.0), which a version is not, though Python counts them equal to 1."""
    if isinstance(value, (bool, float)):
        raise ValueError(f"should be the whole number 1, not {json.dumps(value)}")
    return value


SchemaVersion = Annotated[Literal[1], BeforeValidator(_whole_number)]
SCHEMA_VERSION: SchemaVersion = 1
"""The version of the format this release reads and writes (the type checker holds
it to ``SchemaVersion``, which the file's ``schema_version`` must be)."""

SLUG_WORDS = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""Lower-case words joined by hyphens: the shape of every id (theme, source, soundtrack)."""
SLUG = f"^{SLUG_WORDS}$"
"""An id, as a whole value."""

Text = Annotated[str, Field(pattern=VISIBLE)]
"""A string with at least one visible character: a name or a title made only of
white space or of characters that show nothing (zero-width spaces, byte order
marks, soft hyphens, tag characters...) would be blank on the screen."""


LARGEST_COUNT = 10**9
LONGEST_TRACK = 24 * 60 * 60
Year = Annotated[int, Field(ge=1, le=9999)]
"""A year of the common era, in four digits or fewer."""
Count = Annotated[int, Field(ge=1, le=LARGEST_COUNT)]
"""A number that counts or numbers things (a track, a disc, a chart place): the
bounds keep every sum a store makes of them within SQLite's integers."""
Seconds = Annotated[int, Field(ge=0, le=LONGEST_TRACK)]
"""A track's length: none is longer than a day."""

Genre = Annotated[Text, AfterValidator(normalize_genre)]
Slug = Annotated[str, Field(pattern=SLUG)]
SourceId = Slug


def _no_items() -> list[Any]:
    # A plain function rather than ``list``: Pydantic inspects a default factory's
    # signature each time ``model_construct`` uses it, which for a builtin means
    # parsing text, a thousand times slower.
    return []


class _Model(BaseModel):
    # Validators are built when first needed: a catalog read from the cache needs none.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class Credit(_Model):
    """A person or group with what they did, when that is known."""

    name: Text
    role: str | None = None


class Track(_Model):
    number: Count
    title: Text
    alternate_titles: list[Text] = Field(default_factory=_no_items)
    performers: list[Credit] = Field(default_factory=_no_items)
    writers: list[Credit] = Field(default_factory=_no_items)
    kinds: list[Kind] = Field(default_factory=_no_items)
    kind_inferred: bool = False
    genres: list[Genre] = Field(default_factory=_no_items)
    instruments: list[Text] = Field(default_factory=_no_items)
    duration_seconds: Seconds | None = None
    notes: list[Text] = Field(default_factory=_no_items)
    sources: list[SourceId] = Field(default_factory=_no_items)
    disc: Count | None = Field(default=None, description="The disc, on an album of several.")
    file: Text | None = Field(
        default=None, description="The path of the track's audio file, where it is known."
    )


class Theme(_Model):
    """An interpretation: a thread of meaning that runs through some tracks."""

    id: Slug
    name: Text
    description: str | None = None
    genres: list[Genre] = Field(default_factory=_no_items)
    tracks: list[Count] = Field(default_factory=_no_items)
    sources: list[SourceId] = Field(default_factory=_no_items)


class Release(_Model):
    label: Text
    catalog_number: str | None = None
    format: str | None = None
    year: Year | None = None


class Chart(_Model):
    chart: Text
    peak: Count | None = None
    note: str | None = None


class Review(_Model):
    source: SourceId
    rating: str | None = None
    note: str | None = None


class Album(_Model):
    title: Text
    year: Year | None = None
    releases: list[Release] = Field(default_factory=_no_items)
    score_composer: str | None = None
    musicians: list[Credit] = Field(default_factory=_no_items)
    recording: str | None = None
    description: str | None = None
    charts: list[Chart] = Field(default_factory=_no_items)
    reviews: list[Review] = Field(default_factory=_no_items)
    sources: list[SourceId] = Field(default_factory=_no_items)


class CastMember(_Model):
    actor: Text
    role: str | None = None


class RelatedFilm(_Model):
    title: Text
    year: Year | None = None
    note: str | None = None


class Film(_Model):
    title: Text
    year: Year | None = None
    release_date: datetime.date | None = None
    director: str | None = None
    screenwriter: str | None = None
    based_on: str | None = None
    cast: list[CastMember] = Field(default_factory=_no_items)
    running_time_minutes: list[Count] = Field(
        default=[], description="Every running time the sources report, when they differ."
    )
    awards: list[Text] = Field(default_factory=_no_items)
    related_films: list[RelatedFilm] = Field(default_factory=_no_items)
    sources: list[SourceId] = Field(default_factory=_no_items)


class Source(_Model):
    id: SourceId
    name: Text
    site: str | None = None
    date: datetime.date | None = None


class Soundtrack(_Model):
    album: Album
    film: Film | None = None
    sources: list[Source] = Field(default_factory=_no_items)


class SoundtrackFile(_Model):
    """A whole data file: the album and film, its tracks and its themes."""

    schema_: str | None = Field(
        default=None,
        alias="$schema",
        description="Where an editor finds this format's JSON Schema; lvost ignores it.",
    )
    schema_version: SchemaVersion
    soundtrack: Soundtrack
    tracks: list[Track] = Field(min_length=1)
    themes: list[Theme] = Field(default_factory=_no_items)

    @model_validator(mode="after")
    def _links_hold(self) -> "SoundtrackFile":
        from lvost.format.links import BrokenLinksError, broken_links

        links = broken_links(self)
        if links:
            raise BrokenLinksError(links)
        return self
