"""The page of a pair of actors: every public relationship between them over time, and the
public stories that report them.

One page per pair, at ``/actors/<a>/and/<b>/`` with the two slugs in alphabetical order (the
other order answers 301): a rivalry recorded as "rival of", then "met", then "allied with"
is one story told over time, not three pages. Stories live in the layer above (articles):
they are named at call time.
"""

from django.apps import apps
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.generic import TemplateView

from actors.models import Actor, Relationship


def pair_url(a: Actor, b: Actor) -> str:
    """The page of the relationships between ``a`` and ``b``, whichever order they come in."""
    first, second = sorted((a.slug, b.slug))
    return reverse("actors:relationship", kwargs={"slug_a": first, "slug_b": second})


def public_evidence():
    """The prefetch of a relationship's public stories, oldest first (the timeline's order)."""
    Article = apps.get_model("articles", "Article")
    stories = Article.objects.published().only("title", "slug", "language", "publish_at")
    return Prefetch(
        "evidence", queryset=stories.order_by("publish_at", "pk"), to_attr="public_evidence"
    )


def pair_relationships(a: Actor, b: Actor):
    """The public relationships between two actors, dated ones in date order, then the
    undated ones."""
    return (
        Relationship.objects.public()
        .involving(a)
        .involving(b)
        .for_display()
        .order_by(F("started_on").asc(nulls_last=True), "kind__label", "pk")
    )


def public_pair(slug_a: str, slug_b: str) -> tuple[Actor, Actor]:
    """The two public actors at these slugs, or 404 (also when they are the same)."""
    if slug_a == slug_b:
        raise Http404("An actor has no relationship with itself.")
    found = {
        actor.slug: actor for actor in Actor.objects.public().filter(slug__in=[slug_a, slug_b])
    }
    if len(found) != 2:
        raise Http404("No such actors.")
    return found[slug_a], found[slug_b]


def timeline(a: Actor, relationships) -> list[dict]:
    """Each relationship as read from ``a``'s side: "a owns b", "a owned by b"."""
    return [
        {
            "relationship": rel,
            "label": pgettext("relationship", rel.kind.label_from(as_source=rel.source_id == a.pk)),
        }
        for rel in relationships
    ]


class RelationshipPairView(TemplateView):
    template_name = "actors/relationship_detail.html"

    def get(self, request, *args, **kwargs):
        slug_a, slug_b = kwargs["slug_a"], kwargs["slug_b"]
        if slug_a > slug_b:
            return redirect("actors:relationship", slug_a=slug_b, slug_b=slug_a, permanent=True)
        try:
            self.a, self.b = public_pair(slug_a, slug_b)
        except Http404:
            moved = self.moved(slug_a, slug_b)
            if moved is None:
                raise
            return moved
        self.relationships = list(
            pair_relationships(self.a, self.b).prefetch_related(public_evidence())
        )
        if not self.relationships:
            raise Http404("These actors have no public relationship.")
        return super().get(request, *args, **kwargs)

    def moved(self, slug_a, slug_b):
        """A merged actor's old slug leads to the pair page of the actor it now is."""
        old = dict(
            Actor.objects.filter(redirects__old_slug__in=[slug_a, slug_b]).values_list(
                "redirects__old_slug", "slug"
            )
        )
        if not old:
            return None
        a, b = old.get(slug_a, slug_a), old.get(slug_b, slug_b)
        if a == b:
            return None
        first, second = sorted((a, b))
        return redirect("actors:relationship", slug_a=first, slug_b=second, permanent=True)

    def get_context_data(self, **kwargs):
        stories = {}
        for rel in self.relationships:
            for story in rel.public_evidence:
                stories.setdefault(story.pk, story)
        evidence = sorted(stories.values(), key=lambda story: (story.publish_at, story.pk))
        return super().get_context_data(
            actor_a=self.a,
            actor_b=self.b,
            relationships=self.relationships,
            timeline=timeline(self.a, self.relationships),
            evidence=evidence,
            **kwargs,
        )
