"""Errors as problem details (RFC 9457): ``application/problem+json`` with a ``type`` per
kind of problem, an English ``title``, the Danish ``detail`` a caseworker would read on the
screen (the very message the screens show), ``detail_en``, and ``errors`` naming each field
with its Danish and English message.

401, 403 and 404 say nothing about whether a row exists in another municipality: another
municipality's case is "not found", word for word as a case that does not exist."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import set_rollback

from bb103.cases.errors import CaseError

PROBLEM_TYPE = "tag:bb103.dk,2026:problem/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str  # Danish
    message_en: str


@dataclass
class Problem(Exception):
    """An error answered as problem details."""

    status: int
    slug: str
    title: str
    detail: str
    detail_en: str
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def body(self, instance: str) -> dict[str, Any]:
        return {
            "type": PROBLEM_TYPE + self.slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "detail_en": self.detail_en,
            "instance": instance,
            "errors": [
                {"field": e.field, "message": e.message, "message_en": e.message_en}
                for e in self.errors
            ],
        }


NOT_FOUND_DA = "Det findes ikke, eller klienten har ikke adgang."


def not_found() -> Problem:
    return Problem(
        404,
        "not-found",
        "Not found",
        NOT_FOUND_DA,
        "It does not exist, or the client has no access to it.",
    )


def from_case_error(exc: CaseError) -> Problem:
    """A step refused by the workflow: the case's state (409), the case's version (412:
    someone changed the case after the version the client read), or a rule (422)."""
    name = exc.field or ""
    if name == "version":
        return Problem(
            412,
            "case-changed",
            "The case has changed",
            exc.message,
            "The case has changed since the version given in If-Match; nothing was "
            "changed. Read the case again (its ETag) and repeat the step if it still fits.",
            [FieldError("If-Match", exc.message, "Stale case version.")],
        )
    if name == "status":
        return Problem(
            409,
            "step-not-allowed",
            "The step is not allowed in the case's current state",
            exc.message,
            "The case's current state does not allow this step now; the Danish detail "
            "says why (the same reason the case page gives).",
            [FieldError("status", exc.message, "Not allowed in the case's current state.")],
        )
    return Problem(
        422,
        "rule-refused",
        "Refused by a rule",
        exc.message,
        "The input was refused by a rule of the law, the municipality's standard or the "
        "case workflow; the Danish detail names the rule.",
        [FieldError(name or "body", exc.message, "Refused by a rule (see message).")],
    )


def invalid(errors: list[FieldError]) -> Problem:
    first = errors[0] if errors else FieldError("body", "Ugyldige data.", "Invalid data.")
    return Problem(
        400,
        "invalid-input",
        "Invalid input",
        first.message,
        first.message_en,
        errors or [first],
    )


def _english(fn: Any) -> str:
    with translation.override("en"):
        return str(fn())


def _drf_problem(exc: exceptions.APIException) -> Problem:
    status = exc.status_code
    if isinstance(exc, exceptions.ValidationError | exceptions.ParseError):
        return invalid(_drf_field_errors(exc.detail))
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return Problem(
            401,
            "not-authenticated",
            "Not authenticated",
            "Angiv en gyldig API-nøgle: Authorization: Bearer <nøgle>.",
            "Give a valid API key: Authorization: Bearer <key>. A key that is unknown, "
            "expired or revoked is refused the same way.",
            headers={"WWW-Authenticate": getattr(exc, "auth_header", None) or "Bearer"},
        )
    if isinstance(exc, exceptions.PermissionDenied):
        return forbidden(str(exc.detail))
    if isinstance(exc, exceptions.NotFound):
        return not_found()
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        return Problem(
            429,
            "rate-limited",
            "Too many requests",
            f"Klienten har sendt for mange kald. Prøv igen om {wait} sekunder.",
            f"The client has sent too many requests. Try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )
    if isinstance(exc, exceptions.MethodNotAllowed):
        return Problem(
            405,
            "method-not-allowed",
            "Method not allowed",
            "Metoden kan ikke bruges her.",
            "The method is not allowed on this resource.",
        )
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return Problem(
            415,
            "unsupported-media-type",
            "Unsupported media type",
            "Send data som JSON (Content-Type: application/json).",
            "Send the body as JSON (Content-Type: application/json).",
        )
    if isinstance(exc, exceptions.NotAcceptable):
        return Problem(
            406,
            "not-acceptable",
            "Not acceptable",
            "Svaret findes kun som JSON (eller PDF for et brev).",
            "The answer is available only as JSON (or PDF for a letter).",
        )
    return Problem(
        status,
        "error",
        _english(lambda: exc.default_detail),
        str(exc.detail),
        _english(lambda: exc.default_detail),
    )


def forbidden(message_da: str) -> Problem:
    return Problem(
        403,
        "forbidden",
        "Forbidden",
        message_da,
        "The client's roles in the municipality do not allow this.",
    )


def _drf_field_errors(detail: Any, prefix: str = "") -> list[FieldError]:
    out: list[FieldError] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "body" if key == "non_field_errors" else f"{prefix}{key}"
            if isinstance(key, int) and isinstance(value, dict):
                # An object in a list (``many=True``) is named by its index: rows[3].status.
                name = f"{prefix.rstrip('.')}[{key}]"
            out += (
                _drf_field_errors(value, f"{name}.")
                if isinstance(value, dict)
                else [
                    FieldError(name, str(v), _english(lambda v=v: _drf_english(v)))
                    for v in (value if isinstance(value, list) else [value])
                ]
            )
    elif isinstance(detail, list):
        for value in detail:
            out += _drf_field_errors(value, prefix)
    else:
        out.append(FieldError(prefix.rstrip(".") or "body", str(detail), str(detail)))
    return out


def _drf_english(value: Any) -> str:
    code = getattr(value, "code", None)
    return {
        "required": "This field is required.",
        "null": "This field may not be null.",
        "invalid": "Invalid value.",
        "parse_error": "The body is not valid JSON.",
    }.get(code or "", "Invalid value.")


def problem_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's exception handler: every error of an API view becomes problem details."""
    if isinstance(exc, Problem):
        problem = exc
    elif isinstance(exc, CaseError):
        problem = from_case_error(exc)
    elif isinstance(exc, Http404):
        problem = not_found()
    elif isinstance(exc, PermissionDenied):
        problem = forbidden(getattr(exc, "message", "") or str(exc) or "Ingen adgang.")
    elif isinstance(exc, exceptions.APIException):
        problem = _drf_problem(exc)
    else:
        return None  # a real server error: Django's 500 handling and error report
    set_rollback()
    request = context.get("request")
    return problem_response(problem, request.path if request is not None else "")


def problem_response(problem: Problem, instance: str) -> Response:
    response = Response(
        problem.body(instance), status=problem.status, content_type=PROBLEM_MEDIA_TYPE
    )
    for name, value in problem.headers.items():
        response[name] = value
    return response


class FieldErrorSerializer(serializers.Serializer):  # type: ignore[type-arg]
    field = serializers.CharField(help_text="Feltet / the field (or body, status, If-Match).")
    message = serializers.CharField(help_text="Dansk besked (som på skærmen).")
    message_en = serializers.CharField(help_text="English message.")


class ProblemSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField(help_text="English title of the problem type.")
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="Dansk forklaring (den samme som på skærmen).")
    detail_en = serializers.CharField(help_text="English explanation.")
    instance = serializers.CharField()
    errors = FieldErrorSerializer(many=True)
