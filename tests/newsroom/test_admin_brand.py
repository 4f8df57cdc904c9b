"""The newsroom's own admin: its name in the header and the browser title of every admin page
(never "Administration de Django"), and a language switch that returns to the same page."""

import lxml.html
import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from reversion.models import Version

from tests.admin_forms import change_url, form_values
from tests.factories import ActorFactory, ArticleFactory
from tests.newsroom.test_admin_lists import LISTS

pytestmark = pytest.mark.django_db

NAME = "La Gazette de Montbrison"


@pytest.fixture(autouse=True)
def site_name(settings):
    settings.NEWSROOM_SITE_NAME = NAME


def assert_branded(response, where):
    """The page's header and browser title name the newsroom; its header has the switch."""
    assert response.status_code == 200, where
    tree = lxml.html.fromstring(response.content.decode())
    title = tree.findtext(".//title").strip()
    header = tree.get_element_by_id("header")
    assert header.get_element_by_id("site-name").text_content().strip() == NAME, where
    assert title.endswith(f"| {NAME}") or title == NAME, (where, title)
    assert "Django" not in title + header.text_content(), where
    assert header.xpath(".//form[@action='/i18n/setlang/']//select[@name='language']"), where


def model_pages(client):
    """Every registered model's list, add page, and one row's change and history pages."""
    for label, (make_row, _bound) in sorted(LISTS.items()):
        make_row(0)
        app_label, model_name = label.split(".")
        model = next(m for m in admin.site._registry if m._meta.label_lower == label)
        yield f"{label} list", reverse(f"admin:{app_label}_{model_name}_changelist")
        add = reverse(f"admin:{app_label}_{model_name}_add")
        if client.get(add).status_code != 403:  # the delivery log, the tags: no add page
            yield f"{label} add", add
        row = model._default_manager.order_by("pk").first()
        yield f"{label} change", change_url(row)
        yield f"{label} history", reverse(f"admin:{app_label}_{model_name}_history", args=[row.pk])


def test_every_admin_page_carries_the_newsroom_name(client, superuser):
    assert_branded(client.get(reverse("admin:login")), "login")
    client.force_login(superuser)
    pages = [
        ("index", reverse("admin:index")),
        ("app index", reverse("admin:app_list", args=["articles"])),
        ("password change", reverse("admin:password_change")),
        ("password changed", reverse("admin:password_change_done")),
        ("export page", reverse("exports:stories")),
        ("manuscript import", reverse("admin:articles_article_manuscript")),
        *model_pages(client),
    ]
    for where, url in pages:
        assert_branded(client.get(url), where)

    # The desk's own pages: compare and restore a story's history entry, merge two actors.
    article = ArticleFactory()
    client.post(change_url(article), form_values(client.get(change_url(article))))
    version = Version.objects.get_for_object(article).first()
    for name in ("compare", "revision"):
        url = reverse(f"admin:articles_article_{name}", args=[article.pk, version.pk])
        assert_branded(client.get(url), name)
    actors = [ActorFactory(), ActorFactory()]
    merge = client.post(
        reverse("admin:actors_actor_changelist"),
        {"action": "merge_actors", ACTION_CHECKBOX_NAME: [a.pk for a in actors]},
    )
    assert_branded(merge, "merge confirmation")

    assert_branded(client.post(reverse("admin:logout")), "logged out")


def test_the_admin_is_french_by_default_and_switches_to_english_on_the_same_page(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:actors_actor_changelist") + "?q=Musk"
    page = client.get(url).content.decode()
    assert '<html lang="fr"' in page and "Select actor to change" not in page
    tree = lxml.html.fromstring(page)
    (switch,) = tree.xpath("//form[@action='/i18n/setlang/']")
    assert switch.xpath(".//input[@name='next']/@value") == [url]
    assert switch.xpath(".//input[@name='csrfmiddlewaretoken']")
    label = switch.xpath(".//label[@for='brand-language-select']")[0].text_content()
    assert label == "Langue"
    assert switch.xpath(".//option[@selected]/@value") == ["fr"]

    answer = client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert answer.status_code == 302 and answer["Location"] == url
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="en"' in english and "Select actor to change" in english
    index = client.get(reverse("admin:index"))
    assert_branded(index, "index in English")
    # taggit's app is named for the desk, not for its code, in English too.
    assert ">Tags<" in index.content.decode() and "Taggit" not in index.content.decode()


def test_the_switch_never_sends_the_editor_to_another_site(client, superuser):
    client.force_login(superuser)
    answer = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert answer.status_code == 302 and "evil.example" not in answer["Location"]
