"""Placeholder router: filled in by the vocabulary part of the API."""

from ninja import Router

router = Router(tags=["vocabulary"])
