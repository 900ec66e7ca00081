from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from bb103.cases import selectors
from bb103.cases.actions.summary import next_step
from bb103.web.presenters import deadline_rows, task_rows

# Far past any municipality's work list, and an offset every database takes: a larger
# ``?side=`` overflowed the query (issue 14, point 5) and now shows an empty last page.
MAX_PAGE = 100_000


def _page_number(request: HttpRequest) -> int:
    try:
        return min(max(int(request.GET.get("side", "1")), 1), MAX_PAGE)
    except ValueError:
        return 1


def worklist(request: HttpRequest) -> HttpResponse:
    """The caseworker's open tasks and cases, the most urgent first, each open deadline
    coloured; a page of cases at a time."""
    if selectors.provider_staff_only(user=request.user):
        # The work list is the municipality's; provider staff land on their own start page.
        return redirect("provider-start")
    everyone = request.GET.get("alle") == "1"
    today = timezone.localdate()
    work = selectors.worklist_for_user(
        user=request.user, today=today, everyone=everyone, page=_page_number(request)
    )
    rows = []
    for case in work.cases:
        deadlines = deadline_rows(
            case.open_deadlines, municipality=case.municipality_id, today=today
        )
        rows.append(
            {
                "case": case,
                # A citizen's complaint period that ran out is nothing to act on.
                "deadlines": [d for d in deadlines if d.urgency.css != "met"],
                "next_step": next_step(case, {d.kind for d in case.open_deadlines}),
                "committee_source": work.committee_sources.get(case.municipality_id)
                if case.awaits_committee
                else None,
            }
        )
    base = "?alle=1&" if everyone else "?"
    context = {
        "rows": rows,
        "work": work,
        "task_rows": task_rows(work.tasks, today=today),
        # Every task listed is one the user may mark done (the selector reads only those).
        "can_complete": True,
        "show_case": True,
        "next_url": request.get_full_path(),
        "everyone": everyone,
        "today": today,
        "previous_url": f"{base}side={work.page - 1}" if work.page > 1 else None,
        "next_page_url": f"{base}side={work.page + 1}" if work.has_next else None,
    }
    template = "web/worklist.html#rows" if request.htmx else "web/worklist.html"
    return render(request, template, context)
