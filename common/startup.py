"""What a server process does once it has loaded the project, before it serves."""

import gc


def freeze_startup_objects() -> None:
    """Build the URLs (the API's routes with them), then move everything alive into the
    collector's permanent generation. gunicorn's master calls this before it forks: the
    workers then share those pages instead of copying them as the collector touches them,
    and a full collection no longer walks Django, the routes and the French model, which
    paused an API answer by 100-170 ms every twenty requests or so (docs/performance.md)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (the resolver is built on first access)
    gc.collect()
    gc.freeze()
