"""Errors as JSON, each with a message naming what was wrong (stub; the API core fills it in).

A router raises ``BadParameter("tag", 'Unknown topic: "x".')`` for a bad query parameter;
``install(api)`` turns it, ninja's validation errors, 404s and throttling into JSON answers.
"""


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str, status: int = 400):
        super().__init__(message)
        self.parameter, self.message, self.status = parameter, message, status


def install(api) -> None:
    """Register the API's exception handlers on ``api``."""
