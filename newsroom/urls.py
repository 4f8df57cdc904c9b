from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

urlpatterns = [
    path("admin/", admin.site.urls),
    # Exempt from CSRF so that public pages need no CSRF cookie and stay cacheable by a CDN;
    # the worst a forged request can do is switch someone's interface language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include("newsroom.ops_urls")),
    path("actors/", include("actors.urls")),
    path("search/", include("search.urls")),
    path("contributors/", include("contributors.urls")),
    path("staff/exports/", include("exports.urls")),
    path("api/v1/", include("api.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Says whether the error was reported, and shows the request id to quote (newsroom/errors.py).
handler500 = "newsroom.errors.server_error"
