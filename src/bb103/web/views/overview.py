"""The manager's overview (issue 20): the year's figures of the municipalities they
manage, each as a chart, a sentence, a table and a CSV/XLSX download.

``/overblik/`` shows every municipality the user manages together; ``/overblik/<kommune>/``
one of them; ``alle`` in the address is the same as the first. The year is ``?aar=``.
A municipality the user does not manage is "not found" (404), as everywhere."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bb103.cases import overview_figures, selectors
from bb103.cases.engine.formatting import danish_date
from bb103.cases.overview_export import csv_bytes, file_name, xlsx_bytes
from bb103.cases.selectors.overview import Overview
from bb103.letters.render import render_pdf
from bb103.web.charts import chart_svg
from bb103.web.templatetags.bb103 import danish_number, kr

ALL = "alle"
# The years offered: this one and the four before (the council asks about last year).
YEARS_BACK = 4


def _year(request: HttpRequest, this_year: int) -> tuple[int, str]:
    """The year asked for in ``?aar=``, or this year; with a Danish message naming the
    field where the value could not be used."""
    text = request.GET.get("aar", "").strip()
    if not text:
        return this_year, ""
    if text.isdigit() and this_year - YEARS_BACK <= int(text) <= this_year:
        return int(text), ""
    return this_year, (
        f"Året «{text[:10]}» kan ikke vælges: vælg et år fra {this_year - YEARS_BACK} "
        f"til {this_year}. Siden viser {this_year}."
    )


def _shown(value: object, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "money":
        return kr(value)  # type: ignore[arg-type]
    if kind == "number":
        return danish_number(value)  # type: ignore[arg-type]
    return str(value)


def _table(f: overview_figures.Figure) -> list[list[tuple[str, str]]]:
    """Each row as (header, shown value) pairs: the header labels a cell on a narrow
    screen, where the table is stacked."""
    return [
        [(h, _shown(v, k)) for h, v, k in zip(f.headers, row, f.kinds, strict=True)]
        for row in f.rows
    ]


def _overview(request: HttpRequest, municipality: str | None) -> tuple[Overview, str]:
    today = timezone.localdate()
    year, error = _year(request, today.year)
    chosen = None if municipality in (None, ALL) else municipality
    data = selectors.overview_for_user(
        user=request.user, municipality_id=chosen, year=year, today=today
    )
    return data, error


def overview(request: HttpRequest, municipality: str | None = None) -> HttpResponse:
    data, error = _overview(request, municipality)
    managed = selectors.overview_municipalities_for_user(user=request.user)
    scope = municipality or ALL
    shown = [
        {
            "figure": f,
            "table": _table(f),
            "svg": chart_svg(f.chart, f"chart-{f.slug}", f.title, f.summary) if f.chart else None,
            "csv": reverse("overview-csv", args=[scope, f.slug]) + f"?aar={data.year}",
            "xlsx": reverse("overview-xlsx", args=[scope, f.slug]) + f"?aar={data.year}",
        }
        for f in overview_figures.figures(data)
    ]
    this_year = data.today.year
    return render(
        request,
        "web/overview.html",
        {
            "o": data,
            "figures": shown,
            "error": error,
            "managed": managed,
            "scope": scope,
            "years": list(range(this_year, this_year - YEARS_BACK - 1, -1)),
        },
    )


_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(request: HttpRequest, municipality: str, figure: str, kind: str) -> HttpResponse:
    data, _ = _overview(request, municipality)
    found = overview_figures.figure(data, figure)
    if found is None:
        raise Http404("Tallet findes ikke i overblikket.")
    body = csv_bytes(found) if kind == "csv" else xlsx_bytes(found)
    response = HttpResponse(body, content_type=_CONTENT_TYPES[kind])
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name(found, municipality, data.year, kind)}"'
    )
    return response


def overview_csv(request: HttpRequest, municipality: str, figure: str) -> HttpResponse:
    return _download(request, municipality, figure, "csv")


def overview_xlsx(request: HttpRequest, municipality: str, figure: str) -> HttpResponse:
    return _download(request, municipality, figure, "xlsx")


def overview_report_pdf(request: HttpRequest, municipality: str) -> HttpResponse:
    """The year's figures as a PDF for the council (issue 20, point 5): the overview's own
    figures, sentences, charts and tables, rendered by Typst like the letters (PDF/UA)."""
    data, _ = _overview(request, municipality)
    names = ", ".join(m.name for m in data.municipalities)
    report = {
        "title": f"Beskyttet beskæftigelse (serviceloven § 103): årsrapport {data.year}",
        "municipality": names,
        "date": {"year": data.today.year, "month": data.today.month, "day": data.today.day},
        "intro": (
            f"Rapporten viser årets tal for {names} til byrådet: sagsbehandlingstider målt "
            "mod kvalitetsstandardens egen frist, udgifter, klager og Ankestyrelsens "
            "afgørelser. Tallene er de samme som i BB103's overblik."
        ),
        "rules": [
            f"{r.municipality}: frist for afgørelse {r.label or 'ikke fastsat i standarden'}"
            f" ({r.source})"
            for r in data.rules
        ],
        "figures": [
            {
                "title": f.title,
                "summary": f.summary,
                "svg": str(chart_svg(f.chart, f"chart-{f.slug}", f.title, f.summary))
                if f.chart
                else None,
                "headers": f.headers,
                "rows": [
                    [_shown(v, k) for v, k in zip(row, f.kinds, strict=True)] for row in f.rows
                ],
                "note": f.note,
            }
            for f in overview_figures.figures(data)
        ],
        "made": f"Dannet af BB103 {danish_date(data.today)}.",
    }
    response = HttpResponse(render_pdf("annual_report", report), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="aarsrapport-{municipality}-{data.year}.pdf"'
    )
    return response
