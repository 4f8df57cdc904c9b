"""URL slugs from headlines and names: one transliteration, and one way to find a free slug.

Every path that makes a slug (model ``save()``, services, imports, the benchmark corpus)
comes here, so that a headline gives the same URL however the story was written.
"""

import re
from collections.abc import Callable

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.text import slugify

# Letters Unicode does not decompose into ASCII, which Django's slugify would drop
# ("Cœur" would read "cur"): spelled out as the admin's slug prefill (URLify) spells those it
# knows, and œ as French does.
_SPELLED_OUT = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d",
     "Đ": "D", "ł": "l", "Ł": "L", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i"}
)  # fmt: skip
# Looked for first: str.translate() takes 9 µs a headline (9 s for the million stories of the
# bench corpus), the search under 1 µs.
_TO_SPELL_OUT = re.compile(f"[{''.join(map(chr, _SPELLED_OUT))}]")
# Room kept under the column's length for the "-2", "-3"… of a taken slug.
_NUMBER_ROOM = 10


def slug_from(text: str, *, max_length: int | None = None) -> str:
    """ASCII letters, digits and hyphens for ``text``: "Cœur d’Œdipe" -> "coeur-doedipe".

    Empty when ``text`` has no letter or digit; unique_slug() never is.
    """
    if _TO_SPELL_OUT.search(text):
        text = text.translate(_SPELLED_OUT)
    return slugify(text)[:max_length].strip("-")


def unique_slug(
    text: str,
    *,
    queryset: QuerySet,
    fallback: str,
    field: str = "slug",
    retired: Callable[[str], QuerySet] | None = None,
    max_length: int | None = None,
) -> str:
    """A slug for ``text`` that no row of ``queryset`` has, numbered when taken
    ("john-smith-2"), and ``fallback`` when the text has no letter.

    ``retired(slug)`` gives the rows that left ``slug`` (the model's ``redirected_from``):
    its old URL still answers 301 to them, and a new row taking it would steal that URL.
    """
    if max_length is None:
        max_length = queryset.model._meta.get_field(field).max_length - _NUMBER_ROOM
    base = slug_from(text, max_length=max_length) or fallback
    slug, number = base, 1
    while queryset.filter(**{field: slug}).exists() or (retired and retired(slug).exists()):
        number += 1
        slug = f"{base}-{number}"
    return slug


def slug_keep_redirect(
    redirects: QuerySet, field: str, *, old: str, new: str, to: dict
) -> models.Model:
    """Keep the slug ``old`` in ``redirects`` (its ``field``), as an old URL leading ``to`` the
    row now at ``new``. A row coming back to a slug it once left makes that URL live again."""
    with transaction.atomic():
        redirects.filter(**{field: new}).delete()
        redirect, _created = redirects.update_or_create(**{field: old}, defaults=to)
    return redirect
