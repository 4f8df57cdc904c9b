"""Who sent a request: the one rule the login throttle and the API's rate limits share."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind a proxy the address it appended to the header it is told of
    (NEWSROOM_LOGIN_IP_HEADER).

    Only the right-most address is trusted: a client can write anything before it.
    """
    header = getattr(settings, "NEWSROOM_LOGIN_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
