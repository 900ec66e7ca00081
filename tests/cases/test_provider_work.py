"""The provider staff's services (issue 6, points 2 and 3): attendance for a whole workshop,
the pedagogical plan, deviations, wages and the repeated-absence rule.

Fixtures have at least two municipalities, and two providers in one of them, so a test can
show that one provider's staff reach nothing of another's."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bb103.cases import services
from bb103.cases.errors import AccessDenied, CaseError, NotFound
from bb103.cases.models import (
    Attendance,
    AuditEntry,
    Placement,
    Role,
    SettlementMonth,
    SettlementStatus,
    Task,
    TaskKind,
    TaskStatus,
    User,
    WageAgreement,
)
from bb103.cases.services import AttendanceEntry
from bb103.cases.services.sweep import sweep_run
from tests.cases.factories import (
    make_offer,
    make_user,
    running_placement,
)

pytestmark = pytest.mark.django_db

P, S = "present", "sick"
N, U = "notified_absence", "unnotified_absence"
MONDAY = date(2025, 5, 5)  # a week with no holiday; placements start 1 May 2025


def active(staff, citizen_of, *, offer=None, weekdays="1234") -> Placement:
    """A running placement from 1 May 2025 with the given weekdays (ISO numbers)."""
    return running_placement(staff, citizen_of, offer=offer, weekdays=weekdays)


def worker(staff, offer=None):
    offer = offer or staff.offer
    name = f"{staff.municipality.pk}-tilbud-{offer.pk}"
    found = User.objects.filter(username=name).first()
    return found or make_user(name, staff.municipality, Role.PROVIDER_STAFF, offer.provider)


def week(placement, monday=MONDAY, statuses=(P, P, P, P)):
    return [AttendanceEntry(placement.pk, monday + timedelta(i), s) for i, s in enumerate(statuses)]


def record(user, offer, entries):
    return services.attendance_record(user=user, offer=offer, entries=entries)


# --- attendance ---------------------------------------------------------------------------
def test_a_week_for_a_whole_workshop_is_one_submit_with_one_audit_entry_per_case(
    ballerup, vejen, citizen_of
):
    """Issue 6 point 2: attendance for a workshop at once; upsert per (placement, day)."""
    placements = [active(ballerup, citizen_of) for _ in range(3)]
    staff = worker(ballerup)
    result = record(staff, ballerup.offer, [e for p in placements for e in week(p)])
    assert (result.saved, result.cases) == (12, 3)
    assert Attendance.objects.count() == 12
    audits = AuditEntry.objects.filter(action="attendance_record")
    assert audits.count() == 3
    # Registering the week again with one change updates that day only.
    again = week(placements[0], statuses=(P, S, P, P))
    assert record(staff, ballerup.offer, again).saved == 1
    assert Attendance.objects.get(placement=placements[0], day=MONDAY + timedelta(1)).status == S
    assert Attendance.objects.count() == 12


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2025, 5, 29), "Kristi himmelfartsdag, a public holiday"),
        (date(2025, 6, 5), "Grundlovsdag, the administration's closing day"),
        (date(2025, 5, 9), "a Friday, not among the placement's weekdays 1234"),
        (date(2025, 5, 10), "a Saturday"),
        (date(2025, 4, 28), "before the placement started"),
    ],
)
def test_only_planned_days_can_be_registered(ballerup, citizen_of, day, why):
    """Planned days: the placement's weekdays that are working days in the municipality's
    calendar (domain.md, Dates: holidays and closing days) while it runs."""
    placement = active(ballerup, citizen_of)
    with pytest.raises(CaseError) as info:
        record(worker(ballerup), ballerup.offer, [AttendanceEntry(placement.pk, day, P)])
    assert "ikke en planlagt arbejdsdag" in info.value.message, why
    assert info.value.field == f"a-{placement.pk}-{day.isoformat()}"


def test_no_attendance_for_a_day_after_today(ballerup, citizen_of):
    placement = active(ballerup, citizen_of, weekdays="1234567")
    tomorrow = date.today() + timedelta(days=2)
    with pytest.raises(CaseError, match="efter i dag"):
        record(worker(ballerup), ballerup.offer, [AttendanceEntry(placement.pk, tomorrow, P)])


@pytest.mark.parametrize(
    ("status", "hours", "says"),
    [
        (S, Decimal("3"), "kun for en dag, borgeren er mødt"),
        (P, Decimal("0"), "over 0 og højst 24"),
        (P, Decimal("24.5"), "over 0 og højst 24"),
        ("late", None, "skal være en af"),
    ],
)
def test_hours_only_on_present_days_and_within_a_day(ballerup, citizen_of, status, hours, says):
    placement = active(ballerup, citizen_of)
    entry = AttendanceEntry(placement.pk, MONDAY, status, hours)
    with pytest.raises(CaseError, match=says):
        record(worker(ballerup), ballerup.offer, [entry])


def test_hours_on_a_present_day_are_kept(ballerup, citizen_of):
    placement = active(ballerup, citizen_of)
    record(
        worker(ballerup), ballerup.offer, [AttendanceEntry(placement.pk, MONDAY, P, Decimal("4.5"))]
    )
    assert Attendance.objects.get().hours == Decimal("4.5")


def test_one_bad_cell_saves_nothing(ballerup, citizen_of):
    """Atomic: the whole submit or nothing."""
    placement = active(ballerup, citizen_of)
    entries = [*week(placement), AttendanceEntry(placement.pk, date(2025, 5, 9), P)]
    with pytest.raises(CaseError):
        record(worker(ballerup), ballerup.offer, entries)
    assert Attendance.objects.count() == 0


def test_an_approved_settlement_month_is_locked(ballerup, vejen, citizen_of):
    """Issue 6 point 4: an approved month is locked; attendance in it cannot change. Another
    municipality's approved month locks nothing here."""
    placement = active(ballerup, citizen_of)
    SettlementMonth.objects.create(
        municipality=vejen.municipality, month=date(2025, 5, 1), status=SettlementStatus.APPROVED
    )
    record(worker(ballerup), ballerup.offer, week(placement))
    SettlementMonth.objects.create(
        municipality=ballerup.municipality,
        month=date(2025, 5, 1),
        status=SettlementStatus.APPROVED,
    )
    with pytest.raises(CaseError, match="maj 2025 kan ikke ændres: måneden er afregnet"):
        record(worker(ballerup), ballerup.offer, week(placement, statuses=(S, S, S, S)))
    assert set(Attendance.objects.values_list("status", flat=True)) == {P}


