"""Placeholder router: filled in by the search part of the API."""

from ninja import Router

router = Router(tags=["search"])
