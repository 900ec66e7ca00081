"""Registering an application: the case opens and the decision deadline starts to run."""

from datetime import date

import pytest

from bb103.cases import services
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import AuditEntry, CaseStatus, DeadlineKind
from tests.cases.factories import open_case

pytestmark = pytest.mark.django_db


def test_ballerup_decision_deadline_is_30_working_days(ballerup, citizen_of):
    """Ballerup, serviceniveau: Sagsbehandlingstid (op til 30 hverdage). From Monday 10 March
    2025, 30 working days skip Skærtorsdag, Langfredag and 2. påskedag: 24 April 2025."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assert case.status == CaseStatus.RECEIVED
    deadline = case.deadlines.get(kind=DeadlineKind.DECISION)
    assert deadline.due_on == date(2025, 4, 24)
    assert deadline.is_open
    assert "30 arbejdsdage" in deadline.explanation
    assert any(source.startswith("Ballerup") for source in deadline.sources)


def test_vejen_decision_deadline_is_6_weeks_rolled_past_easter(vejen, citizen_of):
    """Vejen, kvalitetsstandard afsnit 4.1: 6 uger. 10 March 2025 + 6 weeks is 2. påskedag
    (21 April), not a working day, so the deadline moves to 22 April."""
    case = open_case(vejen.caseworker, citizen_of(vejen))
    deadline = case.deadlines.get(kind=DeadlineKind.DECISION)
    assert deadline.due_on == date(2025, 4, 22)
    assert "næste arbejdsdag" in deadline.explanation


def test_roskilde_sets_no_decision_deadline(roskilde, citizen_of):
    """Roskilde's standard states no decision deadline: the engine gives none, so no row."""
    case = open_case(roskilde.caseworker, citizen_of(roskilde))
    assert not case.deadlines.filter(kind=DeadlineKind.DECISION).exists()


def test_application_writes_an_audit_entry(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    entry = AuditEntry.objects.get(case=case)
    assert (entry.action, entry.actor, entry.municipality_id) == (
        "application_register",
        ballerup.caseworker,
        "ballerup",
    )
    assert entry.details["received_on"] == "2025-03-10"


def test_representative_needs_the_citizens_consent(ballerup, citizen_of):
    """Domain, Case lifecycle 1 (Sønderborg): others apply only with the citizen's consent."""
    citizen = citizen_of(ballerup)
    rep = services.representative_register(
        user=ballerup.caseworker, citizen=citizen, name="Søs Søster", relation="relative"
    )
    with pytest.raises(CaseError) as err:
        services.application_register(
            user=ballerup.caseworker,
            citizen=citizen,
            received_on=date(2025, 3, 10),
            channel="letter",
            applicant="representative",
            representative=rep,
        )
    assert err.value.field == "representative"
    assert "samtykke" in err.value.message

    rep.consent_given_on = date(2025, 3, 1)
    rep.save()
    case = services.application_register(
        user=ballerup.caseworker,
        citizen=citizen,
        received_on=date(2025, 3, 10),
        channel="letter",
        applicant="representative",
        representative=rep,
    )
    assert case.application.representative == rep


def test_received_in_the_future_is_refused_naming_the_field(ballerup, citizen_of):
    with pytest.raises(CaseError) as err:
        open_case(ballerup.caseworker, citizen_of(ballerup), received_on=date(2099, 1, 5))
    assert err.value.field == "received_on"
    assert "efter i dag" in err.value.message


def test_no_standard_in_force_is_refused(ballerup, citizen_of):
    """Ballerup's standard is in force from 7 August 2019 (its assumption in the policy)."""
    with pytest.raises(CaseError) as err:
        open_case(ballerup.caseworker, citizen_of(ballerup), received_on=date(2019, 1, 7))
    assert "ingen kvalitetsstandard i kraft" in err.value.message


def test_unknown_channel_is_refused(ballerup, citizen_of):
    with pytest.raises(CaseError) as err:
        services.application_register(
            user=ballerup.caseworker,
            citizen=citizen_of(ballerup),
            received_on=date(2025, 3, 10),
            channel="fax",
        )
    assert err.value.field == "channel"
    assert "Digital selvbetjening" in err.value.message


def test_a_second_open_case_is_refused(ballerup, citizen_of):
    citizen = citizen_of(ballerup)
    first = open_case(ballerup.caseworker, citizen)
    with pytest.raises(CaseError) as err:
        open_case(ballerup.caseworker, citizen, received_on=date(2025, 3, 12))
    assert f"sag {first.pk}" in err.value.message


def test_only_a_caseworker_of_the_citizens_municipality_registers(ballerup, vejen, citizen_of):
    citizen = citizen_of(ballerup)
    for user in (vejen.caseworker, ballerup.committee, ballerup.manager, ballerup.admin):
        with pytest.raises(AccessDenied):
            open_case(user, citizen)


def test_cpr_is_checked_and_normalised(ballerup):
    citizen = services.citizen_register(
        user=ballerup.caseworker,
        municipality=ballerup.municipality,
        cpr="1705901234",
        first_name="Ada",
        last_name="Testesen",
    )
    assert citizen.cpr == "170590-1234"
    with pytest.raises(CaseError) as err:
        services.citizen_register(
            user=ballerup.caseworker,
            municipality=ballerup.municipality,
            cpr="170590-1234",
            first_name="Ada",
            last_name="Igen",
        )
    assert err.value.field == "cpr"
    for bad in ("320590-1234", "17059-1234", "abcdefghij"):
        with pytest.raises(CaseError) as err:
            services.citizen_register(
                user=ballerup.caseworker,
                municipality=ballerup.municipality,
                cpr=bad,
                first_name="Ada",
                last_name="Fejl",
            )
        assert err.value.field == "cpr"


def test_citizen_needs_a_name(ballerup):
    with pytest.raises(CaseError) as err:
        services.citizen_register(
            user=ballerup.caseworker,
            municipality=ballerup.municipality,
            cpr="010190-1234",
            first_name="  ",
            last_name="Testesen",
        )
    assert (err.value.field, err.value.message) == ("first_name", "Fornavn skal udfyldes.")
