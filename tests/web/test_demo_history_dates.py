"""Issue 20, point 1, on a day that once broke it: the history's decisions fall in each of
the last 13 months, on time and late, whatever the day ``make run`` loads it. On
2026-12-05 Ballerup's deadline of 30 working days, counted over weeks without Christmas's
closing days, was a week shorter than the period the loader measured on a demo case that
spans them, and two late decisions fell in the month before their own."""

from datetime import date, datetime

import pytest
import time_machine
from django.test import override_settings

from bb103.web.demo import load_demo
from tests.web.test_demo_history import assert_decisions_on_time_and_late_each_month

pytestmark = pytest.mark.django_db

BALLERUP = frozenset({"ballerup"})


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_late_decisions_keep_their_month_when_the_measured_period_spans_christmas():
    with time_machine.travel(datetime(2026, 12, 5, 10, 0), tick=False):
        load_demo(per_municipality=2, workshop=2, only=BALLERUP, log=lambda _: None)
        assert_decisions_on_time_and_late_each_month(BALLERUP, date(2026, 12, 5))
