"""What the story routes answer, as the OpenAPI document describes it.

Plain pydantic models (ninja's ``Schema`` would read each dict through an ORM getter): the
routes build dicts, ninja validates them against these before sending, so an answer never
strays from the document. ninjs is described loosely (the keys every document has, the rest
allowed): IPTC's own schema is the reference for it, and the tests check answers against it.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

DateTime = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
Url = Annotated[str, Field(json_schema_extra={"format": "uri"})]


class StorySection(BaseModel):
    slug: str
    name: str


class StoryRendition(BaseModel):
    name: str
    url: Url
    media_type: str
    width: int
    height: int
    size: int | None


class StoryPicture(BaseModel):
    uuid: str
    content_hash: str
    url: Url
    media_type: str
    width: int
    height: int
    alt_text: str
    caption: str
    credit: str
    source: str
    renditions: list[StoryRendition]


class StoryContributor(BaseModel):
    name: str
    slug: str
    role: str
    url: Url


class StoryTopic(BaseModel):
    name: str
    slug: str


class StoryActor(BaseModel):
    """An actor as the story tags it: who, and in what role (about, mentions, quoted...)."""

    slug: str
    name: str
    kind: str
    wikidata_id: str
    role: str
    position: int
    sort_name: str
    description: str
    website: str
    aliases: list[str]


class StoryLink(BaseModel):
    uuid: str
    slug: str
    title: str
    url: Url


class StoryCorrection(BaseModel):
    text: str
    published_at: DateTime | None


class StoryOut(BaseModel):
    """A story in the newsroom's JSON (the export's record, with public links only)."""

    uuid: str
    url: Url
    slug: str
    kicker: str
    title: str
    standfirst: str
    body: str | None = Field(description="The Markdown source: export keys only (else null).")
    body_html: str = Field(description="The body as readers see it, sanitised HTML.")
    language: str
    status: str
    section: StorySection | None
    publish_at: DateTime | None
    first_published_at: DateTime | None
    created_at: DateTime
    updated_at: DateTime
    version: int
    canonical_url: str
    lead_image: StoryPicture | None
    contributors: list[StoryContributor] = Field(description="In byline order.")
    topics: list[StoryTopic]
    actors: list[StoryActor]
    related: list[StoryLink] = Field(description="The editor's picks readers can open.")
    corrections: list[StoryCorrection]


class NinjsOut(BaseModel):
    """An IPTC ninjs 3.1 document (https://iptc.org/std/ninjs/): the keys every story's
    document carries are listed; the others follow IPTC's schema."""

    model_config = ConfigDict(extra="allow")

    uri: str
    type: str
    version: str
    firstCreated: DateTime  # noqa: N815 - ninjs's names
    versionCreated: DateTime  # noqa: N815
    pubStatus: str  # noqa: N815
    language: str
    headlines: list[dict]
    altIds: list[dict]  # noqa: N815
    standard: dict


class StoryPage(BaseModel):
    items: list[StoryOut]
    next: str | None = Field(description="The next page's address; null on the last page.")


class NinjsPage(BaseModel):
    items: list[NinjsOut]
    next: str | None = Field(description="The next page's address; null on the last page.")