def test_another_providers_citizen_is_not_found_and_a_caseworker_may_not_register(
    ballerup, citizen_of
):
    """Isolation: provider staff reach only placements at their own provider's offers; the
    attendance is the provider's to register (permissions.STEPS)."""
    other_offer = make_offer(ballerup.admin, ballerup.municipality)
    mine, theirs = active(ballerup, citizen_of), active(ballerup, citizen_of, offer=other_offer)
    staff = worker(ballerup)
    with pytest.raises(NotFound):
        record(staff, other_offer, week(theirs))
    with pytest.raises(NotFound):  # their citizen smuggled into my workshop's submit
        record(staff, ballerup.offer, [*week(mine), *week(theirs)])
    with pytest.raises(AccessDenied):
        record(ballerup.caseworker, ballerup.offer, week(mine))
    assert Attendance.objects.count() == 0


# --- repeated absence (issue 6 point 3) -------------------------------------------------------
def _absence_tasks(placement):
    return list(Task.objects.filter(placement=placement, kind=TaskKind.REPEATED_ABSENCE))


def test_vejen_repeated_cancellations_make_one_task_for_the_caseworker(vejen, citizen_of):
    """Vejen afsnit 1.2: »Ved gentagne afbud ... dialog med borgeren og leverandøren«; notified
    and unnotified absence both count (3 of the last 20 planned days, an assumption)."""
    placement = active(vejen, citizen_of)
    staff = worker(vejen)
    record(staff, vejen.offer, week(placement, statuses=(P, N, P, P)))
    assert _absence_tasks(placement) == []
    record(staff, vejen.offer, week(placement, MONDAY + timedelta(7), (U, P, N, P)))
    [task] = _absence_tasks(placement)
    assert task.assigned_to == vejen.caseworker and task.status == TaskStatus.OPEN
    assert "dialog med borgeren og leverandøren" in task.title
    assert "1.2 Målgruppe" in task.legal_source
    assert task.source == f"placement:{placement.pk}"
    # Idempotent: more absence while the task is open makes no second one.
    record(staff, vejen.offer, week(placement, MONDAY + timedelta(14), (U, U, U, U)))
    assert len(_absence_tasks(placement)) == 1


