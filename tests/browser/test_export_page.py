"""Export staff in Chromium: sign in, filter by tag on the export page, get the file."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    # Serialized rollback: the next test still finds the roles the migrations created.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "export-staff-password-2026"  # noqa: S105


@pytest.fixture
def exporter(live_server):
    user = get_user_model().objects.create_user("sophie", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Export staff"))
    return user


def test_export_staff_download_the_stories_of_a_tag(live_server, page, exporter):
    ArticleFactory(title="Starship décolle", tags=["espace"])
    ArticleFactory(title="Les élections", tags=["politique"])
    base = live_server.url
    page.goto(f"{base}/staff/exports/")
    page.wait_for_url("**/admin/login/**")
    page.fill("#id_username", "sophie")
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base}/staff/exports/")

    page.select_option("#id_format", "jsonl")
    page.fill("#id_tag", "espace")
    with page.expect_download() as info:
        page.locator("input[type=submit]").click()
    download = info.value
    today = timezone.localdate().isoformat()
    assert download.suggested_filename == f"stories-{today}-tag-espace.jsonl"
    lines = open(download.path(), encoding="utf-8").read().splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["Starship décolle"]


def test_a_wrong_tag_is_shown_on_the_form(live_server, page, exporter):
    base = live_server.url
    page.goto(f"{base}/admin/login/?next=/staff/exports/")
    page.fill("#id_username", "sophie")
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base}/staff/exports/")
    page.fill("#id_tag", "inconnu")
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()
    assert '"inconnu"' in page.locator(".errorlist").first.inner_text()
