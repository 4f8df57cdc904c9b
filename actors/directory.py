"""The actors index: every public actor by kind, A–Z or most covered, with a name filter.

A reader's way in that is not search: browse the people, organisations, places and events
the desk has written about. Every list starts from ``Actor.objects.public()``.
"""

import string
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from actors.models import OTHER_INITIAL, Actor
from common.pagination import CountedOnceMixin
from common.text import fold

# "Most covered recently": the public stories of this window count.
COVERAGE_WINDOW = timezone.timedelta(days=30)
LETTERS = [*string.ascii_uppercase, OTHER_INITIAL]
MAX_NAME_FILTER = 100

KIND_TITLES = {
    "": pgettext_lazy("directory", "Actors"),
    Actor.Kind.PERSON: pgettext_lazy("directory", "People"),
    Actor.Kind.ORGANISATION: pgettext_lazy("directory", "Organisations"),
    Actor.Kind.PLACE: pgettext_lazy("directory", "Places"),
    Actor.Kind.EVENT: pgettext_lazy("directory", "Events"),
}


class Order:
    NAME = "name"
    COVERED = "covered"


def order_titles() -> dict[str, str]:
    """The two orders by the ``order`` value that asks for them ("" for the default)."""
    days = COVERAGE_WINDOW.days
    return {
        "": gettext("A to Z"),
        Order.COVERED: ngettext(
            "Most covered in the last %(days)d day", "Most covered in the last %(days)d days", days
        )
        % {"days": days},
    }


class DirectoryFilters(forms.Form):
    """What the address asks for; a value no page has is refused by name (400)."""

    kind = forms.ChoiceField(
        label=_("kind"),
        required=False,
        choices=[("", "")] + Actor.Kind.choices,
        error_messages={
            "invalid_choice": _(
                "Unknown kind “%(value)s”: choose person, organisation, place or event."
            )
        },
    )
    letter = forms.CharField(label=_("letter"), required=False)
    q = forms.CharField(
        label=_("name"),
        required=False,
        max_length=MAX_NAME_FILTER,
        error_messages={
            "max_length": _("A name to look for has at most %(limit_value)d characters.")
        },
    )
    order = forms.ChoiceField(
        label=_("order"),
        required=False,
        choices=[("", ""), (Order.NAME, Order.NAME), (Order.COVERED, Order.COVERED)],
        error_messages={"invalid_choice": _("Unknown order “%(value)s”: choose name or covered.")},
    )

    def clean_letter(self):
        # Folded: "é" asks for the names filed under E, as "Élysée" is.
        letter = self.cleaned_data["letter"]
        letter = (fold(letter) if letter != OTHER_INITIAL else letter).upper()
        if letter and letter not in LETTERS:
            raise forms.ValidationError(
                _("Unknown letter “%(value)s”: choose one letter from A to Z, or #."),
                params={"value": self.cleaned_data["letter"][:20]},
            )
        return letter

    def clean_order(self):
        return self.cleaned_data["order"] if self.cleaned_data["order"] == Order.COVERED else ""

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class ActorIndexView(CountedOnceMixin, ListView):
    template_name = "actors/actor_index.html"
    context_object_name = "actors"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.filters = DirectoryFilters(request.GET)
        if not self.filters.is_valid():
            self.object_list = Actor.objects.none()
            context = self.get_context_data()
            return self.render_to_response(context, status=400)
        self.chosen = self.filters.cleaned_data
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        actors = Actor.objects.public().only("name", "slug", "kind", "description")
        chosen = self.chosen
        if chosen["kind"]:
            actors = actors.filter(kind=chosen["kind"])
        if chosen["letter"]:
            actors = actors.filed_under(chosen["letter"].lower())
        if chosen["q"]:
            actors = actors.named_like(chosen["q"])
        if chosen["order"] == Order.COVERED:
            return actors.most_covered(since=timezone.now() - COVERAGE_WINDOW)
        return actors.order_by("name_folded", "pk")

    def count_key(self):
        chosen = getattr(self, "chosen", None)
        if not chosen or chosen["q"] or chosen["order"] == Order.COVERED:
            # One count per typed name would crowd the cache out; the coverage window moves
            # with the clock, not with the content the count is kept under.
            return None
        return f"actors:{chosen['kind']}:{chosen['letter']}"

    def get_context_data(self, **kwargs):
        chosen = getattr(self, "chosen", {})
        kind, letter, order = (chosen.get(name, "") for name in ("kind", "letter", "order"))
        context = super().get_context_data(
            filters=self.filters,
            name_filter=chosen.get("q", ""),
            name_filter_limit=MAX_NAME_FILTER,
            kind=kind,
            letter=letter,
            kind_title=KIND_TITLES[kind],
            order_covered=order == Order.COVERED,
            kind_links=[
                (
                    title if value else gettext("All kinds"),
                    self.link(kind=value, letter=letter, order=order),
                    value == kind,
                )
                for value, title in KIND_TITLES.items()
            ],
            letter_links=[
                (value, self.link(kind=kind, letter=value, order=order), value == letter)
                for value in LETTERS
            ],
            all_letters_link=self.link(kind=kind, order=order),
            order_links=[
                (
                    title,
                    self.link(kind=kind, letter=letter, q=chosen.get("q"), order=covered),
                    covered == order,
                )
                for covered, title in order_titles().items()
            ],
            **kwargs,
        )
        page = context.get("page_obj")
        number = page.number if page is not None and page.number > 1 else None
        # The page's own address, without the typed name (noindex) or tracking noise.
        context["canonical_path"] = self.link(kind=kind, letter=letter, order=order, page=number)
        return context

    def link(self, **params) -> str:
        """This index with ``params``, left out when empty (one address per page)."""
        kept = {name: value for name, value in params.items() if value}
        return f"{self.request.path}?{urlencode(kept)}" if kept else self.request.path
