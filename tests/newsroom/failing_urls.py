"""The site's URLs (and its handler500) plus a view that fails, for the 500 page tests."""

from django.urls import path

from newsroom.urls import handler500
from newsroom.urls import urlpatterns as site_urlpatterns


class NewsroomTestFailure(Exception):
    pass


def fail(request):
    raise NewsroomTestFailure("the printing press is on fire")


urlpatterns = [path("test-failure/", fail), *site_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
