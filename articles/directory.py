"""The topics index and the sections list: ways into the stories that are not search.

A topic is listed once a public story uses it, with its number of public stories; a
section is listed with its newest public story. Every story counted or shown comes from
``Article.objects.published()``.
"""

from django.db.models import Count, OuterRef, Subquery
from django.views.generic import ListView

from articles.models import Article, Section, TaggedArticle
from common.pagination import CountedOnceMixin, counted_once


def public_story_counts(tags) -> dict[int, int]:
    """The number of public stories using each of ``tags``, kept as each topic's page keeps
    its own (``TagView.count_key``): one count for both, once per content change."""

    def count(pks) -> dict[int, int]:
        counts = dict.fromkeys(pks, 0)
        rows = (
            TaggedArticle.objects.filter(
                tag__in=pks, content_object__in=Article.objects.published()
            )
            .order_by()
            .values_list("tag_id")
            .annotate(stories=Count("pk"))
        )
        counts.update(rows)
        return counts

    return counted_once({tag.pk: f"tag:{tag.pk}" for tag in tags}, count)


class TagIndexView(CountedOnceMixin, ListView):
    template_name = "articles/tag_index.html"
    context_object_name = "topics"
    paginate_by = 100

    def get_queryset(self):
        # Only topics of public stories: a draft's topic could give a scoop away.
        return Article.objects.published().topics().order_by("name", "pk")

    def count_key(self):
        return "topics"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counted for this page's topics only, and kept: counting them joins every tagging
        # of these topics to its story (0.25 s at 200,000 stories on PostgreSQL).
        counts = public_story_counts(context["topics"])
        for topic in context["topics"]:
            topic.public_stories = counts.get(topic.pk, 0)
        return context


class SectionIndexView(ListView):
    """Every section, in the desk's order, with its newest public story."""

    template_name = "articles/section_index.html"
    context_object_name = "section_rows"  # ``sections`` is the navigation's (context processor)

    def get_queryset(self):
        newest = Article.objects.published().filter(section=OuterRef("pk")).newest_first()
        return Section.objects.annotate(newest_story=Subquery(newest.values("pk")[:1]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["section_rows"])
        ids = [row.newest_story for row in rows if row.newest_story is not None]
        stories = (
            Article.objects.published()
            .filter(pk__in=ids)
            .only("title", "slug", "language", "publish_at", "section")
        )
        by_pk = {story.pk: story for story in stories}
        for row in rows:
            row.newest = by_pk.get(row.newest_story)
        context["section_rows"] = rows
        return context
