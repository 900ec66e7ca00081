"""The legal safeguards the case workflow holds (issue 13), each named by the rule it keeps.

Every test here walks a case through the actions themselves, in at least two
municipalities' standards, and checks that the step the law does not allow is refused with
a Danish reason (and changes nothing), and that the one it requires is there.
"""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from bb103.cases import actions, services
from bb103.cases.actions import case_state_load
from bb103.cases.engine.policy import termination_notice_ends
from bb103.cases.errors import CaseError
from bb103.cases.letter_data import letter_data
from bb103.cases.models import (
    Case,
    CaseStatus,
    Complaint,
    Deadline,
    DeadlineKind,
    Decision,
    Placement,
    Task,
    TaskKind,
)
from bb103.cases.services.sweep import sweep_run
from tests.cases.factories import (
    assess,
    draft,
    grant,
    heard,
    make_offer,
    on_day,
    open_case,
    placed,
    reviewed,
    tell,
)
from tests.policy_in_force import reformed, registry_in_force

pytestmark = pytest.mark.django_db


def _deadline(case: Case, kind: str) -> Deadline | None:
    return case.deadlines.filter(kind=kind).first()


# --- A refusal rests on the law, never on the municipality's starting points alone -------


def _lejre_starting_points_only(lejre, citizen_of) -> Case:
    """Lejre, ny tekst: every criterion of Serviceloven § 103, stk. 1 met, but VUM 2 and not
    motivated (Lejre's starting points, "som udgangspunkt")."""
    case = open_case(lejre.caseworker, citizen_of(lejre))
    assess(lejre.caseworker, case, vum_level=2, motivated=False)
    heard(lejre.caseworker, case, outcome="refusal", days=14)
    return case


def test_a_refusal_on_the_standards_starting_points_alone_is_refused(lejre, citizen_of):
    """Serviceloven § 103, stk. 1; Lejre's standard (ny tekst): VUM 3 or 4 and motivation are
    starting points ("som udgangspunkt"), which never carry a refusal alone. The engine says
    so itself; the decision now holds to it."""
    case = _lejre_starting_points_only(lejre, citizen_of)
    refuse = dict(
        user=lejre.caseworker,
        case=case,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Borgeren er vurderet til VUM-niveau 2 og ønsker ikke tilbuddet.",
    )
    with pytest.raises(CaseError) as err:
        services.decision_make(**refuse)
    assert err.value.field == "individual_assessment"
    assert "kan ikke alene føre til afslag" in err.value.message
    assert not Decision.objects.filter(case=case).exists()
    decision = services.decision_make(
        **refuse,
        individual_assessment="Borgeren har i samtalen sagt klart nej til beskyttet "
        "beskæftigelse og ønsker i stedet aktivitetstilbud i botilbuddet.",
    )
    assert decision.outcome == "refusal" and decision.individual_assessment


def test_the_refusal_letter_cites_only_what_carries_the_refusal(lejre, ballerup, citizen_of):
    """Forvaltningsloven §§ 22 and 24: the reasons name the legal rules applied and the
    decisive facts. A refusal resting on an individual assessment does not tell the citizen
    that a legal criterion is unmet, and cites no rule on wages, days or providers."""
    case = _lejre_starting_points_only(lejre, citizen_of)
    services.decision_make(
        user=lejre.caseworker,
        case=case,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Se den konkrete vurdering.",
        individual_assessment="Borgeren ønsker aktivitetstilbud i botilbuddet i stedet.",
    )
    data = letter_data("decision_refusal", case, user=lejre.caseworker, on=date(2025, 4, 2))
    assert data["reasons"] == []  # no criterion of § 103, stk. 1 is unmet
    assert data["individual_assessment"].startswith("Borgeren ønsker")
    rules = " ".join(data["legal_basis"])
    assert "Serviceloven § 103, stk. 1" in rules and "§§ 22 og 24" in rules
    for unrelated in ("§ 105", "483", "Løn", "Omfang", "leverandør"):
        assert unrelated not in rules, unrelated
    # Ballerup: refused because the citizen can work on normal terms (§ 103, stk. 1).
    other = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, other, can_work_on_normal_terms=True)
    heard(ballerup.caseworker, other, outcome="refusal")
    services.decision_make(
        user=ballerup.caseworker,
        case=other,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Lægeattesten viser, at du kan arbejde på normale vilkår.",
    )
    data = letter_data("decision_refusal", other, user=ballerup.caseworker, on=date(2025, 4, 2))
    assert data["reasons"] == ["Du kan få eller holde et job på normale vilkår."]
    assert data["individual_assessment"] is None


