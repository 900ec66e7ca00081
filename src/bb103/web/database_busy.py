"""A database that stays busy longer than a request waits for it (SQLite's write lock held
by another request past the timeout in settings) is an answer the user can act on: a 503
in Danish saying nothing was saved and to try again, with ``Retry-After``, not a 500. The
step's transaction was rolled back, so nothing was indeed saved."""

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger("bb103.web")

RETRY_AFTER_SECONDS = 5
_BUSY = ("database is locked", "database table is locked", "database is busy")


def database_busy(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and any(m in str(exc).lower() for m in _BUSY)


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not database_busy(exc):
            return None
        log.warning("database busy: %s %s", request.method, request.path)
        # No request context: the page must not read the busy database (user, messages).
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
