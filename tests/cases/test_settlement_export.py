"""The settlement's exports add up (issue 6, point 4: "exports a month that adds up") and
``bb103 settle`` answers bad input with one English line naming the argument and exit
status 2, never a traceback."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bb103.cases.models import OfferPrice, SettlementMonth, SettlementStatus
from bb103.cases.selectors.settlement import settlement_page_of
from bb103.cases.services import settlement_run
from bb103.cases.settlement_export import COLUMNS, csv_bytes, xlsx_bytes
from bb103.cli.main import main
from tests.cases.factories import make_offer
from tests.cases.settlement_world import (
    attend,
    hourly_wage,
    per_km,
    placement_for,
    price,
    tax_card,
    weekdays_of,
)

pytestmark = pytest.mark.django_db

SEPTEMBER = date(2025, 9, 1)
BALLERUP_SEPT = ["--month", "2025-09", "--municipality", "ballerup"]
SEPT_DAYS = weekdays_of(date(2025, 9, 1), date(2025, 9, 30))
# The transport cap in force in September 2025 (BEK 483 § 2: 30 % of earnings after tax).
HEADERS = [c[0].format(cap="30 %") for c in COLUMNS]


@pytest.fixture
def month(ballerup, citizen_of):
    """Three Ballerup placements at two providers in September 2025.

    A: 16 days × 6 h × 20,00 = 1.920,00; 38 % tax 729,60; 8 km: citizen 357,12, kommune
       154,88; provider 1: 18 × 500 = 9.000,00.
    B: 10 days × 6 h × 30,00 = 1.800,00; no tax card; 25 km × 1,50 × 10 × 2 = 750,00,
       citizen 10 km: 300,00 (cap 540,00), kommune 450,00; provider 1: 9.000,00.
    C: at provider 2 (month price 12.345,67), no attendance: 0 wage, provider 12.345,67.
    Totals: gross 3.720,00; municipality pays 604,88; providers 30.345,67."""
    a = placement_for(ballerup, citizen_of)
    attend(a, ballerup.caseworker, SEPT_DAYS[:16])
    hourly_wage(a, ballerup.caseworker, "20.00")
    tax_card(a, "38")
    per_km(a, "8", "2.00")
    b = placement_for(ballerup, citizen_of)
    attend(b, ballerup.caseworker, SEPT_DAYS[:10])
    hourly_wage(b, ballerup.caseworker, "30.00")
    per_km(b, "25", "1.50")
    price(ballerup.offer, "day", "500")
    other = make_offer(ballerup.admin, ballerup.municipality, tilbudsportalen_id="TP-2")
    OfferPrice.objects.create(
        offer=other, valid_from=date(2025, 1, 1), unit="month", amount=Decimal("12345.67")
    )
    ballerup.offer = other
    placement_for(ballerup, citizen_of)
    settlement_run(user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER)
    return settlement_page_of(ballerup.municipality, SEPTEMBER)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ".")) if text else Decimal(0)


def test_csv_is_excel_danish_and_adds_up(month):
    """Semicolons, UTF-8 with BOM, decimal comma; the sum row is the sum of the lines."""
    raw = csv_bytes(month)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADERS
    lines, total = rows[1:-1], rows[-1]
    assert len(lines) == 3 and total[0] == "I alt"
    for header in ("Bruttoløn", "Kommunens andel", "Til leverandøren", "Mødt", "Timer"):
        col = HEADERS.index(header)
        assert sum(_number(r[col]) for r in lines) == _number(total[col]), header
    col = HEADERS.index
    assert total[col("Bruttoløn")] == "3720,00"
    assert total[col("Kommunens andel")] == "604,88"
    assert total[col("Til leverandøren")] == "30345,67"
    assert "intet skattekort" in raw.decode("utf-8-sig")


def test_xlsx_numbers_sum_row_and_providers_sheet(month):
    """Read back with openpyxl: numbers are numbers in kr. format, the sum row adds up, and
    "Leverandører" holds what each provider is owed, adding up to the same total."""
    book = load_workbook(io.BytesIO(xlsx_bytes(month)))
    assert book.sheetnames == ["Afregning", "Leverandører"]
    sheet = book["Afregning"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    lines, total = rows[1:-1], rows[-1]
    gross = HEADERS.index("Bruttoløn")
    assert isinstance(lines[0][gross], int | float)
    assert sheet.cell(row=2, column=gross + 1).number_format == '#,##0.00 "kr."'
    for header in ("Bruttoløn", "A-skat", "Borgerens andel", "Kommunens andel"):
        col = HEADERS.index(header)
        assert round(sum(r[col] for r in lines), 2) == round(total[col], 2), header
    owed = HEADERS.index("Til leverandøren")
    assert round(total[owed], 2) == 30345.67
    providers = list(book["Leverandører"].iter_rows(values_only=True))
    assert providers[0] == ("Leverandør", "Placeringer", "Planlagte dage", "Til leverandøren")
    assert sorted(round(r[3], 2) for r in providers[1:-1]) == [12345.67, 18000.0]
    assert providers[-1][0] == "I alt" and round(providers[-1][3], 2) == 30345.67
    assert providers[-1][1] == 3


# --- bb103 settle -----------------------------------------------------------------------
def test_settle_runs_exports_and_approves(month, ballerup, tmp_path, capsys):
    out_csv, out_xlsx = tmp_path / "a.csv", tmp_path / "a.xlsx"
    argv = ["settle", "--month", "2025-09", "--municipality", "ballerup"]
    assert main([*argv, "--user", "ballerup-raadgiver", "--csv", str(out_csv)]) == 0
    out = capsys.readouterr().out
    assert "computed (open" in out and "placements: 3" in out and "3,720.00 kr." in out
    assert out_csv.read_bytes() == csv_bytes(settlement_page_of(ballerup.municipality, SEPTEMBER))
    assert main([*argv, "--user", "ballerup-leder", "--approve", "--xlsx", str(out_xlsx)]) == 0
    assert "approved and locked by ballerup-leder" in capsys.readouterr().out
    assert out_xlsx.stat().st_size > 0
    assert SettlementMonth.objects.get().status == SettlementStatus.APPROVED
    assert main(argv) == 0  # the system's run: the locked month is left as it is
    assert "approved and locked; nothing changed" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--month", "2025-13", "--municipality", "ballerup"], "--month"),
        (["--month", "sept", "--municipality", "ballerup"], "--month"),
        (["--month", "2099-01", "--municipality", "ballerup"], "--month"),
        (["--month", "2025-09", "--municipality", "atlantis"], "--municipality"),
        (["--month", "2025-09", "--municipality", "ballerup", "--user", "nemo"], "--user"),
        (["--month", "2025-09", "--municipality", "ballerup", "--approve"], "--approve"),
        (
            [*BALLERUP_SEPT, "--approve", "--user", "ballerup-raadgiver"],
            "--user",
        ),
        (["--month", "2025-09", "--municipality", "ballerup", "--user", "vejen-leder"], "--user"),
        (["--month", "2025-09", "--municipality", "ballerup", "--csv", "/no/such/x.csv"], "--csv"),
    ],
)
def test_settle_bad_input_is_one_line_and_exit_2(ballerup, vejen, capsys, args, names):
    try:
        code = main(["settle", *args])
    except SystemExit as exc:  # argparse's own checks (the month's form)
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and names in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert not SettlementMonth.objects.filter(status=SettlementStatus.APPROVED).exists()


def test_settle_writes_the_approved_months_finance_file(month, ballerup, tmp_path, capsys):
    """bb103 settle --finance: the stored finance file, byte for byte; an open month has none
    (one English line, exit 2)."""
    from bb103.cases.models import FinanceFile

    out = tmp_path / "bogfoering.csv"
    argv = ["settle", "--month", "2025-09", "--municipality", "ballerup"]
    assert main([*argv, "--user", "ballerup-raadgiver", "--finance", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --finance: the month is not approved") and err.count("\n") == 1
    assert not out.exists()
    assert main([*argv, "--user", "ballerup-leder", "--approve", "--finance", str(out)]) == 0
    printed = capsys.readouterr().out
    stored = FinanceFile.objects.get()
    assert out.read_bytes() == bytes(stored.content)
    assert f"sha256 {stored.sha256}" in printed
    assert main([*argv, "--finance", str(out)]) == 0  # again, later: the same file
    assert out.read_bytes() == bytes(stored.content) and FinanceFile.objects.count() == 1
