"""The <img> and <figure> markup of a library picture, shared by the templates and by the
story body renderer (which stores it): responsive (srcset/sizes), sized (no layout shift)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from pictures.models import Picture

# Story column and list widths in the site's stylesheet (css/site.css).
STORY_SIZES = "(min-width: 44rem) 42rem, 100vw"
CARD_SIZES = "(min-width: 48rem) 24rem, 100vw"


def img(
    picture: Picture,
    *,
    sizes: str = STORY_SIZES,
    lazy: bool = True,
    fallback_width: int = 800,
    css_class: str = "",
) -> SafeString:
    """``<img>`` with every width rendition in ``srcset``; lazy unless above the fold."""
    widths = picture.widths()
    src = picture.best_for(fallback_width)
    url, width, height = (
        (src.url, src.width, src.height)
        if src
        else (
            picture.file.url,
            picture.width,
            picture.height,
        )
    )
    srcset = format_html_join(", ", "{} {}w", ((r.url, r.width) for r in widths))
    attributes = format_html(
        ' src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"',
        url,
        srcset,
        sizes,
        width,
        height,
        picture.alt_text,
    )
    if css_class:
        attributes += format_html(' class="{}"', css_class)
    if lazy:
        attributes += SafeString(' loading="lazy" decoding="async"')
    else:
        attributes += SafeString(' fetchpriority="high"')
    return format_html("<img{}>", attributes)


def caption(picture: Picture) -> SafeString:
    """The caption then the credit; empty when the picture has neither."""
    if not picture.caption and not picture.credit:
        return SafeString("")
    credit = format_html(" <small>{}</small>", picture.credit) if picture.credit else ""
    return format_html("<figcaption>{}{}</figcaption>", picture.caption, credit)


def figure(picture: Picture, *, sizes: str = STORY_SIZES, lazy: bool = True) -> SafeString:
    return format_html(
        "<figure>{}{}</figure>", img(picture, sizes=sizes, lazy=lazy), caption(picture)
    )
