"""Optional error reporting to Sentry, on when SENTRY_DSN is set (see settings.py).

sentry-sdk is imported only then: a site without Sentry neither loads nor configures it.
"""

from collections.abc import Mapping

from newsroom.logging import request_id_var

# Set on an exception handed to Sentry, so that the 500 page says "reported" only when it was.
REPORTED_ATTRIBUTE = "_newsroom_sent_to_sentry"


def sentry_init(environ: Mapping[str, str]) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=environ["SENTRY_DSN"],
        integrations=[DjangoIntegration()],
        # No cookies, user names, addresses or request bodies leave the site.
        send_default_pii=False,
        environment=environ.get("SENTRY_ENVIRONMENT") or None,
        release=environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(environ.get("SENTRY_TRACES_SAMPLE_RATE") or 0),
        before_send=before_send,
    )


def before_send(event: dict, hint: dict | None) -> dict:
    """Tag the event with the request id (the one the reader sees) and mark its exception."""
    request_id = request_id_var.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    exc_info = (hint or {}).get("exc_info")
    if exc_info and exc_info[1] is not None:
        try:
            setattr(exc_info[1], REPORTED_ATTRIBUTE, True)
        except (AttributeError, TypeError):  # an exception class with __slots__
            pass
    return event


def sent_to_sentry(exception: BaseException | None) -> bool:
    return bool(getattr(exception, REPORTED_ATTRIBUTE, False))
