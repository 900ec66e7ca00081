"""Issue 17, item 6: handing over and dividing the work. A case is assigned or reassigned
to a caseworker, or all of one caseworker's open cases move to another, the open tasks
following; the leader's team view counts each caseworker's open cases and tasks."""

from datetime import date

import pytest

from bb103.cases import services
from bb103.cases.errors import AccessDenied, CaseError, NotFound
from bb103.cases.models import AuditEntry, Case, Role, Task, TaskStatus
from bb103.cases.selectors import team_for_user
from bb103.cases.services import sweep_run
from tests.cases.factories import make_user, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(ballerup):
    """A second caseworker in Ballerup."""
    user = make_user("ballerup-raadgiver-2", ballerup.municipality, Role.CASEWORKER)
    user.first_name, user.last_name = "Anna", "Afløser"
    user.save()
    return user


@pytest.fixture
def with_task(ballerup, citizen_of):
    """A Ballerup case of the first caseworker, with the sweep's task about its deadline."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    sweep_run(today=date(2025, 4, 14))
    return case


def test_manager_reassigns_a_case_and_its_open_tasks_follow(ballerup, second, with_task):
    """Issue 17, item 6: the leader gives the case to another caseworker; the old
    caseworker's open task on it moves too, and the audit entry names both."""
    task = Task.objects.get(case=with_task, status=TaskStatus.OPEN)
    assert task.assigned_to == ballerup.caseworker
    version = with_task.version
    services.case_assign(user=ballerup.manager, case=with_task, caseworker=second)
    with_task.refresh_from_db()
    task.refresh_from_db()
    assert with_task.caseworker == second
    assert with_task.version == version + 1
    assert task.assigned_to == second
    entry = AuditEntry.objects.get(case=with_task, action="case_assign")
    assert entry.details["from"] == ballerup.caseworker.pk
    assert entry.details["to"] == second.pk
    assert entry.details["tasks"] == [task.pk]


def test_only_a_caseworker_of_the_municipality_receives(ballerup, vejen, with_task):
    """Issue 17, item 6: a committee member, or another municipality's caseworker, cannot
    be given the case (the field is named)."""
    for user in (ballerup.committee, vejen.caseworker, None):
        with pytest.raises(CaseError) as err:
            services.case_assign(user=ballerup.manager, case=with_task, caseworker=user)
        assert err.value.field == "caseworker"
    with pytest.raises(CaseError) as err:
        services.case_assign(user=ballerup.manager, case=with_task, caseworker=ballerup.caseworker)
    assert "har allerede sagen" in err.value.message


def test_a_caseworker_takes_an_unassigned_case_but_moves_no_colleagues(ballerup, second, with_task):
    """Issue 17, item 6: a caseworker may take a case no one has; moving a colleague's case
    is the leader's."""
    with pytest.raises(CaseError) as err:
        services.case_assign(user=second, case=with_task, caseworker=second)
    assert err.value.field == "caseworker"
    assert "lederen" in err.value.message
    Case.objects.filter(pk=with_task.pk).update(caseworker=None)
    Task.objects.filter(case=with_task).update(assigned_to=None)
    with_task.refresh_from_db()
    services.case_assign(user=second, case=with_task, caseworker=second)
    assert Task.objects.get(case=with_task, status=TaskStatus.OPEN).assigned_to == second


def test_wrong_role_or_municipality_is_refused(ballerup, vejen, with_task):
    """Issue 17, item 6: the committee and another municipality's leader may not assign."""
    for user in (ballerup.committee, vejen.manager, ballerup.admin):
        with pytest.raises(AccessDenied):
            services.case_assign(user=user, case=with_task, caseworker=ballerup.caseworker)


def test_an_out_of_date_form_is_refused(ballerup, second, with_task):
    with pytest.raises(CaseError) as err:
        services.case_assign(
            user=ballerup.manager,
            case=with_task,
            caseworker=second,
            expected_version=with_task.version - 1,
        )
    assert err.value.field == "version"


def test_transfer_moves_every_open_case_and_task(ballerup, second, citizen_of, with_task):
    """Issue 17, item 6 (holiday, or someone leaves): all the caseworker's open cases in the
    municipality move with their open tasks; a closed case stays where it was."""
    also = open_case(ballerup.caseworker, citizen_of(ballerup))
    closed = open_case(ballerup.caseworker, citizen_of(ballerup))
    services.case_close(
        user=ballerup.caseworker, case=closed, reason="mistake", closed_on=date(2025, 3, 10)
    )
    result = services.caseload_transfer(
        user=ballerup.manager,
        municipality_id="ballerup",
        from_caseworker=ballerup.caseworker,
        to_caseworker=second,
    )
    assert sorted(result.cases) == sorted([with_task.pk, also.pk])
    assert set(Case.objects.filter(pk__in=result.cases).values_list("caseworker", flat=True)) == {
        second.pk
    }
    assert Case.objects.get(pk=closed.pk).caseworker == ballerup.caseworker
    assert not Task.objects.filter(status=TaskStatus.OPEN, assigned_to=ballerup.caseworker).exists()
    assert AuditEntry.objects.filter(action="caseload_transfer", case__isnull=False).count() == 2
    summary = AuditEntry.objects.get(action="caseload_transfer", case__isnull=True)
    assert summary.details["to"] == second.pk


def test_transfer_is_the_managers_and_checks_its_input(ballerup, vejen, second, with_task):
    """Issue 17, item 6: only the municipality's own leader moves a caseload; the receiver
    must be another caseworker there."""
    for user in (ballerup.caseworker, vejen.manager):
        with pytest.raises(AccessDenied):
            services.caseload_transfer(
                user=user,
                municipality_id="ballerup",
                from_caseworker=ballerup.caseworker,
                to_caseworker=second,
            )
    for source, target, field in (
        (ballerup.caseworker, ballerup.caseworker, "to_caseworker"),
        (ballerup.caseworker, vejen.caseworker, "to_caseworker"),
        (None, second, "from_caseworker"),
        (second, ballerup.caseworker, "from_caseworker"),  # has no open case
    ):
        with pytest.raises(CaseError) as err:
            services.caseload_transfer(
                user=ballerup.manager,
                municipality_id="ballerup",
                from_caseworker=source,
                to_caseworker=target,
            )
        assert err.value.field == field


def test_team_view_counts_each_caseworkers_work(ballerup, vejen, second, with_task, citizen_of):
    """Issue 17, item 6: the leader's team view: open cases, open tasks and overdue tasks
    per caseworker, in the municipalities they manage only."""
    open_case(vejen.caseworker, citizen_of(vejen))
    Task.objects.filter(case=with_task).update(due_on=date(2025, 4, 1))
    [team] = team_for_user(user=ballerup.manager, today=date(2025, 4, 15))
    assert team.municipality.pk == "ballerup"
    rows = {None if r.caseworker is None else r.caseworker.pk: r for r in team.rows}
    mine = rows[ballerup.caseworker.pk]
    assert (mine.open_cases, mine.open_tasks, mine.overdue_tasks) == (1, 1, 1)
    assert (rows[second.pk].open_cases, rows[second.pk].open_tasks) == (0, 0)
    assert rows[None].open_cases == 0
    for user in (ballerup.caseworker, ballerup.committee):
        with pytest.raises(NotFound):
            team_for_user(user=user, today=date(2025, 4, 15))
