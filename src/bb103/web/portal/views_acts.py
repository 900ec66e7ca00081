"""Min sag's acts on the citizen's own case (issue 19, point 4): each page's form calls a
service that takes the caseworker's own action as the citizen, then shows the receipt."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from bb103.cases.actions import REGISTRY, CaseAction
from bb103.cases.actions.state import case_state_load
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import Case
from bb103.cases.permissions import require_step_for
from bb103.cases.selectors.portal import portal_case_for_user
from bb103.cases.services import portal_acts
from bb103.cases.services.portal_acts import PortalReceipt, Upload
from bb103.web.portal.access import portal_view
from bb103.web.portal.forms import ChangeForm, ComplaintForm, DocumentForm, HearingAnswerForm

RECEIPT_KEY = "bb103_portal_receipt"
# The service's field names where the form calls them otherwise.
FIELD_OF = {"file": "files"}


def _refused(request: HttpRequest, case: Case) -> HttpResponse:
    return render(request, "portal/act_refused.html", {"case": case}, status=403)


def _upload(f: Any) -> Upload:
    return Upload(name=f.name, size=f.size, data=f)


def _act_page(
    request: HttpRequest,
    case_id: int,
    *,
    action_name: str,
    form_class: type[forms.Form],
    template: str,
    act: Callable[[Case, forms.Form, int | None], PortalReceipt],
    extra: Callable[[Case], dict[str, Any]] | None = None,
) -> HttpResponse:
    """One act's page: the form while the case's action allows it, its reason when not,
    403 for a login that may see but not act, the receipt after."""
    case = portal_case_for_user(user=request.user, case_id=case_id)
    try:
        require_step_for(request.user, action_name, case.citizen)
    except AccessDenied:
        return _refused(request, case)
    action = REGISTRY[action_name]
    blocked = None
    if isinstance(action, CaseAction):
        refusal = action.refusal(case_state_load(case, today=timezone.localdate()))
        blocked = None if refusal is None else refusal.message
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and blocked is None and form.is_valid():
        version = request.POST.get("version", "")
        try:
            receipt = act(case, form, int(version) if version.isdigit() else None)
        except AccessDenied:
            return _refused(request, case)
        except CaseError as exc:
            field = exc.field if exc.field in form.fields else FIELD_OF.get(exc.field or "")
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            request.session[RECEIPT_KEY] = {
                "case": case.pk,
                "title": receipt.title,
                "received": receipt.received,
                "received_at": timezone.localtime(receipt.received_at).isoformat(),
                "received_at_da": receipt.received_at_da,
                "late": receipt.late,
            }
            return redirect("portal-act-receipt", case_id=case.pk)
    context = {"case": case, "form": form, "blocked": blocked, **(extra(case) if extra else {})}
    return render(request, template, context)


@portal_view
def hearing_answer(request: HttpRequest, case_id: int) -> HttpResponse:
    """Svar på partshøringen (Forvaltningsloven § 19): comments and documents."""

    def act(case: Case, form: forms.Form, version: int | None) -> PortalReceipt:
        return portal_acts.portal_hearing_answer(
            user=request.user,
            case=case,
            text=form.cleaned_data["text"],
            uploads=[_upload(f) for f in form.cleaned_data["files"]],
            expected_version=version,
        )

    return _act_page(
        request,
        case_id,
        action_name="party_hearing_answer",
        form_class=HearingAnswerForm,
        template="portal/act_hearing.html",
        act=act,
        extra=lambda case: {"ends_on": portal_acts.hearing_period_ends_on(case)},
    )


@portal_view
def complaint(request: HttpRequest, case_id: int) -> HttpResponse:
    """Klag over afgørelsen (Retssikkerhedsloven §§ 66–67)."""

    def act(case: Case, form: forms.Form, version: int | None) -> PortalReceipt:
        return portal_acts.portal_complaint(
            user=request.user,
            case=case,
            grounds=form.cleaned_data["grounds"],
            expected_version=version,
        )

    return _act_page(
        request,
        case_id,
        action_name="complaint_register",
        form_class=ComplaintForm,
        template="portal/act_complaint.html",
        act=act,
    )


@portal_view
def document(request: HttpRequest, case_id: int) -> HttpResponse:
    """Send et bilag (the attachment rules)."""

    def act(case: Case, form: forms.Form, version: int | None) -> PortalReceipt:
        return portal_acts.portal_document(
            user=request.user,
            case=case,
            title=form.cleaned_data["title"],
            upload=_upload(form.cleaned_data["file"]),
        )

    return _act_page(
        request,
        case_id,
        action_name="attachment_upload",
        form_class=DocumentForm,
        template="portal/act_document.html",
        act=act,
    )


@portal_view
def change(request: HttpRequest, case_id: int) -> HttpResponse:
    """Meld en ændring (Retssikkerhedsloven § 11)."""

    def act(case: Case, form: forms.Form, version: int | None) -> PortalReceipt:
        return portal_acts.portal_change_report(
            user=request.user,
            case=case,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )

    return _act_page(
        request,
        case_id,
        action_name="change_report",
        form_class=ChangeForm,
        template="portal/act_change.html",
        act=act,
    )


@portal_view
def act_receipt(request: HttpRequest, case_id: int) -> HttpResponse:
    """The receipt on screen, once (shown after the redirect, so a reload sends nothing)."""
    case = portal_case_for_user(user=request.user, case_id=case_id)
    receipt = request.session.get(RECEIPT_KEY)
    if not receipt or receipt.get("case") != case.pk:
        return redirect("portal-home")
    return render(request, "portal/act_receipt.html", {"case": case, "receipt": receipt})
