import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from exports.filters import ExportFilterForm
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory, SectionFactory


def stories(**data) -> set[str]:
    form = ExportFilterForm({"format": "jsonl", **data})
    assert form.is_valid(), form.errors
    return set(form.queryset().values_list("slug", flat=True))


def errors(**data) -> dict:
    form = ExportFilterForm({"format": "jsonl", **data})
    assert not form.is_valid()
    return form.errors


@pytest.fixture
def desk(db):
    espace = SectionFactory(slug="espace")
    tech = SectionFactory(slug="tech")
    musk = ActorFactory(slug="elon-musk")
    a = ArticleFactory(slug="a", section=espace, tags=["espace", "nasa"], language="fr")
    b = ArticleFactory(slug="b", section=tech, tags=["espace"], language="en")
    ArticleFactory(slug="c", section=tech, tags=["tech"])
    ArticleFactory(slug="draft", section=espace, tags=["espace"], status=Article.Status.DRAFT)
    ArticleFactory(slug="scheduled", publish_at=timezone.now() + dt.timedelta(days=1))
    ArticleActorFactory(article=a, actor=musk)
    ArticleActorFactory(article=b, actor=musk)
    return {"a": a, "b": b}


def test_default_is_what_readers_see_now(desk):
    assert stories() == {"a", "b", "c"}


def test_drafts_and_scheduled_only_when_a_status_is_asked_for(desk):
    assert stories(status=["draft"]) == {"draft"}
    assert stories(status=["published"]) == {"a", "b", "c", "scheduled"}
    assert ExportFilterForm({"format": "csv", "status": ["draft"]}).is_valid()


def test_filters_combine_with_and(desk):
    assert stories(tag=["espace"]) == {"a", "b"}
    assert stories(tag=["espace", "nasa"]) == {"a"}
    assert stories(tag="espace, nasa") == {"a"}
    assert stories(tag=["espace"], section="tech") == {"b"}
    assert stories(actor=["elon-musk"], language="fr") == {"a"}
    assert stories(tag=["espace"], status=["draft", "published"]) == {"a", "b", "draft"}


def test_tags_match_by_slug_or_name_any_case(desk):
    assert stories(tag=["ESPACE"]) == {"a", "b"}


def test_unknown_values_are_named(desk):
    assert errors(tag=["espace", "nope", "nada"])["tag"] == ['Unknown tags: "nope", "nada".']
    assert errors(actor=["elon-musk", "ghost"])["actor"] == ['Unknown actor: "ghost".']
    assert errors(section="sport")["section"] == ['Unknown section: "sport".']
    assert errors(language="de")["language"] == ['Unknown language: "de".']
    assert errors(status=["live"])["status"] == [
        'Unknown status: "live". Choose draft, review or published.'
    ]
    assert errors(since="2024-13-01")["since"] == ['Malformed date "2024-13-01": use YYYY-MM-DD.']
    assert errors(format="pdf")["format"]


def test_date_ranges_are_the_desks_calendar_days(desk, settings):
    paris = timezone.get_default_timezone()
    # 00:30 in Paris on 2 March is still 1 March in UTC: the desk means its own day.
    desk["a"].publish_at = dt.datetime(2024, 3, 2, 0, 30, tzinfo=paris)
    desk["a"].save()
    desk["b"].publish_at = dt.datetime(2024, 3, 1, 23, 30, tzinfo=paris)
    desk["b"].save()
    assert stories(since="2024-03-02", until="2024-03-02") == {"a"}
    assert stories(until="2024-03-01") == {"b"}
    assert errors(since="2024-03-05", until="2024-03-01")["until"]


def test_updated_range(desk):
    Article.objects.filter(slug="a").update(updated_at=timezone.now() - dt.timedelta(days=10))
    today = timezone.localdate().isoformat()
    assert stories(updated_since=today) == {"b", "c"}


def test_file_name_says_the_date_and_the_filter(desk):
    form = ExportFilterForm(
        {"format": "jsonl", "tag": ["Espace"], "actor": ["elon-musk"], "since": "2024-01-01"}
    )
    assert form.is_valid()
    today = timezone.localdate().isoformat()
    assert form.filename("jsonl") == (
        f"stories-{today}-tag-espace-actor-elon-musk-since-2024-01-01.jsonl"
    )
    bare = ExportFilterForm({"format": "csv"})
    assert bare.is_valid()
    assert bare.filename("csv") == f"stories-{today}.csv"
