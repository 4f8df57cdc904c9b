"""The story list at the archive's scale: its search, its filters and its count."""

import json

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.models import Byline, TaggedArticle
from contributors.models import Contributor


class EstimatedCountPaginator(Paginator):
    """Counts a short list exactly, and a long one from PostgreSQL's statistics.

    Counting a million stories took half a second on every page of the unfiltered list, and
    the hundred thousand a reporter signs 0.7 s: the planner's row estimate (kept current by
    autovacuum) is close enough for "N stories" and the number of pages. The whole archive
    is estimated from the table's statistics; a filtered list is counted up to EXACT_FILTERED
    rows (a bounded read), and estimated by the planner beyond. Small tables and SQLite are
    counted exactly.
    """

    EXACT_BELOW = 100_000
    EXACT_FILTERED = 2_000

    @cached_property
    def count(self):
        queryset = self.object_list
        if connection.vendor != "postgresql" or not hasattr(queryset, "query"):
            return super().count
        if queryset.query.where:
            return self._filtered_count(queryset)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        estimate = int(row[0]) if row else -1
        return estimate if estimate >= self.EXACT_BELOW else super().count

    def _filtered_count(self, queryset) -> int:
        counted = queryset.order_by()[: self.EXACT_FILTERED + 1].count()
        if counted <= self.EXACT_FILTERED:
            return counted
        plan = json.loads(queryset.order_by().explain(format="json"))
        return max(counted, int(plan[0]["Plan"]["Plan Rows"]))


class UsedTagsFilter(admin.RelatedFieldListFilter):
    """The tags stories use, not every tag in the vocabulary.

    Asked tag by tag (does one story use it? one probe of the tag's index each) rather than
    as the distinct tags of every story's taggings, which reads them all.
    """

    def field_choices(self, field, request, model_admin):
        used = TaggedArticle.objects.filter(tag=OuterRef("pk"))
        return [
            (tag.pk, str(tag)) for tag in Tag.objects.filter(Exists(used)).order_by("name", "pk")
        ]


class ContributorFilter(admin.SimpleListFilter):
    """Stories a contributor signs, the contributor typed by name (or given by number).

    Not a link per contributor: a newsroom has thousands, and finding those who sign stories
    would read every byline. A name typed is looked up in the contributors' own small table;
    their stories come from the byline index (byline_by_contributor), as a semi-join that
    adds no row per byline. The contributors found are listed, at most CHOICES of them.
    """

    title = _("contributor")
    parameter_name = "contributor"
    template = "admin/articles/contributor_filter.html"
    CHOICES = 10
    MAX_LENGTH = 200

    def lookups(self, request, model_admin):
        return [(str(pk), name) for pk, name in self.contributors()[: self.CHOICES]]

    def has_output(self):
        return True  # the name box, even before anything is typed

    def typed(self) -> str:
        return " ".join((self.value() or "").split())[: self.MAX_LENGTH]

    def contributors(self):
        typed = self.typed()
        if not typed:
            return Contributor.objects.none().values_list("pk", "name")
        if typed.isdigit():
            matches = Q(pk=int(typed))
        else:
            # The slug folds accents and case on every database ("lea" finds "Léa").
            matches = Q(name__icontains=typed)
            if slugify(typed):
                matches |= Q(slug__contains=slugify(typed))
        return Contributor.objects.filter(matches).order_by("name", "pk").values_list("pk", "name")

    def queryset(self, request, queryset):
        if not self.typed():
            return None
        ids = self.contributors().values("pk")
        return queryset.filter(
            Exists(Byline.objects.filter(article=OuterRef("pk"), contributor__in=ids))
        )

    def choices(self, changelist):
        # The other parameters of the list, kept by the name box's form (not the page).
        self.kept = [
            (name, value)
            for name, value in changelist.params.items()
            if name != self.parameter_name
        ]
        yield from super().choices(changelist)


class StoryListMixin:
    """The story list's search, filters and paginator (ArticleAdmin's changelist)."""

    # A date filter rather than date_hierarchy, whose drill-down reads the month of every
    # story in the archive on each page.
    list_filter = [
        "status",
        "section",
        "language",
        ContributorFilter,
        ("publish_at", admin.DateFieldListFilter),
        ("tags", UsedTagsFilter),
    ]
    paginator = EstimatedCountPaginator
    # Counts beside every filter choice would count the archive once per choice.
    show_facets = admin.ShowFacets.NEVER
    search_fields = ["title", "standfirst", "slug"]
