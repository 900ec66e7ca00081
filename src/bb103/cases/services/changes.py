"""Decided changes of a granted effort that take effect on a later day: the daily sweep
carries each out on its day through its action (``change_effect``)."""

from datetime import date

from django.db.models import Exists, OuterRef

from bb103.cases.actions.change import change_effect
from bb103.cases.errors import CaseError
from bb103.cases.models import Case, CaseStatus, DecisionKind, Placement, User


def changes_due_apply(municipality_id: str, *, today: date, actor: User) -> int:
    """Carry out the municipality's change decisions whose day has come and whose running
    placement still starts before it; each in a transaction of its own (the action's). A
    case the action refuses (taken by a caseworker meanwhile, say) is left as it is."""
    old_placement = Placement.objects.filter(
        case=OuterRef("pk"),
        ended_on__isnull=True,
        start_on__lt=OuterRef("decision__effective_on"),
    )
    due = (
        Case.objects.filter(
            municipality_id=municipality_id,
            status=CaseStatus.ACTIVE,
            decision__kind=DecisionKind.CHANGE,
            decision__effective_on__lte=today,
        )
        .filter(Exists(old_placement))
        .order_by("pk")
    )
    done = 0
    for case in due:
        try:
            change_effect.run_as_system(case=case, actor=actor, today=today)
        except CaseError:
            continue
        done += 1
    return done
