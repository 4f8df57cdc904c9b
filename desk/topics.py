"""Topics on the story form: autocomplete from the existing topics, new topics only on
purpose, near-duplicates pointed out.

The rule (what is new, what needs a confirmation, what is a near-duplicate) is
articles.services.topics'; here are the widget that offers the topics as chips and the JSON
endpoint it asks as the editor types. Without JavaScript the widget is the comma-separated
text box it always was, and the story form's refusal shows a box that confirms new topics.
"""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from taggit.forms import TagWidget
from taggit.utils import edit_string_for_tags

from articles.services import TOPIC_MAX_LENGTH, topics_matching, topics_suggest
from common.text import check_storable

# Topics offered at once.
LIMIT = 10


def _edit_string(names) -> str:
    """Names as taggit's text box writes them (quoted when they hold a comma or a space)."""
    return edit_string_for_tags([SimpleNamespace(name=name) for name in names])


class TopicsWidget(TagWidget):
    """The topics text box, which topics.js turns into chips and an autocomplete list."""

    template_name = "admin/desk/topics_widget.html"
    # Set by the story form (ArticleAdminForm): the name of its confirmation field, the new
    # topics already confirmed, and those it refused for want of a confirmation.
    confirm_name = "new_topics"
    confirmed = ()
    new_topics = ()

    class Media:
        css = {"all": ["admin-desk/topics.css"]}
        js = ["admin-desk/topics.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            source=reverse("admin:articles_article_topics"),
            confirm_name=self.confirm_name,
            confirmed=_edit_string(self.confirmed),
            new_topics=_edit_string(self.new_topics),
            new_topics_text=", ".join(self.new_topics),
        )
        return context


WIDGETS = {"tags": TopicsWidget}


def _refuse(status: int, message: str, parameter: str = "") -> JsonResponse:
    return JsonResponse({"error": message, "parameter": parameter}, status=status)


def _new_topic(query: str, entry, results: list[dict]) -> dict | None:
    """What the list says of the typed text when it is not a topic yet."""
    if entry is None:
        return None
    offered = {result["name"] for result in results}
    for name in (entry.same_as, *entry.close_to):
        if name and name not in offered:
            results.append({"name": name, "uses": None, "detail": ""})
    suggestion = entry.same_as or (entry.close_to[0] if entry.close_to else "")
    return {
        "name": query,
        # A topic written differently is refused outright: the editor picks the existing one.
        "create": not entry.same_as,
        "label": _("Create topic “%(name)s”") % {"name": query},
        "message": _("Did you mean “%(topic)s”?") % {"topic": suggestion} if suggestion else "",
    }


@require_GET
def topics_autocomplete(request):
    """The existing topics matching ``q`` (folded: case and accents), most used first, and
    what creating ``q`` would mean."""
    user = request.user
    if not (user.has_perm("articles.add_article") or user.has_perm("articles.change_article")):
        return _refuse(403, _("You may not edit stories."))
    query = request.GET.get("q")
    if query is None:
        return _refuse(400, _("The parameter “q” is missing."), "q")
    if len(query) > TOPIC_MAX_LENGTH:
        message = _("The parameter “q” is longer than %(max)s characters.")
        return _refuse(400, message % {"max": TOPIC_MAX_LENGTH}, "q")
    try:
        check_storable(query)
    except ValidationError as error:
        return _refuse(
            400,
            _("The parameter “q” is not valid: %(reason)s") % {"reason": " ".join(error.messages)},
            "q",
        )
    query = " ".join(query.split())
    try:
        matches, entry = topics_suggest(query, limit=LIMIT) if query else ([], None)
        refused = None
    except ValidationError as error:  # a name no topic may have ("--")
        matches, entry = topics_matching(query, limit=LIMIT), None
        refused = {"name": query, "create": False, "message": " ".join(error.messages)}
    results = [
        {
            "name": match.name,
            "uses": match.uses,
            "detail": ngettext("%(count)d story", "%(count)d stories", match.uses)
            % {"count": match.uses},
        }
        for match in matches
    ]
    new = refused or _new_topic(query, entry, results)
    count = len(results)
    status = ngettext("%(count)d topic found.", "%(count)d topics found.", count) % {"count": count}
    return JsonResponse({"query": query, "results": results, "new": new, "status": status})


def views(model_admin):
    """(route, name, view) triples for the story admin's URLs (not per story)."""
    return [("topics", "topics", topics_autocomplete)]
