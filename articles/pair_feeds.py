"""RSS and Atom feeds of the stories reporting the relationships between two actors.

Served at the pair page's address (actors.relationships) through actors.feeds, which names
them at call time: actors sits below articles.
"""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _

from actors.models import Relationship
from actors.relationships import pair_url, public_pair
from articles.feeds import AtomFeed, LatestStoriesFeed
from articles.models import Article


class RelationshipFeed(LatestStoriesFeed):
    def get_object(self, request, slug_a, slug_b):
        a, b = public_pair(*sorted((slug_a, slug_b)))
        relationships = Relationship.objects.public().involving(a).involving(b)
        if not relationships.exists():
            raise Http404("These actors have no public relationship.")
        return {"a": a, "b": b, "relationships": relationships}

    def title(self, obj):
        return _("%(site)s: %(a)s and %(b)s") % {
            "site": settings.NEWSROOM_SITE_NAME,
            "a": obj["a"].name,
            "b": obj["b"].name,
        }

    def about(self, obj):
        return _("The latest stories reporting the relationships between %(a)s and %(b)s.") % {
            "a": obj["a"].name,
            "b": obj["b"].name,
        }

    def link(self, obj):
        return pair_url(obj["a"], obj["b"])

    def stories(self, obj):
        reported = Relationship.evidence.through.objects.filter(
            relationship__in=obj["relationships"]
        ).values("article_id")
        return Article.objects.published().filter(pk__in=reported)


class RelationshipAtomFeed(RelationshipFeed):
    feed_type = AtomFeed
