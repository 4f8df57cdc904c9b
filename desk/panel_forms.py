"""The forms behind the desk's side panels (desk/panels.py): what each one-click endpoint
accepts, with the relationship's own labels, limits and rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy, pgettext

from actors.models import Actor, Relationship, RelationshipKind
from articles.models import Article, ArticleActor
from desk.models import DismissedName

ROLE_CHOICES = [
    (ArticleActor.Role.ABOUT, ArticleActor.Role.ABOUT.label),
    (ArticleActor.Role.MENTIONS, ArticleActor.Role.MENTIONS.label),
    (ArticleActor.Role.QUOTED, ArticleActor.Role.QUOTED.label),
]


class TagForm(forms.Form):
    actor = forms.ModelChoiceField(queryset=Actor.objects.all())
    role = forms.ChoiceField(choices=ROLE_CHOICES)


class CreateActorForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Actor.Kind.choices)
    role = forms.ChoiceField(choices=ROLE_CHOICES)


class LinkForm(forms.Form):
    related = forms.ModelChoiceField(queryset=Article.objects.all())


class KindChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Kinds are rows, stored in English; the default ones are translated by their label,
        # as on the actor page, and an editor's own kind shows as typed.
        return pgettext("relationship", obj.label)


def _label(name: str):
    # The words of the relationship admin, already translated.
    return capfirst(Relationship._meta.get_field(name).verbose_name)


class DayInput(forms.DateInput):
    """A browser's date picker; it reads and sends ISO dates only, whatever the language."""

    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class CurrencyField(forms.CharField):
    """The relationship's currency code; "eur" is read as "EUR" before the model's check."""

    def to_python(self, value):
        return super().to_python(value).upper()


# The calendar a date field can hold: the date picker stops there, the server says so.
FIRST_DAY, LAST_DAY = "0001-01-01", "9999-12-31"
DATE_OUT_OF_RANGE = gettext_lazy(
    "Enter a real date, written YYYY-MM-DD, between 0001-01-01 and 9999-12-31."
)
# Which field a broken rule of the model is about, for a message next to it.
CONSTRAINT_FIELDS = {
    "relationship_not_self": "target",
    "relationship_end_after_start": "ended_on",
    "relationship_amount_has_currency": "currency",
}
# The fields a relationship is recorded with, besides the two actors and its kind.
DETAILS = ["started_on", "ended_on", "amount", "currency", "status", "note"]


def _model_field(name: str, **kwargs):
    # The relationship's own label, limits and choices (the admin's words and rules).
    return Relationship._meta.get_field(name).formfield(**kwargs)


def _day(name: str):
    return _model_field(
        name,
        widget=DayInput(attrs={"min": FIRST_DAY, "max": LAST_DAY}),
        error_messages={"invalid": DATE_OUT_OF_RANGE},
    )


class RelationshipForm(forms.Form):
    source = forms.ModelChoiceField(label=_label("source"), queryset=Actor.objects.none())
    kind = KindChoiceField(label=_label("kind"), queryset=RelationshipKind.objects.all())
    target = forms.ModelChoiceField(label=_label("target"), queryset=Actor.objects.none())
    started_on = _day("started_on")
    ended_on = _day("ended_on")
    amount = _model_field(
        "amount", min_value=0, widget=forms.NumberInput(attrs={"min": "0", "step": "0.01"})
    )
    currency = _model_field(
        "currency",
        form_class=CurrencyField,
        widget=forms.TextInput(attrs={"size": "3", "autocomplete": "off", "spellcheck": "false"}),
    )
    status = _model_field("status")
    note = _model_field("note", widget=forms.Textarea(attrs={"rows": "2"}))

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        # The story reports relationships between the actors it tags.
        tagged = Actor.objects.filter(article_tags__article=article).distinct()
        self.fields["source"].queryset = tagged
        self.fields["target"].queryset = tagged

    def clean(self):
        """The model's own checks, each message next to the field it is about; a duplicate is
        not an error here (recording it again adds this story to its evidence)."""
        data = super().clean()
        if self.errors:
            return data
        relationship = Relationship(**{key: value for key, value in data.items()})
        try:
            relationship.clean_fields(exclude=["source", "kind", "target"])
        except ValidationError as error:
            self.add_error(None, error)
            return data
        for constraint in Relationship._meta.constraints:
            if isinstance(constraint, CheckConstraint):
                try:
                    constraint.validate(Relationship, relationship)
                except ValidationError as error:
                    self.add_error(CONSTRAINT_FIELDS.get(constraint.name), error)
        return data

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in DETAILS}


class DismissForm(forms.Form):
    """One suggestion to dismiss: an actor the text names, or a name that matches none."""

    actor = forms.ModelChoiceField(
        label=capfirst(Actor._meta.verbose_name), queryset=Actor.objects.all(), required=False
    )
    name = forms.CharField(
        label=capfirst(DismissedName._meta.get_field("name").verbose_name),
        max_length=DismissedName._meta.get_field("name").max_length,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("actor")) == bool(data.get("name")):
            raise ValidationError(
                gettext_lazy("Dismiss either an actor or a name."), code="actor_or_name"
            )
        return data


class RestoreForm(forms.Form):
    dismissed = forms.ModelChoiceField(
        label=capfirst(DismissedName._meta.verbose_name), queryset=DismissedName.objects.none()
    )

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dismissed"].queryset = DismissedName.objects.filter(article=article)
