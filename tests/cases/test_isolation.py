"""One municipality cannot reach another's rows, through any selector or any step.

Style guide point 6; the citizen's data is sensitive (tavshedspligt). Another municipality's
row is "not found", so that its existence is not revealed."""

from datetime import date

import pytest

from bb103.cases import actions, selectors, services
from bb103.cases.errors import AccessDenied, NotFound
from bb103.cases.models import Membership, Role
from tests.cases.factories import assess, grant, heard, make_user, open_case, placed, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(ballerup, vejen, citizen_of):
    """An active case in each of two municipalities."""
    b_case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, b_case)
    heard(ballerup.caseworker, b_case)
    grant(ballerup.caseworker, b_case, offer=ballerup.offer)
    placed(ballerup.caseworker, b_case, ballerup.offer)
    v_case = open_case(vejen.caseworker, citizen_of(vejen))
    assess(vejen.caseworker, v_case)
    reviewed(vejen.committee, v_case)
    return b_case, v_case


def test_every_selector_hides_the_other_municipality(ballerup, vejen, world):
    b_case, v_case = world
    for user in (ballerup.caseworker, ballerup.committee, ballerup.manager):
        assert list(selectors.case_list_for_user(user=user)) == [b_case]
        assert selectors.case_get_for_user(user=user, case_id=b_case.pk) == b_case
        with pytest.raises(NotFound):
            selectors.case_get_for_user(user=user, case_id=v_case.pk)
        with pytest.raises(NotFound):
            selectors.citizen_get_for_user(user=user, citizen_id=v_case.citizen_id)
        assert list(selectors.citizen_list_for_user(user=user)) == [b_case.citizen]
        assert {d.case_id for d in selectors.deadline_list_for_user(user=user)} == {b_case.pk}
        with pytest.raises(NotFound):
            selectors.audit_list_for_case(user=user, case_id=v_case.pk)
        assert selectors.audit_list_for_case(user=user, case_id=b_case.pk).exists()
        with pytest.raises(NotFound):
            selectors.offer_get_for_user(user=user, offer_id=vejen.offer.pk)
        assert list(selectors.provider_list_for_user(user=user)) == [ballerup.offer.provider]
        assert list(selectors.offer_list_for_user(user=user)) == [ballerup.offer]
    with pytest.raises(NotFound) as err:
        selectors.case_get_for_user(user=vejen.caseworker, case_id=b_case.pk)
    assert "findes ikke, eller du har ikke adgang" in err.value.message


def test_provider_staff_read_their_placements_never_a_case_file(ballerup, world, citizen_of):
    b_case, v_case = world
    staff = make_user(
        "kontaktperson",
        ballerup.municipality,
        Role.PROVIDER_STAFF,
        provider=ballerup.offer.provider,
    )
    not_placed = open_case(ballerup.caseworker, citizen_of(ballerup))
    # GDPR art. 5(1)(c) and 9 (issue 14): no case file, not even of their own citizens;
    # the placement's pages are theirs (selectors/provider_work.py).
    assert not selectors.case_list_for_user(user=staff).exists()
    assert not selectors.citizen_list_for_user(user=staff).exists()
    for case in (b_case, not_placed, v_case):
        with pytest.raises(NotFound):
            selectors.case_get_for_user(user=staff, case_id=case.pk)
    (placement,) = selectors.provider_placement_list_for_user(user=staff)
    assert placement.case_id == b_case.pk
    other_provider = make_user(
        "anden-kontakt",
        ballerup.municipality,
        Role.PROVIDER_STAFF,
        provider=services.provider_register(
            user=ballerup.admin,
            municipality=ballerup.municipality,
            name="Andet værksted",
            kind="private_provider",
        ),
    )
    assert not selectors.case_list_for_user(user=other_provider).exists()


def test_administrators_and_strangers_read_no_cases(ballerup, world):
    b_case, _ = world
    stranger = make_user("uden-rolle", ballerup.municipality, Role.CASEWORKER)
    Membership.objects.filter(user=stranger).delete()
    for user in (ballerup.admin, stranger):
        assert not selectors.case_list_for_user(user=user).exists()
        with pytest.raises(NotFound):
            selectors.case_get_for_user(user=user, case_id=b_case.pk)
    assert list(selectors.provider_list_for_user(user=ballerup.admin)) == [ballerup.offer.provider]


def test_inactive_user_reads_nothing(ballerup, world):
    ballerup.caseworker.is_active = False
    ballerup.caseworker.save()
    assert not selectors.case_list_for_user(user=ballerup.caseworker).exists()


