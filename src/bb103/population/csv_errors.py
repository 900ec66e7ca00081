"""Finding the row behind a CSV file's refusal (error path only).

pyarrow's CSV reader names the column of a value it cannot convert, but not the row, and
its parallel parsing does not know line numbers. Only when a file is refused are these
used: they read the file again, slowly, to name the row and say what is wrong with it.
"""

import contextlib
import csv
import re
from collections.abc import Callable
from decimal import Context, Decimal, localcontext
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv

from bb103.population.frame import FLAG_COLUMNS, SCALES, PopulationError

TEXT_COLUMNS = ("person_id", "municipality", "living_situation")
DATE_COLUMNS = ("birth_date", "application_received_on", "employment_start_date")
FILE = "(file)"


def bad_row_error(path: Path, convert: pcsv.ConvertOptions) -> PopulationError:
    """A row with the wrong number of cells, found by reading the file in one thread."""
    found: list[Any] = []

    def first(row: Any) -> str:
        found.append(row)
        return "error"

    with contextlib.suppress(pa.ArrowInvalid):  # raised by the handler's "error"
        pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(use_threads=False),
            parse_options=pcsv.ParseOptions(invalid_row_handler=first),
            convert_options=convert,
        )
    row = found[0]
    where = f"line {row.number}" if row.number is not None else "a row"
    return PopulationError(
        FILE, f"{where} has {row.actual_columns} cells, the header has {row.expected_columns}"
    )


def locate_csv_error(path: Path, arrow_message: str) -> PopulationError:
    """Read the column pyarrow named again as raw text and find the first value we refuse."""
    match = re.search(r"In CSV column #(\d+)", arrow_message)
    if match is None:
        return PopulationError(FILE, f"not a readable CSV file: {arrow_message}")
    with path.open("rb") as handle:
        header = next(csv.reader([handle.readline().decode("utf-8-sig")]))
    name = header[int(match.group(1))]
    raw = pcsv.read_csv(
        path,
        convert_options=pcsv.ConvertOptions(
            column_types={name: pa.binary()}, include_columns=[name], strings_can_be_null=False
        ),
    ).column(0)
    check = _text_problem(name)
    for index, value in enumerate(raw.to_pylist()):
        problem = check(value)
        if problem is not None:
            return PopulationError(name, f"row {index + 1}: {problem}")
    return PopulationError(name, f"cannot be read: {arrow_message}")


def _text_problem(name: str) -> Callable[[bytes], str | None]:
    """What is wrong with one raw CSV cell of column ``name``, or None."""

    def check(raw: bytes) -> str | None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return "not valid UTF-8"
        value = text.strip()
        if value == "" or name in TEXT_COLUMNS:
            return None
        if name in DATE_COLUMNS:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is None:
                return f"{text!r} is not a date (YYYY-MM-DD)"
            try:
                np.datetime64(value, "D")
            except ValueError:
                return f"{text!r} is not a date (YYYY-MM-DD)"
            return None
        if name in FLAG_COLUMNS:
            return None if text in ("true", "false") else f"{text!r} is not true, false or empty"
        if name == "vum_level":
            ok = re.fullmatch(r"[0-9]+", value) is not None and int(value) <= 4
            return None if ok else f"{text!r} is not a VUM level (0–4)"
        return decimal_problem(text, SCALES[name])

    return check


# What pyarrow reads as a decimal (Python's Decimal also takes "1_000", "NaN" and "Infinity").
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def decimal_problem(text: str, scale: int) -> str | None:
    """Why ``text`` is not a number with at most ``scale`` decimals, or None."""
    if _DECIMAL.fullmatch(text.strip()) is None:
        return f"{text!r} is not a number"
    number = Decimal(text.strip())
    with localcontext(Context(prec=200, Emax=10**6, Emin=-(10**6))):  # exact for any size
        exact = number == number.quantize(Decimal(1).scaleb(-scale))
    if not exact:
        if scale == 0:
            return f"{text!r} is not a whole number"
        return f"{text!r} has more than {scale} decimals"
    return None
