from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditingConfig(AppConfig):
    """Edit locking and history compare/restore for any model editors edit.

    Below every domain app (pictures, actors and articles all use it), so it imports none.
    """

    name = "editing"
    verbose_name = _("Editing")
