"""Søg om beskyttet beskæftigelse in Min sag (issue 19, point 4): the municipality's
application form. The service registers the application as a caseworker's registration
does (channel "digital"), with the receipt letter and the caseworkers' task; the page then
shows the receipt, as the other acts do."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.selectors.portal import portal_case_summary_for_user
from bb103.cases.selectors.portal_apply import SELF, portal_apply_choices
from bb103.cases.services.portal_apply import portal_application_send
from bb103.web.portal import presenters
from bb103.web.portal.access import portal_session_cpr, portal_view
from bb103.web.portal.forms import ApplyForm
from bb103.web.portal.views_acts import RECEIPT_KEY

# The service's field names where the form calls them otherwise ("" : the whole form).
FIELD_OF = {"citizen": "for_whom", "description": "wishes", "cpr": "", "channel": ""}


@portal_view
@sensitive_variables("cpr")
def apply(request: HttpRequest) -> HttpResponse:
    choices = portal_apply_choices(user=request.user)
    own = sorted(choices.own.values(), key=lambda c: c.pk)
    form = ApplyForm(
        request.POST or None,
        targets=[(t.value, t.label) for t in choices.targets],
        municipalities=choices.municipalities,
        new_person=len(choices.targets) == 1 and not own,
        initial=(
            {
                "municipality": own[-1].municipality_id,
                "first_name": own[-1].first_name,
                "last_name": own[-1].last_name,
                "address": own[-1].address,
                "phone": own[-1].phone,
            }
            if own
            else {}
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = data["for_whom"]
        cpr = portal_session_cpr(request)
        try:
            receipt = portal_application_send(
                user=request.user,
                wishes=data["wishes"],
                challenges=data["challenges"],
                information_consent=data["consent"] == "ja",
                citizen_id=None if target == SELF else int(target[1:]),
                municipality_id=data["municipality"],
                cpr=cpr if target == SELF else "",
                first_name=data["first_name"],
                last_name=data["last_name"],
                address=data["address"],
                phone=data["phone"],
            )
        except AccessDenied:
            return render(request, "portal/apply_refused.html", status=403)
        except CaseError as exc:
            field = FIELD_OF.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            case = portal_case_summary_for_user(user=request.user, case_id=receipt.case.pk)
            promise = presenters.promise(case)
            request.session[RECEIPT_KEY] = {
                "case": case.pk,
                "title": receipt.title,
                "received": receipt.received,
                "received_at": timezone.localtime(receipt.received_at).isoformat(),
                "received_at_da": receipt.received_at_da,
                "late": False,
                "answer_by": "" if promise is None else promise.text,
            }
            return redirect("portal-act-receipt", case_id=case.pk)
    open_for = [t for t in choices.targets if t.open_case is not None]
    return render(
        request,
        "portal/apply.html",
        {"form": form, "open_for": open_for, "may_apply": choices.may_apply, "nav": "sager"},
    )
