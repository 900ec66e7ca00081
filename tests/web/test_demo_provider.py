"""The provider demo data (issue 6): weeks of attendance, a start wage and a plan for the
demo provider users' citizens, through the services; loading it again adds nothing."""

import pytest
from django.utils import timezone

from bb103.cases.models import Attendance, PedagogicalPlan, WageAgreement
from bb103.web.demo import load_demo
from bb103.web.demo_provider import seed_provider_demo

pytestmark = pytest.mark.django_db


def test_provider_demo_is_made_through_the_services_and_idempotent():
    today = timezone.localdate()
    load_demo(only=frozenset({"ballerup", "vejen"}), log=lambda _: None)
    assert seed_provider_demo(today=today) > 0
    counts = (
        Attendance.objects.count(),
        WageAgreement.objects.count(),
        PedagogicalPlan.objects.count(),
    )
    assert all(counts)
    assert seed_provider_demo(today=today) == 0  # nothing changed on the second run
    assert counts == (
        Attendance.objects.count(),
        WageAgreement.objects.count(),
        PedagogicalPlan.objects.count(),
    )
