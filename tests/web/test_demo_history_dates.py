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


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_late_decisions_keep_their_month_when_the_measured_period_spans_christmas():
    with time_machine.travel(datetime(2026, 12, 5, 10, 0), tick=False):
        load_demo(per_municipality=2, workshop=2, only=BALLERUP, log=lambda _: None)
        assert_decisions_on_time_and_late_each_month(BALLERUP, date(2026, 12, 5))


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_thirteen_settled_months_have_attendance_and_a_price_late_in_january():
    """Loaded on 20 January 2027 the oldest settled month is November 2025: the placed
    citizens attend from before it, and the offers' prices reach back to 2025."""
    with time_machine.travel(datetime(2027, 1, 20, 10, 0), tick=False):
        load_demo(per_municipality=2, workshop=2, only=BALLERUP, log=lambda _: None)
        assert_settlements_approved_for_thirteen_months(BALLERUP, date(2027, 1, 20))
