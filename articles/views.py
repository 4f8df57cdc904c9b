from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from articles.models import Article, Section


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().for_listing().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = Section.objects.all()
        return context


class SectionView(ListView):
    template_name = "articles/section_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().filter(section=self.section).for_listing().newest_first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_articles"] = self.object.related_public()
        return context
