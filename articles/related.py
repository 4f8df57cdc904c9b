"""Related stories: the reader page's list and the desk's suggestions, with their reasons.

Both start from the same candidates, ``ArticleQuerySet.sharing_with``: the newest public
stories sharing tagged actors or topics with a story, most in common first (an actor counts
twice a topic), each carrying what it shares (``shared_actor_tags``, ``shared_topics``).

- ``related_stories(article)``, the story page: editors' picks first, then the first few
  candidates in that order, in the queries the page already makes.
- ``related_suggestions(article)``, the desk's panel: the candidates and the newest stories
  scored further by the role of each shared actor on both sides (about > quoted >
  mentions), shared topics, overlapping words in headline and standfirst, and closeness in
  time, each with its reasons in words. Stories already linked are left out.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actors.suggestions.tokens import FOLDED, STOP, tokenize
from articles.models import Article, ArticleActor, RelatedArticle, TaggedArticle

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


def related_stories(article: Article) -> list[Article]:
    """Editor picks first, then suggestions by shared actors and topics; all public.

    Reads the story's prefetched actor tags and tags (``for_detail``); picks carry
    ``is_pick``, suggestions what they share.
    """
    picks = list(article.related_public()[:RELATED_PICKS])
    suggestions = (
        Article.objects.published()
        .sharing_with(
            actor_ids=[tag.actor_id for tag in article.actor_tags.all()],
            tag_ids=[tag.pk for tag in article.tags.all()],
        )
        .exclude(pk__in=[article.pk, *(pick.pk for pick in picks)])
    )
    for pick in picks:
        pick.is_pick = True
    return picks + list(suggestions[:RELATED_SUGGESTIONS])


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


def related_suggestions(
    article: Article, *, limit: int = 5, pool: int = 50, now=None
) -> list[RelatedSuggestion]:
    """Published stories worth linking from ``article``, best first; never ``article``
    itself nor a story already linked to it (either way)."""
    now = now or timezone.now()
    my_roles = dict(article.actor_tags.values_list("actor_id", "role")) if article.pk else {}
    my_tags = (
        set(TaggedArticle.objects.filter(content_object=article).values_list("tag_id", flat=True))
        if article.pk
        else set()
    )
    linked = {article.pk}
    if article.pk:
        for pair in RelatedArticle.objects.filter(
            Q(from_article=article) | Q(to_article=article)
        ).values_list("from_article_id", "to_article_id"):
            linked.update(pair)
    candidates = Article.objects.published(now).exclude(pk__in=linked)

    found = {
        story.pk: story
        for story in candidates.sharing_with(actor_ids=list(my_roles), tag_ids=list(my_tags))[:pool]
    }
    # Recent stories too, so that one sharing only its wording can still come up.
    for story in candidates.newest_first()[:pool]:
        found.setdefault(story.pk, story)

    mine = words(f"{article.title} {article.standfirst}")
    when = article.publish_at or now
    suggestions = []
    for story in found.values():
        score, reasons = 0.0, []

        shared = sorted(
            getattr(story, "shared_actor_tags", []),
            key=lambda t: -ROLE_WEIGHT.get(my_roles.get(t.actor_id), 0) * ROLE_WEIGHT[t.role],
        )
        if shared:
            score += ACTOR_SCALE * sum(
                ROLE_WEIGHT.get(my_roles.get(t.actor_id), 0) * ROLE_WEIGHT[t.role] for t in shared
            )
            names = _listing([t.actor.name for t in shared])
            reasons.append(_("shares %(names)s") % {"names": names})

        topics = sorted(item.tag.name for item in getattr(story, "shared_topics", []))
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
        if score >= MIN_SCORE:
            suggestions.append(
                RelatedSuggestion(article=story, score=round(score, 3), reasons=reasons)
            )

    suggestions.sort(key=lambda s: (-s.score, -s.article.publish_at.timestamp(), -s.article.pk))
    return suggestions[:limit]
