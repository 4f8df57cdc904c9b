"""schema.org JSON-LD for contributors (only stable schema.org terms: see the tests).

A contributor's page is a ``ProfilePage`` whose main entity is the contributor: a
``Person``, or an ``Organization`` for an agency. A story's ``author`` entries are the same
things without the page's details. ``jobTitle`` is still pending in schema.org, so a
person's role goes in ``hasOccupation`` (an ``Occupation``), which is stable.
"""

from contributors.models import Contributor


def schema_type(contributor) -> str:
    return "Organization" if contributor.role == Contributor.Role.AGENCY else "Person"


def author(request, contributor) -> dict:
    """A contributor as a story's author: only ever called for a public contributor (one
    who signs the public story at hand), whose page the ``url`` leads to."""
    return {
        "@type": schema_type(contributor),
        "name": contributor.name,
        "url": request.build_absolute_uri(contributor.get_absolute_url()),
    }


def _image(request, picture) -> str | None:
    widest = picture.widths()[-1:]
    return request.build_absolute_uri(widest[0].url) if widest else None


def profile_page(request, contributor) -> dict:
    url = request.build_absolute_uri(contributor.get_absolute_url())
    entity = author(request, contributor)
    if contributor.bio:
        entity["description"] = contributor.bio
    if contributor.portrait is not None and (image := _image(request, contributor.portrait)):
        entity["image"] = image
    if entity["@type"] == "Person":
        entity["hasOccupation"] = {
            "@type": "Occupation",
            "name": str(contributor.get_role_display()),
        }
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "@id": url,
        "url": url,
        "name": contributor.name,
        "mainEntity": entity,
    }
