"""Issue 18, Done when: a case carried from application to placement through the API alone,
and the API and the screens refusing the same illegal step with the same words."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from bb103.cases.models import Letter, Placement
from tests.cases.factories import fictitious_cpr, open_case


def test_from_application_to_placement_through_the_api_alone(ballerup, register_client):
    """Serviceloven § 103: application, assessment, partshøring (forvaltningsloven § 19),
    decision with its letter, placement; every step a POST on the case's action."""
    api = register_client(ballerup, "caseworker")
    today = timezone.localdate()
    day = lambda n: (today - timedelta(days=40) + timedelta(days=n)).isoformat()  # noqa: E731
    citizen = api.post(
        "/api/v1/citizens",
        {
            "cpr": fictitious_cpr(today.replace(year=today.year - 35)),
            "first_name": "Api",
            "last_name": "Fiktivsen",
            "living_situation": "own_home",
        },
    )
    assert citizen.status_code == 201, citizen.content
    case = api.post(
        "/api/v1/cases",
        {
            "citizen": citizen.json()["id"],
            "received_on": day(0),
            "channel": "digital",
            "applicant": "citizen",
        },
        headers={"Idempotency-Key": "ansoegning-1"},
    )
    assert case.status_code == 201, case.content
    case_id = case.json()["case"]["id"]
    steps = [
        (
            "assessment_record",
            {
                "assessed_on": day(3),
                "vum_level": 3,
                "significant_reduced_function": True,
                "special_social_problems": False,
                "can_work_on_normal_terms": False,
                "other_legislation_exhausted": True,
                "receives_foertidspension": True,
                "motivated": True,
                "can_transport_self": True,
            },
        ),
        ("draft_decision_create", {"created_on": day(4), "proposed_outcome": "grant"}),
        ("party_hearing_send", {"sent_on": day(5)}),
        ("party_hearing_close", {"closed_on": day(16), "comments": "Enig."}),
        (
            "decision_make",
            {
                "outcome": "grant",
                "decided_on": day(18),
                "offer": ballerup.offer.pk,
                "days_per_week": 4,
                "with_klagevejledning": True,
            },
        ),
        ("letter_send_decision_grant", {}),
        (
            "placement_start",
            {
                "offer": ballerup.offer.pk,
                "start_on": (today + timedelta(days=7)).isoformat(),
                "weekdays": ["1", "2", "3", "4"],
                "hours_per_day": 6,
                "contact_person": "Kirsten Kontakt",
            },
        ),
    ]
    etag = case["ETag"]
    for name, body in steps:
        done = api.post(f"/api/v1/cases/{case_id}/actions/{name}", body, headers={"If-Match": etag})
        assert done.status_code == 200, (name, done.json())
        etag = done["ETag"]
    final = api.get(f"/api/v1/cases/{case_id}").json()
    assert final["case"]["status"] == "active"
    assert final["decision"]["outcome"] == "grant"
    assert Placement.objects.filter(case_id=case_id, offer=ballerup.offer).exists()
    assert Letter.objects.filter(case_id=case_id, kind="decision_grant").count() == 1


def test_the_api_and_the_screen_refuse_the_same_illegal_step_with_the_same_words(
    ballerup, register_client, citizen_of
):
    """A decision before the assessment: the case's status does not allow it (the action's
    one answer), 409 over the API and the same sentence on the screen's form."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    body = {"outcome": "grant", "decided_on": "2025-04-01", "days_per_week": 4}
    api = register_client(ballerup, "caseworker")
    refused = api.post(f"/api/v1/cases/{case.pk}/actions/decision_make", body)
    assert refused.status_code == 409, refused.content
    reason = refused.json()["detail"]
    screen = Client()
    screen.force_login(ballerup.caseworker)
    page = screen.post(f"/sager/{case.pk}/afgoerelse/", {**body, "with_klagevejledning": "on"})
    assert page.status_code == 200
    assert reason in page.content.decode()
    case.refresh_from_db()
    assert case.status == "received"
