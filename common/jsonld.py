"""What every schema.org JSON-LD block of the site shares: its dates and its <script>."""

import json

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

# Inside <script>, these would let a headline or a name close the element or open a comment.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def as_script(data: dict) -> SafeString:
    payload = json.dumps(data, ensure_ascii=False, indent=1).translate(SCRIPT_ESCAPES)
    return mark_safe(  # noqa: S308 - JSON with <, > and & escaped cannot leave the element.
        f'<script type="application/ld+json">{payload}</script>'
    )
