"""Issue 20: the manager's overview page at /overblik/ — its charts drawn on the server as
SVG without inline styles (the Content-Security-Policy), each with a sentence, a table and
CSV/XLSX downloads; only the municipalities the user manages; and a constant number of
queries as the data grows."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from bb103.cases.models import CaseStatus, Membership, Role
from bb103.cases.overview_figures import SLUGS
from tests.cases.overview_world import appealed, criterion, decided_case

pytestmark = pytest.mark.django_db

YEAR = date.today().year


def _decisions(staff, n: int, late_every: int = 3) -> None:
    """n decisions this year, every ``late_every``-th after its deadline, each refused on
    a criterion and appealed, so every figure has rows."""
    for i in range(n):
        decided = date(YEAR, 1 + i % 6, 10)
        case = decided_case(
            staff,
            received_on=decided - timedelta(days=20 + i),
            decided_on=decided,
            due_on=decided + timedelta(days=-1 if i % late_every == 0 else 1),
            outcome="refusal",
            criteria=[criterion(f"c{i % 3}", False)],
            status=CaseStatus.DECIDED,
        )
        appealed(case, outcome="upheld" if i % 2 else "changed", on=decided + timedelta(days=5))


def test_the_manager_reads_the_overview_with_a_chart_sentence_and_table_per_figure(
    client_for, ballerup, vejen
):
    _decisions(ballerup, 6)
    response = client_for(ballerup.manager).get("/overblik/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 6
    # CSP: no inline style attribute anywhere, no script, nothing fetched from outside.
    assert not re.search(r"\sstyle=", html)
    assert "<script" not in html.split("</header>", 1)[1]
    assert not re.search(r'(src|href)="https?://', html)
    assert "4 af 6 afgørelser (67 %)" in html
    for slug in SLUGS:
        assert f'id="{slug}"' in html
        assert f"/overblik/alle/{slug}.csv?aar={YEAR}" in html
    assert 'href="/overblik/"' in html  # in the menu


def test_every_series_has_a_pattern_and_a_value_label_not_only_a_colour(client_for, ballerup):
    """WCAG 1.4.1: the late decisions' bars are hatched as well as coloured, and each bar
    carries its number as text."""
    _decisions(ballerup, 6)
    html = client_for(ballerup.manager).get("/overblik/ballerup/").content.decode()
    chart = html.split('id="frister"', 1)[1].split("</svg>", 1)[0]
    assert 'fill="url(#chart-frister-p1)"' in chart
    assert "<pattern" in chart
    assert ">Efter fristen</text>" in chart and ">Inden for fristen</text>" in chart


def test_another_municipalitys_overview_and_downloads_are_not_found(client_for, ballerup, vejen):
    client = client_for(ballerup.manager)
    for url in ("/overblik/vejen/", "/overblik/vejen/frister.csv", "/overblik/vejen/frister.xlsx"):
        assert client.get(url).status_code == 404
    assert client.get("/overblik/ballerup/ukendt.csv").status_code == 404
    # Not a manager: refused (a caseworker reads the cases, so nothing is hidden), and no
    # menu item.
    worker = client_for(ballerup.caseworker)
    assert worker.get("/overblik/").status_code == 403
    assert 'href="/overblik/"' not in worker.get("/").content.decode()


def test_a_manager_of_two_municipalities_chooses_one_or_sees_all(client_for, ballerup, vejen):
    Membership.objects.create(
        user=ballerup.manager, municipality=vejen.municipality, role=Role.MANAGER
    )
    _decisions(ballerup, 3)
    _decisions(vejen, 3, late_every=1)
    client = client_for(ballerup.manager)
    both = client.get("/overblik/").content.decode()
    assert "2 af 6 afgørelser" in both and "Vejen Kommune" in both
    only = client.get("/overblik/vejen/").content.decode()
    assert "0 af 3 afgørelser" in only


def test_a_bad_year_is_named_in_danish_and_the_page_still_answers(client_for, ballerup):
    response = client_for(ballerup.manager).get("/overblik/?aar=abc")
    assert response.status_code == 200
    assert "Året «abc» kan ikke vælges" in response.content.decode()


def test_csv_and_xlsx_hold_the_table_and_never_a_formula(client_for, ballerup):
    """The downloads hold the figure's table; a text starting like a formula gets a quote
    (OWASP CSV injection, as the settlement's exports)."""
    _decisions(ballerup, 3)
    day = date(YEAR, 1, 5)
    decided_case(ballerup, received_on=day, decided_on=day, due_on=day, status=CaseStatus.ACTIVE)
    ballerup.caseworker.first_name = "=HYPERLINK(1)"
    ballerup.caseworker.save()
    client = client_for(ballerup.manager)
    text = client.get(f"/overblik/ballerup/sagsbelastning.csv?aar={YEAR}").content.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Rådgiver", "Åbne sager", "Åbne opgaver", "Overskredne opgaver"]
    assert rows[1][0].startswith("'=HYPERLINK")
    body = client.get(f"/overblik/ballerup/frister.xlsx?aar={YEAR}").content
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.cell(row=14, column=1).value == "I alt"
    assert sheet.cell(row=14, column=4).value == 4  # the three and the active case


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_overview_queries_stay_constant_as_data_grows(
    client_for, ballerup, vejen, django_assert_num_queries
):
    """Every figure is aggregated in the database: the page reads as many queries with 3
    appealed decisions as with 30."""
    client = client_for(ballerup.manager)
    _decisions(ballerup, 3)
    few = _count(client, "/overblik/")
    _decisions(ballerup, 27)
    _decisions(vejen, 5)
    with django_assert_num_queries(few):
        client.get("/overblik/")
    assert few <= 20
