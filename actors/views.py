from django.apps import apps
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.views.generic import ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from actors import connections
from actors.models import Actor, Relationship
from common.pagination import CountedOnceMixin
from common.views import OldSlugRedirectMixin

# The default vocabulary (actors migration 0003), spelled out so that makemessages collects
# it: readers see these labels in their language; labels editors add are shown as written.
DEFAULT_RELATIONSHIP_LABELS = [
    pgettext_lazy("relationship", "rival of"),
    pgettext_lazy("relationship", "competes with"),
    pgettext_lazy("relationship", "leads"),
    pgettext_lazy("relationship", "led by"),
    pgettext_lazy("relationship", "founded"),
    pgettext_lazy("relationship", "founded by"),
    pgettext_lazy("relationship", "owns"),
    pgettext_lazy("relationship", "owned by"),
    pgettext_lazy("relationship", "works for"),
    pgettext_lazy("relationship", "employs"),
    pgettext_lazy("relationship", "engaged to"),
    pgettext_lazy("relationship", "married to"),
    pgettext_lazy("relationship", "donated to"),
    pgettext_lazy("relationship", "received donation from"),
    pgettext_lazy("relationship", "in tension with"),
    pgettext_lazy("relationship", "sued"),
    pgettext_lazy("relationship", "sued by"),
    pgettext_lazy("relationship", "allied with"),
    pgettext_lazy("relationship", "met"),
    pgettext_lazy("relationship", "visited"),
    pgettext_lazy("relationship", "visited by"),
    pgettext_lazy("relationship", "member of"),
    pgettext_lazy("relationship", "has member"),
    pgettext_lazy("relationship", "attended"),
    pgettext_lazy("relationship", "attended by"),
    pgettext_lazy("relationship", "took place at"),
    pgettext_lazy("relationship", "venue of"),
]


def relationship_groups(actor, relationships) -> list[dict]:
    """Relationships grouped by how they read from ``actor``'s side ("owns", "owned by")."""
    groups: dict[str, list] = {}
    for rel in relationships:
        as_source = rel.source_id == actor.pk
        label = pgettext("relationship", rel.kind.label_from(as_source=as_source))
        groups.setdefault(label, []).append(
            {"relationship": rel, "other": rel.target if as_source else rel.source}
        )
    return [{"label": label, "items": items} for label, items in groups.items()]


class ActorDetailView(OldSlugRedirectMixin, CountedOnceMixin, SingleObjectMixin, ListView):
    """Who the actor is, how they relate to others, and the public stories that tag them.

    Stories live in the layer above (articles), so they are looked up by name at request
    time: actors never imports articles when it loads.
    """

    template_name = "actors/actor_detail.html"
    paginate_by = 20  # The page's stories are ``object_list``; the actor is ``actor``.

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=Actor.objects.public().prefetch_related("aliases"))
        return super().get(request, *args, **kwargs)

    def get_redirect_queryset(self):
        # A merged or renamed actor's old URL leads to the actor it now is.
        return Actor.objects.all()

    def get_queryset(self):
        Article = apps.get_model("articles", "Article")  # the layer above; see the docstring
        return Article.objects.published().tagging(self.object).for_listing().newest_first()

    def count_key(self):
        return f"actor:{self.object.pk}"

    def get_context_data(self, **kwargs):
        # Evidence shown to readers must itself be public.
        Article = apps.get_model("articles", "Article")
        public_evidence = Prefetch(
            "evidence",
            queryset=Article.objects.published().only("title", "slug", "language").newest_first(),
            to_attr="public_evidence",
        )
        relationships = (
            Relationship.objects.public()
            .involving(self.object)
            .for_display()
            .prefetch_related(public_evidence)
        )
        return super().get_context_data(
            relationship_groups=relationship_groups(self.object, relationships),
            **kwargs,
        )


class ConnectionsView(TemplateView):
    """How is this actor connected to another? The form, and the shortest chains found."""

    template_name = "actors/connections.html"

    def get(self, request, *args, **kwargs):
        self.actor = get_object_or_404(Actor.objects.public(), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(actor=self.actor, **kwargs)
        text = self.request.GET.get("to", "").strip()
        context.update(to=text, max_steps=connections.MAX_STEPS)
        if not text:
            return context
        if len(text) > connections.MAX_NAME:
            context["problem"] = gettext(
                "That name is too long: an actor's name has at most %(max)d characters."
            ) % {"max": connections.MAX_NAME}
            context["to"] = ""
            return context
        found = connections.resolve(text)
        if len(found) != 1:
            context["candidates"] = found[: connections.CANDIDATES]
            context["more_candidates"] = len(found) > connections.CANDIDATES
            return context
        other = found[0]
        context["other"] = other
        if other.pk != self.actor.pk:
            context["result"] = connections.find_connections(self.actor, other)
        return context
