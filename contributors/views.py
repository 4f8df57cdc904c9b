from django.apps import apps
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
