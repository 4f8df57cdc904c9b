from django import template

from search.snippets import snippet

register = template.Library()


@register.simple_tag
def search_snippet(article, query):
    """The highlighted excerpt of one search result (escaped; matches in <mark>)."""
    return snippet(article, query)
