"""Browser-side hardening Django 5.2 does not ship: a Content-Security-Policy, and the client
address the login throttle (newsroom/throttle.py) counts failures from."""

from django.conf import settings

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
