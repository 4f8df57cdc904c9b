"""Actor suggestions: the actors a story names and has not tagged, and the names it uses
that match no actor yet."""

from actors.suggestions.index import invalidate, matcher
from actors.suggestions.suggest import (
    ActorSuggestion,
    NameSuggestion,
    Suggestions,
    article_text,
    suggest_for_article,
    suggest_for_text,
)

__all__ = [
    "ActorSuggestion",
    "NameSuggestion",
    "Suggestions",
    "article_text",
    "invalidate",
    "matcher",
    "suggest_for_article",
    "suggest_for_text",
]
