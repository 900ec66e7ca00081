from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from bb103.cases import selectors
from bb103.cases.errors import AccessDenied
from bb103.web.presenters import deadline_rows
from bb103.web.steps import STEP_BY_SLUG
from bb103.web.views.common import render_form, submit


def step_form(request: HttpRequest, case_id: int, step: str) -> HttpResponse:
    """One step of a case as a form that calls the step's action."""
    view = STEP_BY_SLUG.get(step)
    if view is None:
        raise Http404("Trinnet findes ikke.")
    action = view.action
    # 404 for a case the user may not read, before anything else is revealed.
    page = selectors.case_page_for_user(user=request.user, case_id=case_id)
    # 403 for a step the user's role does not allow, before the form is shown.
    if not action.role_allows(page.roles):
        raise AccessDenied(action.role_message())
    form = view.form(
        request.POST if request.method == "POST" else None, user=request.user, case=page.case
    )
    if action.name == "placement_start" and page.decision is not None:
        form.fields["offer"].initial = page.decision.offer_id
    if action.name == "journal_note_add":
        # "Ret notatet" on the case page links here with the note to correct.
        form.fields["corrects"].initial = request.GET.get("retter", "")
    case_url = reverse("case", args=[case_id])
    response = submit(
        request,
        form,
        lambda kwargs: action(user=request.user, case=page.case, **kwargs),
        success=lambda result: _warned(request, result, case_url),
        message=f"{action.title}: registreret.",
    )
    if response is not None:
        return response
    verdict = page.verdict(action)
    not_open = None
    if not verdict.allowed:
        not_open = " ".join(verdict.reasons) or (
            "Trinnet er ikke muligt i sagen lige nu; se sagens næste handlinger."
        )
    today = timezone.localdate()
    return render_form(
        request,
        {
            "title": action.title,
            "form": form,
            "case": page.case,
            "back_url": case_url,
            "not_open": not_open,
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
