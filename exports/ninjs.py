"""IPTC ninjs 3.1: a story as one News in JSON document, and such a document back as a record.

The ``uri`` is ``urn:uuid:<the story's stable id>``: it survives a change of slug or domain,
which a URL would not. The public URL is carried in ``altIds`` (role ``url``).
"""

import re
import uuid

from actors.models import Actor
from articles.models import Article, ArticleActor
from common.slugs import slug_from
from exports import fields
from exports.fields import RecordError
from exports.records import (
    Record,
    absolute_media_url,
    absolute_url,
    actor_tags,
    byline,
    corrections_of,
    iso,
    plain_text,
    related_links,
    tag_names,
)

SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"
URN_PREFIX = "urn:uuid:"
WIKIDATA_ENTITY = "https://www.wikidata.org/entity/"
# ninjs keeps people, organisations, places and events in separate lists.
KIND_LISTS = {
    Actor.Kind.PERSON: "people",
    Actor.Kind.ORGANISATION: "organisations",
    Actor.Kind.PLACE: "places",
    Actor.Kind.EVENT: "events",
}
SECTION_REL = "section"
# The association holding a story's lead image (the name ninjs feeds commonly use for it).
LEAD_IMAGE_REL = "featuremedia"
SHA256_ROLE = "sha256"


def picture_association(picture) -> dict:
    """A library picture as a ninjs ``picture`` item with its renditions."""
    association = {
        "name": picture.alt_text,
        "uri": story_uri(picture.uuid),
        "rel": LEAD_IMAGE_REL,
        "type": "picture",
        "descriptions": [{"role": "alt", "contentType": "text/plain", "value": picture.alt_text}],
    }
    if picture.caption:
        association["descriptions"].append(
            {"role": "caption", "contentType": "text/plain", "value": picture.caption}
        )
    if picture.credit:
        association["by"] = picture.credit
    if picture.source:
        association["infoSources"] = [{"name": picture.source, "role": "source"}]
    renditions = [
        {
            "name": "original",
            "href": absolute_media_url(picture.file.url),
            "contentType": picture.media_type,
            "width": picture.width,
            "height": picture.height,
        }
    ]
    renditions += [
        {
            "name": rendition.spec,
            "href": absolute_media_url(rendition.url),
            "contentType": rendition.media_type,
            "width": rendition.width,
            "height": rendition.height,
            "sizeInBytes": rendition.size,
        }
        for rendition in sorted(picture.renditions.all(), key=lambda r: (r.width, r.spec))
    ]
    association["renditions"] = renditions
    association["altIds"] = [{"role": SHA256_ROLE, "value": picture.content_hash}]
    return association


def story_uri(article_uuid) -> str:
    return f"{URN_PREFIX}{article_uuid}"


def _actor_entry(tag) -> dict:
    actor = tag.actor
    entry = {"name": actor.name, "rel": tag.role}
    if actor.wikidata_id:
        entry["uri"] = WIKIDATA_ENTITY + actor.wikidata_id
    entry["literal"] = actor.slug
    return entry


