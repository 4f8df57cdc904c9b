"""The byline picker: the desk's people, searched and shown by name.

Django's autocomplete would ask for the user admin's view permission, which no desk role
holds (it would open the staff list, e-mails included), and shows usernames. This one answers
whoever may write a story, with names only.
"""

from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path, reverse

PAGE_SIZE = 20


def byline(user) -> str:
    return user.get_full_name() or user.get_username()


class AuthorSelect(AutocompleteSelectMultiple):
    def get_url(self):
        return reverse(f"{self.admin_site.name}:articles_article_authors")


class AuthorPickerMixin:
    """For the story admin: the authors field picks by name, through its own look-up."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.authors_view)
        return [path("authors/", view, name="articles_article_authors"), *super().get_urls()]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "authors":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        kwargs["widget"] = AuthorSelect(db_field, self.admin_site)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        field.label_from_instance = byline
        return field

    def authors_view(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        people = get_user_model().objects.filter(is_active=True)
        for word in request.GET.get("term", "").split():
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(username__icontains=word)
            )
        people = people.order_by("last_name", "first_name", "username", "pk")
        try:
            number = int(request.GET.get("page") or 1)
        except ValueError:
            number = 1
        page = Paginator(people, PAGE_SIZE).get_page(number)
        return JsonResponse(
            {
                "results": [{"id": str(user.pk), "text": byline(user)} for user in page],
                "pagination": {"more": page.has_next()},
            }
        )
