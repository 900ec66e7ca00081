"""HTTP done right (issue 18, point 3) and clients, not users (point 2): If-Match on the
case version, Idempotency-Key, problem details naming the field in Danish and English, rate
limits, key rotation and revocation, and every call audited with the channel ``api``."""

from datetime import date, timedelta

import time_machine
from django.utils import timezone

from bb103.cases import services
from bb103.cases.models import AuditEntry, AuditKind, Case, Letter, Role
from tests.api.conftest import ApiCaller
from tests.cases.factories import open_case

ASSESSMENT = {"assessed_on": "2025-03-17", "vum_level": 3, "significant_reduced_function": True}


def test_a_stale_if_match_gets_412_and_changes_nothing(two, citizen_of):
    """Optimistic locking: a step sent with an older version than the case's is refused."""
    case = open_case(two.ballerup.caseworker, citizen_of(two.ballerup))
    read = two.b.get(f"/api/v1/cases/{case.pk}")
    assert read["ETag"] == '"0"'
    # A colleague's step on the screen meanwhile: the case is now version 1.
    services.assessment_record(
        user=two.ballerup.caseworker, case=case, assessed_on=date(2025, 3, 17), vum_level=3
    )
    stale = two.b.post(
        f"/api/v1/cases/{case.pk}/actions/assessment_correct",
        {**ASSESSMENT, "reason": "Rettelse"},
        headers={"If-Match": read["ETag"]},
    )
    assert stale.status_code == 412
    assert stale.json()["errors"][0]["field"] == "If-Match"
    case.refresh_from_db()
    assert case.version == 1  # nothing written


def test_if_match_with_the_current_version_is_taken_and_the_etag_moves(two, citizen_of):
    case = open_case(two.ballerup.caseworker, citizen_of(two.ballerup))
    done = two.b.post(
        f"/api/v1/cases/{case.pk}/actions/assessment_record",
        ASSESSMENT,
        headers={"If-Match": '"0"'},
    )
    assert done.status_code == 200, done.content
    assert done["ETag"] == '"1"' and done.json()["case"]["case"]["status"] == "assessed"


def test_a_repeated_idempotency_key_returns_the_first_letter_and_sends_no_second(two, citizen_of):
    """Idempotency-Key on a POST that sends something: one letter, the first answer again."""
    case = open_case(two.ballerup.caseworker, citizen_of(two.ballerup))
    path = f"/api/v1/cases/{case.pk}/actions/letter_send_receipt"
    first = two.b.post(path, {}, headers={"Idempotency-Key": "borgerdk-4711"})
    again = two.b.post(path, {}, headers={"Idempotency-Key": "borgerdk-4711"})
    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Letter.objects.filter(case=case).count() == 1
    other_body = two.b.post(path, {"extra_text": "x"}, headers={"Idempotency-Key": "borgerdk-4711"})
    assert other_body.status_code in (400, 422)


def test_problem_details_name_the_field_in_danish_and_english(two, citizen_of):
    """RFC 9457: type, title, status, detail (Danish), detail_en, errors with the field."""
    case = open_case(two.ballerup.caseworker, citizen_of(two.ballerup))
    bad = two.b.post(
        f"/api/v1/cases/{case.pk}/actions/assessment_record", {**ASSESSMENT, "assessed_on": "i går"}
    )
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    problem = bad.json()
    assert problem["type"].startswith("tag:bb103.dk") and problem["status"] == 400
    error = problem["errors"][0]
    assert error["field"] == "assessed_on" and error["message"] and error["message_en"]
    unknown = two.b.post(f"/api/v1/cases/{case.pk}/actions/assessment_record", {"vum": 3})
    assert unknown.status_code == 400
    assert "vum" in {e["field"] for e in unknown.json()["errors"]}


