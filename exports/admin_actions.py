"""Admin actions: export the stories selected on the story changelist.

Add them to ``ArticleAdmin.actions`` with ``*EXPORT_ACTIONS``. The selection is explicit, so
drafts in it are exported (and links to unpublished stories kept).
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exports.services import writer_for
from exports.views import EXPORT_PERMISSION, export_response


def _export_action(fmt: str, description: str):
    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        # The admin hides actions by a ModelAdmin permission hook; this check holds anyway.
        if not request.user.has_perm(EXPORT_PERMISSION):
            modeladmin.message_user(
                request, _("You are not allowed to export stories."), messages.ERROR
            )
            return None
        extension = writer_for(fmt).extension
        filename = f"stories-{timezone.localdate().isoformat()}-selected.{extension}"
        return export_response(
            queryset=queryset,
            fmt=fmt,
            filename=filename,
            public_only=False,
            base=request.build_absolute_uri("/"),
        )

    action.__name__ = f"export_{fmt}"
    return action


export_csv = _export_action("csv", gettext_lazy("Export selected stories as CSV"))
export_jsonl = _export_action("jsonl", gettext_lazy("Export selected stories as JSON Lines"))
export_ninjs = _export_action("ninjs", gettext_lazy("Export selected stories as IPTC ninjs"))

EXPORT_ACTIONS = (export_csv, export_jsonl, export_ninjs)
