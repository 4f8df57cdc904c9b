"""Presentation helpers for the reader site: numbers, durations, links and groupings."""

import math
import re
from decimal import Decimal

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, ngettext

from articles.models import ArticleActor

register = template.Library()

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+")

# Symbol and where it goes, per interface language; other currencies show their ISO code.
_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def word_count(text: str) -> int:
    """The words of a text, as its reading time counts them (the story page, the desk)."""
    return len(_WORD.findall(text or ""))


@register.filter
def reading_time(text: str) -> str:
    minutes = max(1, math.ceil(word_count(text) / WORDS_PER_MINUTE))
    return ngettext("%(minutes)d min read", "%(minutes)d min read", minutes) % {"minutes": minutes}


@register.filter
def money(amount: Decimal | None, currency: str = "") -> str:
    """An amount in the reader's conventions: "$44,000,000,000" or "44 000 000 000 $"."""
    if amount is None:
        return ""
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = formats.number_format(amount, decimals, use_l10n=True, force_grouping=True)
    symbol = _CURRENCY_SYMBOLS.get(currency)
    if symbol is None:
        return f"{number}\u00a0{currency}".strip()
    if get_language() == "en":
        return f"{symbol}{number}"
    # French puts the symbol after the number, and says which dollar it is.
    if currency == "USD":
        symbol = "$\u00a0US"
    return f"{number}\u00a0{symbol}"


@register.filter
def by_role(actor_tags) -> list[tuple[str, list]]:
    """Tagged actors grouped by role, in the order of the roles: about, mentions, quoted."""
    groups = {role: [] for role in ArticleActor.Role.values}
    for tag in actor_tags:
        groups[tag.role].append(tag)
    labels = {
        ArticleActor.Role.ABOUT: gettext("About"),
        ArticleActor.Role.MENTIONS: gettext("Mentioned"),
        ArticleActor.Role.QUOTED: gettext("Quoted"),
    }
    return [(labels[role], tags) for role, tags in groups.items() if tags]


@register.filter
def was_updated(article) -> bool:
    """Updated meaningfully after publication (not just saved in the same sitting)."""
    if not article.publish_at:
        return False
    return article.updated_at - article.publish_at > timezone.timedelta(minutes=10)


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """This page's URL with another page number, keeping the other parameters (the query)."""
    params = context["request"].GET.copy()
    if int(number) == 1:
        params.pop("page", None)
    else:
        params["page"] = number
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own URL without tracking noise: path plus the page number when past 1."""
    request = context["request"]
    page = context.get("page_obj")
    path = request.path
    if page is not None and page.number > 1:
        path = f"{path}?page={page.number}"
    return request.build_absolute_uri(path)


@register.filter
def og_locale(language_code: str) -> str:
    return {"fr": "fr_FR", "en": "en_GB"}.get(language_code, language_code)
