from django.db.models import Prefetch
from django.views.generic import DetailView

from actors.models import Actor, Relationship
from articles.models import Article


class ActorDetailView(DetailView):
    model = Actor
    template_name = "actors/actor_detail.html"

    def get_queryset(self):
        return Actor.objects.prefetch_related("aliases")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.object
        # Evidence shown to readers must itself be public.
        public_evidence = Prefetch(
            "evidence",
            queryset=Article.objects.published().only("title", "slug"),
            to_attr="public_evidence",
        )
        relationships = (
            Relationship.objects.involving(actor).for_display().prefetch_related(public_evidence)
        )
        context["relationships"] = [
            {
                "relationship": rel,
                "label": rel.kind.label_from(as_source=rel.source_id == actor.pk),
                "other": rel.target if rel.source_id == actor.pk else rel.source,
            }
            for rel in relationships
        ]
        context["articles"] = (
            Article.objects.published().tagging(actor).for_listing().newest_first()[:20]
        )
        return context
