"""The monthly settlement exported for payroll and finance: CSV and XLSX, one module shared
by ``bb103 settle`` and the settlement screen.

CSV is what a Danish finance officer opens in Excel by double-click: semicolon-separated,
UTF-8 with a byte order mark (so Excel reads æ, ø, å right), decimal comma and no thousands
separator (so each amount is read as a number). XLSX holds numbers as numbers with a
``kr.`` format, a sum row, and a second sheet "Leverandører" with what each provider is owed.
CPR numbers are not exported: a line is identified by its case number and the name.
"""

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from bb103.cases.engine.transport import transport_terms
from bb103.cases.export_cells import safe_text, xlsx_append
from bb103.cases.models import SettlementLine
from bb103.cases.selectors.settlement import SettlementPage
from bb103.cases.services.settlement_math import month_bounds

MONEY_FORMAT = '#,##0.00 "kr."'
NUMBER_FORMAT = "#,##0.00"


def _warnings(line: SettlementLine) -> str:
    return " | ".join(line.warnings)


# Header, how to read the value from a line, kind ("text", "int", "number", "money"), and
# whether the sum row adds it up. ``{cap}`` in a header is the transport cap in force.
COLUMNS: list[tuple[str, Callable[[SettlementLine], Any], str, bool]] = [
    ("Sag", lambda x: x.placement.case_id, "int", False),
    ("Borger", lambda x: x.citizen_name, "text", False),
    ("Leverandør", lambda x: x.provider.name, "text", False),
    ("Tilbud", lambda x: x.placement.offer.name, "text", False),
    ("Planlagte dage", lambda x: x.planned_days, "int", True),
    ("Mødt", lambda x: x.days_present, "int", True),
    ("Syg", lambda x: x.days_sick, "int", True),
    ("Meldt afbud", lambda x: x.days_notified_absence, "int", True),
    ("Udeblevet", lambda x: x.days_unnotified_absence, "int", True),
    ("Uden registrering", lambda x: x.days_unregistered, "int", True),
    ("Timer", lambda x: x.hours, "number", True),
    ("Timeløn", lambda x: x.hourly_wage, "money", False),
    ("Bruttoløn", lambda x: x.gross_wage, "money", True),
    ("A-skat", lambda x: x.tax, "money", True),
    ("Indtjening efter skat", lambda x: x.net_earnings, "money", True),
    ("Befordring i alt", lambda x: x.transport_total, "money", True),
    ("Loft ({cap})", lambda x: x.transport_cap, "money", False),
    ("Borgerens andel", lambda x: x.citizen_pays, "money", True),
    ("Kommunens andel", lambda x: x.municipality_pays, "money", True),
    ("Til leverandøren", lambda x: x.provider_amount, "money", True),
    ("Advarsler", _warnings, "text", False),
]

PROVIDER_COLUMNS = ["Leverandør", "Placeringer", "Planlagte dage", "Til leverandøren"]


def headers(page: SettlementPage) -> list[str]:
    """The column headers, the transport cap as a percentage of the earnings after tax as in
    force on the month's last day (BEK 483 § 2; the day the engine settles transport by)."""
    cap = transport_terms(page.municipality.pk, month_bounds(page.month)[1]).cap_da
    return [c[0].format(cap=cap) for c in COLUMNS]


def file_name(page: SettlementPage, extension: str) -> str:
    return f"afregning-{page.municipality.pk}-{page.month:%Y-%m}.{extension}"


def _sums(page: SettlementPage) -> list[Any]:
    """The sum row: the label in the first column, a sum under each summed column."""
    row: list[Any] = []
    for i, (_, read, _, summed) in enumerate(COLUMNS):
        if i == 0:
            row.append("I alt")
        elif summed:
            row.append(sum((Decimal(read(x)) for x in page.lines), Decimal(0)))
        else:
            row.append(None)
    return row


def _danish(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind in ("money", "number") or isinstance(value, Decimal):
        text = f"{Decimal(value):.2f}"
        return text.replace(".", ",")
    # Only text is neutralised: a negative number stays "-12,50", which finance adds up.
    return safe_text(value) if isinstance(value, str) else str(value)


def csv_bytes(page: SettlementPage) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in headers(page)])
    for line in page.lines:
        writer.writerow([_danish(read(line), kind) for _, read, kind, _ in COLUMNS])
    sums = _sums(page)
    writer.writerow([_danish(v, c[2]) for v, c in zip(sums, COLUMNS, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(page: SettlementPage) -> bytes:
    # Imported here: only the exports need it.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Afregning"
    xlsx_append(sheet, headers(page))
    for line in page.lines:
        # openpyxl writes a Decimal as a number cell.
        xlsx_append(sheet, [read(line) for _, read, _, _ in COLUMNS])
    xlsx_append(sheet, _sums(page))
    _format(sheet, [kind for _, _, kind, _ in COLUMNS], Font)

    providers = book.create_sheet("Leverandører")
    xlsx_append(providers, PROVIDER_COLUMNS)
    for total in page.providers:
        xlsx_append(providers, [total.name, total.placements, total.planned_days, total.amount])
    xlsx_append(
        providers,
        [
            "I alt",
            sum(t.placements for t in page.providers),
            sum(t.planned_days for t in page.providers),
            sum((t.amount for t in page.providers), Decimal(0)),
        ],
    )
    _format(providers, ["text", "int", "int", "money"], Font)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _format(sheet: Any, kinds: list[str], font: Any) -> None:
    """Bold header and sum row, number formats per column, header frozen, widths to fit."""
    rows = sheet.max_row
    for col, kind in enumerate(kinds, start=1):
        sheet.cell(row=1, column=col).font = font(bold=True)
        sheet.cell(row=rows, column=col).font = font(bold=True)
        for row in range(2, rows + 1):
            cell = sheet.cell(row=row, column=col)
            if kind == "money":
                cell.number_format = MONEY_FORMAT
            elif kind == "number":
                cell.number_format = NUMBER_FORMAT
        width = max(len(str(sheet.cell(row=r, column=col).value or "")) for r in range(1, rows + 1))
        letter = sheet.cell(row=1, column=col).column_letter
        sheet.column_dimensions[letter].width = min(60, max(10, width + 2))
    sheet.freeze_panes = "A2"
