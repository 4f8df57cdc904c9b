"""Signals of the stories app beyond Django's own."""

from django.dispatch import Signal

# Sent with ``stories`` (a list of Article) after new stories are written in bulk (imports),
# which sends no post_save: what listens to new stories (webhooks) hears of them here.
stories_created = Signal()
