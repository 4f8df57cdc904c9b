"""sitemap.xml (an index once it needs more than one file) and the Google News sitemap."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, Relationship
from articles.models import Article, Section
from common.text import xml_safe
from contributors.models import Contributor

NEWS_WINDOW = timezone.timedelta(days=2)
NEWS_LIMIT = 1000


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)


class StorySitemap(Sitemap):
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "publish_at", "updated_at")
            .order_by("-publish_at", "-id")
        )

    def lastmod(self, item):
        return item.last_changed

    def get_latest_lastmod(self):
        # Django's default reads every item to find it: 12 s at a million stories.
        latest = Article.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("publish_at")
        )
        values = [value for value in latest.values() if value is not None]
        return max(values) if values else None


class DirectorySitemap(Sitemap):
    """The ways in that are not search: sections, topics, actors and contributors, each one
    page deep (their later pages and filters are reached from them)."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["articles:sections", "articles:tags", "actors:index", "contributors:index"]

    def location(self, item):
        return reverse(item)


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()


class TopicSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Article.objects.published().topics().order_by("name", "pk")

    def location(self, item):
        return reverse("articles:tag", kwargs={"slug": item.slug})


class ActorSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Actor.objects.public().only("slug", "updated_at").order_by("name", "id")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return Actor.objects.public().aggregate(latest=Max("updated_at"))["latest"]


class ContributorSitemap(Sitemap):
    """Author pages: contributors who sign a public story, and only they."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return Contributor.objects.public().only("slug", "updated_at").order_by("name", "id")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return Contributor.objects.public().aggregate(latest=Max("updated_at"))["latest"]


class PairSitemap(Sitemap):
    """The page of each pair of actors with a public relationship, once per pair whichever
    way round its relationships were recorded, as the page's URL orders the two slugs."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Relationship.objects.public()
            .annotate(
                a=Least("source__slug", "target__slug"), b=Greatest("source__slug", "target__slug")
            )
            .values("a", "b")
            .annotate(changed=Max("updated_at"))
            .order_by("a", "b")
        )

    def location(self, item):
        return reverse("actors:relationship", kwargs={"slug_a": item["a"], "slug_b": item["b"]})

    def lastmod(self, item):
        return item["changed"]


class NewsSitemap(Sitemap):
    """Google News: stories of the last two days, at most 1,000, newest first."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .published_since(since)
            .only("slug", "title", "language", "publish_at")
            .newest_first()[:NEWS_LIMIT]
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["publication_name"] = settings.NEWSROOM_SITE_NAME
            # A control character in a headline would make the whole file invalid XML.
            url["title"] = xml_safe(url["item"].title)
            url["publication_date"] = timezone.localtime(url["item"].publish_at).isoformat(
                timespec="seconds"
            )
        return urls


SITEMAPS = {
    "home": HomeSitemap,
    "directories": DirectorySitemap,
    "sections": SectionSitemap,
    "stories": StorySitemap,
    "topics": TopicSitemap,
    "actors": ActorSitemap,
    "contributors": ContributorSitemap,
    "relationships": PairSitemap,
}


def sitemap_root(request):
    """One urlset while everything fits in one file; an index of the sections beyond that."""
    # Instances, not classes: each counts its items once for both questions.
    sitemaps = {name: sitemap() for name, sitemap in SITEMAPS.items()}
    pages = sum(sitemap.paginator.num_pages for sitemap in sitemaps.values())
    if pages > len(sitemaps):
        return sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap-section")
    return sitemap_views.sitemap(request, sitemaps)


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


def news_sitemap(request):
    return sitemap_views.sitemap(
        request, {"news": NewsSitemap}, template_name="sitemaps/news_sitemap.xml"
    )
