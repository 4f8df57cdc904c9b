"""Placeholder router: filled in by the stories part of the API."""

from ninja import Router

router = Router(tags=["stories"])
