"""The pair page's JSON-LD (actors.jsonld)."""

from django import template
from django.utils.safestring import SafeString

from actors import jsonld

register = template.Library()


@register.simple_tag(takes_context=True)
def relationship_jsonld(context, a, b, stories, name) -> SafeString:
    request = context["request"]
    data = jsonld.pair_page(request, name=name, url=request.path, actors=[a, b], stories=stories)
    return jsonld.as_script(data)
