"""Writes that touch stories and the rows around them (tags, links, corrections).

Every write the admin, the desk, the imports, the demo and the commands make goes through
one of these functions, which checks the permission of ``by`` (None for scripts).
"""

from articles.services.bylines import article_set_byline, byline_delete, byline_save
from articles.services.corrections import (
    CORRECTION_DELETE_REFUSED,
    PUBLISH_CORRECTION_PERMISSION,
    correction_add,
    correction_delete,
    correction_propose,
    correction_publish,
    correction_save,
    correction_withdraw,
)
from articles.services.links import (
    article_actor_delete,
    article_actor_save,
    article_link_related,
    article_tag_actor,
    article_tag_new_actor,
    related_article_delete,
    related_article_save,
)
from articles.services.proposals import (
    LIVE_CHANGE_REFUSED,
    article_propose_change,
    live_change_needs_review,
    proposal_approve,
    proposal_check_pending,
    proposal_reject,
    require_live_edit,
)
from articles.services.publishing import (
    PUBLISH_PERMISSION,
    PUBLISH_REFUSED,
    RESTORE_REFUSED,
    article_check_restore,
    article_check_status_change,
    article_publish,
    article_submit,
    article_unpublish,
    publication_moves,
)
from articles.services.stories import (
    article_change_slug,
    article_create,
    article_import,
    article_retire_slug,
    article_save,
)
from articles.services.topics import (
    TOPIC_MAX_LENGTH,
    TopicMatch,
    TopicName,
    topics_check,
    topics_matching,
    topics_review,
    topics_suggest,
    validate_topics,
)
from articles.services.vocabulary import (
    section_delete,
    section_save,
    topic_delete,
    topic_save,
)

__all__ = [
    "CORRECTION_DELETE_REFUSED",
    "LIVE_CHANGE_REFUSED",
    "PUBLISH_CORRECTION_PERMISSION",
    "PUBLISH_PERMISSION",
    "PUBLISH_REFUSED",
    "RESTORE_REFUSED",
    "TOPIC_MAX_LENGTH",
    "article_actor_delete",
    "article_actor_save",
    "article_change_slug",
    "article_check_restore",
    "article_check_status_change",
    "article_create",
    "article_import",
    "article_link_related",
    "article_propose_change",
    "article_publish",
    "article_retire_slug",
    "article_save",
    "article_set_byline",
    "article_submit",
    "article_tag_actor",
    "article_tag_new_actor",
    "article_unpublish",
    "byline_delete",
    "byline_save",
    "correction_add",
    "correction_delete",
    "correction_propose",
    "correction_publish",
    "correction_save",
    "correction_withdraw",
    "live_change_needs_review",
    "proposal_approve",
    "proposal_check_pending",
    "proposal_reject",
    "publication_moves",
    "related_article_delete",
    "related_article_save",
    "require_live_edit",
    "section_delete",
    "section_save",
    "topic_delete",
    "topic_save",
    "TopicMatch",
    "TopicName",
    "topics_check",
    "topics_matching",
    "topics_review",
    "topics_suggest",
    "validate_topics",
]
