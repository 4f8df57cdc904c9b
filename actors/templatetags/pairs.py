"""The pair page's JSON-LD (actors.jsonld)."""

from django import template
from django.utils.safestring import SafeString

from actors import jsonld
from common.jsonld import as_script

register = template.Library()


@register.simple_tag(takes_context=True)
def relationship_jsonld(context, a, b, stories, name) -> SafeString:
    request = context["request"]
    data = jsonld.pair_page(request, name=name, url=request.path, actors=[a, b], stories=stories)
    return as_script(data)
