"""API keys (stub; the keys part fills it in): ``AUTH`` is the NinjaAPI's auth list (a key, or
anonymous), ``THROTTLES`` its rate limits."""

AUTH = None
THROTTLES: list = []