def test_ballerup_counts_only_unnotified_absence(ballerup, citizen_of):
    """Ballerup: »Din sagsbehandler følger op på dit fremmøde«; notified absence is not
    counted, unnotified is (3 of the last 20 planned days, an assumption)."""
    placement = active(ballerup, citizen_of)
    staff = worker(ballerup)
    record(staff, ballerup.offer, week(placement, statuses=(N, N, N, N)))
    assert _absence_tasks(placement) == []
    record(staff, ballerup.offer, week(placement, MONDAY + timedelta(7), (U, U, P, U)))
    [task] = _absence_tasks(placement)
    assert "fremmøde" in task.legal_source


def test_roskilde_has_no_rule_so_no_task(roskilde, citizen_of):
    """Roskilde's standard says nothing on absence, and the law sets no rule."""
    placement = active(roskilde, citizen_of)
    record(worker(roskilde), roskilde.offer, week(placement, statuses=(U, U, U, U)))
    assert _absence_tasks(placement) == []


def test_after_a_completed_task_only_new_absence_counts(vejen, citizen_of):
    placement = active(vejen, citizen_of)
    staff = worker(vejen)
    record(staff, vejen.offer, week(placement, statuses=(U, U, U, P)))
    [task] = _absence_tasks(placement)
    services.task_complete(user=vejen.caseworker, task_id=task.pk, note="Dialog holdt.")
    record(staff, vejen.offer, week(placement, statuses=(U, U, U, S)))  # a correction
    assert len(_absence_tasks(placement)) == 1


# --- pedagogical plan and deviations -----------------------------------------------------------
def test_pedagogical_plan_versions_are_kept(ballerup, citizen_of):
    """Ballerup: »Leverandøren skal udarbejde en pædagogisk plan«; each save a new version."""
    placement = active(ballerup, citizen_of)
    staff = worker(ballerup)
    services.pedagogical_plan_record(
        user=staff, placement=placement, goals="Mødestabilitet", methods="Faste opgaver"
    )
    services.pedagogical_plan_record(
        user=staff, placement=placement, goals="Mere selvstændighed", methods="Makkerordning"
    )
    assert [p.goals for p in placement.pedagogical_plans.all()] == [
        "Mere selvstændighed",
        "Mødestabilitet",
    ]
    with pytest.raises(CaseError) as info:
        services.pedagogical_plan_record(user=staff, placement=placement, goals=" ", methods="x")
    assert info.value.field == "goals"
    with pytest.raises(AccessDenied):
        services.pedagogical_plan_record(
            user=ballerup.caseworker, placement=placement, goals="x", methods="y"
        )


def test_a_deviation_makes_a_task_for_the_caseworker(ballerup, vejen, citizen_of):
    """Vejen afsnit 4.5: the provider reports significant deviations; the caseworker gets a
    task (Serviceloven § 148, stk. 1), due 3 working days later, keyed by the deviation."""
    placement = active(ballerup, citizen_of)
    deviation = services.deviation_report(
        user=worker(ballerup),
        placement=placement,
        observed_on=date(2025, 6, 2),
        text="Borgeren har ikke deltaget i de aftalte opgaver i to uger.",
    )
    [task] = Task.objects.filter(kind=TaskKind.DEVIATION)
    assert task.source == f"deviation:{deviation.pk}"
    assert task.assigned_to == ballerup.caseworker
    assert task.due_on > task.created_on
    assert "to uger" in task.title and task.legal_source == "Serviceloven § 148, stk. 1"
    vejen_staff = worker(vejen)
    with pytest.raises(NotFound):
        services.deviation_report(
            user=vejen_staff, placement=placement, observed_on=date(2025, 6, 2), text="x"
        )


# --- wages ---------------------------------------------------------------------------------
def _wage(user, placement, **kwargs):
    args = {"valid_from": date(2025, 6, 1), "basis": "by_effort", **kwargs}
    return services.wage_set(user=user, placement=placement, **args)


