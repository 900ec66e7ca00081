"""Issue 20, point 1, on a day that once broke it: the history's decisions fall in each of
the last 13 months, on time and late, whatever the day ``make run`` loads it. On
2026-12-05 Ballerup's deadline of 30 working days, counted over weeks without Christmas's
closing days, was a week shorter than the period the loader measured on a demo case that
spans them, and two late decisions fell in the month before their own. Its settlements
once lacked attendance in the oldest month after about the 8th of a month, and a price in
January to March, when that month lies in the year before last."""

from datetime import date, datetime

import pytest
import time_machine
from django.test import override_settings

from bb103.web.demo import load_demo
from tests.web.test_demo_history import (
    assert_decisions_on_time_and_late_each_month,
    assert_settlements_approved_for_thirteen_months,
)

pytestmark = pytest.mark.django_db

BALLERUP = frozenset({"ballerup"})


@pytest.mark.parametrize(
    "today",
    [
        # Ballerup's 30 working days measured on a demo case spanning Christmas's closing days.
        date(2026, 12, 5),
        # Late in the month, and the oldest settled month (November 2025) in the year
        # before last: the placed citizens attend from before it, and a price reaches it.
        date(2027, 1, 20),
    ],
)
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_history_holds_on_days_that_once_broke_it(today):
    with time_machine.travel(datetime(today.year, today.month, today.day, 10, 0), tick=False):
        load_demo(per_municipality=2, workshop=2, only=BALLERUP, log=lambda _: None)
        assert_decisions_on_time_and_late_each_month(BALLERUP, today)
        assert_settlements_approved_for_thirteen_months(BALLERUP, today)
