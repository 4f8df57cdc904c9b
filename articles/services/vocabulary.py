"""Sections and topics: the desk's vocabulary, renamed or removed by editors only (every
public page that shows one changes with it)."""

from django.db import transaction
from taggit.models import Tag

from articles.models import Section
from common.services import require
from common.text import validate_storable_text


@transaction.atomic
def section_save(*, section: Section, by) -> Section:
    require(by, "articles.change_section" if section.pk else "articles.add_section")
    validate_storable_text(section)
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: Section, by) -> None:
    require(by, "articles.delete_section")
    section.delete()


@transaction.atomic
def topic_save(*, tag: Tag, by) -> Tag:
    require(by, "taggit.change_tag" if tag.pk else "taggit.add_tag")
    validate_storable_text(tag)
    tag.full_clean()
    tag.save()
    return tag


@transaction.atomic
def topic_delete(*, tag: Tag, by) -> None:
    require(by, "taggit.delete_tag")
    tag.delete()
