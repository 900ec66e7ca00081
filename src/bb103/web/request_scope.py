"""The user's memberships are read once per request: the main menu, the page's access check
and its selector each ask for them (bb103.cases.selectors.scope.remembered)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from bb103.cases.selectors.scope import remembered


class RequestScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with remembered():
            return self.get_response(request)
