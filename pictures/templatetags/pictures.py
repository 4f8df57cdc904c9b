"""Library pictures in templates: ``{% picture_img picture "card" %}``, captions, og:image."""

from django import template
from django.templatetags.static import static

from pictures import html
from pictures.models import Picture

register = template.Library()

# Where a picture is shown -> the ``sizes`` the browser picks a srcset width from.
SIZES = {
    "story": html.STORY_SIZES,
    "card": html.CARD_SIZES,
    "portrait": "12rem",
}

# The site-wide picture for stories and pages that have none (1200 × 630, made for the site).
DEFAULT_SOCIAL = ("img/og-default.png", 1200, 630)


@register.simple_tag
def picture_img(picture: Picture | None, place: str = "story", eager: bool = False):
    """The picture's responsive ``<img>``; lazy unless ``eager`` (above the fold)."""
    if not picture:
        return ""
    return html.img(picture, sizes=SIZES.get(place, html.STORY_SIZES), lazy=not eager)


@register.simple_tag
def picture_caption(picture: Picture | None):
    return html.caption(picture) if picture else ""


def social_image(request, picture: Picture | None) -> tuple[str, int, int]:
    """(absolute URL, width, height) of the picture's social card, or the site's default."""
    rendition = picture.social if picture else None
    if rendition is None:
        path, width, height = DEFAULT_SOCIAL
        return request.build_absolute_uri(static(path)), width, height
    return request.build_absolute_uri(rendition.url), rendition.width, rendition.height


@register.inclusion_tag("includes/og_image.html", takes_context=True)
def og_image(context, picture: Picture | None = None, fallback_alt: str = ""):
    picture = picture or None
    url, width, height = social_image(context["request"], picture)
    alt = picture.alt_text if picture and picture.social else fallback_alt
    return {"url": url, "width": width, "height": height, "alt": alt}
