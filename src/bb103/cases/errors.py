"""The exceptions a caseworker can meet; every message is Danish and fit for the screen."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


class CaseError(Exception):
    """A step the case's state, the law or the municipality's standard does not allow, or
    bad input. ``field`` names the input at fault, when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class AccessDenied(PermissionDenied):
    """The user's role in the case's municipality does not allow the step (HTTP 403)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(Http404):
    """No such row for this user. Another municipality's rows are "not found" too, so that
    their existence is not revealed (HTTP 404)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} findes ikke, eller du har ikke adgang.")
        self.message = f"{what} findes ikke, eller du har ikke adgang."
