"""The machine interface under ``/api/v1/`` (issue 18): other systems (borger.dk forms, the
finance system, a provider's own system) read and act on cases as registered system clients.

It is a channel like the screens: every write is the same action object or service the
screens call, every read the same scoped selector, so no rule, permission or state check
lives here. What lives here is HTTP: authentication by API key, problem details (RFC 9457),
ETag/If-Match on the case version, Idempotency-Key, pagination and rate limits, and the
OpenAPI 3.1 schema generated from this code (committed as ``docs/api/openapi.yaml``, by
``make schema``).
"""
