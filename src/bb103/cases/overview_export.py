"""One overview figure's table as CSV and XLSX (issue 20, point 3), written like the
settlement's exports (settlement_export.py): CSV semicolon-separated, UTF-8 with a byte
order mark and decimal comma, so Excel opens it by double-click; XLSX with numbers as
numbers. Every cell goes through :mod:`bb103.cases.export_cells`: an offer's or a
caseworker's name is typed by someone and must never run as a formula."""

import csv
import io
from decimal import Decimal
from typing import Any

from bb103.cases.export_cells import safe_text, xlsx_append
from bb103.cases.overview_figures import Figure
from bb103.cases.settlement_export import MONEY_FORMAT, NUMBER_FORMAT


def file_name(figure: Figure, scope: str, year: int, extension: str) -> str:
    return f"overblik-{scope}-{year}-{figure.slug}.{extension}"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (Decimal, float)):
        return f"{Decimal(value):.2f}".replace(".", ",")
    return safe_text(value) if isinstance(value, str) else str(value)


def csv_bytes(figure: Figure) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in figure.headers])
    for row in figure.rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(figure: Figure) -> bytes:
    # Imported here: only the downloads need it.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    # A sheet's title is at most 31 characters and may not hold some signs.
    sheet.title = figure.slug[:31]
    xlsx_append(sheet, figure.headers)
    for row in figure.rows:
        xlsx_append(sheet, [float(v) if isinstance(v, float) else v for v in row])
    for col, kind in enumerate(figure.kinds, start=1):
        sheet.cell(row=1, column=col).font = Font(bold=True)
        for r in range(2, sheet.max_row + 1):
            if kind == "money":
                sheet.cell(row=r, column=col).number_format = MONEY_FORMAT
            elif kind == "number":
                sheet.cell(row=r, column=col).number_format = NUMBER_FORMAT
        letter = sheet.cell(row=1, column=col).column_letter
        width = max(
            len(str(sheet.cell(row=r, column=col).value or "")) for r in range(1, sheet.max_row + 1)
        )
        sheet.column_dimensions[letter].width = min(60, max(10, width + 2))
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
