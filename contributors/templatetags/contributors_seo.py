"""The contributor page's JSON-LD (contributors.jsonld)."""

from django import template
from django.utils.safestring import SafeString

from common.jsonld import as_script
from contributors import jsonld

register = template.Library()


@register.simple_tag(takes_context=True)
def profile_page_jsonld(context, contributor) -> SafeString:
    return as_script(jsonld.profile_page(context["request"], contributor))
