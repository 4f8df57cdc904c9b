"""The demo newsroom's content: the Musk-Bezos dinner at Mar-a-Lago and the stories around it.

The prose lives in data files under demo/data/ (actors.json, stories.json with one Markdown
body per story in stories/<slug>.md, relationships.json); this module reads them into typed
records. Data only; demo.loader builds it through the services editors' work goes through.
"""

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from actors.models import Actor, Relationship
from articles.models import Article
from contributors.models import Contributor

DATA = Path(__file__).resolve().parent / "data"

# For the demo only: printed on screen by load_demo, which refuses to run with DEBUG off.
DEMO_PASSWORD = "demo-password-2024"  # noqa: S105

PARIS = ZoneInfo("Europe/Paris")
SCHEDULED_IN = dt.timedelta(days=30)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    group: str = ""  # Empty for the superuser, who needs none.

    @property
    def role(self) -> str:
        return self.group or "superuser"


USERS = (
    DemoUser("admin", "Admin", "Démo"),
    DemoUser("editor", "Hélène", "Garnier", group="Editor"),
    DemoUser("reporter", "Karim", "Benali", group="Reporter"),
    DemoUser("exporter", "Sophie", "Moreau", group="Export staff"),
)


@dataclass(frozen=True)
class DemoContributor:
    slug: str
    name: str
    role: str
    bio: str
    username: str = ""  # the demo account they are, if any


# Who signs the demo's stories: two of the desk, and two with no account of their own (a
# freelance correspondent, an agency).
CONTRIBUTORS = (
    DemoContributor(
        "karim-benali", "Karim Benali", Contributor.Role.REPORTER,
        "Journaliste au service Tech, il suit les patrons de la Silicon Valley.",
        username="reporter",
    ),
    DemoContributor(
        "helene-garnier", "Hélène Garnier", Contributor.Role.EDITOR,
        "Rédactrice en chef adjointe, chargée de la politique américaine.",
        username="editor",
    ),
    DemoContributor(
        "lea-fontaine", "Léa Fontaine", Contributor.Role.CORRESPONDENT,
        "Correspondante indépendante à Washington.",
    ),
    DemoContributor("afp", "AFP", Contributor.Role.AGENCY, "Agence France-Presse."),
)  # fmt: skip

# (slug, name, description, position)
SECTIONS = (
    ("tech", "Tech", "Les entreprises et les patrons de la technologie.", 1),
    ("politique", "Politique", "Le pouvoir, les élections et leur financement.", 2),
    ("espace", "Espace", "Agences, lanceurs et conquête spatiale.", 3),
)


def _paris(value: str) -> dt.datetime:
    """A wall-clock time in Paris, as the data files write publication times."""
    return dt.datetime.fromisoformat(value).replace(tzinfo=PARIS)


def _text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _records(name: str, record_type: type, **convert: Callable[[Any], Any]) -> tuple:
    """The records of a JSON file under demo/data, each field passed through its converter."""
    return tuple(
        record_type(**{key: convert.get(key, _same)(value) for key, value in record.items()})
        for record in json.loads(_text(name))
    )


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class DemoActor:
    slug: str
    name: str
    kind: str
    description: str
    sort_name: str = ""
    wikidata_id: str = ""
    website: str = ""
    aliases: tuple[str, ...] = ()

    def fields(self) -> dict[str, str]:
        """The actor's own fields, as keyword arguments of actors.services.actor_create."""
        return {
            f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "aliases"
        }


ACTORS = _records("actors.json", DemoActor, kind=Actor.Kind, aliases=tuple)


@dataclass(frozen=True)
class DemoStory:
    slug: str
    title: str
    kicker: str
    standfirst: str
    body: str
    section: str
    contributors: tuple[str, ...]  # slugs of CONTRIBUTORS, in byline order
    tags: tuple[str, ...]
    about: tuple[str, ...]
    mentions: tuple[str, ...]
    language: str = Article.Language.FRENCH
    # A fixed date keeps re-runs and screenshots stable; None with scheduled=False is a draft.
    publish_at: dt.datetime | None = None
    scheduled: bool = False
    lead_image: str = ""  # the key of one of demo.pictures.PICTURES


STORIES = _records(
    "stories.json",
    DemoStory,
    body=_text,  # the file holding the Markdown body, e.g. stories/<slug>.md
    language=Article.Language,
    publish_at=_paris,
    contributors=tuple,
    tags=tuple,
    about=tuple,
    mentions=tuple,
)

MAIN_STORY = "musk-bezos-diner-trump-mar-a-lago"
CONTRACTS = "spacex-blue-origin-bataille-contrats-nasa"
DONATIONS = "meta-amazon-openai-trump-inauguration-fund"
POST = "bezos-trump-washington-post-rapprochement"
CAMPAIGN = "elon-musk-200-millions-campagne-republicaine"
WEDDING = "bezos-sanchez-projets-de-mariage"
ANALYSIS = "analyse-tech-second-mandat-trump"

# Editor-picked related stories; each pair is shown from both ends.
RELATED = (
    (MAIN_STORY, CONTRACTS),
    (MAIN_STORY, DONATIONS),
    (MAIN_STORY, POST),
    (MAIN_STORY, CAMPAIGN),
    (DONATIONS, POST),
    (DONATIONS, CAMPAIGN),
    (WEDDING, MAIN_STORY),
    (ANALYSIS, MAIN_STORY),
    (ANALYSIS, DONATIONS),
)


@dataclass(frozen=True)
class DemoRelationship:
    source: str
    kind: str
    target: str
    note: str
    evidence: tuple[str, ...]  # Published stories only: evidence is shown to readers.
    status: str = Relationship.Status.REPORTED
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    amount: Decimal | None = None
    currency: str = ""

    def facts(self) -> dict[str, Any]:
        """What actors.services.relationship_record records besides the actors and evidence."""
        linked = {"source", "kind", "target", "evidence"}
        return {
            f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in linked
        }


RELATIONSHIPS = _records(
    "relationships.json",
    DemoRelationship,
    evidence=tuple,
    status=Relationship.Status,
    started_on=dt.date.fromisoformat,
    ended_on=dt.date.fromisoformat,
    amount=Decimal,
)
