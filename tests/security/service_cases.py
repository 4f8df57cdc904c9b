"""The role matrix's cases, run by test_service_matrix.py: who may call each write service,
for the roles the migrations create, an anonymous user and a script (``by=None``). Written
from the design (reporters write stories, editors edit and publish, export staff only
export), not read from the groups, so a permission granted by mistake fails there.
"""

from collections.abc import Callable
from dataclasses import dataclass

import reversion
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from actors import services as actors
from actors.authority import actors_import
from articles import services as articles
from articles.models import (
    Article,
    ArticleActor,
    ChangeProposal,
    Correction,
    RelatedArticle,
    Section,
)
from pictures import services as pictures
from pictures.models import Picture
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    CorrectionFactory,
    RelationshipFactory,
    RelationshipKindFactory,
    SectionFactory,
)
from tests.pictures.images import image_bytes, make_picture

ROLES = ["anonymous", "reporter", "editor", "export_staff", "superuser"]
GROUPS = {"reporter": "Reporter", "editor": "Editor", "export_staff": "Export staff"}
WRITERS = {"reporter", "editor", "superuser"}
EDITORS = {"editor", "superuser"}


@dataclass
class Case:
    allowed: set[str]
    call: Callable  # (by) -> None: makes its own rows, then calls the service as ``by``


def _draft():
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None)


def _published():
    return ArticleFactory(status=Article.Status.PUBLISHED)


def _restore(by):
    story = _draft()
    with reversion.create_revision():
        story.save()
    version = Version.objects.get_for_object(story).get()
    articles.article_publish(article=story, by=None)
    articles.article_check_restore(version=version, by=by)  # restoring it unpublishes


def _save_retitled(by):
    story = _draft()
    story.title = "Nouveau titre"
    articles.article_save(article=story, by=by)


def _save_published(by):
    story = _draft()
    story.status = Article.Status.PUBLISHED
    articles.article_save(article=story, by=by)


def _new_correction(by):
    correction = Correction(article=_published(), text="Une date était fausse.")
    articles.correction_save(correction=correction, by=by)  # a reporter's is a proposal


def _published_correction_edited(by):
    correction = CorrectionFactory(status=Correction.Status.PUBLISHED)
    correction.text = "Le dîner a eu lieu mercredi."
    articles.correction_save(correction=correction, by=by)


def _proposed():
    return CorrectionFactory(status=Correction.Status.PROPOSED)


def _restore_live(by):
    story = _published()
    with reversion.create_revision():
        story.save()
    articles.article_check_restore(version=Version.objects.get_for_object(story).get(), by=by)


def _recover(by):
    story = _draft()
    with reversion.create_revision():
        story.save()
    version = Version.objects.get_for_object(story).get()
    story.delete()
    articles.article_check_restore(version=version, by=by)


def _actor_saved(by):
    actor = ActorFactory()
    actor.description = "Autre description"
    actors.actor_save(actor=actor, by=by)


def _imported(status):
    def call(by):
        story = _draft()
        old_slug, story.slug, story.status = story.slug, "importe", status
        story.publish_at = story.publish_at or timezone.now()
        articles.article_import(article=story, old_slug=old_slug, by=by)

    return call


def _relationship_saved(by):
    relationship = RelationshipFactory()
    relationship.note = "Autre note"
    actors.relationship_save(relationship=relationship, by=by)


def _evidence_saved(by):
    link = actors.RelationshipEvidence(relationship=RelationshipFactory(), article=_published())
    actors.relationship_evidence_save(relationship_evidence=link, by=by)


def _evidence_deleted(by):
    relationship = RelationshipFactory()
    relationship.evidence.add(_published())
    link = actors.RelationshipEvidence.objects.get(relationship=relationship)
    actors.relationship_evidence_delete(relationship_evidence=link, by=by)


def _proposal():
    return ChangeProposal.objects.create(article=_published(), data={"title": ["Autre"]})


def _tag_row(article):
    return ArticleActor(article=article, actor=ActorFactory())


def _link_row(article):
    return RelatedArticle(from_article=article, to_article=_draft())


def _picture_added(by):
    picture = Picture(alt_text="Photo")
    pictures.picture_add(picture=picture, upload=image_bytes(seed=8), by=by)


def _picture_updated(by):
    picture = make_picture()
    picture.caption = "Autre légende"
    pictures.picture_update(picture=picture, changed=["caption"], by=by)


