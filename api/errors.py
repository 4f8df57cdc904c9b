"""Errors as JSON, each with a message naming what was wrong.

Every error the API answers has one shape (``ErrorOut``, documented in the OpenAPI document):
``{"detail": "<message>", "errors": [{"parameter": "<name>", "message": "..."}]}``. A router
raises ``BadParameter("topic", 'Unknown topic: "x".')`` for a bad query parameter;
``install(api)`` turns it, ninja's validation errors (400 naming the parameter, not 422), 404s,
throttling (429 with ``Retry-After``) and bad keys (401) into such answers.
"""

import math

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BaseModel


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str, status: int = 400):
        super().__init__(message)
        self.parameter, self.message, self.status = parameter, message, status
        self.errors = [(parameter, message)]


class BadParameters(BadParameter):
    """Several bad parameters at once: ``[(name, message), ...]``, answered together."""

    def __init__(self, errors: list[tuple[str, str]], status: int = 400):
        super().__init__(errors[0][0], str(errors[0][1]), status)
        self.errors = [(name, str(message)) for name, message in errors]


class ParameterError(BaseModel):
    parameter: str
    message: str


class ErrorOut(BaseModel):
    """What every error answer holds: a message, and one entry per bad parameter."""

    detail: str
    errors: list[ParameterError]


# For a route's ``response=``: the errors any route may answer.
ERROR_RESPONSES = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


def error_body(detail: str, errors: list[tuple[str, str]] = ()) -> dict:
    return {
        "detail": str(detail),
        "errors": [{"parameter": name, "message": str(text)} for name, text in errors],
    }


def _parameter(error: dict) -> str:
    # ("query", "limit") -> "limit"; a list item ("query", "topic", 0) -> "topic".
    location = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
    return location[1] if len(location) > 1 else (location[0] if location else "")


def validation_message(error: dict) -> str:
    """Pydantic's reason, said in the newsroom's words (and language)."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return _("This parameter is required.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Expected a whole number.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Must be at least %(limit)s.") % {"limit": context.get("ge", context.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Must be at most %(limit)s.") % {"limit": context.get("le", context.get("lt"))}
    if kind in ("enum", "literal_error"):
        return _("Unknown value: choose %(choices)s.") % {"choices": context.get("expected", "")}
    if kind in ("string_too_long",):
        return _("Too long: at most %(limit)s characters.") % {"limit": context.get("max_length")}
    if kind in ("uuid_parsing", "uuid_type"):
        return _("Expected a UUID.")
    return _("Invalid value.")


def install(api) -> None:
    """Register the API's exception handlers on ``api``."""

    def answer(request, status: int, detail: str, errors=()):
        return api.create_response(request, error_body(detail, errors), status=status)

    def bad_parameter(request, exc: BadParameter):
        if len(exc.errors) == 1:
            return answer(request, exc.status, exc.message, exc.errors)
        names = ", ".join(dict.fromkeys(name for name, _text in exc.errors))
        detail = _("Invalid parameters: %(names)s.") % {"names": names}
        return answer(request, exc.status, detail, exc.errors)

    def invalid(request, exc: NinjaValidationError):
        errors = [(_parameter(error), validation_message(error)) for error in exc.errors]
        if len(errors) == 1:
            detail = f"{errors[0][0]}: {errors[0][1]}"
        else:
            names = ", ".join(dict.fromkeys(name for name, _text in errors))
            detail = _("Invalid parameters: %(names)s.") % {"names": names}
        return answer(request, 400, detail, errors)

    def not_found(request, exc: Http404):
        return answer(request, 404, _("Not found."))

    def throttled(request, exc: Throttled):
        seconds = max(1, math.ceil(exc.wait or 1))
        response = answer(
            request,
            429,
            _("Too many requests: try again in %(seconds)d seconds.") % {"seconds": seconds},
        )
        response["Retry-After"] = str(seconds)
        return response

    def unauthenticated(request, exc: AuthenticationError):
        return answer(request, exc.status_code, _("Unknown or revoked API key."))

    def forbidden(request, exc: AuthorizationError):
        return answer(request, exc.status_code, _("This key may not read this."))

    def http_error(request, exc: HttpError):
        return answer(request, exc.status_code, str(exc))

    api.add_exception_handler(BadParameter, bad_parameter)
    api.add_exception_handler(NinjaValidationError, invalid)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(AuthorizationError, forbidden)
    api.add_exception_handler(HttpError, http_error)