def story_document(article: Article, *, public_only: bool = True) -> dict:
    """One ninjs 3.1 document; ``public_only`` leaves out links to unpublished stories."""
    body_html = article.body_html
    text = plain_text(body_html)
    doc = {
        "uri": story_uri(article.uuid),
        "type": "text",
        "version": str(article.version),
        "firstCreated": iso(article.created_at),
        "versionCreated": iso(article.updated_at),
    }
    if article.is_scheduled:
        doc["embargoedUntil"] = iso(article.publish_at)
    doc["pubStatus"] = "usable" if article.is_public else "withheld"
    doc["language"] = article.language
    doc["slugline"] = article.slug
    doc["headlines"] = [{"role": "main", "value": article.title}]
    if article.kicker:
        doc["headlines"].append({"role": "kicker", "value": article.kicker})
    descriptions = []
    if article.standfirst:
        descriptions.append(
            {"role": "summary", "contentType": "text/plain", "value": article.standfirst}
        )
    descriptions += [
        {"role": "correction", "contentType": "text/plain", "value": correction.text}
        for correction in corrections_of(article)
    ]
    if descriptions:
        doc["descriptions"] = descriptions
    doc["bodies"] = [
        {"role": "main", "contentType": "text/html", "value": body_html},
        {
            "role": "main",
            "contentType": "text/plain",
            "charCount": len(text),
            "wordCount": len(text.split()),
            "value": text,
        },
        # The source, so that an import loses nothing of the writer's formatting.
        {"role": "source", "contentType": "text/markdown", "value": article.body},
    ]
    signed = byline(article)
    if signed:
        doc["by"] = signed
    subjects = []
    if article.section is not None:
        section = article.section
        subjects.append({"name": section.name, "rel": SECTION_REL, "literal": section.slug})
    subjects += [{"name": name} for name in tag_names(article)]
    if subjects:
        doc["subjects"] = subjects
    by_kind = {key: [] for key in KIND_LISTS.values()}  # always in the same order
    for tag in actor_tags(article):
        by_kind[KIND_LISTS[tag.actor.kind]].append(_actor_entry(tag))
    doc.update((key, entries) for key, entries in by_kind.items() if entries)
    associations = [
        {
            "name": link.to_article.title,
            "uri": story_uri(link.to_article.uuid),
            "rel": "related",
            "type": "text",
        }
        for link in related_links(article)
        if link.to_article.is_public or not public_only
    ]
    if article.lead_image is not None:
        associations.insert(0, picture_association(article.lead_image))
    if associations:
        doc["associations"] = associations
    doc["altIds"] = [{"role": "url", "value": absolute_url(article)}]
    if article.canonical_url:
        doc["altIds"].append({"role": "canonical", "value": article.canonical_url})
    doc["standard"] = {"name": "ninjs", "version": "3.1", "schema": SCHEMA_URI}
    return doc


# --- Reading ninjs back (ours, or another system's as far as the fields map) ---------------


class NinjsError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def uuid_from_uri(uri: str) -> str:
    """Our ``urn:uuid:`` gives the story's id back; another URI, a stable id derived from it."""
    if uri.lower().startswith(URN_PREFIX):
        try:
            return str(uuid.UUID(uri[len(URN_PREFIX) :]))
        except ValueError:
            pass
    return str(uuid.uuid5(uuid.NAMESPACE_URL, uri))


_WIKIDATA = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q[1-9][0-9]*)$")


def _role(entry: dict, default: str) -> str:
    rel = entry.get("rel") or entry.get("role") or ""
    return rel if rel in ArticleActor.Role.values else default


def _by_role(items: list, role: str) -> list:
    return [item for item in items if item.get("role") == role]


def _first(items: list, *roles: str) -> dict | None:
    for role in roles:
        found = _by_role(items, role)
        if found:
            return found[0]
    return items[0] if items else None


def _text_list(doc: dict, key: str) -> list[dict]:
    items = doc.get(key) or []
    if not isinstance(items, list) or not all(
        isinstance(item, dict) and isinstance(item.get("value", ""), str) for item in items
    ):
        raise NinjsError(key, f"{key} must be a list of objects with a text value.")
    return items


def _objects(doc: dict, key: str) -> list[dict]:
    items = doc.get(key) or []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise NinjsError(key, f"{key} must be a list of objects.")
    return items


def _body(bodies: list[dict]) -> str:
    for content_type in ("text/markdown", "text/plain"):
        for body in bodies:
            if body.get("contentType") == content_type:
                return body.get("value", "")
    for body in bodies:
        if body.get("contentType") in (None, "text/html"):
            return plain_text(body.get("value", ""))
    return ""


def _actors(doc: dict) -> list[Record]:
    actors = []
    for kind, key in KIND_LISTS.items():
        for index, entry in enumerate(_objects(doc, key)):
            name = entry.get("name")
            if not name or not isinstance(name, str):
                raise NinjsError(f"{key}[{index}].name", "every entry needs a name.")
            match = _WIKIDATA.match(entry.get("uri") or "")
            actors.append(
                {
                    "slug": entry.get("literal") or slug_from(name, max_length=200),
                    "name": name,
                    "kind": kind,
                    "wikidata_id": match.group(1) if match else "",
                    "role": _role(entry, ArticleActor.Role.MENTIONS),
                }
            )
    for position, actor in enumerate(actors):
        actor["position"] = position
    return actors