# Input each step would accept on a case of its state, by action name.
STEPS = {
    "assessment_record": lambda c: dict(assessed_on=date(2025, 3, 17)),
    "committee_review_record": lambda c: dict(
        reviewed_on=date(2025, 3, 26), recommendation="supports"
    ),
    "draft_decision_create": lambda c: dict(created_on=date(2025, 3, 18), proposed_outcome="grant"),
    "party_hearing_send": lambda c: dict(sent_on=date(2025, 3, 19)),
    "party_hearing_skip": lambda c: dict(reason="Ubetænkeligt."),
    # Issue 19: the citizen's own steps in Min sag (staff of any municipality are refused).
    "party_hearing_answer": lambda c: dict(text="Jeg er enig."),
    "change_report": lambda c: dict(kind="address", text="Ny adresse."),
    "party_hearing_close": lambda c: dict(closed_on=date(2025, 3, 25)),
    "decision_make": lambda c: dict(outcome="grant", decided_on=date(2025, 4, 1), days_per_week=4),
    "decision_receipt_record": lambda c: dict(received_on=date(2025, 4, 3)),
    "handleplan_record": lambda c: dict(status="declined", offered_on=date(2025, 4, 2)),
    "placement_start": lambda c: dict(
        offer=c.placements.get().offer,
        start_on=date(2025, 5, 1),
        days_per_week=4,
        contact_person="K",
    ),
    "follow_up_record": lambda c: dict(held_on=date(2025, 11, 3)),
    "follow_up_book": lambda c: dict(planned_on=date(2025, 11, 3), place="Værkstedet"),
    "follow_up_booking_cancel": lambda c: dict(reason="Borgeren er syg."),
    "termination_draft_create": lambda c: dict(
        created_on=date(2025, 9, 1),
        reason="goals_reached",
        effective_on=date(2025, 9, 30),
        reasons="Målene er nået.",
    ),
    "case_terminate": lambda c: dict(reason="citizen_wish", terminated_on=date(2025, 9, 30)),
    "termination_effect": lambda c: {},
    "complaint_register": lambda c: dict(received_on=date(2025, 4, 10), form="written"),
    "complaint_reassess": lambda c: dict(
        reassessed_on=date(2025, 4, 11), result="upheld", notes="x"
    ),
    "complaint_forward": lambda c: dict(forwarded_on=date(2025, 4, 12)),
    "complaint_outcome_record": lambda c: dict(outcome="upheld", received_on=date(2025, 8, 1)),
    "waiting_list_add": lambda c: dict(
        offer=c.placements.get().offer, since=date(2025, 4, 2), note=""
    ),
    "waiting_list_leave": lambda c: dict(offer=c.placements.get().offer, left_on=date(2025, 4, 3)),
    "case_close": lambda c: dict(reason="withdrawn", closed_on=date(2025, 4, 3)),
    "journal_note_add": lambda c: dict(kind="phone", occurred_on=date(2025, 4, 2), text="x"),
    "assessment_correct": lambda c: dict(reason="Tastefejl.", vum_level=2),
    "change_draft_create": lambda c: dict(
        created_on=date(2025, 9, 1),
        effective_on=date(2025, 10, 1),
        days_per_week=3,
        reasons="Færre dage.",
    ),
    "change_decision_make": lambda c: dict(
        decided_on=date(2025, 9, 15), effective_on=date(2025, 10, 1), days_per_week=5
    ),
    "change_effect": lambda c: {},
    **{
        action.name: lambda c: dict(extra_text="x", expected_on=date(2026, 1, 5))
        for action in actions.LETTER_ACTIONS.values()
    },
}


def test_no_step_on_another_municipalitys_case(vejen, world):
    """Every action checks the role in the case's own municipality, whoever hands it the
    case: a Vejen caseworker, committee member and manager are all refused on Ballerup's.
    (One case for all steps: building it per step would cost a second of the suite.)"""
    b_case, _ = world
    assert sorted(STEPS) == sorted(a.name for a in actions.CASE_ACTIONS), (
        "every step on a case must be in STEPS"
    )
    allowed = []
    for action in actions.CASE_ACTIONS:
        for user in (vejen.caseworker, vejen.committee, vejen.manager):
            try:
                action(user=user, case=b_case, **STEPS[action.name](b_case))
            except AccessDenied:
                continue
            allowed.append(f"{action.name} by {user.username}")
    # transport_set acts on a placement; refused across municipalities in its own tests.
    assert allowed == []
    b_case.refresh_from_db()
    assert b_case.status == "active"


def test_no_registration_in_another_municipality(ballerup, vejen, world):
    b_case, _ = world
    with pytest.raises(AccessDenied):
        services.citizen_register(
            user=vejen.caseworker,
            municipality=ballerup.municipality,
            cpr="010190-1234",
            first_name="Ada",
            last_name="Testesen",
        )
    with pytest.raises(AccessDenied):
        services.representative_register(
            user=vejen.caseworker, citizen=b_case.citizen, name="X", relation="relative"
        )
    with pytest.raises(AccessDenied):
        services.provider_register(
            user=vejen.admin, municipality=ballerup.municipality, name="X", kind="own_municipal"
        )
    with pytest.raises(AccessDenied):
        services.offer_register(user=vejen.admin, provider=ballerup.offer.provider, name="X")
