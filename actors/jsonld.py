"""schema.org JSON-LD for the pages of a pair of actors (only stable schema.org terms).

A pair's page is a ``CollectionPage`` about the two actors whose main entity is the
``ItemList`` of the public stories reporting their relationships, oldest first.
"""

from actors.models import Actor
from common.jsonld import iso

SCHEMA_TYPES = {
    Actor.Kind.PERSON: "Person",
    Actor.Kind.ORGANISATION: "Organization",
    Actor.Kind.PLACE: "Place",
    Actor.Kind.EVENT: "Event",
}


def actor_thing(request, actor) -> dict:
    thing = {
        "@type": SCHEMA_TYPES.get(actor.kind, "Thing"),
        "name": actor.name,
        "url": request.build_absolute_uri(actor.get_absolute_url()),
    }
    if actor.wikidata_url:
        thing["sameAs"] = actor.wikidata_url
    return thing


def pair_page(request, *, name: str, url: str, actors, stories) -> dict:
    url = request.build_absolute_uri(url)
    about = [actor_thing(request, actor) for actor in actors]
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "item": {
                "@type": "NewsArticle",
                "headline": story.title,
                "url": request.build_absolute_uri(story.get_absolute_url()),
                "datePublished": iso(story.publish_at),
                "inLanguage": story.language,
                "about": about,
            },
        }
        for position, story in enumerate(stories, start=1)
    ]
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": name,
        "about": about,
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": items,
        },
    }
