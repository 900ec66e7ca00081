"""The markup of the longest lists' lines, written in Python: the work list's rows and the
open tasks (the work list's and the case page's). Each line is the same markup the template
wrote before, but a page of 50 cases and 31 tasks was some 2 000 template variables and 110
reversed addresses, a third of the work list's CPU (issue 21, point 5). Everything shown is
escaped here as the template escaped it; the forms carry the page's CSRF token."""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django import template
from django.db.models import Model
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

from bb103.web.forms.plain_widgets import conditional_escape as _e
from bb103.web.templatetags.bb103 import cpr_masked, short_dates

register = template.Library()

# A number no id reaches, put in place of the id once to learn the address around it.
_PLACEHOLDER = 987_654_321


@lru_cache(maxsize=32)
def _address_format(name: str, prefix: str) -> tuple[str, str]:
    """The address of URL pattern ``name`` with one integer argument, split around it:
    the same address as ``reverse(name, args=[pk])``, without resolving the pattern for
    every line (the prefix is in the key: it is the request's, from SCRIPT_NAME)."""
    before, after = reverse(name, args=[_PLACEHOLDER]).split(str(_PLACEHOLDER))
    return before, after


def address(name: str, pk: int, prefix: str | None = None) -> str:
    """``reverse(name, args=[pk])``; a list passes the request's ``prefix``, read once
    (each read is a lookup in the request's thread-local state)."""
    before, after = _address_format(name, get_script_prefix() if prefix is None else prefix)
    return f"{before}{int(pk)}{after}"


@lru_cache(maxsize=16)
def _labels(model: type[Model], name: str) -> dict[Any, Any]:
    """A field's choices as get_FOO_display reads them, made once, not on every call."""
    return dict(model._meta.get_field(name).flatchoices)


def _display(instance: Model, name: str) -> str:
    """``instance.get_<name>_display()``: the choice's label, or the value itself."""
    value = getattr(instance, name)
    return str(_labels(type(instance), name).get(value, value))


def _csrf_input(context: template.Context) -> str:
    """As ``{% csrf_token %}`` writes it."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(token)}">'


@register.simple_tag(takes_context=True)
def task_list(context: template.Context) -> SafeString:
    """The open tasks (``task_rows``: presenters.task_rows), each with its plain form that
    marks it done (``can_complete``), the case named when ``show_case``."""
    show_case = context.get("show_case")
    can_complete = context.get("can_complete")
    csrf = _csrf_input(context) if can_complete else ""
    next_url = _e(context.get("next_url", ""))
    lines = ['\n<ul class="tasks">\n']
    short_date = short_dates()
    prefix = get_script_prefix()
    for row in context.get("task_rows") or ():
        task = row.task
        pk = int(task.pk)
        lines.append(
            f'\n  <li class="deadline {_e(row.urgency.css)}" id="opgave-{pk}">\n'
            f"    <strong>{_e(task.title)}</strong>\n    "
        )
        if show_case:
            citizen = task.case.citizen
            lines.append(
                f'<br><a href="{address("case", task.case_id, prefix)}">{_e(citizen)}</a> '
                f"<small>({_e(cpr_masked(citizen.cpr))} · sag {int(task.case_id)})</small>"
            )
        lines.append(
            f'\n    <br>Senest <time datetime="{task.due_on.isoformat()}">'
            f"{_e(short_date(task.due_on))}</time> "
            f'<span class="badge">{_e(row.urgency.label)}</span>'
        )
        if task.legal_source:
            lines.append(f' <span class="sources">{_e(task.legal_source)}</span>')
        lines.append("\n    ")
        if can_complete:
            complete_url = address("task-complete", pk, prefix)
            lines.append(
                f'\n    <form method="post" action="{complete_url}" class="inline" '
                f'hx-post="{complete_url}" hx-target="#opgave-{pk}" hx-swap="outerHTML">\n'
                f'      {csrf}<input type="hidden" name="next" value="{next_url}">\n'
                '      <button type="submit" class="secondary">Markér som udført</button>\n'
                "    </form>\n    "
            )
        lines.append("\n  </li>\n")
    lines.append("\n</ul>\n")
    return mark_safe("".join(lines))


@register.simple_tag
def worklist_rows(rows: Iterable[dict[str, Any]]) -> SafeString:
    """The work list's table rows (views/worklist.py's ``rows``): the citizen and the
    case's number, municipality, status (and the committee's mark), next step, open
    deadlines with their urgency, caseworker."""
    lines = []
    short_date = short_dates()
    prefix = get_script_prefix()
    for row in rows:
        case = row["case"]
        citizen = case.citizen
        pk = int(case.pk)
        committee = row["committee_source"]
        mark = (
            f'<br><span class="committee-mark" title="{_e(committee)}">'
            "Venter på visitationsudvalget</span>"
            if committee
            else ""
        )
        deadlines = (
            "".join(
                f'\n        <li class="deadline {_e(d.urgency.css)}">'
                f"<span>{_e(_display(d.deadline, 'kind'))}</span> "
                f'<time datetime="{d.deadline.due_on.isoformat()}">'
                f"{_e(short_date(d.deadline.due_on))}</time> "
                f'<span class="badge">{_e(d.urgency.label)}</span></li>\n'
                for d in row["deadlines"]
            )
            or "<li>Ingen åbne frister</li>"
        )
        worker = case.caseworker
        worker_name = (worker.get_full_name() or worker.username) if worker else "Ingen"
        lines.append(
            "\n    <tr>\n"
            f'      <th scope="row"><a href="{address("case", pk, prefix)}">{_e(citizen)}</a><br>'
            f"<small>{_e(cpr_masked(citizen.cpr))} · sag {pk}</small></th>\n"
            f'      <td data-label="Kommune">{_e(case.municipality.name)}</td>\n'
            f'      <td data-label="Status">{_e(_display(case, "status"))}{mark}</td>\n'
            f'      <td data-label="Næste skridt">{_e(row["next_step"])}</td>\n'
            f'      <td data-label="Åbne frister"><ul class="deadlines">{deadlines}</ul></td>\n'
            f'      <td data-label="Rådgiver">{_e(worker_name)}</td>\n'
            "    </tr>\n  "
        )
    return mark_safe("".join(lines))
