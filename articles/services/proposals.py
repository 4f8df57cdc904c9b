"""A reporter's change to a live story waits for an editor.

The rule is defined here once (``live_change_needs_review``): the story service, the tag and
link services and the story form ask it. A change it holds back is stored as the form was
submitted (a ChangeProposal); an editor approves it by saving that form as themselves, so
every check applies at that moment, or rejects it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, ChangeProposal
from articles.services.publishing import PUBLISH_PERMISSION
from common.services import require

LIVE_CHANGE_REFUSED = gettext_lazy(
    "This story is published: a change to it waits for an editor's review. Propose it by "
    "saving the story form."
)
# Form keys that are not the story: the CSRF token and the admin's buttons.
_NOT_DATA = ("csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew")


def live_change_needs_review(*, article: Article, by) -> bool:
    """Whether ``by`` may not change ``article`` directly: it is public, or scheduled (readers
    would see the change at its time, unreviewed), and ``by`` cannot publish. Scripts
    (``by`` None) may, as with every service."""
    if by is None or by.has_perm(PUBLISH_PERMISSION):
        return False
    return article.is_public or article.is_scheduled


def require_live_edit(*, article: Article, by) -> None:
    if live_change_needs_review(article=article, by=by):
        raise PermissionDenied(LIVE_CHANGE_REFUSED)


@transaction.atomic
def article_propose_change(
    *, article: Article, data: dict, changed: list[str], by
) -> ChangeProposal:
    """Keep a submitted story form for an editor: nothing of the story is written."""
    require(by, "articles.change_article")
    require(by, "articles.add_changeproposal")
    proposal = ChangeProposal(
        article=article,
        proposed_by=by,
        data={key: list(values) for key, values in data.items() if key not in _NOT_DATA},
        changed=[str(label) for label in changed],
        language=translation.get_language() or "",
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def _decided_message(proposal: ChangeProposal) -> str:
    who = proposal.decided_by
    return _("This proposed change was already %(status)s by %(who)s on %(when)s.") % {
        "status": proposal.get_status_display(),
        "who": (who.get_full_name() or who.get_username()) if who else _("someone"),
        "when": date_format(timezone.localtime(proposal.decided_at), "DATETIME_FORMAT"),
    }


def proposal_check_pending(*, proposal: ChangeProposal, by) -> ChangeProposal:
    """Lock a proposal for a decision (until the caller's transaction ends) and refuse one
    already decided, by someone else or by a second click."""
    require(by, PUBLISH_PERMISSION)
    locked = ChangeProposal.objects.select_for_update(of=("self",)).select_related("decided_by")
    proposal = locked.get(pk=proposal.pk)
    if not proposal.is_pending:
        raise ValidationError(_decided_message(proposal), code="decided")
    return proposal


@transaction.atomic
def _decide(proposal: ChangeProposal, status: str, by) -> ChangeProposal:
    proposal = proposal_check_pending(proposal=proposal, by=by)
    proposal.status = status
    proposal.decided_by = by if getattr(by, "is_authenticated", False) else None
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return proposal


def proposal_approve(*, proposal: ChangeProposal, by) -> ChangeProposal:
    """Mark a proposal approved, once its form has been saved as ``by`` (the story admin's
    approve view does both in one transaction)."""
    return _decide(proposal, ChangeProposal.Status.APPROVED, by)


def proposal_reject(*, proposal: ChangeProposal, by) -> ChangeProposal:
    """Turn a proposal down: the story stays as it is."""
    return _decide(proposal, ChangeProposal.Status.REJECTED, by)
