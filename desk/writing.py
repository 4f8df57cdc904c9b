"""The story form's writing surface: the body editor (toolbar, live preview, word count)
and the preview endpoint that renders the body as readers will see it."""

# Form widgets by story field name, set on the story form by desk.admin.
WIDGETS = {}


def views(model_admin):
    """(route, name, view) triples for the story admin's URLs (not per story)."""
    return []
