from django.apps import apps
from django.db.models import Case, Value, When
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from common.pagination import CountedOnceMixin
from common.views import OldSlugRedirectMixin
from contributors.models import Contributor


class ContributorDetailView(OldSlugRedirectMixin, CountedOnceMixin, SingleObjectMixin, ListView):
    """Who the contributor is and the public stories they sign, newest first.

    Stories live in the layer above (articles), so they are looked up by name at request
    time: contributors never imports articles when it loads. A contributor who signs no
    public story has no page (404).
    """

    template_name = "contributors/contributor_detail.html"
    paginate_by = 20  # The page's stories are ``object_list``; the contributor ``contributor``.

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=Contributor.objects.public())
        return super().get(request, *args, **kwargs)

    def get_redirect_queryset(self):
        # A contributor's old URL leads to their page as it is now.
        return Contributor.objects.all()

    def get_queryset(self):
        Article = apps.get_model("articles", "Article")  # the layer above; see the docstring
        return Article.objects.published().signed_by(self.object).for_listing().newest_first()

    def count_key(self):
        return f"contributor:{self.object.pk}"


# The index lists the desk's own people first, then those who sign from outside.
ROLE_ORDER = [
    Contributor.Role.REPORTER,
    Contributor.Role.CORRESPONDENT,
    Contributor.Role.COLUMNIST,
    Contributor.Role.EDITOR,
    Contributor.Role.PHOTOGRAPHER,
    Contributor.Role.ILLUSTRATOR,
    Contributor.Role.AGENCY,
]


class ContributorIndexView(CountedOnceMixin, ListView):
    """Everyone who signs a public story, grouped by role and A to Z within a role."""

    template_name = "contributors/contributor_index.html"
    context_object_name = "contributors"
    paginate_by = 100

    def get_queryset(self):
        rank = Case(
            *(When(role=role, then=Value(i)) for i, role in enumerate(ROLE_ORDER)),
            default=Value(len(ROLE_ORDER)),
        )
        return (
            Contributor.objects.public()
            .only("name", "slug", "role", "bio")
            .order_by(rank, "name", "pk")
        )

    def count_key(self):
        return "contributors:index"