def test_wage_never_below_the_floor(ballerup, citizen_of):
    """BEK nr. 483 § 1: at least 5 % of the lowest wage of the offer's collective agreement
    (Industriens Overenskomst 139,85 kr. from 1 May 2025: 6,9925, paid from 7,00 kr.;
    143,35 kr. from 1 March 2026: 7,1675, paid from 7,17 kr.)."""
    placement = active(ballerup, citizen_of)
    staff = worker(ballerup)
    with pytest.raises(CaseError) as info:
        _wage(staff, placement, hourly_amount=Decimal("6.98"))
    assert info.value.field == "hourly_amount"
    assert "7,00 kr." in info.value.message and "BEK nr. 483" in info.value.message
    _wage(staff, placement, hourly_amount=Decimal("7.00"))
    with pytest.raises(CaseError, match=r"7,17 kr\."):
        _wage(staff, placement, valid_from=date(2026, 3, 1), hourly_amount=Decimal("7.00"))
    # The caseworker may set the wage too; a committee member may not.
    _wage(ballerup.caseworker, placement, valid_from=date(2026, 3, 1), hourly_amount=Decimal(10))
    with pytest.raises(AccessDenied):
        _wage(ballerup.committee, placement, valid_from=date(2026, 4, 1), hourly_amount=Decimal(10))
    assert WageAgreement.objects.filter(placement=placement).count() == 2


def test_wage_form_must_be_one_the_standard_allows(vejen, citizen_of):
    """Vejen afsnit 3 Aflønning: the wage is Vejen's own (its two rates, by effort); no
    hourly wage in kroner as a form of its own. (Ballerup and Roskilde restrict no form:
    tests/cases/test_wage_rules_issue15.py.)"""
    placement = active(vejen, citizen_of)
    with pytest.raises(CaseError) as info:
        _wage(worker(vejen), placement, basis="hourly_wage", rate_pct=Decimal(5))
    assert info.value.field == "basis" and "Vejen" in info.value.message


def test_vejen_rates_start_at_five_then_ten(vejen, citizen_of):
    """Vejen afsnit 3 Aflønning: rates 5 % and 10 % of the minimum wage, the start wage 5 %."""
    placement = active(vejen, citizen_of)
    staff = worker(vejen)
    for kwargs, says in [
        ({"hourly_amount": Decimal(20)}, "5 % eller 10 %"),
        ({"rate_pct": Decimal(7)}, "5 % eller 10 %"),
        ({"rate_pct": Decimal(10)}, "startlønnen på 5 %"),
    ]:
        with pytest.raises(CaseError, match=says) as info:
            _wage(staff, placement, **kwargs)
        assert "afsnit 3 Aflønning" in info.value.message
    _wage(staff, placement, rate_pct=Decimal(5))
    _wage(staff, placement, valid_from=date(2025, 8, 1), rate_pct=Decimal(10))
    assert [w.rate_pct for w in placement.wages.all()] == [Decimal(5), Decimal(10)]


def test_a_wage_set_for_the_renegotiation_settles_the_sweeps_task(vejen, citizen_of):
    """Vejen: renegotiated 3 months after the start (1 August 2025); the sweep raises the
    task 30 days before, and a wage from that date (or up to 30 days before) settles it."""
    placement = active(vejen, citizen_of)
    staff = worker(vejen)
    _wage(staff, placement, valid_from=date(2025, 5, 1), rate_pct=Decimal(5))
    sweep_run(today=date(2025, 7, 10), municipality_id="vejen")
    [task] = Task.objects.filter(kind=TaskKind.WAGE_RENEGOTIATION, placement=placement)
    assert task.due_on == date(2025, 8, 1) and task.status == TaskStatus.OPEN
    _wage(staff, placement, valid_from=date(2025, 8, 1), rate_pct=Decimal(10))
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and "1. august 2025" in task.note
    sweep_run(today=date(2025, 7, 11), municipality_id="vejen")
    assert Task.objects.filter(kind=TaskKind.WAGE_RENEGOTIATION).count() == 1


def test_another_municipalitys_staff_reach_no_placement(ballerup, vejen, citizen_of):
    """Isolation: Vejen's caseworker and provider staff get NotFound on Ballerup's
    placement for every provider service."""
    placement = active(ballerup, citizen_of)
    for user in (vejen.caseworker, worker(vejen)):
        with pytest.raises(NotFound):
            _wage(user, placement, hourly_amount=Decimal(10))
        with pytest.raises(NotFound):
            services.pedagogical_plan_record(user=user, placement=placement, goals="x", methods="y")
        with pytest.raises((NotFound, AccessDenied)):
            record(user, ballerup.offer, week(placement))
    assert not WageAgreement.objects.exists() and not Attendance.objects.exists()
