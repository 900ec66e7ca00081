"""The API's resources besides cases and citizens (issue 18, point 1): letters with their
PDF, providers and offers, placements, a workshop's attendance week, settlements and tasks.

Each is read through the case system's scoped selectors and written through its services,
so the tests check what the API adds: the shapes, the problem details, the scoping between
two municipalities (another municipality's row is 404, never 403: issue 18, point 3), and
that the reads of personal data are logged with the channel ``api`` (GDPR art. 30)."""

import base64
import hashlib
from datetime import date, timedelta

import pytest

from bb103.cases import services
from bb103.cases.models import (
    Attendance,
    AuditEntry,
    FinanceFile,
    IdempotentRequest,
    Role,
    SettlementMonth,
    SettlementStatus,
    Task,
    TaskStatus,
)
from tests.cases.factories import granted_case, running_placement, tell
from tests.cases.settlement_world import price

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 5, 5)  # ISO week 2025-W19, no holiday; placements start 1 May 2025


def staff_client(register_client, staff):
    """The system of the provider behind ``staff``'s own offer."""
    return register_client(staff, Role.PROVIDER_STAFF, provider=staff.offer.provider)


# --- letters ------------------------------------------------------------------------------
@pytest.fixture
def letter(ballerup, citizen_of):
    case = granted_case(ballerup, citizen_of)
    return tell(ballerup.caseworker, case)


