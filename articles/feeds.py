"""RSS 2.0 and Atom feeds: all stories, per section, per tag, per actor and per contributor.

Every feed starts from Article.objects.published(), like every other public surface.
"""

from contextvars import ContextVar

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from actors.models import Actor
from articles.models import Article, Section
from common.text import xml_safe
from contributors.models import Contributor

FEED_SIZE = 30


def _xml_text(value):
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return [_xml_text(item) for item in value]
    return value


class _XmlText:
    """A feed generator that drops the characters XML 1.0 cannot carry from every text: a
    vertical tab pasted from a word processor into one headline would otherwise make Django
    refuse to write every feed listing that story."""

    def __init__(self, *args, **kwargs):
        args = [_xml_text(arg) for arg in args]
        super().__init__(*args, **{key: _xml_text(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        args = [_xml_text(arg) for arg in args]
        super().add_item(*args, **{key: _xml_text(value) for key, value in kwargs.items()})


class RssFeed(_XmlText, Rss201rev2Feed):
    pass


class AtomFeed(_XmlText, Atom1Feed):
    pass


_request: ContextVar = ContextVar("feed_request")


class LatestStoriesFeed(Feed):
    feed_type = RssFeed

    def get_feed(self, obj, request):
        # One Feed instance serves every request (and thread): the request goes in a context
        # variable, for the enclosures' absolute URLs on the host that was asked.
        token = _request.set(request)
        try:
            return super().get_feed(obj, request)
        finally:
            _request.reset(token)

    def title(self, obj=None):
        return _("%(site)s: latest stories") % {"site": settings.NEWSROOM_SITE_NAME}

    # Plain text throughout, except where the format says HTML: RSS descriptions (the
    # channel's and the items') and Atom's type="html" summary. Readers render those as
    # markup, so text going there is escaped once; Django's XML escaping is not enough, a
    # reader undoes it before rendering. Titles, the Atom subtitle, authors and categories
    # are text in both formats and stay as typed (escaping them would show "&amp;").

    def about(self, obj) -> str:
        """The feed's description, as plain text."""
        return _("The latest stories published by %(site)s.") % {
            "site": settings.NEWSROOM_SITE_NAME
        }

    def description(self, obj=None):
        return escape(self.about(obj))

    def subtitle(self, obj=None):
        return self.about(obj)

    def link(self, obj=None):
        return reverse("articles:home")

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.stories(obj).for_feed().newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The standfirst is plain text: "<img onerror=…>" in it must arrive as those characters.
        return escape(item.standfirst)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.last_changed

    def item_author_name(self, item):
        return ", ".join(c.name for c in item.byline_contributors) or None

    def item_categories(self, item):
        # Sorted: the database returns tags in no particular order (a restored copy of the
        # same data may return them in another), and a feed item must not seem to change.
        return sorted(tag.name for tag in item.tags.all())

    def item_enclosures(self, item):
        # The lead image's social card: a JPEG every feed reader shows, with its size.
        picture = item.lead_image
        rendition = picture.social if picture is not None else None
        if rendition is None:
            return []
        url = _request.get().build_absolute_uri(rendition.url)
        return [Enclosure(url, str(rendition.size), rendition.media_type)]

    def item_guid(self, item):
        # Stable across slug changes, unlike the link.
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = AtomFeed


class SectionFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: {obj.name}"

    def about(self, obj):
        return _("The latest stories in the %(section)s section.") % {"section": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def stories(self, obj):
        return Article.objects.published().in_section(obj)


class SectionAtomFeed(SectionFeed):
    feed_type = AtomFeed


class TagFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        # A tag only drafts use is not public yet: its name could give a scoop away.
        return get_object_or_404(Article.objects.published().topics(), slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: {obj.name}"

    def about(self, obj):
        return _("The latest stories about %(topic)s.") % {"topic": obj.name}

    def link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def stories(self, obj):
        return Article.objects.published().tagged_with(obj)


class TagAtomFeed(TagFeed):
    feed_type = AtomFeed


class ActorFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Actor.objects.public(), slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: {obj.name}"

    def about(self, obj):
        return _("The latest stories tagging %(actor)s.") % {"actor": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def stories(self, obj):
        return Article.objects.published().tagging(obj)


class ActorAtomFeed(ActorFeed):
    feed_type = AtomFeed


class ContributorFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        # Public: a contributor who signs only drafts has no feed, as they have no page.
        return get_object_or_404(Contributor.objects.public(), slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: {obj.name}"

    def about(self, obj):
        return _("The latest stories signed by %(contributor)s.") % {"contributor": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def stories(self, obj):
        return Article.objects.published().signed_by(obj)


class ContributorAtomFeed(ContributorFeed):
    feed_type = AtomFeed
