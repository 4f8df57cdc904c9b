"""Browser-side hardening Django 5.2 does not ship: a Content-Security-Policy, and a brake on
guessing admin passwords."""

import hashlib

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.utils.translation import ngettext

# No inline script, no plugin, no framing, forms only to this site. Pictures may come from
# any HTTPS host (syndicated copy, embeds). JSON-LD blocks are data, not script: CSP leaves
# them alone. Styles come from our stylesheets only, so no template may carry style="...".
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: https:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Send the policy with every response that does not set its own.

    The admin gets it too: Django 5.2's admin and the desk load every script from files.
    With DEBUG on, Django's technical 404 and 500 pages (inline styles and scripts) are left
    readable for the developer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


# --- login throttling ---------------------------------------------------------------------


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind a proxy the address it appended to the header it is told of.

    Only the right-most address is trusted: a client can write anything before it.
    """
    header = getattr(settings, "NEWSROOM_LOGIN_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(kind: str, value: str) -> str:
    # Hashed: usernames are user input, and cache backends restrict key characters.
    digest = hashlib.sha256(value.casefold().encode("utf-8", "replace")).hexdigest()
    return f"login-failures:{kind}:{digest}"


class LoginThrottle:
    """Failed logins counted per username and per client address, in the shared cache.

    The first failure opens a window of NEWSROOM_LOGIN_LOCKOUT_SECONDS; past the limit, every
    attempt (even with the right password) is refused until the window closes. A successful
    login clears the username's count.
    """

    def __init__(self, *, username: str, ip: str):
        self.keys = {"username": _key("username", username or ""), "ip": _key("ip", ip or "")}
        self.limits = {
            "username": _setting("NEWSROOM_LOGIN_FAILURE_LIMIT", 5),
            "ip": _setting("NEWSROOM_LOGIN_IP_FAILURE_LIMIT", 20),
        }

    @staticmethod
    def window() -> int:
        return _setting("NEWSROOM_LOGIN_LOCKOUT_SECONDS", 900)

    def is_locked(self) -> bool:
        counts = cache.get_many(list(self.keys.values()))
        return any(counts.get(key, 0) >= self.limits[kind] for kind, key in self.keys.items())

    def failed(self) -> None:
        for key in self.keys.values():
            # add() starts the window; incr() keeps its expiry on every backend we use.
            cache.add(key, 0, timeout=self.window())
            try:
                cache.incr(key)
            except ValueError:  # expired between the two calls
                cache.set(key, 1, timeout=self.window())

    def succeeded(self) -> None:
        cache.delete(self.keys["username"])


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    def clean(self):
        throttle = LoginThrottle(username=self.data.get("username", ""), ip=client_ip(self.request))
        if throttle.is_locked():
            minutes = max(1, throttle.window() // 60)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed attempts to log in to this account or from this address. "
                    "Wait %(minutes)s minute and try again.",
                    "Too many failed attempts to log in to this account or from this address. "
                    "Wait %(minutes)s minutes and try again.",
                    minutes,
                ),
                code="throttled",
                params={"minutes": minutes},
            )
        try:
            cleaned_data = super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                throttle.failed()
            raise
        throttle.succeeded()
        return cleaned_data
