"""Issue 7 point 7, GDPR art. 5, stk. 1, litra e (storage limitation): citizens whose every
case ended longer ago than the retention period (bb103/data/gdpr/retention.toml) are listed
by a dry run, then anonymised: identifying data removed, the statistics kept, the
append-only audit log untouched; a second run does nothing. Runs on PostgreSQL too, where
the audit table's trigger refuses any UPDATE or DELETE."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from bb103.cases import services
from bb103.cases.engine.facts import birth_date
from bb103.cases.engine.formatting import danish_date
from bb103.cases.models import (
    AuditEntry,
    Citizen,
    Decision,
    Letter,
    Placement,
    Representative,
    TerminationReason,
)
from bb103.cases.retention_rules import retention_period_on
from bb103.cases.services.retention import placeholder_cpr, scrub
from tests.cases.factories import assess, heard, open_case, running_placement, tell

pytestmark = pytest.mark.django_db

TODAY = date(2030, 7, 1)


def _terminated(staff, citizen_of, on: date):
    case = running_placement(staff, citizen_of).case
    services.letter_send(user=staff.caseworker, case=case, kind="decision_grant")
    services.case_terminate(
        user=staff.caseworker,
        case=case,
        reason=TerminationReason.CITIZEN_WISH,
        terminated_on=on,
        notes="Borgeren flytter til sin søster i Aarhus.",
    )
    return case


def _refused(staff, citizen_of):
    case = open_case(staff.caseworker, citizen_of(staff))
    assess(staff.caseworker, case, significant_reduced_function=False)
    heard(staff.caseworker, case, outcome="refusal")
    services.decision_make(
        user=staff.caseworker,
        case=case,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
    )
    tell(staff.caseworker, case, on=date(2025, 4, 1))
    return case


@pytest.fixture
def cases(ballerup, vejen, citizen_of):
    """Outside the period by a day, inside it by a day (terminated one day later), a
    refusal whose complaint period ended 29 April 2025, one with an open complaint, and a
    running case in Vejen."""
    outside = _terminated(ballerup, citizen_of, date(2025, 6, 30))
    services.representative_register(
        user=ballerup.caseworker,
        citizen=outside.citizen,
        name="Søster Fiktivsen",
        relation="relative",
        contact="Telefon 12 34 56 78",
        consent_given_on=date(2025, 3, 1),
        consent_scope="Alt om sagen",
    )
    inside = _terminated(ballerup, citizen_of, date(2025, 7, 1))
    refused = _refused(ballerup, citizen_of)
    complained = _refused(ballerup, citizen_of)
    services.complaint_register(
        user=ballerup.caseworker, case=complained, received_on=date(2025, 4, 20), form="written"
    )
    running = open_case(vejen.caseworker, citizen_of(vejen))
    return {
        "outside": outside,
        "inside": inside,
        "refused": refused,
        "complained": complained,
        "running": running,
    }


def test_the_period_is_dated_sourced_data_marked_as_an_assumption():
    period = retention_period_on(TODAY)
    assert (period.amount, period.unit) == (5, "years")
    assert period.assumption and "arkivloven" in period.source
    assert period.ends(date(2024, 2, 29)) == date(2029, 2, 28)


def test_the_dry_run_lists_exactly_the_citizens_past_the_period(cases):
    """One day past the period is listed, the last day of it is not; an open complaint or a
    running case keeps the citizen; a refusal counts from the end of the complaint period."""
    report = services.retention_report(today=TODAY)
    listed = {c.citizen_id for c in report.candidates}
    assert listed == {cases["outside"].citizen_id, cases["refused"].citizen_id}
    (outside,) = [c for c in report.candidates if c.citizen_id == cases["outside"].citizen_id]
    assert (outside.closed_on, outside.kept_until) == (date(2025, 6, 30), date(2030, 6, 30))
    (refused,) = [c for c in report.candidates if c.citizen_id == cases["refused"].citizen_id]
    assert refused.closed_on == date(2025, 4, 29)
    # A dry run changes nothing.
    assert Citizen.objects.filter(anonymised_on__isnull=False).count() == 0
    # The next day the inside one is past it too.
    later = services.retention_report(today=date(2030, 7, 2))
    assert cases["inside"].citizen_id in {c.citizen_id for c in later.candidates}


def test_the_command_prints_the_dry_run(cases, capsys):
    call_command("retention", "--dry-run", "--date", "2030-07-01")
    out = capsys.readouterr().out
    assert f"Borger {cases['outside'].citizen_id} (ballerup)" in out
    assert "2 borgere kan anonymiseres pr. 1. juli 2030." in out
    assert "Tørkørsel" in out
    assert str(cases["outside"].citizen) not in out  # ids, never names
    assert Citizen.objects.filter(anonymised_on__isnull=False).count() == 0


def test_apply_removes_identifying_data_and_keeps_the_statistics(cases, client_for, ballerup):
    case = cases["outside"]
    citizen = case.citizen
    born = danish_date(birth_date(citizen.cpr))  # e.g. "17. maj 1990"
    old = [citizen.cpr, citizen.first_name + " " + citizen.last_name, "Søster Fiktivsen", born]
    # The 18th birthday and the pension day in the explanations give the birth date too.
    old += [born.rsplit(" ", 1)[0] + " 2008", born.rsplit(" ", 1)[0] + " 2060"]
    audit_before = list(AuditEntry.objects.order_by("id").values())
    decision = Decision.objects.get(case=case)
    assert decision.evaluation["birth_date"]

    result = services.retention_apply(today=TODAY)
    assert sorted(result.anonymised) == sorted([case.citizen_id, cases["refused"].citizen_id])

    citizen.refresh_from_db()
    assert citizen.cpr == placeholder_cpr(citizen.pk) and citizen.cpr_key == ""
    citizen.full_clean()  # the placeholder passes the model's validation
    assert (citizen.address, citizen.phone, citizen.email) == ("", "", "")
    assert citizen.anonymised_on == TODAY and citizen.first_name == "Anonymiseret"
    rep = Representative.objects.get(citizen=citizen)
    assert (rep.name, rep.contact, rep.consent_scope) == ("Anonymiseret", "", "")
    assert rep.consent_given_on == date(2025, 3, 1)
    case.termination.refresh_from_db()
    assert case.termination.notes == "" and case.termination.terminated_on == date(2025, 6, 30)
    letter = Letter.objects.get(case=case)
    assert bytes(letter.pdf) == b"" and letter.data == {} and letter.sent_on
    decision.refresh_from_db()
    assert decision.outcome == "grant" and decision.decided_on == date(2025, 4, 1)
    assert decision.evaluation["birth_date"] is None
    assert decision.evaluation["eligibility"]["outcome"]
    placement = Placement.objects.get(case=case)
    assert placement.start_on == date(2025, 5, 1) and placement.days_per_week == 4
    # Nothing identifying is left in the case's rows (the audit log holds only ids).
    from bb103.cases.gdpr_export import export_data
    from bb103.cases.selectors.gdpr import citizen_export_for_user

    export = citizen_export_for_user(user=ballerup.caseworker, citizen_id=citizen.pk)
    dumped = json.dumps(export_data(export, made_by=ballerup.caseworker, made_at=letter.sent_at),
                        ensure_ascii=False, default=str)  # fmt: skip
    for text in old:
        assert text not in dumped
    assert "Aarhus" not in dumped
    assert "Født [anonymiseret]" in dumped  # the explanation stays, without the date
    # The audit log is untouched: the same rows, plus one entry per anonymised citizen.
    after = list(AuditEntry.objects.order_by("id").values())
    assert after[: len(audit_before)] == audit_before
    new = after[len(audit_before) :]
    assert [e["action"] for e in new] == ["citizen_anonymise"] * 2
    for text in old:
        assert text not in json.dumps([e["details"] for e in after], default=str)
    # The pages still work for the anonymous citizen.
    client = client_for(ballerup.caseworker)
    assert client.get(reverse("citizen", args=[citizen.pk])).status_code == 200
    assert client.get(reverse("case", args=[case.pk])).status_code == 200
    # The ones not listed are untouched.
    cases["inside"].citizen.refresh_from_db()
    assert cases["inside"].citizen.anonymised_on is None


def test_a_second_apply_does_nothing(cases):
    services.retention_apply(today=TODAY)
    entries = AuditEntry.objects.count()
    snapshot = list(Citizen.objects.order_by("id").values())
    again = services.retention_apply(today=TODAY)
    assert again.anonymised == []
    assert AuditEntry.objects.count() == entries
    assert list(Citizen.objects.order_by("id").values()) == snapshot
    assert services.retention_report(today=TODAY).candidates == []


def test_the_apply_command(cases, capsys):
    call_command("retention", "--apply", "--date", "2030-07-01")
    assert "2 borgere er anonymiseret." in capsys.readouterr().out
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.action == "citizen_anonymise" and entry.via == "cli"


def test_scrub_keeps_the_structure():
    value = {"birth_date": "1990-05-17", "text": "Født 17. maj 1990", "n": 3, "l": ["x"]}
    assert scrub(value, ["17. maj 1990"]) == {
        "birth_date": None,
        "text": "Født [anonymiseret]",
        "n": 3,
        "l": ["x"],
    }


def test_the_managers_screen_lists_only_their_municipality(cases, client_for, ballerup, vejen):
    """The dry run as a page: a manager sees their own municipality's citizens, by id; a
    caseworker or another municipality's manager sees none of them (404 or an empty list),
    and the page's queries do not grow with the candidates."""
    from unittest import mock

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("retention-report")
    with mock.patch("bb103.web.views.gdpr.timezone.localdate", return_value=TODAY):
        client = client_for(ballerup.manager)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200
        body = page.content.decode()
        assert f"<td>{cases['outside'].citizen_id}</td>" in body
        assert str(cases["outside"].citizen) not in body
        # Session, user, memberships, then the report: citizens, cases, terminations,
        # decisions, complaint deadlines, complaints. The main menu reuses the request's
        # memberships (bb103.web.request_scope, issue 21 point 5).
        assert len(queries) == 9
        other = client_for(vejen.manager).get(url).content.decode()
        assert f"<td>{cases['outside'].citizen_id}</td>" not in other
        assert client_for(ballerup.caseworker).get(url).status_code == 404
