from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bb103.cases import selectors
from bb103.cases.selectors.journal import MAX_NOTE_QUERY
from bb103.web.letters import letters_context
from bb103.web.presenters import deadline_rows, step_buttons, task_rows, timeline


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page: facts, the engine's recommendation, deadlines, timeline, and the
    steps the case's actions offer the user now (with the reason where one cannot be
    taken yet)."""
    today = timezone.localdate()
    page = selectors.case_page_for_user(user=request.user, case_id=case_id, today=today)
    case = page.case
    decision = page.decision
    advice = page.state.advice
    # After the decision the page shows what the decision was made on, frozen then.
    evaluation = decision.evaluation if decision is not None else (advice and advice.contract)
    primary, other = step_buttons(page)
    notes_query = _notes_query(request)
    notes = selectors.journal_notes_for_case(user=request.user, case=case, query=notes_query)
    context = {
        "page": page,
        "case": case,
        "application": page.state.application,
        "decision": decision,
        "termination": page.state.termination,
        "closure": page.state.closure,
        "may_assign": page.may_assign,
        "evaluation": evaluation,
        "advice_error": page.state.advice_error,
        "committee": page.committee,
        "deadlines": deadline_rows(page.deadlines, municipality=case.municipality_id, today=today),
        "timeline": timeline(page.audit),
        # The daily sweep's open tasks; marked done by a caseworker or manager.
        "task_rows": task_rows(page.tasks, today=today),
        "can_complete": page.may_complete_tasks,
        "next_url": request.get_full_path(),
        "primary_steps": primary,
        "other_steps": other,
        "today": today,
        "notes": notes,
        "notes_query": notes_query,
        "may_write_note": any(s.name == "journal_note_add" for s in primary + other),
        **letters_context(page),
    }
    return render(request, "web/case.html", context)


def _notes_query(request: HttpRequest) -> str:
    """The words to search the case's notes for (``?q=``); too long or with a control
    character is said in Danish and not searched (a NUL byte would be a server error)."""
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_NOTE_QUERY or any(ord(c) < 32 for c in query):
        messages.error(request, f"Søg i notaterne med nogle få ord (højst {MAX_NOTE_QUERY} tegn).")
        return ""
    return query
