"""Draft, partshøring and decision: the rules that say when a decision may be made."""

from datetime import date

import pytest

from bb103.cases import services
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import CaseStatus, DeadlineKind, HearingStatus, Outcome
from tests.cases.factories import assess, draft, grant, heard, open_case, reviewed, tell

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballerup_case(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    return case


@pytest.fixture
def roskilde_case(roskilde, citizen_of):
    case = open_case(roskilde.caseworker, citizen_of(roskilde))
    assess(roskilde.caseworker, case)
    return case


@pytest.fixture
def vejen_case(vejen, citizen_of):
    case = open_case(vejen.caseworker, citizen_of(vejen))
    assess(vejen.caseworker, case)
    return case


def test_assessment_moves_the_case_on_and_checks_its_dates(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    with pytest.raises(CaseError) as err:
        assess(ballerup.caseworker, case, on=date(2025, 3, 1))
    assert err.value.field == "assessed_on"
    with pytest.raises(CaseError) as err:
        assess(ballerup.caseworker, case, vum_level=5)
    assert err.value.field == "vum_level"
    assess(ballerup.caseworker, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSED


def test_ballerup_partshoering_10_days_from_receipt(ballerup, ballerup_case):
    """Ballerup, serviceniveau: Sagsbehandling (10 dage fra modtagelsen af materialet).
    Received Thursday 20 March 2025 + 10 days is Sunday 30 March: moved to Monday 31."""
    draft(ballerup.caseworker, ballerup_case)
    services.party_hearing_send(
        user=ballerup.caseworker,
        case=ballerup_case,
        sent_on=date(2025, 3, 19),
        material_received_on=date(2025, 3, 20),
    )
    deadline = ballerup_case.deadlines.get(kind=DeadlineKind.PARTY_HEARING)
    assert deadline.due_on == date(2025, 3, 31)
    assert ballerup_case.status == CaseStatus.HEARING


def test_ballerup_period_shorter_than_the_standard_is_refused(ballerup, ballerup_case):
    """Ballerup, serviceniveau: Sagsbehandling: the caseworker may give longer, never less."""
    draft(ballerup.caseworker, ballerup_case)
    with pytest.raises(CaseError) as err:
        services.party_hearing_send(
            user=ballerup.caseworker, case=ballerup_case, sent_on=date(2025, 3, 19), days=7
        )
    assert err.value.field == "days"
    assert "kortere end kvalitetsstandardens 10 dage" in err.value.message
    ballerup_case.refresh_from_db()
    assert ballerup_case.status == CaseStatus.DRAFTED  # rolled back
    assert not ballerup_case.hearings.exists()


def test_standard_without_a_period_needs_the_caseworkers(roskilde, roskilde_case):
    """Forvaltningsloven § 19: the citizen gets a period; Roskilde's standard sets none."""
    draft(roskilde.caseworker, roskilde_case)
    with pytest.raises(CaseError) as err:
        services.party_hearing_send(
            user=roskilde.caseworker, case=roskilde_case, sent_on=date(2025, 3, 19)
        )
    assert err.value.field == "days"
    services.party_hearing_send(
        user=roskilde.caseworker, case=roskilde_case, sent_on=date(2025, 3, 19), days=14
    )
    assert roskilde_case.deadlines.get(kind=DeadlineKind.PARTY_HEARING).due_on == date(2025, 4, 2)


def test_hearing_cannot_close_without_comments_before_the_period_ends(ballerup, ballerup_case):
    """Forvaltningsloven § 19, stk. 1: the citizen has the whole period to comment."""
    draft(ballerup.caseworker, ballerup_case)
    services.party_hearing_send(
        user=ballerup.caseworker, case=ballerup_case, sent_on=date(2025, 3, 19)
    )
    with pytest.raises(CaseError) as err:
        services.party_hearing_close(
            user=ballerup.caseworker, case=ballerup_case, closed_on=date(2025, 3, 24)
        )
    assert err.value.field == "closed_on"
    with pytest.raises(CaseError):  # the last day of the period is still the citizen's
        services.party_hearing_close(
            user=ballerup.caseworker, case=ballerup_case, closed_on=date(2025, 3, 31)
        )
    hearing = services.party_hearing_close(
        user=ballerup.caseworker, case=ballerup_case, closed_on=date(2025, 4, 1)
    )
    assert hearing.status == HearingStatus.CLOSED
    deadline = ballerup_case.deadlines.get(kind=DeadlineKind.PARTY_HEARING)
    assert (deadline.due_on, deadline.met_on) == (date(2025, 3, 31), date(2025, 4, 1))


def test_ballerup_no_decision_before_partshoering_is_closed(ballerup, ballerup_case):
    """Ballerup, serviceniveau: Sagsbehandling: the draft is always sent, even for a grant."""
    with pytest.raises(CaseError) as err:
        grant(ballerup.caseworker, ballerup_case)
    assert "sendes udkastet altid i partshøring" in err.value.message
    assert "Ballerup, serviceniveau: Sagsbehandling" in err.value.message
    draft(ballerup.caseworker, ballerup_case)
    services.party_hearing_send(
        user=ballerup.caseworker, case=ballerup_case, sent_on=date(2025, 3, 19)
    )
    with pytest.raises(CaseError) as err:
        grant(ballerup.caseworker, ballerup_case)
    assert "Partshøringen er ikke afsluttet" in err.value.message


def test_ballerup_cannot_skip_partshoering(ballerup, ballerup_case):
    """Ballerup's standard promises the hearing; § 19, stk. 2 cannot be used to skip it."""
    draft(ballerup.caseworker, ballerup_case)
    with pytest.raises(CaseError) as err:
        services.party_hearing_skip(
            user=ballerup.caseworker, case=ballerup_case, reason="Borgeren kender oplysningerne."
        )
    assert "kan ikke undlades" in err.value.message


def test_ballerup_decision_freezes_policy_version_and_explanation(ballerup, ballerup_case):
    heard(ballerup.caseworker, ballerup_case)
    decision = grant(ballerup.caseworker, ballerup_case, offer=ballerup.offer)
    assert (decision.policy_id, decision.policy_version) == ("ballerup", "v1")
    assert decision.engine_outcome == "eligible"
    # Retssikkerhedsloven § 67: not received until the decision letter is sent.
    assert decision.received_on is None
    rules = {x["rule"] for x in decision.evaluation["explanations"]}
    assert {"eligibility", "decision_deadline", "party_hearing_deadline"} <= rules
    assert decision.evaluation["decision_deadline"] == "2025-04-24"
    decided = ballerup_case.deadlines.get(kind=DeadlineKind.DECISION)
    assert decided.met_on is None
    tell(ballerup.caseworker, ballerup_case, on=date(2025, 4, 2))  # Digital Post
    decision.refresh_from_db()
    assert decision.received_on == date(2025, 4, 2)
    decided.refresh_from_db()
    assert decided.met_on == date(2025, 4, 2)
    ballerup_case.refresh_from_db()
    assert ballerup_case.status == CaseStatus.DECIDED


def test_vejen_no_decision_before_the_committee_has_reviewed(vejen, vejen_case):
    """Vejen, kvalitetsstandard afsnit 4.1: sagen forelægges et visitationsudvalg før
    afgørelse (policy visitation_committee)."""
    with pytest.raises(CaseError) as err:
        grant(vejen.caseworker, vejen_case)
    assert "visitationsudvalget" in err.value.message
    assert "Vejen, kvalitetsstandard afsnit 4.1" in err.value.message
    reviewed(vejen.committee, vejen_case, offer=vejen.offer)
    decision = grant(vejen.caseworker, vejen_case, offer=vejen.offer)
    assert decision.policy_id == "vejen"


def test_vejen_committee_asking_for_information_blocks_the_decision(vejen, vejen_case):
    services.committee_review_record(
        user=vejen.committee,
        case=vejen_case,
        reviewed_on=date(2025, 3, 26),
        recommendation="needs_information",
    )
    with pytest.raises(CaseError) as err:
        grant(vejen.caseworker, vejen_case)
    assert "mangler oplysninger" in err.value.message


def test_committee_review_only_by_a_member_and_only_where_the_standard_has_one(
    vejen, ballerup, vejen_case, ballerup_case
):
    with pytest.raises(AccessDenied):
        reviewed(vejen.caseworker, vejen_case)
    with pytest.raises(CaseError) as err:
        reviewed(ballerup.committee, ballerup_case)
    assert "har ikke et visitationsudvalg" in err.value.message


def test_roskilde_full_grant_needs_no_draft_or_hearing(roskilde, roskilde_case):
    """Forvaltningsloven § 19 concerns information against the citizen; a full grant is not."""
    decision = grant(roskilde.caseworker, roskilde_case, offer=roskilde.offer)
    assert decision.outcome == Outcome.GRANT


def test_refusal_needs_partshoering_or_a_recorded_reason(roskilde, roskilde_case):
    """Forvaltningsloven § 19, stk. 1 and stk. 2; §§ 22 and 24 (reasons)."""
    refuse = dict(
        user=roskilde.caseworker,
        case=roskilde_case,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Borgeren kan arbejde på normale vilkår.",
        individual_assessment="Borgeren har selv ønsket et fleksjob og er i gang med det.",
    )
    with pytest.raises(CaseError) as err:
        services.decision_make(**refuse)
    assert "§ 19" in err.value.message
    draft(roskilde.caseworker, roskilde_case, outcome="refusal")
    with pytest.raises(CaseError) as err:
        services.party_hearing_skip(user=roskilde.caseworker, case=roskilde_case, reason=" ")
    assert err.value.field == "reason"
    services.party_hearing_skip(
        user=roskilde.caseworker,
        case=roskilde_case,
        reason="Borgeren har selv givet oplysningerne og udtalt sig om dem.",
    )
    with pytest.raises(CaseError) as err:
        services.decision_make(**{**refuse, "reasons": ""})
    assert err.value.field == "reasons"
    decision = services.decision_make(**refuse)
    assert decision.outcome == Outcome.REFUSAL


def test_refusal_after_hearing_on_a_grant_draft_is_refused(roskilde, roskilde_case):
    heard(roskilde.caseworker, roskilde_case, days=14)
    with pytest.raises(CaseError) as err:
        services.decision_make(
            user=roskilde.caseworker,
            case=roskilde_case,
            outcome="refusal",
            decided_on=date(2025, 4, 10),
            reasons="Ikke i målgruppen.",
        )
    assert "udkast til bevilling" in err.value.message


def test_no_grant_against_a_legal_criterion_that_is_not_met(roskilde, citizen_of):
    """Serviceloven § 103, stk. 1: kan ikke opnå beskæftigelse på normale vilkår."""
    case = open_case(roskilde.caseworker, citizen_of(roskilde))
    assess(roskilde.caseworker, case, can_work_on_normal_terms=True)
    with pytest.raises(CaseError) as err:
        grant(roskilde.caseworker, case)
    assert "normale vilkår" in err.value.message
    assert "Serviceloven § 103, stk. 1" in err.value.message


def test_offer_must_be_on_tilbudsportalen(roskilde, roskilde_case):
    """Serviceloven § 14, stk. 2: only offers registered on Tilbudsportalen."""
    from tests.cases.factories import make_offer

    unlisted = make_offer(roskilde.admin, roskilde.municipality, tilbudsportalen_id="")
    with pytest.raises(CaseError) as err:
        grant(roskilde.caseworker, roskilde_case, offer=unlisted)
    assert "Tilbudsportalen" in err.value.message
    company = make_offer(
        roskilde.admin, roskilde.municipality, kind="private_company", tilbudsportalen_id=""
    )
    assert grant(roskilde.caseworker, roskilde_case, offer=company).offer == company


def test_lejre_requires_socialtilsyn_approval(lejre, citizen_of):
    """Lejre, kvalitetsstandard afsnit 8 Kompetencekrav til leverandør (policy
    socialtilsyn_approval_required); the other standards do not ask for it."""
    from tests.cases.factories import make_offer

    case = open_case(lejre.caseworker, citizen_of(lejre))
    assess(lejre.caseworker, case)
    with pytest.raises(CaseError) as err:
        grant(lejre.caseworker, case, offer=lejre.offer)
    assert "socialtilsynet" in err.value.message
    approved = make_offer(lejre.admin, lejre.municipality, socialtilsyn_approved=True)
    assert grant(lejre.caseworker, case, offer=approved).offer == approved


def test_another_municipalitys_offer_is_refused(roskilde, vejen, roskilde_case):
    with pytest.raises(CaseError) as err:
        grant(roskilde.caseworker, roskilde_case, offer=vejen.offer)
    assert err.value.field == "offer"


def test_decision_is_made_once(roskilde, roskilde_case):
    grant(roskilde.caseworker, roskilde_case)
    with pytest.raises(CaseError) as err:
        grant(roskilde.caseworker, roskilde_case)
    assert "Afgjort" in err.value.message
