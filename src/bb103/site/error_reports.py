"""Error reports without CPR numbers (issue 14, point 7).

A server error's report (the e-mail to ``ADMINS``, the debug page) shows the request and
every frame's local variables. The views and services that take a CPR number mark it with
``sensitive_post_parameters`` and ``sensitive_variables``, but Django's filter leaves the
query string, the raw URL, the exception's message and every unmarked variable alone, and a
CPR number travels through lambdas, dictionaries and dataclasses no decorator reaches. So
both classes here also mask anything shaped like a CPR number — ten digits, with or without
a dash, space or URL-encoded space after the sixth — wherever it stands in the report.

The cost is that other ten-digit numbers in a report are masked too; a report is for finding
the fault, which a CPR number never helps with. The masking holds with ``DEBUG`` on as well:
a developer's copy of real data must not show its numbers on a debug page either.
"""

import re
from typing import Any

from django.http import QueryDict
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

CPR_SHAPED = re.compile(r"(?<!\d)\d{6}(?:-|\s|\+|%20)?\d{4}(?!\d)")
MASK = "[CPR-nummer fjernet]"


def mask_cpr(text: str) -> str:
    return CPR_SHAPED.sub(MASK, text)


def _masked(value: Any) -> Any:
    """A value as the report may show it: a text masked; any other value whose printed form
    holds a CPR number replaced by that printed form, masked."""
    if isinstance(value, str):
        return mask_cpr(value)
    try:
        shown = repr(value)
    except Exception:  # the report must be built even if a repr fails
        return value
    return mask_cpr(shown) if CPR_SHAPED.search(shown) else value


class CprSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's filter (marked parameters and variables, secret settings), and CPR numbers
    masked in the posted data, the request's META (the query string, the referrer) and every
    frame's variables."""

    def get_post_parameters(self, request: Any) -> Any:
        params = super().get_post_parameters(request)
        if not isinstance(params, QueryDict):
            return params
        cleansed = params.copy()
        for key, values in cleansed.lists():
            cleansed.setlist(key, [_masked(v) for v in values])
        return cleansed

    def get_safe_request_meta(self, request: Any) -> dict[str, Any]:
        return {k: _masked(v) for k, v in super().get_safe_request_meta(request).items()}

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> list[Any]:
        return [
            (name, _masked(value))
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]


class CprSafeExceptionReporter(ExceptionReporter):
    """The report, text and HTML, with any CPR number the filter cannot reach (the query
    string as ``GET``, the URL, the exception's message, a line of source) masked."""

    def get_traceback_html(self) -> str:
        return mask_cpr(super().get_traceback_html())

    def get_traceback_text(self) -> str:
        return mask_cpr(super().get_traceback_text())
