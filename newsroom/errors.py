"""The 500 page: honest about whether the error was reported, with the id to quote.

Django renders its own 500 page without the request's context processors; this one keeps
that (they may query the database that just failed) and adds only two values it computes
without any I/O: ``reported`` and ``request_id``.
"""

import logging
import sys

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader

from newsroom.logging import request_id_var
from newsroom.sentry import sent_to_sentry

FALLBACK = (
    "Une erreur est survenue. Something went wrong.\nNuméro de requête / Request ID: {request_id}\n"
)


def mailed_to_admins() -> bool:
    """Django's ``mail_admins`` handler (settings.LOGGING) mails 500s when DEBUG is off and
    ADMINS names someone."""
    return bool(settings.ADMINS) and not settings.DEBUG


def server_error(request, template_name: str = "500.html"):
    # Called by Django while it handles the exception, which is therefore still current.
    exception = sys.exc_info()[1]
    request_id = getattr(request, "request_id", None) or request_id_var.get()
    reported = sent_to_sentry(exception) or mailed_to_admins()
    # Django logs the error just after this page is made, unless the level forbids it.
    logged = logging.getLogger("django.request").isEnabledFor(logging.ERROR)
    try:
        body = loader.get_template(template_name).render(
            {"reported": reported, "logged": logged, "request_id": request_id}
        )
        response = HttpResponseServerError(body)
    except Exception:
        # A broken template (or static manifest) must not turn a 500 into a blank page.
        response = HttpResponseServerError(
            FALLBACK.format(request_id=request_id or "-"),
            content_type="text/plain; charset=utf-8",
        )
    # The id belongs to one request: no cache may hand this page to anyone else.
    response["Cache-Control"] = "no-store"
    return response
