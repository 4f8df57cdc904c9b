"""Finding the contributors an imported story's byline names, or creating them.

Matching order: the slug (or a slug the contributor has left), then the exact name. A
matched contributor is never overwritten (this newsroom's page about them is its own); one
the newsroom does not know is created with the file's name, slug and role, so that a byline
survives the move to another newsroom. Files written before contributors name user accounts
(``authors``: username and name): those match the contributor linked to that account, then
the name.
"""

from django.core.exceptions import ValidationError

from contributors.models import Contributor
from contributors.services import contributor_create
from exports import fields
from exports.fields import RecordError

MAX_NAME = Contributor._meta.get_field("name").max_length


class ContributorMatcher:
    def __init__(self):
        self.created: list[Contributor] = []
        self._seen: dict[tuple, Contributor] = {}

    def resolve(self, data: dict) -> Contributor:
        """The contributor for one entry of a record's ``contributors`` (raises RecordError
        naming the bad field)."""
        name = fields.text(data, "name", max_length=MAX_NAME).strip()
        if not name:
            raise RecordError("name", "a contributor needs a name.")
        slug = fields.text(data, "slug", max_length=MAX_NAME)
        role = fields.text(data, "role", default=Contributor.Role.REPORTER)
        if role not in Contributor.Role.values:
            roles = ", ".join(Contributor.Role.values)
            raise RecordError("role", f"{role!r} is not one of {roles}.")
        key = (slug, name, role)
        if key not in self._seen:
            found = self._by_slug(slug) if slug else None
            found = found or Contributor.objects.filter(name=name).order_by("pk").first()
            self._seen[key] = found or self._create(name=name, slug=slug, role=role)
        return self._seen[key]

    def author(self, data: dict) -> Contributor:
        """The contributor for one entry of an older file's ``authors``."""
        username = fields.text(data, "username")
        name = fields.text(data, "name", max_length=MAX_NAME).strip() or username.strip()
        if not name:
            raise RecordError("username", "an author needs a username or a name.")
        key = ("@", username, name)
        if key not in self._seen:
            found = (
                Contributor.objects.filter(user__username=username).first() if username else None
            )
            found = found or Contributor.objects.filter(name=name).order_by("pk").first()
            self._seen[key] = found or self._create(name=name, slug="", role="reporter")
        return self._seen[key]

    @staticmethod
    def _by_slug(slug: str) -> Contributor | None:
        """The contributor at ``slug``, or the one who left it (renamed since the export)."""
        found = Contributor.objects.filter(slug=slug).first()
        return found or Contributor.objects.redirected_from(slug).first()

    def _create(self, *, name: str, slug: str, role: str) -> Contributor:
        try:
            contributor = contributor_create(name=name, slug=slug, role=role, by=None)
        except ValidationError as error:
            raise fields.from_validation_error(error) from None
        self.created.append(contributor)
        return contributor
