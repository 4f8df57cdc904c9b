"""What the actors, relationships and connection-finder routes answer (OpenAPI schemas)."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from actors.models import Actor, Relationship

Kind = Literal[tuple(Actor.Kind.values)]
Status = Literal[tuple(Relationship.Status.values)]


class StoryRef(Schema):
    """A public story that reports a relationship."""

    uuid: UUID
    title: str
    language: str
    published_at: datetime | None
    url: str = Field(description="The story's page for readers.")
    api_url: str = Field(description="The story in this API.")


class ActorRef(Schema):
    slug: str
    name: str
    kind: Kind
    url: str
    api_url: str


class ActorItem(ActorRef):
    description: str
    wikidata_id: str | None = Field(description="Q-id, as Q317521; null when unknown.")
    aliases: list[str]


class RelationshipKindOut(Schema):
    slug: str
    label: str = Field(description="Read from the source's side, as 'owns'.")
    inverse_label: str = Field(description="Read from the target's side, as 'owned by'.")
    symmetric: bool


class RelationshipFacts(Schema):
    id: int
    api_url: str
    kind: RelationshipKindOut
    started_on: date | None
    ended_on: date | None
    amount: str | None = Field(description="A decimal number, as text so that none is lost.")
    currency: str | None = Field(description="ISO 4217 code of the amount.")
    status: Status
    note: str
    evidence: list[StoryRef] = Field(description="Public stories reporting it, newest first.")


class RelationshipFromSide(RelationshipFacts):
    """A relationship of one actor, read from that actor's side, as on its page."""

    label: str = Field(description="How it reads from this actor's side: 'owns', 'owned by'.")
    direction: Literal["outgoing", "incoming"] = Field(
        description="outgoing: this actor is the source; incoming: the target."
    )
    other: ActorRef
    more_evidence: bool = Field(
        description="More public stories report it than the newest five listed here: its "
        "api_url lists them all."
    )


class RelationshipOut(RelationshipFacts):
    source: ActorRef
    target: ActorRef
    label: str = Field(description="As read from the source: 'source owns target'.")
    inverse_label: str = Field(description="As read from the target: 'target owned by source'.")


class ActorDetail(ActorItem):
    sort_name: str
    wikidata_url: str | None
    website: str | None
    updated_at: datetime
    connections_url: str = Field(description="The connection finder from this actor (add ?to=).")
    relationships: list[RelationshipFromSide] = Field(
        description="Its public relationships as on its page (by kind, then date), at most 50."
    )
    more_relationships: bool = Field(description="It has more: relationships_url lists them all.")
    relationships_url: str = Field(description="All its public relationships, a page at a time.")


class ActorPage(Schema):
    results: list[ActorItem]
    next: str | None = Field(description="The next page; null on the last one.")


class RelationshipPage(Schema):
    results: list[RelationshipOut]
    next: str | None


class ConnectionStep(Schema):
    origin: ActorRef
    other: ActorRef
    labels: list[str] = Field(description="How the step reads from the origin's side.")
    relationships: list[int] = Field(description="Ids of the public relationships it rests on.")
    sources: list[StoryRef] = Field(description="Public stories reporting it, oldest first.")


class Chain(Schema):
    steps: list[ConnectionStep]


class ConnectionsOut(Schema):
    source: ActorRef
    target: ActorRef | None = Field(description="Null when ``to`` names several actors.")
    candidates: list[ActorRef] = Field(
        description="When ``to`` names several public actors: the ones to choose from."
    )
    more_candidates: bool
    max_steps: int
    steps: int | None = Field(description="Length of the shortest chains; null when none.")
    chains: list[Chain]
    more: bool = Field(description="More chains of that length exist than are listed.")
