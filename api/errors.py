"""Errors as JSON, each with a message naming what was wrong (filled in by the API core)."""


def install(api) -> None:
    """Register the API's exception handlers on ``api``."""
