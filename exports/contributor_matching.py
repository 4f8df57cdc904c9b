"""Finding the contributors an imported story's byline names, or creating them.

Matching order: the slug (or a slug the contributor has left), then the exact name. A
matched contributor is never overwritten (this newsroom's page about them is its own); one
the newsroom does not know is created with the file's name, slug and role, so that a byline
survives the move to another newsroom. Files written before contributors name user accounts
(``authors``: username and name): those match the contributor linked to that account, then
the name.
"""

from django.core.exceptions import ValidationError
from django.db.models import F

from contributors.models import Contributor
from contributors.services import contributor_create
from exports import fields
from exports.fields import RecordError

MAX_NAME = Contributor._meta.get_field("name").max_length


class ContributorMatcher:
    def __init__(self):
        self.created: list[Contributor] = []
        self._seen: dict[tuple, Contributor] = {}
        # Filled by preload(): slug, old slug and name look-ups of a batch, made at once.
        self._by_key: dict[str, Contributor | None] = {}

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
            found = found or self._by_name(name)
            self._seen[key] = found or self._create(name=name, slug=slug, role=role)
        return self._seen[key]

    def preload(self, entries: list[dict]) -> None:
        """Look up, in three queries, the contributors these byline entries can match, so
        that ``resolve`` then finds them without a query each (bulk imports)."""
        entries = [entry for entry in entries if isinstance(entry, dict)]
        slugs = {e["slug"] for e in entries if isinstance(e.get("slug"), str) and e["slug"]}
        names = {e["name"].strip() for e in entries if isinstance(e.get("name"), str)}
        self._by_key.update({f"slug:{slug}": None for slug in slugs})
        self._by_key.update({f"name:{name}": None for name in names})
        for contributor in Contributor.objects.filter(slug__in=slugs):
            self._by_key[f"slug:{contributor.slug}"] = contributor
        left = [slug for slug in slugs if self._by_key[f"slug:{slug}"] is None]
        for contributor in Contributor.objects.filter(redirects__old_slug__in=left).annotate(
            left_slug=F("redirects__old_slug")
        ):
            self._by_key[f"slug:{contributor.left_slug}"] = contributor
        for contributor in Contributor.objects.filter(name__in=names).order_by("-pk"):
            self._by_key[f"name:{contributor.name}"] = contributor  # the first one wins

    def _by_name(self, name: str) -> Contributor | None:
        if f"name:{name}" in self._by_key:
            return self._by_key[f"name:{name}"]
        return Contributor.objects.filter(name=name).order_by("pk").first()

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

    def _by_slug(self, slug: str) -> Contributor | None:
        """The contributor at ``slug``, or the one who left it (renamed since the export)."""
        if f"slug:{slug}" in self._by_key:
            return self._by_key[f"slug:{slug}"]
        found = Contributor.objects.filter(slug=slug).first()
        return found or Contributor.objects.redirected_from(slug).first()

    def _create(self, *, name: str, slug: str, role: str) -> Contributor:
        try:
            contributor = contributor_create(name=name, slug=slug, role=role, by=None)
        except ValidationError as error:
            raise fields.from_validation_error(error) from None
        self.created.append(contributor)
        # Found by its slug and name from now on, as a query would find it.
        self._by_key[f"slug:{contributor.slug}"] = contributor
        if self._by_key.get(f"name:{contributor.name}") is None:
            self._by_key[f"name:{contributor.name}"] = contributor
        return contributor
