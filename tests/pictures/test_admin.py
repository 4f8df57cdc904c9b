"""An editor uploads a picture, finds it in the library and puts it on a story."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from pictures.models import Picture
from tests.admin_forms import change_url, form_values
from tests.factories import ArticleFactory
from tests.pictures.images import image_bytes, make_picture

pytestmark = pytest.mark.django_db

ADD = reverse("admin:pictures_picture_add")
CHANGELIST = reverse("admin:pictures_picture_changelist")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_editor_uploads_a_picture_with_alt_text_and_credit(client, editor, settings):
    client.force_login(editor)
    page = client.get(ADD).content.decode()
    assert 'accept="image/jpeg,image/png,image/webp"' in page

    response = client.post(
        ADD,
        {
            "upload": upload("IMG_0042.JPG", image_bytes(2400, 1600, exif=True)),
            "alt_text": "Elon Musk et Jeff Bezos à table",
            "caption": "Le dîner de Mar-a-Lago.",
            "credit": "Photo : Jane Doe / Agence",
            "source": "Agence",
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    picture = Picture.objects.get()
    assert picture.uploaded_by == editor
    assert (picture.width, picture.height, picture.credit) == (
        2400,
        1600,
        "Photo : Jane Doe / Agence",
    )
    assert picture.renditions.count() == 5
    change = client.get(reverse("admin:pictures_picture_change", args=[picture.pk]))
    assert picture.reference in change.content.decode()  # what to type in a story body


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "not a JPEG"),
        ("page.jpg", b"<html><body onload='x()'></body></html>", "not a JPEG"),
    ],
)
def test_a_hostile_file_comes_back_as_a_form_error_and_nothing_is_kept(
    client, editor, settings, name, data, message
):
    client.force_login(editor)
    response = client.post(ADD, {"upload": upload(name, data), "alt_text": "Un logo"})
    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors["upload"][0]
    assert not Picture.objects.exists()
    assert not list(settings.MEDIA_ROOT.rglob("*.*"))


def test_alt_text_is_required(client, editor):
    client.force_login(editor)
    response = client.post(ADD, {"upload": upload("a.jpg", image_bytes()), "alt_text": ""})
    assert response.status_code == 200
    assert "alt_text" in response.context["adminform"].form.errors
    assert not Picture.objects.exists()


def test_library_list_shows_thumbnails_and_finds_pictures_by_credit(client, editor):
    make_picture(seed=1, credit="Photo : Jane Doe")
    make_picture(seed=2, credit="Photo : John Roe")
    client.force_login(editor)
    page = client.get(CHANGELIST, {"q": "doe"}).content.decode()
    assert page.count('src="/media/pictures/') == 1 and "Jane Doe" in page
    picker = client.get(CHANGELIST, {"_popup": "1", "_to_field": "id"}).content.decode()
    assert picker.count("/w240.webp") == 2  # the story's lead image picker shows thumbnails


def test_editor_attaches_a_lead_image_and_is_warned_about_a_missing_body_picture(client, editor):
    picture = make_picture()
    article = ArticleFactory()
    client.force_login(editor)
    data = form_values(client.get(change_url(article)))
    data["lead_image"] = [str(picture.pk)]
    data["body"] = [f"Un paragraphe.\n\n{picture.reference}\n\n[[picture:987654]]"]

    response = client.post(change_url(article), data, follow=True)

    article = Article.objects.get(pk=article.pk)
    assert article.lead_image == picture
    messages = [str(m) for m in response.context["messages"]]
    assert any("picture 987654, which is not in the library" in m for m in messages), messages
    assert "987654" not in article.body_rendered
    assert article.body_rendered.count("<figure>") == 1


def test_a_picture_in_use_cannot_be_deleted(client, editor):
    lead = make_picture(seed=1)
    in_body = make_picture(seed=2)
    ArticleFactory(title="La fusée", lead_image=lead)
    ArticleFactory(title="Le dîner", body=in_body.reference)
    client.force_login(editor)
    for picture, title in ((lead, "La fusée"), (in_body, "Le dîner")):
        url = reverse("admin:pictures_picture_delete", args=[picture.pk])
        page = client.get(url).content.decode()
        assert title in page
        client.post(url, {"post": "yes"})
        assert Picture.objects.filter(pk=picture.pk).exists()


def test_deleting_an_unused_picture_removes_its_files(
    client, editor, settings, django_capture_on_commit_callbacks
):
    picture = make_picture()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:pictures_picture_delete", args=[picture.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Picture.objects.exists()
    assert not list(settings.MEDIA_ROOT.rglob("*.*"))


def test_a_caption_change_reaches_the_stories_that_show_the_picture(client, editor):
    picture = make_picture()
    story = ArticleFactory(body=picture.reference)
    before = story.updated_at
    client.force_login(editor)
    url = reverse("admin:pictures_picture_change", args=[picture.pk])
    data = form_values(client.get(url), "picture_form")
    data["caption"] = ["Une légende corrigée."]
    assert client.post(url, data).status_code == 302
    story.refresh_from_db()
    assert "Une légende corrigée." in story.body_rendered
    assert story.updated_at > before
