"""Strict ISO dates and months (rules/dates.py), shared by the engine, the settlement's
command line (`bb103 settle --month YYYY-MM`) and its pages (/afregning/<kommune>/<YYYY-MM>/)."""

from datetime import date

import pytest

from bb103.rules.dates import parse_iso_date, parse_iso_month


def test_a_month_is_its_first_day() -> None:
    assert parse_iso_month("2025-09") == date(2025, 9, 1)
    assert parse_iso_month("2024-02") == date(2024, 2, 1)


@pytest.mark.parametrize(
    "text", ["2025-9", "2025-13", "2025-00", "202509", "2025-09-01", "", " 2025-09", "2025-09\n"]
)
def test_anything_but_yyyy_mm_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_month(text)


def test_months_keep_the_engines_years() -> None:
    """The same supported years as dates (1800-2300), so a month is never one the engine
    cannot count with."""
    with pytest.raises(ValueError):
        parse_iso_month("1700-01")
    assert parse_iso_month("2300-12") == parse_iso_date("2300-12-01")
