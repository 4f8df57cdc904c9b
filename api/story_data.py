"""Stories for the API: the export's filters, the export's prefetches, the export's formats.

Filters are the export form's (``exports.filters.ExportFilterForm``): the same checks, the
same messages, the same calendar ends; only the parameter names are the API's. A page of
stories is loaded with the export's prefetches: a fixed number of queries whatever its size.
The newsroom's JSON is the export's record (``story_record``) and ninjs the export's
document, with one difference: links to stories the caller may not read are left out (the
export keeps them for lossless imports), and so is the Markdown source for readers.
"""

from django.db.models import QuerySet, prefetch_related_objects
from django.http import QueryDict
from django.utils.translation import gettext as _

from api import access
from api.errors import BadParameters
from articles.models import Article
from exports.filters import ExportFilterForm
from exports.ninjs import story_document
from exports.records import RECORD_PREFETCH, RELATIONSHIPS, absolute_url, story_record

# API parameter -> the export form's field.
FORM_FIELDS = {
    "topic": "tag",
    "actor": "actor",
    "section": "section",
    "language": "language",
    "status": "status",
    "published_since": "since",
    "published_until": "until",
    "updated_since": "updated_since",
    "updated_until": "updated_until",
}
PARAMETERS = {field: name for name, field in FORM_FIELDS.items()}
# The export's prefetches, relationships aside: at most a hundred stories a page, each
# relation in one query joined to the rows it names (the bulk loaders' separate look-ups of
# shared rows pay off over a whole export, not over a page).
PREFETCH = tuple(item for item in RECORD_PREFETCH if item is not RELATIONSHIPS)


def _form_data(request, params: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    data["format"] = "jsonl"  # required by the form, unused here
    for name, field in FORM_FIELDS.items():
        value = params.get(name)
        if value is None or value == [] or value == "":
            continue
        values = value if isinstance(value, list) else [value]
        data.setlist(field, [getattr(item, "value", item) for item in values])
    if not params.get("status") and access.can_read_unpublished(request):
        data.setlist("status", Article.Status.values)  # a key reads every state by default
    return data


def filtered(request, params: dict) -> QuerySet:
    """The stories this caller may read, filtered as the export filters them."""
    if params.get("status") and not access.can_read_unpublished(request):
        message = _("Only a key with the export permission may ask for a status.")
        raise BadParameters([("status", message)])
    form = ExportFilterForm(_form_data(request, params))
    if not form.is_valid():
        raise BadParameters(
            [
                (PARAMETERS.get(field, field), message)
                for field, messages in form.errors.items()
                for message in messages
            ]
        )
    return access.stories(request) & form.queryset()


def load(stories: list[Article]) -> list[Article]:
    """What a page shows of each story, in one query per relation for the whole page."""
    prefetch_related_objects(stories, *PREFETCH)
    for story in stories:
        story.export_relationships = []  # not part of the API's story (see actors)
    return stories


def readable_links(request, story: Article) -> list:
    if access.can_read_unpublished(request):
        return story.export_related
    return [link for link in story.export_related if link.to_article.is_public]


def story_json(request, story: Article) -> dict:
    record = story_record(story)
    del record["relationships"], record["tags"]
    if not access.can_read_unpublished(request):
        # Readers get the rendered body; the source may hold what rendering drops (comments).
        record["body"] = None
    record["topics"] = sorted(
        ({"name": item.tag.name, "slug": item.tag.slug} for item in story.export_tags),
        key=lambda topic: topic["name"],
    )
    for actor in record["actors"]:
        actor["wikidata_id"] = actor["wikidata_id"] or ""
    record["related"] = [
        {
            "uuid": str(link.to_article.uuid),
            "slug": link.to_article.slug,
            "title": link.to_article.title,
            "url": absolute_url(link.to_article),
        }
        for link in readable_links(request, story)
    ]
    return record


def ninjs_json(request, story: Article) -> dict:
    keyed = access.can_read_unpublished(request)
    document = story_document(story, public_only=not keyed)
    if not keyed:  # the Markdown source, as in story_json
        document["bodies"] = [body for body in document["bodies"] if body["role"] != "source"]
    return document


def rows_shown(stories: list[Article]) -> list:
    """The rows behind a page, for the page cache's tags: the stories and what they name."""
    rows: list = list(stories)
    for story in stories:
        rows += [item.tag for item in story.export_tags]
        rows += [tag.actor for tag in story.export_actors]
        rows += [signed.contributor for signed in story.export_bylines]
    return rows


def linked_tags(stories: list[Article]) -> set[str]:
    """The stories a page links to: their title shows, and a link to a draft appears once
    it is published (``story:<id>`` is retired by either)."""
    from articles.cachetags import story

    return {story(pk) for pk in _linked_ids(stories)}


def _linked_ids(stories: list[Article]) -> set[int]:
    uuids = {link.to_article.uuid for item in stories for link in item.export_related}
    if not uuids:
        return set()
    return set(Article.objects.filter(uuid__in=uuids).values_list("pk", flat=True))
