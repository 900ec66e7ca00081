"""Issue 20, points 1 and 2: every figure of the manager's overview against a small world
counted by hand, in two municipalities (a manager sees only their own).

The decision deadline is the standard's own (the case's Deadline row of kind "decision",
met the day the decision reached the citizen): Ballerup's serviceniveau gives 30 working
days ("Sagsbehandlingstid (op til 30 hverdage)"), Vejen's kvalitetsstandard afsnit 4.1 six
weeks. The last test walks a Ballerup case through the services to prove the row the
overview counts is the one the engine computed from the standard."""

from datetime import date, timedelta

import pytest

from bb103.cases.errors import AccessDenied, NotFound
from bb103.cases.models import AnkeOutcome, CaseStatus, Membership, Offer, Role
from bb103.cases.overview_figures import figure, figures
from bb103.cases.selectors.overview import overview_for_user, percentile
from tests.cases.factories import assess, grant, heard, open_case, tell
from tests.cases.overview_world import (
    appealed,
    approved_month,
    criterion,
    decided_case,
    open_task,
    running,
    waiting,
)

pytestmark = pytest.mark.django_db

TODAY = date(2025, 10, 1)
# (month the decision reached the citizen, on time?, days from application to decision)
BALLERUP_DECISIONS = [
    (1, True, 10),
    (1, True, 12),
    (3, True, 20),
    (3, True, 25),
    (3, False, 30),
    (6, True, 41),
    (6, True, 44),
    (6, True, 50),
    (6, False, 90),
]


@pytest.fixture
def ballerup_year(ballerup):
    """Ballerup's 2025 by hand: 7 of 9 decisions on time; four of Ankestyrelsen's decisions
    on three grounds; one month approved against the same month of 2024."""
    for month, on_time, days in BALLERUP_DECISIONS:
        decided = date(2025, month, 15)
        due = decided + timedelta(days=1 if on_time else -1)
        decided_case(
            ballerup,
            received_on=decided - timedelta(days=days),
            decided_on=decided,
            due_on=due,
            status=CaseStatus.TERMINATED,
        )
    # Last year's: not in 2025's figures.
    decided_case(
        ballerup,
        received_on=date(2024, 5, 1),
        decided_on=date(2024, 6, 1),
        due_on=date(2024, 5, 20),
        status=CaseStatus.TERMINATED,
    )
    unmet_work = criterion("cannot_work_on_normal_terms", False)
    unmet_vum = criterion("vum_level_3_or_4", False, "municipal")
    met = criterion("age_min", True)
    old = {"received_on": date(2024, 10, 1), "decided_on": date(2024, 11, 1)}
    old["due_on"] = old["decided_on"]
    a = decided_case(ballerup, outcome="refusal", criteria=[met, unmet_work], **old)
    b = decided_case(ballerup, outcome="refusal", criteria=[met, unmet_work, unmet_vum], **old)
    c = decided_case(ballerup, outcome="refusal", criteria=[met, unmet_vum], **old)
    d = decided_case(ballerup, **old)
    appealed(a, outcome=AnkeOutcome.CHANGED, on=date(2025, 5, 20))
    appealed(b, outcome=AnkeOutcome.SENT_BACK, on=date(2025, 6, 20))
    appealed(c, outcome=AnkeOutcome.UPHELD, on=date(2025, 7, 20))
    appealed(d, outcome=AnkeOutcome.UPHELD, on=date(2025, 8, 20))
    changed = decided_case(ballerup, **old)
    appealed(
        changed,
        outcome="",
        on=date(2025, 4, 1),
        reassessed_on=date(2025, 4, 10),
        reassessment="changed",
        forwarded_on=None,
        anke_outcome_on=None,
    )
    # Costs: March 2025 approved (two lines), March 2024 approved, April 2025 open.
    active = decided_case(ballerup, status=CaseStatus.ACTIVE, **old)
    Offer.objects.filter(pk=ballerup.offer.pk).update(places=3)
    placement = running(active, ballerup.offer, date(2024, 3, 1))
    approved_month(
        ballerup, date(2025, 3, 1), [("1000", "100", "5000"), ("2000", "50", "5000")], placement
    )
    approved_month(ballerup, date(2024, 3, 1), [("1000", "0", "9000")], placement)
    running(active, ballerup.offer, date(2024, 1, 1), ended_on=date(2024, 2, 1))
    waiting(d, ballerup.offer, date(2025, 9, 1))
    left = waiting(changed, ballerup.offer, date(2025, 8, 1))
    left.left_on = date(2025, 9, 1)
    left.save()
    open_task(active, date(2025, 9, 1))
    open_task(active, date(2025, 12, 1))
    unassigned = decided_case(ballerup, status=CaseStatus.RECEIVED, **old)
    unassigned.caseworker = None
    unassigned.save()
    return ballerup


