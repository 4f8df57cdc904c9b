"""Related stories: one ranking, with its reasons, for the story page and the desk.

Both rank the same candidates, ``ArticleQuerySet.sharing_with`` (the newest public stories
sharing tagged actors or topics with a story, each carrying ``shared_actor_tags`` and
``shared_topics``), with one function, ``rank``: the role of each shared actor on both sides
(about > quoted > mentions), shared topics, overlapping words in headline and standfirst,
and closeness in time, each with its reasons in words.

- ``related_for_readers(article)``, the story page: editors' picks first, then the best few
  candidates, ranked when the stories they are drawn from change (``RelatedRanking``), not
  on every view; ``related_stories(article)`` ranks afresh, for the preview of a draft.
- ``related_suggestions(article)``, the desk's panel: the best candidates and recent stories
  sharing only their wording, above a floor; stories already linked are left out.
"""

import hashlib
import logging
import math
import uuid
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actors.suggestions.tokens import FOLDED, STOP, tokenize
from articles import cachetags
from articles.models import Article, ArticleActor, ListChange, RelatedArticle, RelatedRanking
from articles.models.stories import RELATED_FIELDS
from common import generation

logger = logging.getLogger(__name__)

ROLE_WEIGHT = {
    ArticleActor.Role.ABOUT: 3,
    ArticleActor.Role.QUOTED: 2,
    ArticleActor.Role.MENTIONS: 1,
}
# One actor that both stories are about scores 1; one both merely mention, 1/9.
ACTOR_SCALE = 1 / 9
TAG_SCORE = 0.5
TEXT_SCORE = 3.0
RECENCY_SCORE = 0.5
RECENCY_DAYS = 30
# Below this, a story has too little in common to be worth an editor's look.
MIN_SCORE = 0.3
# Candidates loaded and ranked, most in common first: enough for a page of suggestions.
POOL = 50

STOPWORDS = frozenset(
    """
    avec dans pour plus sont leur leurs elle elles mais depuis cette entre comme tout tous
    aussi encore avoir etre fait faire sans sous apres avant lors deux trois dont ainsi
    selon vers chez contre quand alors notre votre nous vous ils ont etait sera
    that with from have their which after before about into over more than they them this
    were been will would said says what when where while being other some such only also
    """.split()
)


# The story page: at most this many editors' picks, then this many suggestions.
RELATED_PICKS = 6
RELATED_SUGGESTIONS = 4


@dataclass(frozen=True)
class RelatedSuggestion:
    article: Article
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def why(self) -> str:
        return "; ".join(self.reasons)


def words(text: str) -> set[str]:
    """Folded content words (four letters or more), for a rough overlap measure."""
    folded = (token[FOLDED] for token in tokenize(text))
    return {
        word
        for word in folded
        if word != STOP and len(word) >= 4 and word not in STOPWORDS and not word.isdigit()
    }


