from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from bb103.cases import actions, selectors, services
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.web.forms.tasks import TaskCompleteForm
from bb103.web.views.common import local_path, render_form


def task_complete(request: HttpRequest, task_id: int) -> HttpResponse:
    """Mark a task done through ``task_complete``: a small form of its own (GET), posted
    from the work list or the case page. With htmx the task's line is swapped in place."""
    # 404 for another municipality's task, before anything else is revealed.
    task = selectors.task_read_for_user(user=request.user, task_id=task_id)
    # 403 for a role that may not mark it done, before the form is shown.
    actions.action("task_complete").require(request.user, task.municipality_id)
    back = local_path(request, request.POST.get("next") or request.GET.get("next") or "")
    back = back or reverse("case", args=[task.case_id])
    form = TaskCompleteForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.task_complete(user=request.user, task_id=task.pk, **form.cleaned_data)
        except CaseError as exc:
            form.add_service_error(exc)
        else:
            if request.htmx:
                return render(request, "web/tasks.html#task-done", {"task": done})
            messages.success(request, f"Opgaven er markeret som udført: {done.title}")
            return redirect(back)
    if request.htmx and request.method == "POST":
        # The inline button has no room for errors: show them in place of the line.
        return render(request, "web/tasks.html#task-error", {"task": task, "form": form})
    return render_form(
        request,
        {
            "title": f"Markér opgaven som udført: {task.title}",
            "intro": f"{task.get_kind_display()}, senest {danish_date(task.due_on)}"
            + (f" ({task.legal_source})" if task.legal_source else ""),
            "form": form,
            "back_url": back,
            "case": task.case,
            "hidden_next": back,
        },
    )
