"""The newsroom's admin site: the desk every editor logs in to."""

from django.conf import settings
from django.contrib import admin

from newsroom.throttle import ThrottledAdminAuthenticationForm


class NewsroomAdminSite(admin.AdminSite):
    # Repeated failed logins are refused for a while (newsroom/throttle.py).
    login_form = ThrottledAdminAuthenticationForm

    @property
    def site_header(self):
        return settings.NEWSROOM_SITE_NAME

    @property
    def site_title(self):
        return settings.NEWSROOM_SITE_NAME
