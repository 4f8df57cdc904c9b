"""What the reader-site tests start from: a section, two actors and one public story."""

from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory, SectionFactory


def public_story_with_actors(*, section: dict, story: dict, tagging=("musk",)) -> dict:
    """A public story in ``section``, on the topic "espace", tagging Musk (and Bezos if asked)."""
    people = {
        "musk": ActorFactory(name="Elon Musk", slug="elon-musk"),
        "bezos": ActorFactory(name="Jeff Bezos", slug="jeff-bezos"),
    }
    desk = {"section": SectionFactory(**section), **people}
    desk["story"] = ArticleFactory(section=desk["section"], tags=["espace"], **story)
    for name in tagging:
        ArticleActorFactory(article=desk["story"], actor=people[name])
    return desk
