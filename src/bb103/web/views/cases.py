from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bb103.cases import selectors
from bb103.cases.engine.evaluation import advice_for
from bb103.cases.errors import CaseError
from bb103.cases.permissions import CASE_READERS, STEPS
from bb103.web.letters import letters_context
from bb103.web.presenters import deadline_rows, task_rows, timeline
from bb103.web.steps import open_steps


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page: facts, the engine's recommendation, deadlines, timeline, actions."""
    page = selectors.case_page_for_user(user=request.user, case_id=case_id)
    case = page.case
    today = timezone.localdate()
    application = getattr(case, "application", None)
    advice, advice_error = None, None
    try:
        advice = advice_for(
            case,
            assessment=page.assessment,
            application_received_on=None if application is None else application.received_on,
            today=today,
        )
    except CaseError as exc:
        advice_error = exc.message
    decision = getattr(case, "decision", None)
    # After the decision the page shows what the decision was made on, frozen then.
    evaluation = decision.evaluation if decision is not None else (advice and advice.contract)
    steps = open_steps(page, advice)
    committee = None
    if advice is not None and advice.committee_required:
        # Read from the audit trail the page already has: no query of its own.
        reviews = [e for e in page.audit if e.action == "committee_review_record"]
        committee = {
            "explanation": next(
                x for x in advice.contract["explanations"]
                if x["rule"] == "visitation_committee_required"
            ),
            "last": timeline(reviews)[-1] if reviews else None,
        }  # fmt: skip
    context = {
        "page": page,
        "case": case,
        "application": application,
        "decision": decision,
        "termination": getattr(case, "termination", None),
        "evaluation": evaluation,
        "advice_error": advice_error,
        "committee": committee,
        "deadlines": deadline_rows(page.deadlines, municipality=case.municipality_id, today=today),
        "timeline": timeline(page.audit),
        # The daily sweep's open tasks; marked done by a caseworker or manager.
        "task_rows": task_rows(page.tasks, today=today),
        "can_complete": bool(page.roles & STEPS["task_complete"][1]),
        "next_url": request.get_full_path(),
        "primary_steps": [s for s in steps if s.primary],
        "other_steps": [s for s in steps if not s.primary],
        "today": today,
        # Provider staff see the citizens placed with them, but not the full CPR number.
        "full_cpr": bool(page.roles & CASE_READERS),
        **letters_context(page),
    }
    return render(request, "web/case.html", context)
