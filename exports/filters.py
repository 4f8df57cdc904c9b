"""The export filters: one form for the staff page and the command, so both say no the same way.

Every value is checked against what exists (a tag, an actor, a section) and a wrong one is an
error that names it: a typo must never produce a silently empty file.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from actors.models import Actor
from articles.models import Article, Section
from common.text import check_storable
from exports.writers import FORMAT_CHOICES


class ValueListInput(forms.TextInput):
    """Repeated parameters (?tag=a&tag=b) or one comma-separated box (tag=a, b)."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value


class ValueListField(forms.Field):
    widget = ValueListInput

    def to_python(self, value) -> list[str]:
        values = [value] if isinstance(value, str) else list(value or [])
        cleaned = []
        for item in values:
            for part in str(item).split(","):
                part = part.strip()
                if part and part not in cleaned:
                    cleaned.append(part)
        return cleaned


# A day is filtered from its midnight to the next one, in the desk's time zone: at the
# calendar's ends those midnights do not exist in UTC (whatever the zone, up to 14 hours off).
FIRST_DAY = dt.date.min + dt.timedelta(days=1)
LAST_DAY = dt.date.max - dt.timedelta(days=1)


class IsoDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"})
    input_formats = ["%Y-%m-%d"]

    def to_python(self, value):
        try:
            day = super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                _('Malformed date "%(value)s": use YYYY-MM-DD.'),
                code="invalid",
                params={"value": value},
            ) from None
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError(
                _('Date "%(value)s" out of range: use a date from %(first)s to %(last)s.'),
                code="out_of_range",
                params={
                    "value": value,
                    "first": FIRST_DAY.isoformat(),
                    "last": LAST_DAY.isoformat(),
                },
            )
        return day


def _could_exist(value: str, max_length: int) -> bool:
    """False for a value no row can hold. The databases refuse even to compare some of them
    (NUL on PostgreSQL, half a surrogate pair anywhere, a very long LIKE pattern on SQLite):
    such a value is simply unknown, like any other that matches nothing."""
    try:
        check_storable(value)
    except ValidationError:
        return False
    return len(value) <= max_length


def _quoted(values: list[str]) -> dict:
    return {"values": ", ".join(f'"{value}"' for value in values)}


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight in the newsroom's time zone: a date means the desk's calendar day."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class ExportFilterForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            *FORMAT_CHOICES,
            ("bundle", _("Bundle: a ZIP with the pictures, to move stories to another newsroom")),
        ],
        initial="jsonl",
    )
    tag = ValueListField(
        label=_("Tags"), required=False, help_text=_("Slugs or names, comma-separated; all.")
    )
    actor = ValueListField(
        label=_("Actors"), required=False, help_text=_("Slugs, comma-separated; all.")
    )
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any section"),
        error_messages={"invalid_choice": _('Unknown section: "%(value)s".')},
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Any language")), *Article.Language.choices],
        required=False,
        error_messages={"invalid_choice": _('Unknown language: "%(value)s".')},
    )
    status = forms.MultipleChoiceField(
        label=_("Status"),
        choices=Article.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: only the stories readers can see now."),
        error_messages={
            "invalid_choice": _('Unknown status: "%(value)s". Choose draft, review or published.')
        },
    )
    since = IsoDateField(label=_("Published from"), required=False)
    until = IsoDateField(label=_("Published until"), required=False)
    updated_since = IsoDateField(label=_("Updated from"), required=False)
    updated_until = IsoDateField(label=_("Updated until"), required=False)
    bom = forms.BooleanField(
        label=_("Byte-order mark"),
        required=False,
        help_text=_("CSV only: lets spreadsheet programs read accents."),
    )

    def clean_tag(self) -> list[Tag]:
        tags, unknown = [], []
        for value in self.cleaned_data["tag"]:
            tag = None
            if _could_exist(value, Tag._meta.get_field("slug").max_length):
                tag = Tag.objects.filter(Q(slug=value) | Q(name__iexact=value)).first()
            if tag is None:
                unknown.append(value)
            else:
                tags.append(tag)
        if unknown:
            message = ngettext(
                "Unknown tag: %(values)s.", "Unknown tags: %(values)s.", len(unknown)
            )
            raise forms.ValidationError(message % _quoted(unknown), code="unknown")
        return tags

    def clean_actor(self) -> list[Actor]:
        slugs = self.cleaned_data["actor"]
        max_length = Actor._meta.get_field("slug").max_length
        possible = [slug for slug in slugs if _could_exist(slug, max_length)]
        found = {actor.slug: actor for actor in Actor.objects.filter(slug__in=possible)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            message = ngettext(
                "Unknown actor: %(values)s.", "Unknown actors: %(values)s.", len(unknown)
            )
            raise forms.ValidationError(message % _quoted(unknown), code="unknown")
        return [found[slug] for slug in slugs]

    def clean(self):
        cleaned_data = super().clean()
        for start, end in (("since", "until"), ("updated_since", "updated_until")):
            first, last = cleaned_data.get(start), cleaned_data.get(end)
            if first and last and first > last:
                self.add_error(end, _("This date is before the start of the range."))
        return cleaned_data

    @property
    def public_only(self) -> bool:
        """Drafts and scheduled stories are exported only when a status is asked for."""
        return not self.cleaned_data["status"]

    def queryset(self) -> QuerySet:
        data = self.cleaned_data
        if data["status"]:
            stories = Article.objects.filter(status__in=data["status"])
        else:
            stories = Article.objects.published()
        # One filter() per value: a story must carry every tag and every actor asked for.
        for tag in data["tag"]:
            stories = stories.filter(tagged_items__tag=tag)
        for actor in data["actor"]:
            stories = stories.tagging(actor)
        if data["section"]:
            stories = stories.filter(section=data["section"])
        if data["language"]:
            stories = stories.filter(language=data["language"])
        ranges = (
            ("publish_at", "since", "until"),
            ("updated_at", "updated_since", "updated_until"),
        )
        for field, start, end in ranges:
            if data[start]:
                stories = stories.filter(**{f"{field}__gte": _start_of(data[start])})
            if data[end]:
                day_after = data[end] + dt.timedelta(days=1)
                stories = stories.filter(**{f"{field}__lt": _start_of(day_after)})
        return stories

    def describe(self) -> str:
        """The filter in a few words for a file name: "tag-espace-actor-elon-musk"."""
        data = self.cleaned_data
        parts = [f"tag-{tag.slug}" for tag in data["tag"]]
        parts += [f"actor-{actor.slug}" for actor in data["actor"]]
        if data["section"]:
            parts.append(f"section-{data['section'].slug}")
        if data["language"]:
            parts.append(data["language"])
        parts += data["status"]
        for name in ("since", "until", "updated_since", "updated_until"):
            if data[name]:
                parts.append(f"{name}-{data[name].isoformat()}")
        return slugify("-".join(parts))[:100].strip("-")

    def filename(self, extension: str) -> str:
        described = self.describe()
        name = f"stories-{timezone.localdate().isoformat()}"
        return f"{name}-{described}.{extension}" if described else f"{name}.{extension}"
