"""Manuscripts from the browser: a plain-text, Markdown or .docx file becomes a draft with
its suggestions, as ``manage.py import_article`` does."""


def views(model_admin):
    """(route, name, view) triples for the story admin's URLs (not per story)."""
    return []
