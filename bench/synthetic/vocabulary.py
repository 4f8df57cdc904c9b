"""What every generated newsroom shares: sections, reporters (accounts and the contributors
who sign the stories), topic tags, relationship kinds.

Created on the first run and looked up afterwards, so that runs can append.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify
from taggit.models import Tag

from actors.models import RelationshipKind
from articles.models import Section
from bench.synthetic import words
from contributors.models import Contributor


def ensure_vocabulary(using: str) -> dict:
    """Sections, reporters and tags: shared by every run, created once, looked up after.
    ``authors`` are the reporters' contributor ids."""
    sections = []
    for slug, name, position in words.SECTIONS:
        section, _ = Section.objects.using(using).get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
        sections.append(section.pk)

    User = get_user_model()
    reporter_group = Group.objects.using(using).filter(name="Reporter").first()
    authors = []
    for number, (first, last) in enumerate(words.REPORTERS, start=1):
        user = User._default_manager.db_manager(using).filter(username=f"corpus{number:02}").first()
        if user is None:
            user = User(username=f"corpus{number:02}", first_name=first, last_name=last)
            user.is_staff = True
            user.set_unusable_password()
            user.save(using=using)
            if reporter_group is not None:
                user.groups.add(reporter_group)
        slug = f"corpus{number:02}"
        contributor = Contributor.objects.using(using).filter(slug=slug).first()
        if contributor is None:
            contributor = Contributor(name=f"{first} {last}", slug=slug, user=user)
            contributor.save(using=using)
        authors.append(contributor.pk)

    names = [topic for pair in words.TOPICS for topic in pair]
    existing = {tag.name.casefold(): tag for tag in Tag.objects.using(using).all()}
    taken = {tag.slug for tag in existing.values()}
    missing = []
    for name in dict.fromkeys(names):
        if name.casefold() in existing:
            continue
        slug, suffix = slugify(name), 2
        while slug in taken:
            slug, suffix = f"{slugify(name)}-{suffix}", suffix + 1
        taken.add(slug)
        tag = Tag(name=name, slug=slug)
        missing.append(tag)
        existing[name.casefold()] = tag
    Tag.objects.using(using).bulk_create(missing)
    if missing and missing[0].pk is None:  # backends that do not return ids
        existing = {tag.name.casefold(): tag for tag in Tag.objects.using(using).all()}
    # (French tag id, English tag id) per topic, in the order of words.TOPICS.
    tags = [(existing[fr.casefold()].pk, existing[en.casefold()].pk) for fr, en in words.TOPICS]
    kinds = dict(RelationshipKind.objects.using(using).values_list("slug", "pk"))
    return {"sections": sections, "authors": authors, "tags": tags, "kinds": kinds}