def _check_moment(doc: dict, field: str) -> None:
    """A bad time is named by its ninjs name, not by the record key it becomes."""
    try:
        fields.moment(doc, field)
    except RecordError as error:
        raise NinjsError(field, error.message) from None


def record_from_document(doc: dict) -> Record:
    """A partial record: what the document says, and nothing for what it does not.

    A key is set only when the document carries it, so that an update from a partner's
    ninjs (or from ours, which cannot carry contributors or relationships) leaves the rest of
    the story alone. ninjs has no publication date or workflow status, only ``pubStatus``
    and ``embargoedUntil``: they are passed on as ``_``-prefixed hints for the import to
    weigh against the story it may already have.
    """
    uri = doc.get("uri")
    if not isinstance(uri, str) or not uri:
        raise NinjsError("uri", "a ninjs document needs a uri.")
    headlines = _text_list(doc, "headlines")
    headline = _first(headlines, "main")
    title = (headline or {}).get("value") or doc.get("title") or ""
    if not title:
        raise NinjsError("headlines", "a story needs a headline (headlines or title).")
    record = {
        "uuid": uuid_from_uri(uri),
        "slug": doc.get("slugline") or slug_from(title, max_length=250),
        "title": title,
        "_pub_status": doc.get("pubStatus") or "usable",
        "_embargoed_until": doc.get("embargoedUntil"),
        "_first_created": doc.get("firstCreated") or doc.get("versionCreated"),
    }
    kicker = _by_role(headlines, "kicker")
    if kicker:
        record["kicker"] = kicker[0]["value"]
    descriptions = _text_list(doc, "descriptions")
    standfirst = _first([d for d in descriptions if d.get("role") != "correction"], "summary")
    if standfirst:
        record["standfirst"] = standfirst["value"]
    corrections = _by_role(descriptions, "correction")
    if corrections:
        record["corrections"] = [{"text": d["value"]} for d in corrections]
    if doc.get("bodies"):
        record["body"] = _body(_text_list(doc, "bodies"))
    if doc.get("language"):
        record["language"] = str(doc["language"]).split("-")[0].lower()
    if "version" in doc:
        version = str(doc["version"])
        # Any other spelling (or a number no column can hold) is not a version we can keep.
        record["version"] = int(version) if re.fullmatch(r"[0-9]{1,9}", version) else 1
    for key, field in (("created_at", "firstCreated"), ("updated_at", "versionCreated")):
        if doc.get(field):
            record[key] = doc[field]
    for field in ("embargoedUntil", "firstCreated", "versionCreated"):
        _check_moment(doc, field)
    subjects = _objects(doc, "subjects")
    section = next((s for s in subjects if s.get("rel") == SECTION_REL), None)
    if section is not None:
        record["section"] = {
            "slug": section.get("literal") or slug_from(section.get("name") or ""),
            "name": section.get("name") or section.get("literal") or "",
        }
    if subjects:
        record["tags"] = [
            s["name"] for s in subjects if s.get("rel") != SECTION_REL and s.get("name")
        ]
    if any(key in doc for key in KIND_LISTS.values()):
        record["actors"] = _actors(doc)
    if doc.get("associations"):
        associations = _objects(doc, "associations")
        # Pictures and other media are not related stories.
        record["related"] = [
            uuid_from_uri(a["uri"])
            for a in associations
            if a.get("uri") and a.get("type", "text") in ("text", "composite")
        ]
        lead = next((a for a in associations if a.get("type") == "picture" and a.get("uri")), None)
        if lead is not None:
            alt_ids = {alt.get("role"): alt.get("value") for alt in _objects(lead, "altIds")}
            record["lead_image"] = {
                "uuid": uuid_from_uri(lead["uri"]),
                "content_hash": alt_ids.get(SHA256_ROLE) or "",
            }
    alt_ids = {alt.get("role"): alt.get("value") for alt in _objects(doc, "altIds")}
    if alt_ids.get("canonical"):
        record["canonical_url"] = alt_ids["canonical"]
    return record
