"""Follow-up on the employment; the engine then gives the date of the next one."""

from datetime import date

from bb103.cases.errors import CaseError
from bb103.cases.models import Case, CaseStatus, FollowUp, User, VumLevel
from bb103.cases.services.transition import case_step
from bb103.cases.services.validation import not_before, not_future


def follow_up_record(
    *,
    user: User,
    case: Case,
    held_on: date,
    participants: str = "",
    vum_level: int | None = None,
    notes: str = "",
    deviations: str = "",
    expected_version: int | None = None,
) -> FollowUp:
    if vum_level is not None and vum_level not in VumLevel.values:
        raise CaseError("VUM-niveauet skal være 0, 1, 2, 3 eller 4.", field="vum_level")
    with case_step(
        user=user,
        case=case,
        step="follow_up_record",
        statuses=(CaseStatus.ACTIVE,),
        expected_version=expected_version,
    ) as step:
        placement = step.case.placements.get(ended_on__isnull=True)
        not_future(held_on, step.today, field="held_on", label="Opfølgningens dato")
        not_before(
            held_on,
            placement.start_on,
            field="held_on",
            label="Opfølgningens dato",
            earlier="beskæftigelsen startede",
        )
        last = placement.follow_ups.order_by("-held_on").first()
        if last is not None:
            not_before(
                held_on,
                last.held_on,
                field="held_on",
                label="Opfølgningens dato",
                earlier="den seneste opfølgning",
            )
        follow_up = FollowUp.objects.create(
            case=step.case,
            placement=placement,
            held_on=held_on,
            participants=participants.strip(),
            vum_level=vum_level,
            notes=notes.strip(),
            deviations=deviations.strip(),
            recorded_by=user,
        )
        step.details = {"follow_up": follow_up.pk, "held_on": held_on, "vum_level": vum_level}
    return follow_up
