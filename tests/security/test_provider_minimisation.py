"""Issue 14, point 1: provider staff read the placement, never the case file (data
minimisation, GDPR art. 5(1)(c); health data, art. 9). They need the order, the goals, the
pedagogical plan, attendance and wages; nothing from the assessment, the application, the
decision's reasons, the complaints or the handleplan's other matters (treatment, housing)."""

from datetime import date

import pytest
from django.urls import reverse

from bb103.cases import services
from bb103.cases.models import Role
from bb103.web.steps import STEP_VIEWS
from tests.cases.factories import heard, make_user, placed, reviewed, tell

pytestmark = pytest.mark.django_db

HEALTH = "Svært nedsat funktionsevne efter hjerneskade; lægeattest fra neurolog"
APPLICATION = "Jeg har det svært efter ulykken og kan ikke klare et almindeligt job"
REASONS = "Udredningen og lægeattesten viser en betydelig nedsat funktionsevne"
TREATMENT = "Behandling i distriktspsykiatrien hver 14. dag"


def test_provider_staff_read_the_placement_and_never_the_case_file(vejen, citizen_of, client_for):
    cw = vejen.caseworker
    citizen = citizen_of(vejen)
    case = services.application_register(
        user=cw, citizen=citizen, received_on=date(2025, 3, 10), channel="digital",
        description=APPLICATION,
    )  # fmt: skip
    services.assessment_record(
        user=cw, case=case, assessed_on=date(2025, 3, 17), vum_level=3, vum_notes=HEALTH,
        significant_reduced_function=True, can_work_on_normal_terms=False,
        other_legislation_exhausted=True, motivated=True, can_transport_self=True,
        medical_certificate=True,
    )  # fmt: skip
    heard(cw, case, days=14)
    reviewed(vejen.committee, case, vejen.offer)
    services.decision_make(
        user=cw, case=case, outcome="grant", decided_on=date(2025, 4, 1), offer=vejen.offer,
        days_per_week=5, reasons=REASONS,
    )  # fmt: skip
    tell(cw, case, on=date(2025, 4, 1))
    services.handleplan_record(
        user=cw, case=case, status="accepted", offered_on=date(2025, 4, 2),
        purpose="At komme i gang med et fast arbejde", effort="Montage med fast kontaktperson",
        expected_duration="Et år", other_matters=TREATMENT,
    )  # fmt: skip
    # Registered in the order it happened: before the start (issue 17, item 4).
    services.complaint_register(
        user=cw, case=case, received_on=date(2025, 4, 10), form="written",
        grounds="Jeg vil hellere på Platform",
    )  # fmt: skip
    placement = placed(cw, case, vejen.offer)
    staff = make_user("vejen-vaerkstedet", vejen.municipality, Role.PROVIDER_STAFF,
                      vejen.offer.provider)  # fmt: skip
    client = client_for(staff)
    # The case file: every page of it is "not found" for them.
    case_urls = [reverse("case", args=[case.pk]), reverse("citizen", args=[citizen.pk])]
    case_urls += [reverse("case-step", args=[case.pk, v.slug]) for v in STEP_VIEWS]
    case_urls += [
        reverse("case-letter", args=[case.pk, "bevilling"]),
        reverse("attachments", args=[case.pk]),
        reverse("case-economy", args=[case.pk]),
        reverse("citizen-access-log", args=[citizen.pk]),
    ]
    for url in case_urls:
        assert client.get(url).status_code == 404, url
    # Their own page of the placement: the order, the goals, the plan; nothing else.
    order = client.get(reverse("provider-order", args=[placement.pk]))
    assert order.status_code == 200
    text = order.content.decode()
    assert "At komme i gang med et fast arbejde" in text  # the goals
    assert "Montage med fast kontaktperson" in text
    for secret in (HEALTH, APPLICATION, REASONS, TREATMENT, "lægeattest", "VUM", "Klage",
                   "Hjerneskade", citizen.cpr):  # fmt: skip
        assert secret.lower() not in text.lower(), secret
    # Their start page lists the citizen with a link to the placement, not the case.
    start = client.get(reverse("provider-start")).content.decode()
    assert reverse("provider-order", args=[placement.pk]) in start
    assert reverse("case", args=[case.pk]) not in start