@pytest.fixture
def vejen_year(vejen):
    """Vejen's 2025: three decisions, all after its six weeks, and an approved month."""
    for month in (2, 3, 4):
        decided = date(2025, month, 10)
        decided_case(
            vejen,
            received_on=decided - timedelta(days=60),
            decided_on=decided,
            due_on=decided - timedelta(days=18),
        )
    vejen_case = decided_case(
        vejen, received_on=date(2025, 1, 1), decided_on=date(2025, 1, 2), due_on=date(2025, 1, 3)
    )
    placement = running(vejen_case, vejen.offer, date(2025, 1, 1))
    approved_month(vejen, date(2025, 3, 1), [("500", "0", "500")], placement)
    appealed(vejen_case, outcome=AnkeOutcome.CHANGED, on=date(2025, 3, 3))
    return vejen


def _ballerup(ballerup_year, vejen_year):
    return overview_for_user(
        user=ballerup_year.manager, municipality_id="ballerup", year=2025, today=TODAY
    )


def test_ballerup_30_working_days_7_of_9_decisions_on_time_by_month(ballerup_year, vejen_year):
    """Ballerup, serviceniveau "Sagsbehandlingstid (op til 30 hverdage)": 7 of the 9
    decisions that reached the citizen in 2025 did so by their deadline; 2024's and
    Vejen's (all late) are not counted."""
    o = _ballerup(ballerup_year, vejen_year)
    assert (o.on_time, o.late) == (7, 2)
    by_month = {m.month: (m.on_time, m.late) for m in o.deadlines if m.total}
    assert by_month == {1: (2, 0), 3: (2, 1), 6: (3, 1)}
    assert o.rules[0].label == "30 arbejdsdage"
    assert "30 hverdage" in o.rules[0].source
    f = figure(o, "frister")
    assert f is not None
    assert "7 af 9 afgørelser (78 %)" in f.summary
    assert "Flest efter fristen i marts (1)" in f.summary
    assert f.rows[-1] == ["I alt", 7, 2, 9]


def test_vejen_6_weeks_all_three_late_and_none_of_ballerups(ballerup_year, vejen_year):
    """Vejen, kvalitetsstandard afsnit 4.1 (6 uger): its own three decisions, all late."""
    o = overview_for_user(user=vejen_year.manager, municipality_id="vejen", year=2025, today=TODAY)
    assert (o.on_time, o.late) == (1, 3)
    assert o.rules[0].label == "6 uger"
    assert o.complaints.received == 1
    assert o.costs[2].total == 1000


def test_days_from_application_to_decision_median_and_90th_percentile(ballerup_year, vejen_year):
    """Days from receipt to the first decision, for the 9 decisions made in 2025: median
    the 5th of 10, 12, 20, 25, 30, 41, 44, 50, 90 = 30; nearest-rank 90th percentile the
    ceil(0.9 × 9) = 9th = 90."""
    o = _ballerup(ballerup_year, vejen_year)
    assert sorted(o.days_to_decision) == [10, 12, 20, 25, 30, 41, 44, 50, 90]
    assert (o.median_days, o.p90_days) == (30, 90)
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert percentile([], 90) is None


def test_cases_by_state_caseload_and_overdue_tasks(ballerup_year, vejen_year):
    """10 terminated, 5 decided (3 refusals, 2 grants), 1 active, 1 received. Open for the
    caseworker: the 2 granted decided cases and the active one; the refusals are finished
    (the team page's rule); the received one has no caseworker. 1 of 2 open tasks is
    overdue."""
    o = _ballerup(ballerup_year, vejen_year)
    assert o.cases_by_state[CaseStatus.TERMINATED] == 10
    assert o.cases_by_state[CaseStatus.ACTIVE] == 1
    assert o.cases_by_state[CaseStatus.RECEIVED] == 1
    assert o.cases_by_state[CaseStatus.DECIDED] == 5
    assert sum(o.cases_by_state.values()) == 17
    rows = {r.caseworker: r for r in o.caseload}
    worker = rows["ballerup-raadgiver"]
    assert (worker.open_cases, worker.open_tasks, worker.overdue_tasks) == (3, 2, 1)
    assert rows["Ingen rådgiver"].open_cases == 1


def test_occupancy_and_waiting_list_per_offer(ballerup_year, vejen_year):
    """Ballerup's offer has 3 places: 2 placements run today (the ended one does not
    count), 1 case waits (the one that left does not)."""
    o = _ballerup(ballerup_year, vejen_year)
    (offer,) = o.offers
    assert (offer.places, offer.running, offer.waiting, offer.occupancy_pct) == (3, 2, 1, 67)


def test_monthly_cost_from_approved_settlements_against_last_year(ballerup_year, vejen_year):
    """March 2025: wages 1000 + 2000, transport 100 + 50, takst 5000 + 5000 = 13 150
    kr. against 10 000 kr. in March 2024; no other approved month."""
    o = _ballerup(ballerup_year, vejen_year)
    march = o.costs[2]
    assert (march.wages, march.transport, march.takst) == (3000, 150, 10000)
    assert (march.total, march.last_year_total) == (13150, 10000)
    assert [c.month for c in o.costs if c.total is not None] == [3]
    f = figure(o, "udgifter")
    assert f is not None
    assert "13.150 kr." in f.summary and "10.000 kr." in f.summary


