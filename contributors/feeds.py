"""RSS and Atom feeds of the public stories a contributor signs.

The feeds are story feeds (articles.feeds), looked up when first asked for: contributors
sits below articles and does not import it when it loads. A slug the contributor left
answers 301 to the feed at their new slug, as their page does: subscriptions keep working.
"""

from functools import cache

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.module_loading import import_string

from contributors.models import Contributor


@cache
def _feed(name: str):
    return import_string(f"articles.feeds.{name}")()


def _serve(request, slug, feed_name, url_name):
    try:
        return _feed(feed_name)(request, slug=slug)
    except Http404:
        moved = Contributor.objects.redirected_from(slug).first()
        if moved is None:
            raise
        return HttpResponsePermanentRedirect(reverse(url_name, kwargs={"slug": moved.slug}))


def contributor_rss(request, slug):
    return _serve(request, slug, "ContributorFeed", "contributors:rss")


def contributor_atom(request, slug):
    return _serve(request, slug, "ContributorAtomFeed", "contributors:atom")
