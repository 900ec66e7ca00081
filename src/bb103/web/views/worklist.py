from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters

from bb103.cases import selectors
from bb103.cases.actions.summary import next_step
from bb103.web.forms.worklist import WorkListFilterForm, WorkListSearchForm
from bb103.web.presenters import deadline_rows, task_rows

# Far past any municipality's work list, and an offset every database takes: a larger
# ``?side=`` overflowed the query (issue 14, point 5) and now shows an empty last page.
MAX_PAGE = 100_000
# The table's caption: "Sager sorteret efter ...".
SORT_CAPTIONS = {
    "frist": "den første åbne frist",
    "modtaget": "den dag, ansøgningen blev modtaget, den ældste først",
    "navn": "borgerens efternavn",
}


def _page_number(request: HttpRequest) -> int:
    try:
        return min(max(int(request.GET.get("side", "1")), 1), MAX_PAGE)
    except ValueError:
        return 1


def _forms(request: HttpRequest) -> tuple[WorkListFilterForm, WorkListSearchForm]:
    """The filter form (from the address) and the search form (posted, with the filters
    hidden in it); the one submitted is bound, the other shows the same filters."""
    if request.method == "POST":
        search = WorkListSearchForm(request.POST)
        valid = search.is_valid()
        chosen = {k: v for k, v in search.cleaned_data.items() if k != "q"} if valid else {}
        return WorkListFilterForm(initial=chosen), search
    shown = WorkListFilterForm(request.GET)
    return shown, WorkListSearchForm(initial=shown.cleaned_data if shown.is_valid() else {})


@sensitive_post_parameters("q")
def worklist(request: HttpRequest) -> HttpResponse:
    """The caseworker's open tasks and cases, the most urgent first, each open deadline
    coloured; a page of cases at a time. Filtered, sorted and searched (issue 17, item 7)."""
    if selectors.provider_staff_only(user=request.user):
        # The work list is the municipality's; provider staff land on their own start page.
        return redirect("provider-start")
    filter_form, search_form = _forms(request)
    searched = search_form.is_bound
    used = search_form if searched else filter_form
    filters = used.filters()
    everyone = used.everyone if used.is_valid() else request.GET.get("alle") == "1"
    today = timezone.localdate()
    work = selectors.worklist_for_user(
        user=request.user,
        today=today,
        everyone=everyone,
        # A search shows its first page; its words are not put in a link to the next.
        page=1 if searched else _page_number(request),
        filters=filters,
    )
    filter_form.offer_choices(work.choices)
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
    kept = request.GET.copy() if not searched else QueryDict(mutable=True)
    kept.pop("side", None)
    base = f"?{kept.urlencode()}&" if kept else "?"
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
        "next_page_url": f"{base}side={work.page + 1}" if work.has_next and not searched else None,
        "filter_form": filter_form,
        "sort_label": SORT_CAPTIONS.get(filters.sort, SORT_CAPTIONS["frist"]),
        "search_form": search_form,
        "searched": searched and filters.term is not None,
        "filtered": filter_form.active or (searched and search_form.active),
    }
    template = "web/worklist.html#rows" if request.htmx else "web/worklist.html"
    return render(request, template, context)
