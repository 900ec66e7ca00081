"""No standard in force is an error, never a silent default (domain.md "Dates and
deadlines": a working day is Monday–Friday except Danish public holidays and the
administration's closing days, 5 June, 24 and 31 December, per municipality configurable).

Without a standard there are no closing days, so a deadline counted anyway would skip
none. Ballerup's standard is in force from 7 August 2019, Vejen's from 1 January 2020.
No database: the calendar reads the policy files only."""

from datetime import date

import pytest

from bb103.cases.engine.absence import repeated_absence_rule, repeated_absence_triggered
from bb103.cases.engine.calendar import (
    is_working_day,
    planned_days,
    working_days_after,
    working_days_left,
)
from bb103.cases.engine.wages import wage_renegotiations
from bb103.cases.errors import CaseError
from bb103.cases.models import Case, Placement

BALLERUP_NONE = "Ballerup Kommune har ingen kvalitetsstandard i kraft 6. august 2019."


def ballerup_placement(start_on: date) -> Placement:
    """An unsaved placement: planned_days reads only its dates, weekdays and case."""
    return Placement(case=Case(municipality_id="ballerup"), start_on=start_on, weekdays="12345")


@pytest.mark.parametrize(
    "ask",
    [
        lambda: working_days_after("ballerup", date(2019, 8, 6), 10),
        lambda: working_days_left("ballerup", today=date(2019, 8, 6), due=date(2019, 8, 20)),
        lambda: is_working_day("ballerup", date(2019, 8, 6)),
        lambda: planned_days(
            ballerup_placement(date(2019, 8, 1)), date(2019, 8, 6), date(2019, 8, 9)
        ),
    ],
    ids=["working_days_after", "working_days_left", "is_working_day", "planned_days"],
)
def test_no_working_days_without_the_municipality_closing_days(ask):
    """Counting working days on a day without a standard in force names the municipality
    and the day (the old code counted them with no closing days at all)."""
    with pytest.raises(CaseError) as error:
        ask()
    assert error.value.message == BALLERUP_NONE


def test_closing_days_come_from_the_standard_in_force_that_day():
    """Ballerup's standard came into force on 7 August 2019: 24 December 2019 (a Tuesday)
    is a closing day, though no standard was in force on 1 January 2019."""
    assert not is_working_day("ballerup", date(2019, 12, 24))
    assert is_working_day("ballerup", date(2019, 12, 23))
    placement = ballerup_placement(date(2019, 12, 1))
    # 25 and 26 December are public holidays, 24 December the standard's closing day.
    assert planned_days(placement, date(2019, 12, 23), date(2019, 12, 27)) == [
        date(2019, 12, 23),
        date(2019, 12, 27),
    ]
    assert working_days_after("ballerup", date(2019, 12, 20), 2) == date(2019, 12, 27)


def test_the_standards_wage_and_absence_rules_need_a_standard_in_force():
    """Vejen's renegotiation rhythm and absence rule come from its standard (in force from
    1 January 2020); before it there is no rule to apply, and that is said, not assumed."""
    expected = "Vejen Kommune har ingen kvalitetsstandard i kraft 1. december 2019."
    for ask in (
        lambda: wage_renegotiations("vejen", date(2019, 12, 1), until=date(2021, 1, 1)),
        lambda: repeated_absence_rule("vejen", date(2019, 12, 1)),
        lambda: repeated_absence_triggered("vejen", date(2019, 12, 1), ["sick"] * 5),
    ):
        with pytest.raises(CaseError) as error:
            ask()
        assert error.value.message == expected
