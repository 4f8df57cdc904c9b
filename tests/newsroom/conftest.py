"""The page cache's precise-invalidation and grace tests share one newsroom: two stories that
share nothing (section, topic, actor), on every page cache (files, Redis, each alone or
behind the process-local tier)."""

import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from newsroom import localpages
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory, SectionFactory
from tests.newsroom.test_cache import REDIS_URL, redis_client


@pytest.fixture(params=["file", "redis", "file+local", "redis+local"])
def shared_cache(request, tmp_path, settings):
    """The shared page cache, alone or behind each process's local tier (localpages)."""
    local = request.param.endswith("+local")
    settings.NEWSROOM_PAGE_CACHE_LOCAL_ENTRIES = 100 if local else 0
    settings.NEWSROOM_PAGE_CACHE_SEQUENCE = str(tmp_path / "pages.seq")
    localpages.reset()
    request.addfinalizer(localpages.reset)
    if request.param.startswith("file"):
        pages = {
            "BACKEND": "newsroom.filecache.PageFileCache",
            "LOCATION": str(tmp_path / "pages"),
        }
    else:
        assert redis_client() is not None, f"no Redis server answers at {REDIS_URL}"
        pages = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-tags-{uuid.uuid4().hex}",
        }
    with override_settings(CACHES={**settings.CACHES, "pages": pages}):
        settings.NEWSROOM_PAGE_CACHE = True
        yield caches["pages"]
        caches["pages"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def corner(name: str) -> dict:
    """A public story with its own section, topic and actor."""
    section = SectionFactory(name=f"Rubrique {name}", slug=f"rubrique-{name}")
    actor = ActorFactory(name=f"Acteur {name}", slug=f"acteur-{name}")
    story = ArticleFactory(
        title=f"Histoire {name}", slug=f"histoire-{name}", section=section, tags=[f"sujet-{name}"]
    )
    ArticleActorFactory(article=story, actor=actor)
    return {
        "story": story.get_absolute_url(),
        "section": section.get_absolute_url(),
        "topic": f"/tags/sujet-{name}/",
        "actor": actor.get_absolute_url(),
        "objects": {"story": story, "section": section, "actor": actor},
    }


@pytest.fixture
def desk(shared_cache, editor):
    return {"a": corner("a"), "b": corner("b"), "editor": editor}
