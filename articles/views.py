"""Reader pages: every query starts from Article.objects.published()."""

import hashlib
from itertools import groupby

from django.db.models import Subquery, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import condition
from django.views.generic import DetailView, ListView

from articles.models import Article, Section
from articles.related import related_for_readers, related_stories
from common.pagination import CountedOnceMixin
from common.views import OldSlugRedirectMixin

PAGE_SIZE = 20


class HomeView(CountedOnceMixin, ListView):
    """The latest stories, and on each page the same stories grouped by section."""

    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Article.objects.published().for_listing().newest_first()

    def count_key(self):
        return "home"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section_groups"] = group_by_section(context["articles"])
        return context


def group_by_section(articles) -> list[tuple[Section | None, list[Article]]]:
    """Stories grouped by section in the desk's section order, newest first in each group."""

    def order(article):
        section = article.section
        return (
            section is None,
            section.position if section else 0,
            section.name if section else "",
        )

    ordered = sorted(articles, key=order)  # sorted() is stable: newest first stays within groups
    return [(section, list(group)) for section, group in groupby(ordered, key=lambda a: a.section)]


class SectionView(CountedOnceMixin, ListView):
    template_name = "articles/section_detail.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().in_section(self.section).for_listing().newest_first()

    def count_key(self):
        return f"section:{self.section.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section, current_section=self.section, **kwargs
        )


class TagView(CountedOnceMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        # Only tags used by public stories have a page: a draft's tag could give a scoop away.
        self.tag = get_object_or_404(Article.objects.published().topics(), slug=self.kwargs["slug"])
        return Article.objects.published().tagged_with(self.tag).for_listing().newest_first()

    def count_key(self):
        return f"tag:{self.tag.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


def _story_stamp(request, slug):
    """(pk, last change) of the public story at ``slug``, fetched once per request.

    The page also shows other stories (related ones), so the newest publication anywhere
    counts as a change too; it comes from the (status, publish_at) index in the same query.
    The row is the page's story too (``ArticleDetailView.get_object``): a 304 costs this one
    query, a 200 does not fetch the story twice.
    """
    if not hasattr(request, "_story_stamp"):
        newest = Article.objects.published().order_by("-publish_at").values("publish_at")[:1]
        story = (
            Article.objects.published()
            .filter(slug=slug)
            .select_related("section", "lead_image", "related_ranking")
            .annotate(newest_publication=Subquery(newest))
            .first()
        )
        request._story = story
        request._story_stamp = (
            (story.pk, max(story.updated_at, story.publish_at, story.newest_publication))
            if story
            else None
        )
    return request._story_stamp


def story_last_modified(request, slug):
    stamp = _story_stamp(request, slug)
    return stamp[1] if stamp else None


def story_etag(request, slug):
    stamp = _story_stamp(request, slug)
    if stamp is None:
        return None
    # The same story reads differently in each interface language. The hour bounds how long
    # a revalidated copy may lag changes the stamp cannot see (a related story unpublished).
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"{stamp[0]}:{stamp[1].isoformat()}:{get_language()}:{hour}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


class ArticleDetailView(OldSlugRedirectMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    @method_decorator(condition(etag_func=story_etag, last_modified_func=story_last_modified))
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get_object(self, queryset=None):
        story = getattr(self.request, "_story", None)
        if queryset is not None or story is None or story.slug != self.kwargs["slug"]:
            return super().get_object(queryset)
        # Loaded by the conditional-GET check; only the prefetches of for_detail() remain.
        prefetch_related_objects([story], *self.get_queryset()._prefetch_related_lookups)
        return story

    def get_redirect_queryset(self):
        return Article.objects.published()  # an old URL never reveals an unpublished story

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_articles"] = related_for_readers(self.object)
        return context


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(DetailView):
    """Staff who may view stories see any story, draft or scheduled, as readers will;
    everyone else gets a 404 (a staff flag alone is not a right to read unpublished work)."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"
    slug_field = "uuid"
    slug_url_kwarg = "uuid"

    def get_queryset(self):
        if not self.request.user.has_perm("articles.view_article"):
            raise Http404
        return Article.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_articles"] = related_stories(self.object)
        context["preview"] = True
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
