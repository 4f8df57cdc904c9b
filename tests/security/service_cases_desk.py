"""The role matrix's cases (run by test_service_matrix.py), continued for the desk's own
writes: names dismissed from a story's panel. Desk-private, never shown to readers, so
whoever writes stories may dismiss and restore, on a live story too."""

from desk import services as desk
from desk.models import DismissedName
from tests.factories import ActorFactory
from tests.security.service_cases import WRITERS, Case, _draft, _published


def _dismissed(article):
    return DismissedName.objects.create(
        article=article, name="Blue Origin", name_folded="blue origin"
    )


SERVICES: dict[str, Case] = {
    "dismissed_name_save": Case(
        WRITERS, lambda by: desk.dismissed_name_save(article=_draft(), name="Blue Origin", by=by)
    ),
    "dismissed_name_save[live]": Case(
        WRITERS,
        lambda by: desk.dismissed_name_save(article=_published(), actor=ActorFactory(), by=by),
    ),
    "dismissed_name_delete": Case(
        WRITERS, lambda by: desk.dismissed_name_delete(dismissed=_dismissed(_draft()), by=by)
    ),
    "dismissed_name_delete[live]": Case(
        WRITERS, lambda by: desk.dismissed_name_delete(dismissed=_dismissed(_published()), by=by)
    ),
}
