from django.views.generic import ListView

from articles.models import Article
from articles.views import PAGE_SIZE
from search.query import search_articles


class SearchView(ListView):
    template_name = "search/search.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        # search keeps the public stories itself (search.query.search_articles)
        queryset = Article.objects.for_listing()
        self.results = search_articles(queryset, self.request.GET.get("q"))
        return self.results.articles

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.results.query,
            matched_actors=self.results.actors,
            more_found=self.results.more,
            **kwargs,
        )