def test_complaints_received_changed_forwarded_and_outcomes(ballerup_year, vejen_year):
    """5 complaints received in 2025; 1 changed at genvurdering (Retssikkerhedsloven
    § 66); 4 forwarded; Ankestyrelsen upheld 2, changed 1, sent back 1."""
    c = _ballerup(ballerup_year, vejen_year).complaints
    assert (c.received, c.changed_at_reassessment, c.forwarded) == (5, 1, 4)
    assert c.outcomes == {"upheld": 2, "changed": 1, "sent_back": 1, "annulled": 0, "rejected": 0}


def test_ankestyrelsens_changes_are_not_counted_as_the_municipalitys_own(ballerup_year, vejen_year):
    """Genvurdering (the municipality's own change, Retssikkerhedsloven § 66) and
    Ankestyrelsen's "ændret" are two figures: with Ankestyrelsen's change made an upholding,
    the municipality's own change still counts 1 and Ankestyrelsen's changes 0."""
    from bb103.cases.models import Complaint

    Complaint.objects.filter(anke_outcome="changed").update(anke_outcome="upheld")
    c = _ballerup(ballerup_year, vejen_year).complaints
    assert c.changed_at_reassessment == 1
    assert c.outcomes["changed"] == 0 and c.outcomes["upheld"] == 3


def test_which_rules_fail_in_appeal_per_criterion_as_frozen(ballerup_year, vejen_year):
    """★ Issue 20, point 2. Refusal A rested on "cannot work on normal terms" (changed), B
    on that and the standard's VUM level (sent back), C on the VUM level (upheld), and a
    grant was upheld. B counts under both its criteria; the total counts it once."""
    o = _ballerup(ballerup_year, vejen_year)
    grounds = {g.key: (g.kind, g.outcomes) for g in o.appeal_grounds}
    assert grounds == {
        "cannot_work_on_normal_terms": ("legal", {"changed": 1, "sent_back": 1}),
        "vum_level_3_or_4": ("municipal", {"sent_back": 1, "upheld": 1}),
        "grant": ("other", {"upheld": 1}),
    }
    assert o.appeal_grounds[0].not_upheld == 2
    assert o.appeal_totals["upheld"] == 2 and sum(o.appeal_totals.values()) == 4
    f = figure(o, "ankestyrelsen")
    assert f is not None
    assert "«Kriteriet cannot_work_on_normal_terms»: 2 af 2" in f.summary
    assert f.rows[-1][-1] == 4


def test_the_ground_is_the_criterion_frozen_at_decision_time(ballerup_year, vejen_year):
    """A criterion's label is read from the decision's evaluation as it was frozen, so a
    later standard cannot rename or remove what a decision rested on."""
    o = _ballerup(ballerup_year, vejen_year)
    labels = {g.key: g.label for g in o.appeal_grounds}
    assert labels["vum_level_3_or_4"] == "Kriteriet vum_level_3_or_4"


def test_a_manager_sees_no_other_municipalitys_numbers(ballerup_year, vejen_year):
    with pytest.raises(NotFound):
        overview_for_user(
            user=ballerup_year.manager, municipality_id="vejen", year=2025, today=TODAY
        )
    # A caseworker reads the cases but does not lead: refused, not hidden.
    with pytest.raises(AccessDenied):
        overview_for_user(
            user=ballerup_year.caseworker, municipality_id=None, year=2025, today=TODAY
        )


def test_a_manager_of_two_municipalities_sees_each_or_both(ballerup_year, vejen_year):
    Membership.objects.create(
        user=ballerup_year.manager, municipality=vejen_year.municipality, role=Role.MANAGER
    )
    both = overview_for_user(
        user=ballerup_year.manager, municipality_id=None, year=2025, today=TODAY
    )
    assert (both.on_time, both.late) == (8, 5)
    assert [r.label for r in both.rules] == ["30 arbejdsdage", "6 uger"]
    assert both.costs[2].total == 13150 + 1000


def test_every_figure_has_a_summary_table_and_a_csv_ready_row(ballerup_year, vejen_year):
    for f in figures(_ballerup(ballerup_year, vejen_year)):
        assert f.summary and f.headers
        assert all(len(row) == len(f.headers) == len(f.kinds) for row in f.rows)


def test_ballerup_deadline_row_from_the_standard_is_what_the_overview_counts(
    ballerup, vejen, citizen_of
):
    """Walked through the services: received 10 March 2025, Ballerup's 30 working days
    run to a day in late April; the decision letter on 1 April is on time."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    tell(ballerup.caseworker, case, on=date(2025, 4, 1))
    row = case.deadlines.get(kind="decision")
    assert row.met_on == date(2025, 4, 1) and row.due_on > row.met_on
    o = overview_for_user(user=ballerup.manager, municipality_id=None, year=2025, today=TODAY)
    assert (o.on_time, o.late, o.deadlines[3].on_time) == (1, 0, 1)
    assert o.days_to_decision == [(date(2025, 4, 1) - date(2025, 3, 10)).days]
