"""A URL under ``/api/`` that matches no route gets problem details too, not the screens'
HTML page: a client's system parses one kind of error."""

import json

from django.http import HttpRequest, HttpResponse
from django.views.defaults import page_not_found, server_error

from bb103.api.problems import PROBLEM_MEDIA_TYPE, Problem, not_found


def _problem(request: HttpRequest, problem: Problem) -> HttpResponse:
    return HttpResponse(
        json.dumps(problem.body(request.path), ensure_ascii=False),
        status=problem.status,
        content_type=PROBLEM_MEDIA_TYPE,
    )


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _problem(request, not_found())
    return page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _problem(
            request,
            Problem(
                500,
                "server-error",
                "Server error",
                "Der skete en fejl i BB103. Intet er ændret; prøv igen, eller kontakt "
                "kommunens IT-afdeling.",
                "An error occurred in BB103. Try again, or contact the municipality's IT.",
            ),
        )
    return server_error(request)
