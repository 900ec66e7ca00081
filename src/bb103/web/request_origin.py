"""Sets where each request comes from (the client's address) for the audit log."""

from collections.abc import Callable
from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from bb103.cases.request_context import origin


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind ``BB103_TRUSTED_PROXIES`` proxies the address the outermost
    trusted proxy saw (X-Forwarded-For is otherwise the client's own claim)."""
    proxies = int(getattr(settings, "BB103_TRUSTED_PROXIES", 0))
    candidate = request.META.get("REMOTE_ADDR")
    if proxies > 0:
        chain = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [p for p in chain if p]
        if len(chain) >= proxies:
            candidate = chain[-proxies]
    try:
        return str(ip_address(candidate or ""))
    except ValueError:
        return None


class RequestOriginMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with origin(client_ip(request), "web"):
            return self.get_response(request)
