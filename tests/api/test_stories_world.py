"""The shared API world holds what its docstring says (a guard for every API test)."""

from articles.models import Article


def test_the_world_has_three_public_stories_and_three_hidden(api_world):
    public = set(Article.objects.published().values_list("slug", flat=True))
    assert public == {story.slug for story in api_world.public}
    assert not public & {story.slug for story in api_world.hidden}