def _listing(names: list[str], limit: int = 3) -> str:
    if len(names) > limit:
        more = len(names) - limit
        rest = ngettext("%(n)d other", "%(n)d others", more) % {"n": more}
        names = [*names[:limit], rest]
    if len(names) == 1:
        return names[0]
    return _("%(list)s and %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}


def _candidates(article: Article, *, exclude, now):
    """The public stories sharing ``article``'s actors or topics, with its actor roles.

    Reads ``article.actor_tags`` and ``article.tags`` (prefetched on the story page).
    """
    if not article.pk:
        return {}, Article.objects.none()
    roles = {tag.actor_id: tag.role for tag in article.actor_tags.all()}
    candidates = (
        Article.objects.published(now)
        .exclude(pk__in=exclude)
        .sharing_with(actor_ids=list(roles), tag_ids=[tag.pk for tag in article.tags.all()])
    )
    return roles, candidates


def rank(article: Article, stories, *, roles: dict, now=None) -> list[RelatedSuggestion]:
    """``stories`` scored against ``article`` (whose actors play ``roles``), best first.

    Stories with nothing in common are left out. Each story's ``shared_actor_tags`` are put
    in the order the reasons name them, so that every page names them alike.
    """
    now = now or timezone.now()
    mine = words(f"{article.title} {article.standfirst}")
    when = article.publish_at or now
    suggestions = []

    def weight(tag) -> int:
        return ROLE_WEIGHT.get(roles.get(tag.actor_id), 0) * ROLE_WEIGHT[tag.role]

    for story in stories:
        score, reasons = 0.0, []
        shared = sorted(getattr(story, "shared_actor_tags", []), key=lambda t: -weight(t))
        # What the story page names as in common, in the order the reasons name it.
        story.shared_actors = [t.actor for t in shared]
        story.shared_tags = sorted(
            (item.tag for item in getattr(story, "shared_topics", [])), key=lambda tag: tag.name
        )
        if shared:
            story.shared_actor_tags = shared
            score += ACTOR_SCALE * sum(weight(t) for t in shared)
            names = _listing([t.actor.name for t in shared])
            reasons.append(_("shares %(names)s") % {"names": names})

        topics = [tag.name for tag in story.shared_tags]
        if topics:
            score += TAG_SCORE * len(topics)
            label = ngettext("tag %(tags)s", "tags %(tags)s", len(topics))
            reasons.append(label % {"tags": ", ".join(topics)})

        theirs = words(f"{story.title} {story.standfirst}")
        common = mine & theirs
        if common:
            jaccard = len(common) / len(mine | theirs)
            score += TEXT_SCORE * jaccard
            # Names already given as shared actors are not news twice.
            named = words(" ".join(t.actor.name for t in shared))
            telling = sorted(common - named)
            if jaccard >= 0.05 and telling:
                reasons.append(_("same words: %(words)s") % {"words": ", ".join(telling[:4])})

        if not reasons:
            continue
        days = abs((when - story.publish_at).total_seconds()) / 86400
        score += RECENCY_SCORE * math.exp(-days / RECENCY_DAYS)
        if days < 1:
            reasons.append(_("published the same day"))
        elif days <= 7:
            reasons.append(
                ngettext(
                    "published %(days)d day apart", "published %(days)d days apart", round(days)
                )
                % {"days": round(days)}
            )
        suggestions.append(RelatedSuggestion(article=story, score=round(score, 3), reasons=reasons))

    suggestions.sort(key=lambda s: (-s.score, -s.article.publish_at.timestamp(), -s.article.pk))
    return suggestions


def _picks(article: Article) -> list[Article]:
    picks = list(article.related_public()[:RELATED_PICKS])
    for pick in picks:
        pick.is_pick = True
    return picks


def related_stories(article: Article) -> list[Article]:
    """Editor picks first, then the best-ranked stories sharing actors or topics; all public.

    Ranked afresh (a preview: the story may not be public). Reads the story's prefetched
    actor tags and tags (``for_detail``); picks carry ``is_pick``, suggestions what they
    share (``shared_actors``, ``shared_tags``).
    """
    picks = _picks(article)
    roles, candidates = _candidates(
        article, exclude=[article.pk, *(pick.pk for pick in picks)], now=None
    )
    ranked = rank(article, candidates[:POOL], roles=roles)
    return picks + [suggestion.article for suggestion in ranked[:RELATED_SUGGESTIONS]]


# Stored rankings (articles.models.rankings) ------------------------------------------------

# Kept per story: the page's suggestions, after as many picks, with room for a few
# stories that stop being public before the ranking is next computed.
STORED = RELATED_PICKS + RELATED_SUGGESTIONS
# What a ranking is drawn from; ``all`` is retired by changes with no precise rule.
DRAWN_FROM = (cachetags.ACTOR_LIST, cachetags.TOPIC_LIST)


def record_list_changes(tags: frozenset[str]) -> None:
    """``generation.on_retire`` hook: give the lists a committed change retired new tokens.

    One statement in sorted key order, after the commit: editors saving at once never wait
    on each other's rows, and a ranking computed before this write is computed again.
    """
    keys = sorted(tag for tag in tags if tag == generation.ALL or tag.startswith(DRAWN_FROM))
    if not keys:
        return
    token = uuid.uuid4().hex
    ListChange.objects.bulk_create(
        [ListChange(key=key, token=token) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["token"],
    )


def _digest(article: Article) -> str:
    """The tokens of the lists ``article``'s related stories are drawn from, in one hash."""
    keys = sorted(cachetags.drawn_from(article) | {generation.ALL})
    tokens = dict(ListChange.objects.filter(key__in=keys).values_list("key", "token"))
    text = "\n".join(f"{key}={tokens.get(key, '')}" for key in keys)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def current_ranking(article: Article) -> tuple[list, bool]:
    """``[story id, actor ids, topic ids]`` of the best candidates, and whether they had to
    be ranked now (the stored ranking was missing or out of date).

    Reads ``article.related_ranking`` (select it with the story) and its prefetched actor
    tags and tags. The digest and the next scheduled publication are read before ranking:
    a change that commits meanwhile leaves the stored ranking out of date, never taken for
    current.
    """
    digest = _digest(article)
    now = timezone.now()
    try:
        stored = article.related_ranking
    except RelatedRanking.DoesNotExist:
        stored = None
    if stored and stored.digest == digest and (not stored.valid_until or stored.valid_until > now):
        return stored.entries, False
    valid_until = Article.objects.next_scheduled_publication()
    roles, candidates = _candidates(article, exclude=[article.pk], now=now)
    entries = [
        [
            suggestion.article.pk,
            [actor.pk for actor in suggestion.article.shared_actors],
            [tag.pk for tag in suggestion.article.shared_tags],
        ]
        for suggestion in rank(article, candidates[:POOL], roles=roles, now=now)[:STORED]
    ]
    ranking = RelatedRanking(
        article=article, digest=digest, valid_until=valid_until, entries=entries
    )
    try:
        with transaction.atomic():
            RelatedRanking.objects.bulk_create(
                [ranking],
                update_conflicts=True,
                unique_fields=["article"],
                update_fields=["digest", "valid_until", "entries"],
            )
    except DatabaseError:  # a read-only moment: ranked again on the next request
        logger.warning("related ranking of story %s not stored", article.pk, exc_info=True)
    return entries, True


def related_for_readers(article: Article) -> list[Article]:
    """``related_stories`` for a public story's page, from its stored ranking.

    Only the stories still public are shown; what they share is named from the story's own
    prefetched actors and topics (``for_detail``).
    """
    picks = _picks(article)
    shown = {article.pk, *(pick.pk for pick in picks)}
    entries = [entry for entry in current_ranking(article)[0] if entry[0] not in shown]
    public = (
        Article.objects.published()
        .filter(pk__in=[entry[0] for entry in entries])
        .only(*RELATED_FIELDS)
        .in_bulk()
    )
    actors = {row.actor_id: row.actor for row in article.actor_tags.all()}
    topics = {tag.pk: tag for tag in article.tags.all()}
    suggestions = []
    for pk, actor_ids, topic_ids in entries:
        story = public.get(pk)
        if story is None:
            continue
        story.shared_actors = [actors[id_] for id_ in actor_ids if id_ in actors]
        story.shared_tags = [topics[id_] for id_ in topic_ids if id_ in topics]
        suggestions.append(story)
        if len(suggestions) == RELATED_SUGGESTIONS:
            break
    return picks + suggestions


def related_suggestions(article: Article, *, limit: int = 5, now=None) -> list[RelatedSuggestion]:
    """Published stories worth linking from ``article``, best first; never ``article``
    itself nor a story already linked to it (either way)."""
    now = now or timezone.now()
    linked = {article.pk}
    if article.pk:
        for pair in RelatedArticle.objects.filter(
            Q(from_article=article) | Q(to_article=article)
        ).values_list("from_article_id", "to_article_id"):
            linked.update(pair)
    roles, candidates = _candidates(article, exclude=linked, now=now)
    found = {story.pk: story for story in candidates[:POOL]}
    # Recent stories too, so that one sharing only its wording can still come up.
    recent = Article.objects.published(now).exclude(pk__in=linked).newest_first()
    for story in recent.only(*RELATED_FIELDS)[:POOL]:
        found.setdefault(story.pk, story)
    ranked = rank(article, found.values(), roles=roles, now=now)
    return [suggestion for suggestion in ranked if suggestion.score >= MIN_SCORE][:limit]
