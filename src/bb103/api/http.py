"""HTTP for every API view: the audit channel ``api``, and the case version as ETag and
If-Match (optimistic locking)."""

import logging
import re
from typing import Any

from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.problems import FieldError, invalid
from bb103.cases.request_context import origin
from bb103.web.request_origin import client_ip

access_log = logging.getLogger("bb103.api")


class ApiView(GenericAPIView):  # type: ignore[type-arg]
    """Every API view: its audit entries say ``api`` and name the client (the actor). Each
    call, refused ones and reads of no personal data included, is also a line in the
    ``bb103.api`` log: which client and key, what, and the answer's status (the audit log
    holds the changes and the reads of citizens' data, as for the screens)."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        with origin(client_ip(request), "api"):
            response = super().dispatch(request, *args, **kwargs)
        client = getattr(getattr(self, "request", None), "auth", None)
        access_log.info(
            "api client=%s (%s) key=%s %s %s -> %s",
            getattr(client, "pk", "-"),
            getattr(client, "name", "-"),
            getattr(client, "key_prefix", "-"),
            request.method,
            request.path,
            response.status_code,
        )
        return response


_ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,10})"\s*$')


def etag_of(version: int) -> str:
    return f'"{version}"'


def if_match_version(request: Request) -> int | None:
    """The case version the client last read (``If-Match: "7"``), or None when it sent
    no If-Match (the step is then not checked for staleness, as a form without one)."""
    value = request.headers.get("If-Match")
    if value is None or value.strip() == "*":
        return None
    found = _ETAG.match(value)
    if found is None:
        raise invalid(
            [
                FieldError(
                    "If-Match",
                    'If-Match skal være sagens ETag, fx "7".',
                    'If-Match must be the case\'s ETag, e.g. "7".',
                )
            ]
        )
    return int(found.group(1))


def with_etag(response: Response, version: int) -> Response:
    response["ETag"] = etag_of(version)
    return response
