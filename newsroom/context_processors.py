from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section


def site(request):
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        # Lazy: pages that do not draw the section bar (feeds, errors) cost no query.
        "sections": SimpleLazyObject(lambda: list(Section.objects.all())),
    }
