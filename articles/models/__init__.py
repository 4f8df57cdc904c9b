"""Stories and what hangs on them; one module a concept, one import path for all."""

from articles.models.bylines import Byline
from articles.models.corrections import Correction, CorrectionQuerySet
from articles.models.links import ArticleActor, ArticleOldSlug, RelatedArticle
from articles.models.proposals import ChangeProposal, ChangeProposalQuerySet
from articles.models.rankings import ListChange, RelatedRanking
from articles.models.search_documents import SearchDocument
from articles.models.sections import Section, TaggedArticle
from articles.models.stories import (
    MAX_SHARED_KEYS,
    RECENT_PER_KEY,
    Article,
    ArticleQuerySet,
    public_q,
    recent_sharing,
    story_is_public,
)

__all__ = [
    "MAX_SHARED_KEYS",
    "RECENT_PER_KEY",
    "Article",
    "ArticleActor",
    "ArticleOldSlug",
    "ArticleQuerySet",
    "Byline",
    "ChangeProposal",
    "ChangeProposalQuerySet",
    "Correction",
    "CorrectionQuerySet",
    "ListChange",
    "RelatedArticle",
    "RelatedRanking",
    "SearchDocument",
    "Section",
    "TaggedArticle",
    "public_q",
    "recent_sharing",
    "story_is_public",
]