def test_letter_pdf_is_the_stored_pdf_byte_for_byte_and_its_read_is_logged(two, letter):
    """A sent letter never changes (Forvaltningsloven § 22 and the letters' archive rule):
    the API hands out the PDF stored at sending, whose SHA-256 is the metadata's, and logs
    the read of it as the screen does (letter_read), with the channel api."""
    listed = two.b.get(f"/api/v1/cases/{letter.case_id}/letters")
    assert listed.status_code == 200
    [row] = listed.json()["results"]
    assert (row["id"], row["kind"], row["sha256"]) == (letter.pk, letter.kind, letter.sha256)
    assert row["policy_id"] == letter.policy_id
    # Issue 18, point 4: the letter's way to the citizen, queued for Digital Post.
    assert row["delivery"]["channel"] == "digital_post"
    assert row["pdf"] == f"/api/v1/cases/{letter.case_id}/letters/{letter.pk}/pdf"
    detail = two.b.get(f"/api/v1/cases/{letter.case_id}/letters/{letter.pk}")
    assert detail.json()["title"] == letter.title
    pdf = two.b.get(row["pdf"], headers={"Accept": "*/*"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content == bytes(letter.pdf)
    assert hashlib.sha256(pdf.content).hexdigest() == letter.sha256
    assert "no-cache" in pdf["Cache-Control"] or "no-store" in pdf["Cache-Control"]
    reads = AuditEntry.objects.filter(action="letter_read", case_id=letter.case_id, via="api")
    assert reads.count() == 2  # the metadata and the PDF
    assert AuditEntry.objects.filter(action="api_listed", case_id=letter.case_id).exists()


def test_letter_pdf_asked_for_as_json_is_406_problem_details(two, letter):
    """RFC 9110 § 15.5.7: the PDF has no JSON form; the refusal is problem details."""
    answer = two.b.get(
        f"/api/v1/cases/{letter.case_id}/letters/{letter.pk}/pdf",
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 406
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["type"].endswith("/not-acceptable")


def test_another_municipalitys_letters_are_not_found(two, letter):
    """Issue 18, point 3: another municipality's ids are 404, as ids that do not exist."""
    base = f"/api/v1/cases/{letter.case_id}/letters"
    for path in (base, f"{base}/{letter.pk}", f"{base}/{letter.pk}/pdf"):
        answer = two.r.get(path)
        assert answer.status_code == 404, path
        assert answer.json()["detail"] == two.r.get("/api/v1/cases/999999/letters").json()["detail"]
    assert not AuditEntry.objects.filter(action="letter_read").exists()


def test_provider_staff_do_not_read_letters_of_their_citizens(ballerup, register_client, letter):
    """GDPR art. 5(1)(c): a letter carries reasons and health information; the provider's
    staff see the placement, not the case file (selectors.letter_get_for_user)."""
    provider = staff_client(register_client, ballerup)
    assert provider.get(f"/api/v1/cases/{letter.case_id}/letters").status_code == 404


# --- providers and offers -----------------------------------------------------------------
def test_offers_carry_their_price_in_force_and_the_catalogue_is_the_municipalitys(two):
    """Serviceloven § 103 takster: the price in force is the latest from today or before;
    a later one is listed but not in force."""
    offer = two.ballerup.offer
    price(offer, "day", "512.50", since=date(2025, 1, 1))
    price(offer, "day", "999.00", since=date.today() + timedelta(days=30))
    providers = two.b.get("/api/v1/providers").json()["results"]
    assert [p["municipality"] for p in providers] == ["ballerup"]
    provider = two.b.get(f"/api/v1/providers/{offer.provider_id}").json()
    assert provider["offers"] == [{"id": offer.pk, "name": offer.name}]
    body = two.b.get(f"/api/v1/offers/{offer.pk}").json()
    assert body["price_in_force"]["amount"] == 512.5
    assert [p["amount"] for p in body["prices"]] == [512.5, 999.0]
    listed = two.b.get("/api/v1/offers", provider=offer.provider_id).json()["results"]
    assert [o["id"] for o in listed] == [offer.pk]


def test_another_municipalitys_provider_and_offer_are_not_found(two):
    """Issue 18, point 3: 404 for another municipality's catalogue rows."""
    offer = two.ballerup.offer
    assert two.r.get(f"/api/v1/providers/{offer.provider_id}").status_code == 404
    assert two.r.get(f"/api/v1/offers/{offer.pk}").status_code == 404
    assert offer.pk not in [o["id"] for o in two.r.get("/api/v1/offers").json()["results"]]


# --- placements ---------------------------------------------------------------------------
def test_placements_for_the_provider_without_the_case_and_for_the_municipality_with_it(
    two, citizen_of, register_client
):
    """GDPR art. 5(1)(c): the provider's system gets its citizens' placements (the order's
    terms) but no case id; the municipality's caseworker system gets the case. Each read is
    logged with the channel api."""
    placement = running_placement(two.ballerup, citizen_of, weekdays="1234")
    provider = staff_client(register_client, two.ballerup)
    [row] = provider.get("/api/v1/placements").json()["results"]
    assert (row["id"], row["case"], row["weekdays"]) == (placement.pk, None, [1, 2, 3, 4])
    assert row["offer"]["id"] == two.ballerup.offer.pk
    [row] = two.b.get("/api/v1/placements").json()["results"]
    assert row["case"] == placement.case_id
    detail = provider.get(f"/api/v1/placements/{placement.pk}")
    assert detail.status_code == 200 and detail.json()["case"] is None
    assert AuditEntry.objects.filter(action="order_read", via="api").count() == 1
    assert AuditEntry.objects.filter(action="api_listed", case=placement.case).count() == 2


def test_another_municipalitys_placement_is_not_found(two, citizen_of):
    """Issue 18, point 3."""
    placement = running_placement(two.ballerup, citizen_of)
    assert two.r.get(f"/api/v1/placements/{placement.pk}").status_code == 404
    assert two.r.get("/api/v1/placements").json()["results"] == []


# --- attendance ---------------------------------------------------------------------------
@pytest.fixture
def workshop(ballerup, citizen_of, register_client):
    """Two citizens at Ballerup's workshop, Monday to Thursday, and the provider's system."""
    placements = [running_placement(ballerup, citizen_of, weekdays="1234") for _ in range(2)]
    return placements, staff_client(register_client, ballerup)


def _week(placements, statuses=("present",) * 4):
    return [
        {"placement": p.pk, "day": (MONDAY + timedelta(i)).isoformat(), "status": s}
        for p in placements
        for i, s in enumerate(statuses)
    ]


def test_a_whole_week_for_the_workshop_is_one_call(ballerup, workshop):
    """Issue 18, point 1 and issue 6, point 2: a week for every citizen of a workshop in one
    call, through services.attendance_record (one audit entry per case, channel api)."""
    placements, provider = workshop
    rows = _week(placements, ("present", "sick", "present", "present"))
    rows[0]["hours"] = 4.5
    answer = provider.post(
        f"/api/v1/offers/{ballerup.offer.pk}/attendance/2025-W19", {"rows": rows}
    )
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert (body["saved"], body["cases"]) == (8, 2)
    assert Attendance.objects.count() == 8
    first = Attendance.objects.get(placement=placements[0], day=MONDAY)
    assert str(first.hours) == "4.50"
    assert AuditEntry.objects.filter(action="attendance_record", via="api").count() == 2
    # The same week read back by a day in it: the grid as the screen shows it.
    grid = provider.get(f"/api/v1/offers/{ballerup.offer.pk}/attendance/2025-05-07").json()
    assert (grid["week"], grid["monday"]) == ("2025-W19", "2025-05-05")
    cells = {c["day"]: c["status"] for c in grid["rows"][0]["cells"] if c["planned"]}
    assert sorted(cells.values()) == ["present", "present", "present", "sick"]


def test_a_refused_row_refuses_the_whole_week_and_each_refused_row_is_named(ballerup, workshop):
    """All or nothing (services.attendance_record): a Friday is no planned day of a
    Monday-to-Thursday placement, and a day given twice is refused; the problem names each
    row (rows[i].day) with the screen's Danish message, and nothing is saved."""
    placements, provider = workshop
    rows = _week(placements)
    rows[3]["day"] = (MONDAY + timedelta(4)).isoformat()  # Friday
    rows.append(dict(rows[5]))  # the second citizen's Tuesday again
    answer = provider.post(
        f"/api/v1/offers/{ballerup.offer.pk}/attendance/2025-W19", {"rows": rows}
    )
    assert answer.status_code == 422
    problem = answer.json()
    assert [e["field"] for e in problem["errors"]] == ["rows[3].day", "rows[8].day"]
    assert "ikke en planlagt arbejdsdag" in problem["errors"][0]["message"]
    assert "to gange" in problem["errors"][1]["message"]
    assert Attendance.objects.count() == 0
    assert not AuditEntry.objects.filter(action="attendance_record").exists()


def test_a_bad_status_names_its_row_and_a_day_outside_the_week_is_refused(ballerup, workshop):
    """Bad input is 400 naming the field (rows[i].status, rows[i].day)."""
    placements, provider = workshop
    path = f"/api/v1/offers/{ballerup.offer.pk}/attendance/2025-W19"
    rows = _week(placements[:1])
    rows[1]["status"] = "asleep"
    answer = provider.post(path, {"rows": rows})
    assert answer.status_code == 400
    assert [e["field"] for e in answer.json()["errors"]] == ["rows[1].status"]
    rows = _week(placements[:1])
    rows[2]["day"] = "2025-05-14"
    answer = provider.post(path, {"rows": rows})
    assert [e["field"] for e in answer.json()["errors"]] == ["rows[2].day"]
    bad = provider.get(f"/api/v1/offers/{ballerup.offer.pk}/attendance/uge-19")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "week"
    assert Attendance.objects.count() == 0


def test_the_week_sent_again_under_its_idempotency_key_is_the_first_answer(ballerup, workshop):
    """Issue 18, point 3 (IETF Idempotency-Key draft): a repeated key returns the first
    result."""
    placements, provider = workshop
    path = f"/api/v1/offers/{ballerup.offer.pk}/attendance/2025-W19"
    key = {"Idempotency-Key": "uge-19-vaerkstedet"}
    first = provider.post(path, {"rows": _week(placements)}, headers=key)
    again = provider.post(path, {"rows": _week(placements)}, headers=key)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json() and first.json()["saved"] == 8
    assert IdempotentRequest.objects.count() == 1


def test_another_municipalitys_workshop_week_is_not_found_and_a_caseworker_may_not_register(
    two, workshop, register_client
):
    """Issue 18, point 3: 404 for another municipality's offer; and attendance is the
    provider staff's action (actions.roles.attendance_record), so the municipality's
    caseworker system reads the week but gets 403 for registering it."""
    placements, _ = workshop
    path = f"/api/v1/offers/{two.ballerup.offer.pk}/attendance/2025-W19"
    other = staff_client(register_client, two.roskilde)
    assert other.get(path).status_code == 404
    assert other.post(path, {"rows": _week(placements)}).status_code == 404
    assert two.b.get(path).status_code == 200
    assert two.b.post(path, {"rows": _week(placements)}).status_code == 403
    assert Attendance.objects.count() == 0


# --- settlements --------------------------------------------------------------------------
def test_the_manager_system_approves_the_month_and_a_caseworker_system_may_not(
    two, citizen_of, register_client
):
    """Issue 9: the month is run by a caseworker or manager and approved and locked by the
    manager (actions.roles.settlement_approve); amounts are JSON numbers; each citizen on
    the page is logged as read with the channel api."""
    placement = running_placement(two.ballerup, citizen_of)
    manager = register_client(two.ballerup, Role.MANAGER)
    path = "/api/v1/settlements/ballerup/2025-05"
    before = two.b.get(path).json()
    assert (before["status"], before["lines"], before["finance_file"]) == (None, [], None)
    assert two.b.post(f"{path}/approve").status_code == 403
    run = two.b.post(f"{path}/run", headers={"Idempotency-Key": "maj-2025"})
    assert run.status_code == 200, run.json()
    body = run.json()
    assert body["status"] == "open" and [x["placement"] for x in body["lines"]] == [placement.pk]
    assert isinstance(body["totals"]["provider_amount"], int | float)
    assert isinstance(body["lines"][0]["gross_wage"], int | float)
    assert two.b.post(f"{path}/approve").status_code == 403
    approved = manager.post(f"{path}/approve", headers={"Idempotency-Key": "godkend-maj"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert SettlementMonth.objects.get().status == SettlementStatus.APPROVED
    again = manager.post(f"{path}/approve")
    assert again.status_code == 409  # already approved and locked
    months = two.b.get("/api/v1/settlements").json()["results"]
    assert [(m["municipality"], m["month"], m["status"]) for m in months] == [
        ("ballerup", "2025-05", "approved")
    ]
    assert AuditEntry.objects.filter(action="api_listed", case=placement.case, via="api").exists()
    # Issue 18, point 5: the approved month's posting file, exactly as made at approval.
    link = approved.json()["finance_file"]
    assert link == f"{path}/finance-file"
    file = two.b.get(link)
    assert file.status_code == 200 and file["Content-Type"].startswith("text/csv")
    assert file.content == bytes(FinanceFile.objects.get().content)
    digest = base64.b64encode(bytes.fromhex(FinanceFile.objects.get().sha256)).decode()
    assert file["Repr-Digest"] == f"sha-256=:{digest}:"
    assert two.b.get("/api/v1/settlements/ballerup/2025-04/finance-file").status_code == 409
    assert two.r.get(link).status_code == 404


def test_another_municipalitys_settlement_is_not_found(two, citizen_of, register_client):
    """Issue 18, point 3; and the provider's staff read no settlement (403 on the list, as
    the screen's 403 page)."""
    running_placement(two.ballerup, citizen_of)
    services.settlement_run(
        user=two.ballerup.caseworker, municipality=two.ballerup.municipality, month=MONDAY
    )
    assert two.r.get("/api/v1/settlements/ballerup/2025-05").status_code == 404
    assert two.r.post("/api/v1/settlements/ballerup/2025-05/run").status_code == 404
    assert two.r.get("/api/v1/settlements").json()["results"] == []
    assert staff_client(register_client, two.ballerup).get("/api/v1/settlements").status_code == 403
    assert two.b.get("/api/v1/settlements/ballerup/maj").json()["errors"][0]["field"] == "month"


# --- tasks --------------------------------------------------------------------------------
@pytest.fixture
def task(ballerup, citizen_of):
    """The caseworker's task from the provider's report of a deviation."""
    placement = running_placement(ballerup, citizen_of)
    staff = services.api_client_register(
        user=ballerup.admin,
        municipality=ballerup.municipality,
        name="Værkstedets system",
        roles=[Role.PROVIDER_STAFF],
        provider=ballerup.offer.provider,
    ).client.user
    services.deviation_report(
        user=staff, placement=placement, observed_on=MONDAY, text="Udeblev uden afbud."
    )
    return Task.objects.get()


def test_the_caseworker_system_lists_and_completes_a_task(two, task):
    """Issue 5's tasks: listed open, earliest due first; completed through
    services.task_complete (audited, channel api); completing it again is 409."""
    [row] = two.b.get("/api/v1/tasks").json()["results"]
    assert (row["id"], row["status"], row["case"]) == (task.pk, "open", task.case_id)
    assert two.b.get("/api/v1/tasks", case=task.case_id + 1000).json()["results"] == []
    done = two.b.post(f"/api/v1/tasks/{task.pk}/complete", {"note": "Ringet til borgeren."})
    assert done.status_code == 200 and done.json()["status"] == "done"
    task.refresh_from_db()
    assert (task.status, task.note) == (TaskStatus.DONE, "Ringet til borgeren.")
    assert AuditEntry.objects.filter(action="task_complete", via="api").count() == 1
    assert two.b.get("/api/v1/tasks").json()["results"] == []
    assert [t["id"] for t in two.b.get("/api/v1/tasks", status="done").json()["results"]] == [
        task.pk
    ]
    assert two.b.post(f"/api/v1/tasks/{task.pk}/complete").status_code == 409
    assert two.b.get(f"/api/v1/tasks/{task.pk}").json()["note"] == "Ringet til borgeren."


def test_another_municipalitys_task_is_not_found(two, task):
    """Issue 18, point 3."""
    assert two.r.get(f"/api/v1/tasks/{task.pk}").status_code == 404
    assert two.r.post(f"/api/v1/tasks/{task.pk}/complete").status_code == 404
    assert two.r.get("/api/v1/tasks").json()["results"] == []
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
