"""Which lists each API route's answers show (``common.generation.lists``), so that the page
cache retires them with the reader pages that show the same rows. A route not named here
carries ``any`` and goes with every change. Stories' routes are registered by
``STORY_ROUTES`` (api/stories.py's part), the others by ``OTHER_ROUTES``."""

from common import generation

STORY_ROUTES: dict = {}
OTHER_ROUTES: dict = {}


def register() -> None:
    for view_name, tags in {**STORY_ROUTES, **OTHER_ROUTES}.items():
        generation.lists(view_name, tags)