# --- Vejen: the visitation committee's recommendation is not bypassed silently -----------


def test_a_decision_against_the_committee_needs_a_recorded_reason(vejen, citizen_of):
    """Vejen's standard, afsnit 4.1: the visitation committee reviews the match before the
    decision. A grant of another offer than the one it supported needs the caseworker's
    reason, recorded on the decision and shown to the committee."""
    elmegade = vejen.offer
    platform = make_offer(vejen.admin, vejen.municipality)
    case = open_case(vejen.caseworker, citizen_of(vejen))
    assess(vejen.caseworker, case)
    heard(vejen.caseworker, case, days=14)
    reviewed(vejen.committee, case, elmegade)
    with pytest.raises(CaseError) as err:
        grant(vejen.caseworker, case, offer=platform)
    assert err.value.field == "committee_deviation_reason"
    assert "går imod udvalgets indstilling" in err.value.message
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFTED and case.decision_id is None
    decision = services.decision_make(
        user=vejen.caseworker,
        case=case,
        outcome="grant",
        decided_on=date(2025, 4, 1),
        offer=platform,
        days_per_week=5,
        committee_deviation_reason="Borgeren bor tæt på Platform og kan selv komme dertil.",
    )
    assert decision.committee_deviation_reason.startswith("Borgeren bor tæt på")
    # Following the committee needs no reason, and none is kept.
    other = open_case(vejen.caseworker, citizen_of(vejen))
    assess(vejen.caseworker, other)
    heard(vejen.caseworker, other, days=14)
    reviewed(vejen.committee, other, elmegade)
    decision = services.decision_make(
        user=vejen.caseworker,
        case=other,
        outcome="grant",
        decided_on=date(2025, 4, 1),
        offer=elmegade,
        days_per_week=5,
        committee_deviation_reason="Ikke nødvendig.",
    )
    assert decision.committee_deviation_reason == ""


# --- The complaint period runs from the letter reaching the citizen ----------------------


