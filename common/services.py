"""Service plumbing shared by every app: the permission check and the history revision."""

from collections.abc import Iterator
from contextlib import contextmanager

import reversion
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


@contextmanager
def revision(*, by, comment: str) -> Iterator[None]:
    """Record what the block writes in the history (django-reversion), as ``by``.

    Inside an admin view the view's revision is already open: this joins it.
    """
    with reversion.create_revision():
        if by is not None and getattr(by, "is_authenticated", False):
            reversion.set_user(by)
        reversion.set_comment(comment)
        yield


def require(user, perm: str) -> None:
    """Services called with a user check that user's permission; scripts pass None."""
    if user is not None and not user.has_perm(perm):
        raise PermissionDenied(_("You are not allowed to do this."))
