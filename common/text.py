"""Text helpers: name folding (alias matching, admin and public search), and the checks that
text can be stored and written out as XML."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def fold(text: str) -> str:
    """Case- and accent-folded form of ``text``: "Lauren Sánchez" -> "lauren sanchez"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def check_storable(text: str) -> None:
    """Refuse text a database cannot keep as written: NUL (PostgreSQL refuses it) and lone
    UTF-16 surrogates (not Unicode text at all: nothing can encode them).

    Admin forms refuse NUL already and a browser cannot send a surrogate, but scripts,
    services and import files can, and would otherwise fail inside the database driver.
    """
    ProhibitNullCharactersValidator()(text)
    if _SURROGATE.search(text):
        raise ValidationError(
            _("Broken character: this text holds half of a UTF-16 surrogate pair."),
            code="surrogate",
        )


def normalise_newlines(text: str) -> str:
    """``\n`` line endings whatever was sent: browsers post textareas with CRLF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def validate_storable_text(instance) -> None:
    """check_storable() on every text field of a model instance, errors by field.

    Line endings are made ``\n`` on the way, so that a save from a browser (CRLF) is not a
    change to history, to the conflict check or to entity suggestion.
    """
    errors = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            if "\r" in value:
                value = normalise_newlines(value)
                setattr(instance, field.attname, value)
            try:
                check_storable(value)
            except ValidationError as error:
                errors[field.name] = error.messages
    if errors:
        raise ValidationError(errors)


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry (feeds, sitemaps)."""
    return _NOT_XML.sub("", text)
