"""What the provider writes about a placement: the pedagogical plan, and deviations from the
plan reported to the caseworker (who gets a task for each)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from bb103.cases.engine.calendar import working_days_after
from bb103.cases.engine.formatting import danish_date
from bb103.cases.models import Deviation, PedagogicalPlan, Placement, Task, TaskKind, User
from bb103.cases.permissions import require_step
from bb103.cases.selectors.provider_work import provider_placement_get_for_user
from bb103.cases.services.audit import audit_write
from bb103.cases.services.validation import not_before, not_future, required_text

# A deviation can change what the citizen needs; the caseworker should look at it within
# a few working days. Good practice, not law: the same in every municipality.
DEVIATION_TASK_WORKING_DAYS = 3
# The municipality's duty to follow each case so the help keeps its purpose.
FOLLOW_UP_SOURCE = "Serviceloven § 148, stk. 1"


def _own_placement(user: User, placement: Placement, step: str) -> Placement:
    """The placement as the user may reach it (404 otherwise), then the step's role."""
    found = provider_placement_get_for_user(user=user, placement_id=placement.pk)
    require_step(user, step, found.case.municipality_id)
    return found


def pedagogical_plan_record(
    *, user: User, placement: Placement, goals: str, methods: str, work_tasks: str = ""
) -> PedagogicalPlan:
    """A new version of the provider's pedagogical plan; earlier versions are kept."""
    placement = _own_placement(user, placement, "pedagogical_plan_record")
    goals = required_text(goals, field="goals", label="Målene for indsatsen")
    methods = required_text(methods, field="methods", label="Metoder og støtte")
    with transaction.atomic():
        plan = PedagogicalPlan.objects.create(
            placement=placement,
            goals=goals,
            methods=methods,
            work_tasks=work_tasks.strip(),
            written_by=user,
        )
        audit_write(
            actor=user,
            municipality_id=placement.case.municipality_id,
            action="pedagogical_plan_record",
            case=placement.case,
            details={"placement": placement.pk, "plan": plan.pk},
        )
    return plan


def deviation_report(
    *, user: User, placement: Placement, observed_on: date, text: str
) -> Deviation:
    """Report a significant deviation from the plan; the case's caseworker gets a task, due
    ``DEVIATION_TASK_WORKING_DAYS`` working days later."""
    placement = _own_placement(user, placement, "deviation_report")
    today = timezone.localdate()
    text = required_text(text, field="text", label="Beskrivelsen af afvigelsen")
    not_future(observed_on, today, field="observed_on", label="Datoen")
    not_before(
        observed_on,
        placement.start_on,
        field="observed_on",
        label="Datoen",
        earlier="beskæftigelsens start",
    )
    municipality = placement.case.municipality_id
    with transaction.atomic():
        deviation = Deviation.objects.create(
            placement=placement, observed_on=observed_on, text=text, reported_by=user
        )
        summary = text if len(text) <= 160 else text[:157] + "…"
        task = Task.objects.create(
            municipality_id=municipality,
            case_id=placement.case_id,
            kind=TaskKind.DEVIATION,
            source=f"deviation:{deviation.pk}",
            due_on=working_days_after(municipality, today, DEVIATION_TASK_WORKING_DAYS),
            title=(
                f"{placement.offer.name} har meldt en afvigelse fra planen "
                f"({danish_date(observed_on)}): {summary}"
            )[:300],
            legal_source=FOLLOW_UP_SOURCE,
            placement=placement,
            assigned_to_id=placement.case.caseworker_id,
            created_on=today,
        )
        audit_write(
            actor=user,
            municipality_id=municipality,
            action="deviation_report",
            case=placement.case,
            details={"placement": placement.pk, "deviation": deviation.pk, "task": task.pk},
        )
    return deviation
