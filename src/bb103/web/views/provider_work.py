"""The provider staff's pages (``/mit-tilbud/``): the start page with their workshops, the
order for each citizen, the attendance week for a workshop, and forms for the pedagogical
plan, deviations and wages. Reads through selectors, writes through services."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from bb103.cases import actions, selectors, services
from bb103.cases.errors import CaseError
from bb103.cases.models import AttendanceStatus
from bb103.cases.services.attendance import cell_name
from bb103.web.forms.provider_work import DeviationForm, PedagogicalPlanForm, WageForm
from bb103.web.views.common import render_form, submit


def provider_start(request: HttpRequest) -> HttpResponse:
    """The provider's start page: workshops and their citizens, wages to renegotiate, the
    latest deviations reported."""
    today = timezone.localdate()
    start = selectors.provider_start_for_user(user=request.user, today=today)
    return render(
        request,
        "web/provider_start.html",
        {"start": start, "today": today, "monday": selectors.week_start(today)},
    )


def placement_order(request: HttpRequest, placement_id: int) -> HttpResponse:
    """The order from the municipality for one citizen, with wages, the pedagogical plan's
    versions and the deviations reported."""
    today = timezone.localdate()
    page = selectors.placement_order_for_user(
        user=request.user, placement_id=placement_id, today=today
    )
    terms = selectors.wage_terms_for_placement(placement=page.placement, on=today)
    # Each wage's form in the standard's words (Vejen: its rates), as the wage form shows it.
    names = {} if terms is None else dict(terms.form_choices)
    wages = [(w, names.get(w.basis) or w.get_basis_display()) for w in page.wages]
    return render(
        request, "web/provider_order.html", {"page": page, "terms": terms, "wages": wages}
    )


def _monday(request: HttpRequest) -> date:
    try:
        chosen = date.fromisoformat(request.GET.get("uge", ""))
    except ValueError:
        return timezone.localdate()
    # A week at the calendar's ends has no week before or after it to link to (a 500 until
    # issue 14, point 5): no attendance is that old or that far ahead.
    return chosen if date(1900, 1, 1) <= chosen <= date(2999, 12, 31) else timezone.localdate()


def attendance_week(request: HttpRequest, offer_id: int) -> HttpResponse:
    """The workshop's week as one form: a row per citizen, a select per planned day,
    prefilled with what is registered and "Mødt" where nothing is, so a normal week is one
    click on "Gem ugen". Works without JavaScript (POST, redirect, GET)."""
    today = timezone.localdate()
    grid = selectors.attendance_week_for_user(
        user=request.user, offer_id=offer_id, monday=_monday(request), today=today
    )
    error: CaseError | None = None
    posted: dict[str, str] = {}
    if request.method == "POST":
        actions.action("attendance_record").require(
            request.user, grid.offer.provider.municipality_id
        )
        posted = {k: v for k, v in request.POST.items() if k.startswith(("a-", "t-"))}
        try:
            entries = _entries(grid, posted)
            result = services.attendance_record(
                user=request.user, offer=grid.offer, entries=entries
            )
        except CaseError as exc:
            error = exc
        else:
            text = f"Ugen er gemt: {len(entries)} dage for {len(grid.rows)} borgere."
            if result.absence_tasks:
                text += (
                    f" Gentaget fravær hos {len(result.absence_tasks)} borger(e): "
                    "rådgiveren har fået en opgave."
                )
            messages.success(request, text)
            url = reverse("provider-attendance", args=[grid.offer.pk])
            return redirect(f"{url}?uge={grid.monday.isoformat()}")
    rows = []
    for row in grid.rows:
        cells = []
        for cell in row.cells:
            name = cell_name(row.placement.pk, cell.day)
            cells.append(
                {
                    "cell": cell,
                    "name": name,
                    "hours_name": "t-" + name[2:],
                    "value": posted.get(name) or cell.status or AttendanceStatus.PRESENT,
                    "hours": posted.get("t-" + name[2:], "") if posted else _hours(cell.hours),
                    "error": error is not None and error.field == name,
                }
            )
        rows.append({"placement": row.placement, "cells": cells})
    return render(
        request,
        "web/provider_week.html",
        {
            "grid": grid,
            "rows": rows,
            "error": error,
            "statuses": AttendanceStatus.choices,
            "editable": bool(grid.editable_cells()),
        },
    )


def _hours(value: object) -> str:
    """Registered hours as a Dane writes them: 4,5 (not 4.50)."""
    if not isinstance(value, Decimal):
        return ""
    return f"{value.normalize():f}".replace(".", ",")


def _entries(grid: selectors.WeekGrid, posted: dict[str, str]) -> list:
    """The grid's editable cells as the service's entries; a cell left out is "Mødt"."""
    entries = []
    for placement, cell in grid.editable_cells():
        name = cell_name(placement.pk, cell.day)
        status = posted.get(name) or AttendanceStatus.PRESENT
        raw = posted.get("t-" + name[2:], "").strip().replace(",", ".")
        try:
            hours = Decimal(raw) if raw else None
            if hours is not None and not hours.is_finite():  # "NaN", "Infinity" parse
                raise InvalidOperation
        except InvalidOperation:
            raise CaseError(
                f"{placement.case.citizen}: timerne skal være et tal, fx 4,5.", field=name
            ) from None
        entries.append(services.AttendanceEntry(placement.pk, cell.day, status, hours))
    return entries


def _form_page(
    request, placement_id: int, step: str, form_class, title: str, call, message, rule=False
):
    placement = selectors.provider_placement_read_for_user(
        user=request.user, placement_id=placement_id, page=step
    )
    intro = f"{placement.case.citizen} · {placement.offer.name}."
    extra = {}
    if rule:
        terms = selectors.wage_terms_for_placement(placement=placement, on=timezone.localdate())
        if terms is not None:
            intro += f" {terms.text} ({'; '.join(terms.sources)})"
            # Offer only the wage forms the standard allows, named in its words.
            extra["basis_choices"] = terms.form_choices
    # 403 for a role that may not take the step, before the form is shown.
    actions.action(step).require(request.user, placement.case.municipality_id)
    form = form_class(
        request.POST if request.method == "POST" else None, user=request.user, **extra
    )
    back = reverse("provider-order", args=[placement.pk])
    done = submit(
        request,
        form,
        lambda data: call(placement, data),
        success=lambda _: back,
        message=message,
    )
    if done is not None:
        return done
    return render_form(
        request,
        {
            "title": title,
            "intro": intro,
            "form": form,
            "back_url": back,
        },
    )


def plan_form(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _form_page(
        request,
        placement_id,
        "pedagogical_plan_record",
        PedagogicalPlanForm,
        "Pædagogisk plan",
        lambda p, data: services.pedagogical_plan_record(user=request.user, placement=p, **data),
        "Den pædagogiske plan er gemt som en ny version.",
    )


def deviation_form(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _form_page(
        request,
        placement_id,
        "deviation_report",
        DeviationForm,
        "Meld en afvigelse til rådgiveren",
        lambda p, data: services.deviation_report(user=request.user, placement=p, **data),
        "Afvigelsen er meldt. Rådgiveren har fået en opgave.",
    )


def wage_form(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _form_page(
        request,
        placement_id,
        "wage_set",
        WageForm,
        "Fastsæt lønnen",
        lambda p, data: services.wage_set(user=request.user, placement=p, **data),
        "Lønnen er gemt.",
        rule=True,
    )
