"""What the sections and topics routes answer (OpenAPI schemas)."""

from ninja import Schema
from pydantic import Field


class SectionOut(Schema):
    slug: str
    name: str
    description: str
    position: int = Field(description="The desk's order: sections are listed by it.")
    url: str
    stories_url: str = Field(description="The section's public stories in this API.")


class TopicOut(Schema):
    slug: str
    name: str
    public_stories: int = Field(description="How many public stories use the topic.")
    url: str
    api_url: str
    stories_url: str = Field(description="The topic's public stories in this API.")


class TopicPage(Schema):
    results: list[TopicOut]
    next: str | None = Field(description="The next page; null on the last one.")
