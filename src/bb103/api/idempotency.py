"""``Idempotency-Key`` on a POST that creates or sends something (the IETF draft
"The Idempotency-Key HTTP Header Field"): the first successful answer is kept, and the same
key from the same client gets that answer again (``Idempotent-Replayed: true``) instead of a
second letter or case. The key with another body is refused (422). A refused request changed
nothing, so it is not kept: the client may correct it and send it again under the key.

Two requests with one key at once: the key's row is written first, in the step's
transaction, so the second waits on the unique key and then gets the first one's answer."""

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.problems import FieldError, Problem, invalid
from bb103.cases.models import ApiClient, IdempotentRequest

MAX_KEY = 200
KEPT_HEADERS = ("ETag", "Location")


class _Refused(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


def _fingerprint(request: Request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _replay(row: IdempotentRequest, fingerprint: str) -> Response:
    if row.fingerprint != fingerprint:
        raise Problem(
            422,
            "idempotency-key-reused",
            "Idempotency-Key reused with another request",
            "Idempotency-Key er allerede brugt til et andet kald. Brug en ny nøgle.",
            "The Idempotency-Key was used for another request. Use a new key.",
            [FieldError("Idempotency-Key", "Nøglen er brugt før.", "Key already used.")],
        )
    response = Response(row.body, status=row.status_code)
    for name, value in row.headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(request: Request, respond: Callable[[], Response]) -> Response:
    """``respond()`` once per Idempotency-Key; without a key, every time."""
    key = request.headers.get("Idempotency-Key")
    client = request.auth
    if key is None or not isinstance(client, ApiClient):
        return respond()
    key = key.strip()
    if not key or len(key) > MAX_KEY or not key.isprintable():
        raise invalid(
            [
                FieldError(
                    "Idempotency-Key",
                    f"Idempotency-Key skal være 1 til {MAX_KEY} synlige tegn.",
                    f"Idempotency-Key must be 1 to {MAX_KEY} printable characters.",
                )
            ]
        )
    fingerprint = _fingerprint(request)
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = IdempotentRequest.objects.create(
                        client=client,
                        key=key,
                        method=request.method or "",
                        path=request.path[:300],
                        fingerprint=fingerprint,
                        status_code=0,
                    )
            except IntegrityError:
                done = IdempotentRequest.objects.get(client=client, key=key)
                return _replay(done, fingerprint)
            response = respond()
            if not 200 <= response.status_code < 300:
                raise _Refused(response)
            row.status_code = response.status_code
            row.body = response.data
            row.headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            row.save(update_fields=["status_code", "body", "headers"])
            return response
    except _Refused as refused:
        return refused.response
