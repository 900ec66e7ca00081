"""Rate limits per client (DRF's throttling; not imported with the views, which DRF's
settings name it from)."""

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from bb103.cases.models import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    """At most the client's ``rate_per_minute`` calls a minute (429 with Retry-After).
    Counted in Django's cache: per process with the default local-memory cache, so a
    production deployment with several processes points CACHES at a shared cache."""

    scope = "client"

    def __init__(self) -> None:  # the rate is the client's own, read per request
        pass

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        client = request.auth
        if not isinstance(client, ApiClient):
            return None
        # The registration time too: a client id may be reused after a restore.
        return f"bb103-api-rate-{client.pk}-{client.created_at.timestamp()}"

    def allow_request(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True  # no key: refused with 401 before anything is read
        self.rate = f"{client.rate_per_minute}/m"
        self.num_requests, self.duration = client.rate_per_minute, 60
        return super().allow_request(request, view)
