"""The signature partners check: HMAC-SHA256 of "<timestamp>." followed by the body."""

import hashlib
import hmac
import secrets

SIGNATURE_PREFIX = "sha256="


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Newsroom-Signature header's value. The timestamp is signed with the body so that
    a captured request cannot be replayed later with a fresh timestamp."""
    message = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def verify(secret: str, timestamp: str | int, body: bytes, header: str) -> bool:
    """What a receiver does (docs/webhooks.md): recompute and compare in constant time."""
    try:
        expected = signature(secret, int(timestamp), body)
    except (TypeError, ValueError):
        return False
    return hmac.compare_digest(expected, header or "")
