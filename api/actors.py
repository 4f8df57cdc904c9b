"""Placeholder router: filled in by the actors part of the API."""

from ninja import Router

router = Router(tags=["actors"])
