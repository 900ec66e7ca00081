"""The access request's export (GDPR art. 15): a button on the citizen page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from bb103.cases import selectors, services


@require_http_methods(["GET", "POST"])
def citizen_gdpr_export(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """GET: what the ZIP holds and the button; POST: the ZIP (the export is logged, so it is
    a POST, never a link a browser or a crawler might follow). 404 for anyone but the
    municipality's caseworkers and managers."""
    if request.method == "POST":
        result = services.gdpr_export(user=request.user, citizen_id=citizen_id)
        response = HttpResponse(result.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
        response["Cache-Control"] = "no-store"
        return response
    export = selectors.citizen_export_page_for_user(user=request.user, citizen_id=citizen_id)
    return render(
        request,
        "web/citizen_gdpr_export.html",
        {"citizen": export.citizen, "cases": len(export.cases), "letters": len(export.letters)},
    )


def retention_report(request: HttpRequest) -> HttpResponse:
    """The managers' view of the retention dry run (anonymising is the command's:
    ``bb103 manage retention --apply``). 404 for anyone who manages no municipality."""
    report = selectors.retention_report_for_user(user=request.user, today=timezone.localdate())
    return render(request, "web/retention_report.html", {"report": report})