def test_a_role_the_client_lacks_is_403_before_the_input_is_read(
    ballerup, register_client, citizen_of
):
    committee = register_client(ballerup, Role.COMMITTEE_MEMBER)
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    refused = committee.post(f"/api/v1/cases/{case.pk}/actions/decision_make", {"nonsense": 1})
    assert refused.status_code == 403
    assert "Det kræver rollen" in refused.json()["detail"]


def test_rate_limit_per_client_is_429_with_retry_after(ballerup, register_client):
    caller = register_client(ballerup, Role.CASEWORKER, rate=2, name="Langsom")
    codes = [caller.get("/api/v1/cases").status_code for _ in range(3)]
    assert codes[:2] == [200, 200] and codes[2] == 429
    assert int(caller.get("/api/v1/cases")["Retry-After"]) > 0


def test_a_rotated_key_works_through_its_grace_and_a_revoked_client_at_once_not(
    ballerup, register_client
):
    caller = register_client(ballerup, Role.CASEWORKER)
    issued = services.api_key_rotate(
        user=ballerup.admin, client=caller.client, grace=timedelta(hours=1)
    )
    fresh = ApiCaller(issued.secret)
    assert caller.get("/api/v1/cases").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert caller.get("/api/v1/cases").status_code == 401
        assert fresh.get("/api/v1/cases").status_code == 200
    services.api_client_revoke(user=ballerup.admin, client=caller.client)
    assert fresh.get("/api/v1/cases").status_code == 401


def test_only_the_administrator_registers_a_client_and_the_key_is_kept_only_as_a_hash(
    ballerup,
):
    import pytest

    from bb103.cases.errors import AccessDenied

    with pytest.raises(AccessDenied):
        services.api_client_register(
            user=ballerup.caseworker,
            municipality=ballerup.municipality,
            name="X",
            roles=[Role.CASEWORKER],
        )
    issued = services.api_client_register(
        user=ballerup.admin, municipality=ballerup.municipality, name="Y", roles=[Role.CASEWORKER]
    )
    assert issued.secret not in str(issued.key.__dict__)
    assert not issued.client.user.has_usable_password()  # no login on the screens


def test_every_call_is_audited_with_channel_api_naming_the_client(two, citizen_of):
    """Reads of personal data included (the case, the list)."""
    case = open_case(two.ballerup.caseworker, citizen_of(two.ballerup))
    two.b.get(f"/api/v1/cases/{case.pk}")
    two.b.get("/api/v1/cases")
    two.b.post(f"/api/v1/cases/{case.pk}/actions/assessment_record", ASSESSMENT)
    entries = AuditEntry.objects.filter(actor=two.b.client.user)
    kinds = {(e.kind, e.action, e.via) for e in entries}
    assert (AuditKind.READ, "case_read", "api") in kinds
    assert (AuditKind.READ, "api_listed", "api") in kinds
    assert (AuditKind.WRITE, "assessment_record", "api") in kinds
    assert two.b.client.user.get_full_name().startswith("System caseworker")
    assert Case.objects.get(pk=case.pk).status == "assessed"


def test_a_citizen_is_found_by_cpr_in_the_body_never_in_the_url(two, citizen_of):
    """CPR numbers stay out of URLs (docs/security.md): the search is a POST; another
    municipality's citizen is not found, and the search is logged by its kind only."""
    mine, theirs = citizen_of(two.ballerup), citizen_of(two.roskilde)
    found = two.b.post("/api/v1/citizens/search", {"cpr": mine.cpr})
    assert [c["id"] for c in found.json()["results"]] == [mine.pk]
    assert two.b.post("/api/v1/citizens/search", {"cpr": theirs.cpr}).json()["results"] == []
    entry = AuditEntry.objects.filter(actor=two.b.client.user, action="api_listed").last()
    assert entry.details == {"search": "cpr"} and mine.cpr not in str(entry.details)
    in_url = two.b.get("/api/v1/citizens", cpr=mine.cpr)
    assert in_url.status_code == 400 and in_url.json()["errors"][0]["field"] == "cpr"
