"""The newsroom's admin site: the desk every editor logs in to."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_noop

from newsroom.throttle import ThrottledAdminAuthenticationForm

# Names from third-party apps that the desk shows, translated by the project's catalogue (read
# before the apps' own): taggit's app calls itself "Taggit" in every language.
THIRD_PARTY_NAMES = [gettext_noop("Taggit")]


class NewsroomAdminSite(admin.AdminSite):
    # Repeated failed logins are refused for a while (newsroom/throttle.py).
    login_form = ThrottledAdminAuthenticationForm

    @property
    def site_header(self):
        return settings.NEWSROOM_SITE_NAME

    @property
    def site_title(self):
        return settings.NEWSROOM_SITE_NAME
