"""The monthly settlement screen: pick a month, run it, read the lines with their
explanations and warnings, approve and lock (managers), download CSV and XLSX, and, for an
approved month, the finance system's posting file.

Only the municipality's caseworkers and managers reach it; for anyone else every URL is
"not found". The month is in the URL as YYYY-MM; no CPR number is."""

import re
from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from bb103.cases import selectors, services
from bb103.cases.engine.calendar import month_from_iso
from bb103.cases.engine.formatting import danish_month
from bb103.cases.errors import CaseError
from bb103.cases.finance_posting import file_name as finance_file_name
from bb103.cases.selectors.settlement import SettlementPage
from bb103.cases.settlement_export import csv_bytes, file_name, xlsx_bytes

month_label = danish_month


def _month(text: str) -> date:
    """``2025-09`` -> 1 September 2025; anything else is "not found"."""
    try:
        return month_from_iso(text or "")
    except ValueError:
        raise Http404("Måneden skal skrives ÅÅÅÅ-MM.") from None


def _page(
    request: HttpRequest, municipality: str, month: str, read_as: str = "settlement_listed"
) -> tuple[date, SettlementPage]:
    """The month in the URL and its settlement as the user may read it (else not found)."""
    first = _month(month)
    return first, selectors.settlement_page_for_user(
        user=request.user, municipality_id=municipality, month=first, read_as=read_as
    )


def _last_month() -> date:
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def settlement_index(request: HttpRequest) -> HttpResponse:
    """Choose a municipality and a month (a plain GET form), then go to its page."""
    municipalities = selectors.settlement_municipalities_for_user(user=request.user)
    if not municipalities:
        # Not in this user's menu (bb103.cases.selectors.access), but an address can be
        # typed or bookmarked: say plainly who the settlement is for.
        return render(request, "web/settlement_index.html", {"no_access": True}, status=403)
    chosen = request.GET.get("kommune")
    month = request.GET.get("maaned")
    if chosen and month:
        # Checked before the redirect: a municipality or month the URL cannot hold would
        # otherwise fail to reverse (a server error) instead of being "not found".
        if not re.fullmatch(r"[-a-zA-Z0-9_]+", chosen):
            raise Http404("Kommunen findes ikke.")
        return redirect("settlement", municipality=chosen, month=f"{_month(month):%Y-%m}")
    return render(
        request,
        "web/settlement_index.html",
        {"municipalities": municipalities, "default_month": f"{_last_month():%Y-%m}"},
    )


def settlement_detail(request: HttpRequest, municipality: str, month: str) -> HttpResponse:
    first, page = _page(request, municipality, month)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "web/settlement.html",
        {
            "page": page,
            "month_label": month_label(first),
            "month": f"{first:%Y-%m}",
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}" if following <= timezone.localdate() else None,
            "begun": first <= timezone.localdate(),
        },
    )


def settlement_run(request: HttpRequest, municipality: str, month: str) -> HttpResponse:
    """POST: compute the month (settlement_run); GET: back to the month's page."""
    first, page = _page(request, municipality, month)
    back = reverse("settlement", kwargs={"municipality": municipality, "month": month})
    if request.method != "POST":
        return redirect(back)
    try:
        done = services.settlement_run(
            user=request.user, municipality=page.municipality, month=first
        )
    except CaseError as exc:
        messages.error(request, exc.message)
    else:
        if page.approved:
            messages.info(request, "Måneden er godkendt og låst; intet er ændret.")
        else:
            count = done.lines.count()
            messages.success(
                request, f"Afregningen for {month_label(first)} er beregnet ({count} placeringer)."
            )
    return redirect(back)


def settlement_approve(request: HttpRequest, municipality: str, month: str) -> HttpResponse:
    """POST: approve and lock (settlement_approve; managers); GET: back to the page."""
    first, page = _page(request, municipality, month)
    back = reverse("settlement", kwargs={"municipality": municipality, "month": month})
    if request.method != "POST":
        return redirect(back)
    if page.settlement is None:
        messages.error(request, "Måneden skal beregnes, før den kan godkendes.")
        return redirect(back)
    try:
        services.settlement_approve(user=request.user, settlement=page.settlement)
    except CaseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Afregningen for {month_label(first)} er godkendt og låst.")
    return redirect(back)


def settlement_csv(request: HttpRequest, municipality: str, month: str) -> HttpResponse:
    return _export(request, municipality, month, "csv")


def settlement_xlsx(request: HttpRequest, municipality: str, month: str) -> HttpResponse:
    return _export(request, municipality, month, "xlsx")


_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _export(request: HttpRequest, municipality: str, month: str, kind: str) -> HttpResponse:
    _, page = _page(request, municipality, month, read_as="settlement_exported")
    if page.settlement is None:
        messages.error(request, "Måneden er ikke beregnet endnu, så der er intet at hente.")
        return redirect("settlement", municipality=municipality, month=month)
    body = csv_bytes(page) if kind == "csv" else xlsx_bytes(page)
    response = HttpResponse(body, content_type=_CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{file_name(page, kind)}"'
    return response


def settlement_finance_file(request: HttpRequest, municipality: str, month: str) -> HttpResponse:
    """The approved month's posting file, byte for byte as it was made (logged as a read of
    every case it names). A month not approved: back to its page with the reason."""
    first = _month(month)
    back = reverse("settlement", kwargs={"municipality": municipality, "month": month})
    try:
        file = selectors.finance_file_for_user(
            user=request.user, municipality_id=municipality, month=first
        )
    except CaseError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    response = HttpResponse(bytes(file.content), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{finance_file_name(municipality, first)}"'
    )
    return response
