from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from bb103.cases import selectors
from bb103.cases.engine.evaluation import advice_for
from bb103.cases.errors import CaseError
from bb103.cases.permissions import require_step
from bb103.web.presenters import deadline_rows
from bb103.web.steps import STEP_BY_SLUG
from bb103.web.views.common import render_form, submit


def step_form(request: HttpRequest, case_id: int, step: str) -> HttpResponse:
    """One step of a case as a form that calls the step's service."""
    spec = STEP_BY_SLUG.get(step)
    if spec is None:
        raise Http404("Trinnet findes ikke.")
    # 404 for a case the user may not read, before anything else is revealed.
    page = selectors.case_page_for_user(user=request.user, case_id=case_id)
    # 403 for a step the user's role does not allow, before the form is shown.
    require_step(request.user, spec.service, page.case.municipality_id)
    today = timezone.localdate()
    form = spec.form(request.POST or None, user=request.user, case=page.case)
    if spec.slug == "placering" and getattr(page.case, "decision", None):
        form.fields["offer"].initial = page.case.decision.offer_id
    case_url = reverse("case", args=[case_id])
    response = submit(
        request,
        form,
        lambda kwargs: spec.call(user=request.user, page=page, kwargs=kwargs),
        success=lambda result: _warned(request, result, case_url),
        message=f"{spec.title}: registreret.",
    )
    if response is not None:
        return response
    application = getattr(page.case, "application", None)
    try:
        advice = advice_for(
            page.case,
            assessment=page.assessment,
            application_received_on=None if application is None else application.received_on,
            today=today,
        )
    except CaseError:
        advice = None
    open_now = spec.is_open(page, advice)
    return render_form(
        request,
        {
            "title": spec.title,
            "form": form,
            "case": page.case,
            "back_url": case_url,
            "not_open": None
            if open_now
            else "Trinnet er ikke muligt i sagen lige nu; se sagens næste handlinger.",
            "deadlines": [
                row
                for row in deadline_rows(
                    page.deadlines, municipality=page.case.municipality_id, today=today
                )
                if row.deadline.met_on is None
            ],
        },
    )


def _warned(request: HttpRequest, result: object, url: str) -> str:
    """Show what the step warns about (a placement at an offer whose registry data is more
    than a year old) next to its success message."""
    for warning in getattr(result, "warnings", ()):
        messages.warning(request, warning)
    return url