def test_no_complaint_period_and_no_met_deadline_before_the_decision_letter(
    ballerup, roskilde, citizen_of
):
    """Retssikkerhedsloven § 67, stk. 1 and domain.md (Dates and deadlines): the complaint
    period runs from the citizen's receipt of the written decision; a Digital Post letter
    counts as received the day it is sent. Before the letter there is no complaint period,
    and the decision deadline is not met, however early the decision is dated."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer, on=date(2025, 4, 1))
    assert _deadline(case, DeadlineKind.COMPLAINT) is None
    decided = _deadline(case, DeadlineKind.DECISION)
    assert decided.met_on is None  # not "Overholdt": the citizen has not been told
    # A complaint before the letter is never late: no period has started.
    complaint = services.complaint_register(
        user=ballerup.caseworker, case=case, received_on=date(2025, 6, 2), form="oral"
    )
    assert not complaint.late
    # Roskilde: the letter goes out on Monday 12 May 2025; four weeks end on 2. pinsedag,
    # 9 June 2025, so the period runs to Tuesday 10 June.
    other = open_case(roskilde.caseworker, citizen_of(roskilde))
    assess(roskilde.caseworker, other)
    grant(roskilde.caseworker, other, offer=roskilde.offer, on=date(2025, 4, 1))
    tell(roskilde.caseworker, other, on=date(2025, 5, 12))
    assert _deadline(other, DeadlineKind.COMPLAINT).due_on == date(2025, 6, 10)
    assert Decision.objects.get(case=other).received_on == date(2025, 5, 12)
    tell(ballerup.caseworker, case, on=date(2025, 4, 3))
    assert _deadline(case, DeadlineKind.DECISION).met_on == date(2025, 4, 3)


def test_a_later_known_receipt_moves_the_complaint_period(ballerup, citizen_of):
    """domain.md: record the actual receipt date where it is known (a letter by post). It
    can only be recorded for a decision whose letter was sent, and not before the letter."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    with pytest.raises(CaseError) as err:
        services.decision_receipt_record(
            user=ballerup.caseworker, case=case, received_on=date(2025, 4, 3)
        )
    assert "Afgørelsesbrevet er ikke sendt" in err.value.message
    tell(ballerup.caseworker, case, on=date(2025, 4, 2))
    with pytest.raises(CaseError) as err:
        services.decision_receipt_record(
            user=ballerup.caseworker, case=case, received_on=date(2025, 4, 1)
        )
    assert err.value.field == "received_on"
    services.decision_receipt_record(
        user=ballerup.caseworker, case=case, received_on=date(2025, 4, 7)
    )
    assert _deadline(case, DeadlineKind.COMPLAINT).due_on == date(2025, 5, 5)


# --- The date promised in a notice of delay is a deadline --------------------------------


def test_the_delay_letters_date_is_tracked_with_sweep_tasks(soenderborg, ballerup, citizen_of):
    """Retssikkerhedsloven § 3, stk. 2: when the deadline cannot be met, the citizen is told
    in writing when to expect the decision; that date is a promise the case now tracks
    (Sønderborg's standard: "Hvis fristen ikke kan overholdes, modtager du en skriftlig
    orientering"). The sweep warns before it and flags it when passed."""
    case = open_case(soenderborg.caseworker, citizen_of(soenderborg))
    assert _deadline(case, DeadlineKind.DECISION) is None  # set by byrådet, not in the text
    assert case.next_due_on is None
    with on_day(date(2025, 4, 22)):
        services.letter_send(
            user=soenderborg.caseworker,
            case=case,
            kind="delay",
            extra_text="Vi venter på en udtalelse fra din læge.",
            expected_on=date(2025, 5, 20),
        )
    promised = _deadline(case, DeadlineKind.EXPECTED_DECISION)
    assert (promised.due_on, promised.met_on) == (date(2025, 5, 20), None)
    assert "Retssikkerhedsloven § 3, stk. 2" in promised.sources
    case.refresh_from_db()
    assert case.next_due_on == date(2025, 5, 20)
    sweep_run(today=date(2025, 5, 14))
    soon = Task.objects.get(case=case, kind=TaskKind.DEADLINE_SOON)
    assert soon.due_on == date(2025, 5, 20) and "senest 20. maj 2025" in soon.title
    sweep_run(today=date(2025, 5, 21))
    assert Task.objects.filter(case=case, kind=TaskKind.DEADLINE_OVERDUE).exists()
    assess(soenderborg.caseworker, case)
    heard(soenderborg.caseworker, case, days=14)
    grant(soenderborg.caseworker, case, offer=soenderborg.offer, on=date(2025, 5, 22))
    tell(soenderborg.caseworker, case, on=date(2025, 5, 22))
    assert _deadline(case, DeadlineKind.EXPECTED_DECISION).met_on == date(2025, 5, 22)


# --- Ending an effort: partshøring, and a day that may lie ahead ------------------------


@pytest.fixture
def working(ballerup, citizen_of) -> Case:
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    placed(ballerup.caseworker, case, ballerup.offer)
    return case


