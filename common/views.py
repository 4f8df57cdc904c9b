"""View helpers shared by the apps' reader pages."""

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import Http404, HttpResponsePermanentRedirect


class OldSlugRedirectMixin:
    """A page whose slug its object has left answers 301 to where the object lives now, as
    django.contrib.redirects does for old paths, so that links and search results keep
    working after a slug changes or two objects are merged.

    ``get_redirect_queryset()`` gives the objects an old URL may lead to; its model's
    QuerySet method ``redirected_from(slug)`` says which of them left the slug.
    """

    def get_redirect_queryset(self) -> QuerySet:
        raise ImproperlyConfigured(f"{type(self).__name__} needs get_redirect_queryset().")

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            if getattr(self, "object", None) is not None:
                raise  # the object was found: what is missing is something else (a page)
            slug = kwargs[self.slug_url_kwarg]
            moved = self.get_redirect_queryset().redirected_from(slug).first()
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.get_absolute_url())
