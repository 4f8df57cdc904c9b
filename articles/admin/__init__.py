"""The stories' admin (stories.py), its list helpers (lists.py), the review of reporters'
changes to live stories (review.py, proposals.py) and the small admins of sections,
corrections and topics (others.py)."""

from articles.admin import others, proposals
from articles.admin.lists import EstimatedCountPaginator, UsedTagsFilter
from articles.admin.stories import ArticleAdmin, ArticleAdminForm

__all__ = [
    "ArticleAdmin",
    "ArticleAdminForm",
    "EstimatedCountPaginator",
    "UsedTagsFilter",
    "others",
    "proposals",
]
