"""The demo newsroom shipped with the project (see ``manage.py load_demo``)."""

from articles.demo.content import (
    ACTORS,
    ANALYSIS,
    DEMO_PASSWORD,
    MAIN_STORY,
    RELATIONSHIPS,
    STORIES,
    WEDDING,
)
from articles.demo.loader import load_demo

__all__ = [
    "ACTORS",
    "ANALYSIS",
    "DEMO_PASSWORD",
    "MAIN_STORY",
    "RELATIONSHIPS",
    "STORIES",
    "WEDDING",
    "load_demo",
]
