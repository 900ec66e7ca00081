from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bb103.cases import selectors
from bb103.web.presenters import deadline_rows, next_step


def worklist(request: HttpRequest) -> HttpResponse:
    """The caseworker's cases, the most urgent first, each open deadline coloured."""
    everyone = request.GET.get("alle") == "1"
    today = timezone.localdate()
    cases = selectors.worklist_for_user(user=request.user, everyone=everyone)
    rows = []
    for case in cases:
        deadlines = deadline_rows(
            case.open_deadlines, municipality=case.municipality_id, today=today
        )
        rows.append(
            {
                "case": case,
                # A citizen's complaint period that ran out is nothing to act on.
                "deadlines": [d for d in deadlines if d.urgency.css != "met"],
                "next_step": next_step(case, {d.kind for d in case.open_deadlines}),
            }
        )
    template = "web/worklist.html#rows" if request.htmx else "web/worklist.html"
    return render(request, template, {"rows": rows, "everyone": everyone, "today": today})