@pytest.mark.parametrize(
    "reason", ["goals_reached", "no_effect", "no_cooperation", "situation_changed", "moved"]
)
def test_ending_for_a_reason_the_citizen_may_dispute_needs_partshoering(ballerup, working, reason):
    """Forvaltningsloven § 19, stk. 1: ending a benefit because the goals are reached, it
    has no effect, the citizen does not cooperate, the situation changed or the citizen
    moved rests on information the citizen must see first (Lejre's and Ballerup's
    standards name these endings)."""
    with pytest.raises(CaseError) as err:
        services.case_terminate(
            user=ballerup.caseworker, case=working, reason=reason, terminated_on=date(2025, 9, 30)
        )
    assert err.value.field == "reason" and "forvaltningsloven § 19" in err.value.message
    working.refresh_from_db()
    assert working.status == CaseStatus.ACTIVE
    assert Placement.objects.get(case=working).ended_on is None


@pytest.mark.parametrize("reason", ["citizen_wish", "died"])
def test_ending_at_the_citizens_own_wish_or_death_needs_no_partshoering(ballerup, working, reason):
    """Forvaltningsloven § 19, stk. 2, nr. 1: a decision that gives the citizen what they
    asked for needs no hearing; nor is there anyone to hear after a death."""
    services.case_terminate(
        user=ballerup.caseworker, case=working, reason=reason, terminated_on=date(2025, 9, 30)
    )
    working.refresh_from_db()
    assert working.status == CaseStatus.TERMINATED


def test_an_ending_decided_now_takes_effect_on_its_future_day(ballerup, working):
    """The effective day may lie ahead (a notice): until then the effort runs, follow-ups
    and attendance go on, and the daily sweep ends it on the day (termination_effect)."""
    services.termination_draft_create(
        user=ballerup.caseworker,
        case=working,
        created_on=date(2025, 9, 1),
        reason="no_effect",
        effective_on=date(2099, 12, 31),
        reasons="Indsatsen har ikke givet den forventede effekt.",
    )
    services.party_hearing_send(user=ballerup.caseworker, case=working, sent_on=date(2025, 9, 1))
    services.party_hearing_close(
        user=ballerup.caseworker, case=working, closed_on=date(2025, 9, 12)
    )
    ending = date.today().replace(year=date.today().year + 1)
    services.case_terminate(
        user=ballerup.caseworker, case=working, reason="no_effect", terminated_on=ending
    )
    working.refresh_from_db()
    assert working.status == CaseStatus.ACTIVE
    assert Placement.objects.get(case=working).ended_on is None
    state = case_state_load(working, today=date.today())
    assert state.termination_pending
    refused = actions.termination_effect.refusal(state)
    assert refused is not None and "træder først i kraft" in refused.message
    # The day before nothing happens; on the day the sweep ends it, once.
    assert sweep_run(today=date.fromordinal(ending.toordinal() - 1)).terminated == 0
    assert sweep_run(today=ending).terminated == 1
    assert sweep_run(today=ending).terminated == 0
    working.refresh_from_db()
    assert working.status == CaseStatus.TERMINATED
    assert Placement.objects.get(case=working).ended_on == ending


def test_the_standards_notice_period_is_kept(ballerup, working, tmp_path):
    """A notice before the effort ends is the standard's to promise (policy
    ``termination_notice``; none of the five does; the law sets none): where one is in
    force the effective day cannot come sooner."""
    with registry_in_force(
        reformed(tmp_path, ("ballerup", "termination_notice", '{ amount = 1, unit = "months" }'))
    ):
        notice = termination_notice_ends("ballerup", date(2025, 9, 1))
        assert notice is not None and notice.ends_on == date(2025, 10, 1)
        with pytest.raises(CaseError) as err:
            services.termination_draft_create(
                user=ballerup.caseworker,
                case=working,
                created_on=date(2025, 9, 1),
                reason="goals_reached",
                effective_on=date(2025, 9, 15),
                reasons="Målene er nået.",
            )
        assert err.value.field == "effective_on" and "1. oktober 2025" in err.value.message
    assert termination_notice_ends("ballerup", date(2025, 9, 1)) is None


