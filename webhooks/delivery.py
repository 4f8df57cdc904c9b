"""One POST to a partner: signed, with a timeout, no redirects, never to a private address.

The host is resolved once, every address it resolves to is checked, and the connection goes
to a checked address (with the original host name for TLS and the Host header), so that a
name that answers differently the second time cannot reach Redis or a metadata endpoint.
"""

import http.client
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from webhooks.signing import signature

USER_AGENT = "newsroom-webhooks/1"
# What is kept of a failure, in the delivery's log.
ERROR_LENGTH = 300


class Refused(Exception):
    """The target is not one the newsroom may call."""


@dataclass
class Outcome:
    status_code: int | None
    error: str

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def forbidden_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def resolve(host: str, port: int) -> str:
    """A checked address for ``host``: every address it resolves to must be public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise Refused(f"cannot resolve {host}: {error}") from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise Refused(f"{host} has no address")
    if not settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE:
        bad = [address for address in addresses if forbidden_address(address)]
        if bad:
            raise Refused(f"{host} resolves to a private or local address ({bad[0]})")
    return addresses[0]


def _connection(url: str) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"not an http(s) URL: {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = resolve(parts.hostname, port)
    timeout = settings.NEWSROOM_WEBHOOK_TIMEOUT_SECONDS
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = cls(parts.hostname, port, timeout=timeout)

    def pinned(_address, *args, **kwargs):
        return socket.create_connection((address, port), *args, **kwargs)

    connection._create_connection = pinned  # connect to the address checked above
    path = parts.path or "/"
    return connection, f"{path}?{parts.query}" if parts.query else path


def headers(*, event: str, delivery: str, secret: str, body: bytes, timestamp: int) -> dict:
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Newsroom-Event": event,
        "X-Newsroom-Delivery": delivery,
        "X-Newsroom-Timestamp": str(timestamp),
        "X-Newsroom-Signature": signature(secret, timestamp, body),
    }


def post(*, url: str, secret: str, event: str, delivery: str, body: bytes) -> Outcome:
    """POST once; any answer or failure becomes an Outcome (a redirect is a failure)."""
    try:
        connection, path = _connection(url)
    except Refused as error:
        return Outcome(None, str(error)[:ERROR_LENGTH])
    sent = headers(
        event=event, delivery=delivery, secret=secret, body=body, timestamp=int(time.time())
    )
    try:
        connection.request("POST", path, body=body, headers=sent)
        response = connection.getresponse()
        response.read(64 * 1024)  # the answer is not used; read a little to end cleanly
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        return Outcome(None, f"{type(error).__name__}: {error}"[:ERROR_LENGTH])
    finally:
        connection.close()
    if 200 <= status < 300:
        return Outcome(status, "")
    if 300 <= status < 400:
        return Outcome(status, f"HTTP {status}: redirects are not followed")
    return Outcome(status, f"HTTP {status}")
