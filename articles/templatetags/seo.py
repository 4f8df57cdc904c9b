"""schema.org NewsArticle JSON-LD for story pages (only real schema.org terms: see the tests)."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString

from actors.jsonld import actor_thing
from articles.models import ArticleActor
from common.jsonld import as_script, iso
from contributors import jsonld as contributor_jsonld

register = template.Library()

OG_IMAGE = "img/og-default.png"
LOGO = "img/logo.png"


def story_images(request, article) -> list[str]:
    """The social card (1.91:1) and the widest rendition of the lead image; else the site's."""
    picture = article.lead_image
    if picture is None or picture.social is None:
        return [request.build_absolute_uri(static(OG_IMAGE))]
    images = [picture.social.url]
    widest = picture.widths()[-1:]
    images += [rendition.url for rendition in widest]
    return [request.build_absolute_uri(url) for url in images]


def news_article(request, article) -> dict:
    """The NewsArticle for a story whose byline, tags and actor tags are prefetched."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.title,
        "inLanguage": article.language,
        "datePublished": iso(article.publish_at),
        "dateModified": iso(article.last_changed),
        "image": story_images(request, article),
        # Organization rather than NewsMediaOrganization, which schema.org still marks pending.
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": request.build_absolute_uri("/"),
            "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static(LOGO))},
        },
    }
    # A public story's contributors are public (they sign it): each has a page to link.
    authors = [contributor_jsonld.author(request, c) for c in article.byline_contributors]
    if authors:
        data["author"] = authors
    if article.standfirst:
        data["description"] = article.standfirst
    if article.section:
        data["articleSection"] = article.section.name
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    about, mentions = [], []
    for tag in article.actor_tags.all():
        (about if tag.role == ArticleActor.Role.ABOUT else mentions).append(
            actor_thing(request, tag.actor)
        )
    if about:
        data["about"] = about
    if mentions:
        data["mentions"] = mentions
    if article.canonical_url:
        data["isBasedOn"] = article.canonical_url
    return data


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, article) -> SafeString:
    return as_script(news_article(context["request"], article))


@register.simple_tag(takes_context=True)
def og_image_url(context) -> str:
    return context["request"].build_absolute_uri(static(OG_IMAGE))