SERVICES: dict[str, Case] = {
    # Stories.
    "article_create": Case(WRITERS, lambda by: articles.article_create(title="Titre", by=by)),
    "article_save": Case(WRITERS, _save_retitled),
    "article_save[publishes]": Case(EDITORS, _save_published),
    "article_import": Case(WRITERS, _imported(Article.Status.DRAFT)),
    "article_import[publishes]": Case(EDITORS, _imported(Article.Status.PUBLISHED)),
    "article_change_slug": Case(
        WRITERS, lambda by: articles.article_change_slug(article=_draft(), slug="x", by=by)
    ),
    # A live story changes only by those who may publish; reporters propose instead.
    "article_change_slug[live]": Case(
        EDITORS, lambda by: articles.article_change_slug(article=_published(), slug="x", by=by)
    ),
    "require_live_edit[live]": Case(
        EDITORS, lambda by: articles.require_live_edit(article=_published(), by=by)
    ),
    # A question anyone may ask (the story form asks it before saving).
    "live_change_needs_review": Case(
        set(ROLES), lambda by: articles.live_change_needs_review(article=_published(), by=by)
    ),
    "article_propose_change": Case(
        {"reporter", "superuser"},  # editors change live stories themselves
        lambda by: articles.article_propose_change(
            article=_published(), data={"title": ["Autre"]}, changed=["Titre"], by=by
        ),
    ),
    "proposal_check_pending": Case(
        EDITORS, lambda by: articles.proposal_check_pending(proposal=_proposal(), by=by)
    ),
    "proposal_approve": Case(
        EDITORS, lambda by: articles.proposal_approve(proposal=_proposal(), by=by)
    ),
    "proposal_reject": Case(
        EDITORS, lambda by: articles.proposal_reject(proposal=_proposal(), by=by)
    ),
    "article_actor_save": Case(
        WRITERS, lambda by: articles.article_actor_save(articleactor=_tag_row(_draft()), by=by)
    ),
    "article_actor_save[live]": Case(
        EDITORS,
        lambda by: articles.article_actor_save(articleactor=_tag_row(_published()), by=by),
    ),
    "article_actor_delete": Case(
        WRITERS,
        lambda by: articles.article_actor_delete(
            articleactor=ArticleActorFactory(article=_draft()), by=by
        ),
    ),
    "related_article_save": Case(
        WRITERS,
        lambda by: articles.related_article_save(relatedarticle=_link_row(_draft()), by=by),
    ),
    "related_article_save[live]": Case(
        EDITORS,
        lambda by: articles.related_article_save(relatedarticle=_link_row(_published()), by=by),
    ),
    "related_article_delete": Case(
        WRITERS,
        lambda by: articles.related_article_delete(
            relatedarticle=RelatedArticle.objects.create(
                from_article=_draft(), to_article=_draft()
            ),
            by=by,
        ),
    ),
    "article_retire_slug": Case(
        WRITERS,
        lambda by: articles.article_retire_slug(article=_published(), old_slug="old", by=by),
    ),
    "article_check_status_change": Case(
        EDITORS,
        lambda by: articles.article_check_status_change(
            before=_draft(), status=Article.Status.PUBLISHED, publish_at=None, by=by
        ),
    ),
    "article_check_restore": Case(EDITORS, _restore),
    "article_check_restore[live]": Case(EDITORS, _restore_live),
    "article_check_restore[recover]": Case(EDITORS, _recover),
    "article_submit": Case(WRITERS, lambda by: articles.article_submit(article=_draft(), by=by)),
    "article_publish": Case(EDITORS, lambda by: articles.article_publish(article=_draft(), by=by)),
    "article_unpublish": Case(
        EDITORS, lambda by: articles.article_unpublish(article=_published(), by=by)
    ),
    "article_tag_actor": Case(
        WRITERS,
        lambda by: articles.article_tag_actor(article=_draft(), actor=ActorFactory(), by=by),
    ),
    "article_tag_new_actor": Case(
        EDITORS,
        lambda by: articles.article_tag_new_actor(
            article=_draft(), name="Nouvelle personne", kind="person", by=by
        ),
    ),
    "article_link_related": Case(
        WRITERS,
        lambda by: articles.article_link_related(article=_draft(), related=_draft(), by=by),
    ),
    "correction_add": Case(
        EDITORS, lambda by: articles.correction_add(article=_published(), text="Non.", by=by)
    ),
    "correction_save": Case(WRITERS, _new_correction),
    "correction_save[published]": Case(EDITORS, _published_correction_edited),
    "correction_propose": Case(
        WRITERS, lambda by: articles.correction_propose(article=_published(), text="Non.", by=by)
    ),
    "correction_publish": Case(
        EDITORS, lambda by: articles.correction_publish(correction=_proposed(), by=by)
    ),
    "correction_withdraw": Case(
        EDITORS, lambda by: articles.correction_withdraw(correction=CorrectionFactory(), by=by)
    ),
    "correction_delete": Case(
        EDITORS, lambda by: articles.correction_delete(correction=_proposed(), by=by)
    ),
    # Actors.
    "actor_create": Case(
        EDITORS, lambda by: actors.actor_create(name="Nouvel acteur", kind="person", by=by)
    ),
    "actor_save": Case(EDITORS, _actor_saved),
    "actor_retire_slug": Case(
        EDITORS, lambda by: actors.actor_retire_slug(actor=ActorFactory(), old_slug="x", by=by)
    ),
    "actor_merge": Case(
        EDITORS,
        lambda by: actors.actor_merge(keep=ActorFactory(), drop=ActorFactory(), by=by),
    ),
    "actor_delete": Case(EDITORS, lambda by: actors.actor_delete(actor=ActorFactory(), by=by)),
    "alias_add": Case(
        EDITORS, lambda by: actors.alias_add(actor=ActorFactory(), name="Surnom", by=by)
    ),
    "actors_import": Case(
        EDITORS, lambda by: actors_import(lines=['{"name": "Lune", "kind": "place"}'], by=by)
    ),
    "relationship_kind_save": Case(
        EDITORS, lambda by: actors.relationship_kind_save(kind=RelationshipKindFactory(), by=by)
    ),
    "relationship_kind_delete": Case(
        EDITORS, lambda by: actors.relationship_kind_delete(kind=RelationshipKindFactory(), by=by)
    ),
    "section_save": Case(
        EDITORS, lambda by: articles.section_save(section=SectionFactory(), by=by)
    ),
    "section_save[new]": Case(
        EDITORS,
        lambda by: articles.section_save(section=Section(name="Monde", slug="monde"), by=by),
    ),
    "section_delete": Case(
        EDITORS, lambda by: articles.section_delete(section=SectionFactory(), by=by)
    ),
    # Renaming a topic changes every page that shows it; reporters only add new ones.
    "topic_save": Case(
        EDITORS,
        lambda by: articles.topic_save(tag=Tag.objects.create(name="fusée", slug="fusee"), by=by),
    ),
    "topic_save[new]": Case(
        WRITERS, lambda by: articles.topic_save(tag=Tag(name="lune", slug="lune"), by=by)
    ),
    "topic_delete": Case(
        EDITORS,
        lambda by: articles.topic_delete(tag=Tag.objects.create(name="mars", slug="mars"), by=by),
    ),
    "alias_save": Case(EDITORS, lambda by: actors.alias_save(alias=AliasFactory(), by=by)),
    "alias_delete": Case(EDITORS, lambda by: actors.alias_delete(alias=AliasFactory(), by=by)),
    "relationship_record": Case(
        EDITORS,
        lambda by: actors.relationship_record(
            source=ActorFactory(),
            kind=RelationshipFactory().kind,
            target=ActorFactory(),
            by=by,
        ),
    ),
    "relationship_save": Case(EDITORS, _relationship_saved),
    "relationship_delete": Case(
        EDITORS,
        lambda by: actors.relationship_delete(relationship=RelationshipFactory(), by=by),
    ),
    "relationship_evidence_save": Case(EDITORS, _evidence_saved),
    "relationship_evidence_delete": Case(EDITORS, _evidence_deleted),
    "relationships_mark_reviewed": Case(
        EDITORS,
        lambda by: actors.relationships_mark_reviewed(
            relationships=[RelationshipFactory(needs_review=True)], by=by
        ),
    ),
    # Pictures.
    "picture_create": Case(
        WRITERS,
        lambda by: pictures.picture_create(upload=image_bytes(seed=7), alt_text="Photo", by=by),
    ),
    "picture_add": Case(WRITERS, _picture_added),
    "picture_update": Case(WRITERS, _picture_updated),
    "picture_delete": Case(
        EDITORS, lambda by: pictures.picture_delete(picture=make_picture(), by=by)
    ),
    "renditions_make": Case(
        WRITERS, lambda by: pictures.renditions_make(picture=make_picture(), by=by)
    ),
}
