import pytest

from pictures.services import picture_create
from tests.factories import ArticleFactory
from tests.pictures.images import image_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def serve_media(settings):
    settings.ROOT_URLCONF = "tests.browser.media_urls"


def test_story_page_shows_its_lead_image_loaded_and_described(live_server, page):
    picture = picture_create(
        upload=image_bytes(1600, 1000, exif=True),
        alt_text="Deux fusées sur leurs pas de tir",
        caption="SpaceX et Blue Origin.",
        credit="Illustration : Rédaction",
    )
    article = ArticleFactory(title="La course aux contrats", lead_image=picture)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + article.get_absolute_url())

    image = page.get_by_role("img", name="Deux fusées sur leurs pas de tir")
    image.wait_for()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    natural, current = image.evaluate("img => [img.naturalWidth, img.currentSrc]")
    assert natural > 0
    # A 42rem column at 1x picks the 800 px rendition from srcset.
    assert "/media/pictures/" in current and current.endswith("/w800.webp")
    caption = page.locator(".lead-figure figcaption").inner_text()
    assert "SpaceX et Blue Origin." in caption and "Illustration : Rédaction" in caption
