"""Topics on the story form: autocomplete from the existing topics, new topics only on
purpose, near-duplicates pointed out."""

# Form widgets by story field name, set on the story form by desk.admin.
WIDGETS = {}


def views(model_admin):
    """(route, name, view) triples for the story admin's URLs (not per story)."""
    return []