# --- Ankestyrelsen's answer is carried out ----------------------------------------------


def _forwarded(staff, citizen_of) -> tuple[Case, Complaint]:
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
    complaint = services.complaint_register(
        user=staff.caseworker,
        case=case,
        received_on=date(2025, 4, 10),
        form="written",
        grounds="Min læge mener, at min funktionsevne er betydeligt nedsat.",
    )
    services.complaint_reassess(
        user=staff.caseworker,
        case=case,
        reassessed_on=date(2025, 4, 14),
        result="upheld",
        notes="Lægeattesten ændrer ikke vurderingen.",
    )
    with on_day(date(2025, 4, 15)):
        services.letter_send(user=staff.caseworker, case=case, kind="complaint_receipt")
    services.complaint_forward(user=staff.caseworker, case=case, forwarded_on=date(2025, 4, 16))
    complaint.refresh_from_db()
    return case, complaint


@pytest.mark.parametrize("outcome", ["upheld", "rejected"])
def test_upheld_or_rejected_leaves_the_decision_in_force(ballerup, citizen_of, outcome):
    """Ankestyrelsen stadfæster (upholds) or afviser (rejects, e.g. a late complaint not
    excused): the municipality's decision stands."""
    case, _ = _forwarded(ballerup, citizen_of)
    before = case.decision_id
    services.complaint_outcome_record(
        user=ballerup.manager, case=case, outcome=outcome, received_on=date(2025, 8, 1)
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.decision_id == before


@pytest.mark.parametrize("outcome", ["sent_back", "annulled"])
def test_sent_back_or_annulled_reopens_the_case_for_a_new_decision(
    ballerup, vejen, citizen_of, outcome
):
    """Ankestyrelsen hjemviser (sends back) or ophæver (annuls) the decision: the
    municipality decides the application again. The case goes back to »Udredt«, the old
    decision is kept as set aside, and the standard's own decision deadline runs from the
    answer (a stated assumption: the law sets none for the renewed treatment). In Vejen the
    committee reviews the case again before the new decision."""
    case, _ = _forwarded(ballerup, citizen_of)
    old = case.decision_id
    services.complaint_outcome_record(
        user=ballerup.manager, case=case, outcome=outcome, received_on=date(2025, 8, 1)
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSED and case.decision_id is None
    assert Decision.objects.get(pk=old).set_aside_on == date(2025, 8, 1)
    again = _deadline(case, DeadlineKind.NEW_DECISION)
    assert again.due_on == date(2025, 9, 12) and again.met_on is None  # 30 working days
    assert case.next_due_on == date(2025, 9, 12)
    assess(ballerup.caseworker, case, on=date(2025, 8, 5))
    draft(ballerup.caseworker, case, on=date(2025, 8, 6))
    services.party_hearing_send(user=ballerup.caseworker, case=case, sent_on=date(2025, 8, 6))
    services.party_hearing_close(
        user=ballerup.caseworker, case=case, closed_on=date(2025, 8, 7), comments="Enig."
    )
    with pytest.raises(CaseError) as err:  # not before the case was reopened
        grant(ballerup.caseworker, case, offer=ballerup.offer, on=date(2025, 7, 31))
    assert err.value.field == "decided_on"
    grant(ballerup.caseworker, case, offer=ballerup.offer, on=date(2025, 8, 11))
    tell(ballerup.caseworker, case, on=date(2025, 8, 11))
    assert _deadline(case, DeadlineKind.NEW_DECISION).met_on == date(2025, 8, 11)
    assert Decision.objects.filter(case=case).count() == 2
    # Vejen: the committee's earlier review does not count for the new decision.
    v_case = open_case(vejen.caseworker, citizen_of(vejen))
    assess(vejen.caseworker, v_case, significant_reduced_function=False)
    heard(vejen.caseworker, v_case, outcome="refusal", days=14)
    services.committee_review_record(
        user=vejen.committee,
        case=v_case,
        reviewed_on=date(2025, 3, 26),
        recommendation="does_not_support",
    )
    services.decision_make(
        user=vejen.caseworker, case=v_case, outcome="refusal", decided_on=date(2025, 4, 1),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
    )  # fmt: skip
    services.complaint_register(
        user=vejen.caseworker, case=v_case, received_on=date(2025, 4, 10), form="oral"
    )
    services.complaint_reassess(
        user=vejen.caseworker, case=v_case, reassessed_on=date(2025, 4, 11),
        result="upheld", notes="Fastholdt.",
    )  # fmt: skip
    services.complaint_forward(user=vejen.caseworker, case=v_case, forwarded_on=date(2025, 4, 12))
    services.complaint_outcome_record(
        user=vejen.caseworker, case=v_case, outcome=outcome, received_on=date(2025, 8, 1)
    )
    state = case_state_load(Case.objects.get(pk=v_case.pk), today=date(2025, 8, 2))
    assert state.committee_review is None
    assert any("visitationsudvalget" in r for r in actions.decision_make.preconditions(state))


def test_changed_puts_ankestyrelsens_decision_in_force(ballerup, citizen_of):
    """Ankestyrelsen ændrer (changes) the decision: its decision is the one in force from
    its receipt, and the municipality carries it out (here: the placement can start)."""
    case, _ = _forwarded(ballerup, citizen_of)
    with pytest.raises(CaseError) as err:
        services.complaint_outcome_record(
            user=ballerup.caseworker, case=case, outcome="changed", received_on=date(2025, 8, 1)
        )
    assert err.value.field == "new_outcome"
    services.complaint_outcome_record(
        user=ballerup.caseworker,
        case=case,
        outcome="changed",
        received_on=date(2025, 8, 1),
        new_outcome="grant",
        notes="Ankestyrelsen: funktionsevnen er betydeligt nedsat.",
    )
    case.refresh_from_db()
    decision = case.decision
    assert (decision.origin, decision.outcome, decision.received_on) == (
        "ankestyrelsen",
        "grant",
        date(2025, 8, 1),
    )
    assert case.status == CaseStatus.DECIDED
    placed(ballerup.caseworker, case, ballerup.offer, on=date(2025, 8, 4))
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_forwarding_sends_the_case_file_as_one_pdf(ballerup, citizen_of):
    """Retssikkerhedsloven § 66, stk. 2: the complaint goes to Ankestyrelsen with the case
    file: the decision, the letters, the assessment and the citizen's complaint, as one PDF
    kept exactly as it was sent."""
    case, complaint = _forwarded(ballerup, citizen_of)
    pdf = bytes(complaint.case_file)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    letters = list(case.letters.order_by("sent_at"))
    assert [letter.kind for letter in letters] == ["decision_refusal", "complaint_receipt"]
    # The index names every letter; the letters follow as sent (their pages are appended).
    assert len(reader.pages) >= 1 + sum(
        len(PdfReader(io.BytesIO(bytes(letter.pdf))).pages) for letter in letters
    )
    for expected in (
        "Sagsakter til Ankestyrelsen",
        case.citizen.cpr,
        "Min læge mener",  # the citizen's complaint
        "Lægeattesten ændrer ikke vurderingen",  # the reassessment
        "Funktionsevnen er ikke betydeligt nedsat",  # the decision's reasons
        "Udredning",  # the assessment
        "Du får ikke beskyttet beskæftigelse",  # the decision letter itself
    ):
        assert expected in text, expected
    import hashlib

    assert complaint.case_file_sha256 == hashlib.sha256(pdf).hexdigest()
