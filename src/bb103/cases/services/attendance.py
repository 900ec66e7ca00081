"""Attendance for a whole workshop at once, and the repeated-absence rule it may trigger.

The provider's staff register a week (or any set of days) for every citizen of one offer in
one submit. Each day is validated against the placement's planned days (its weekdays that
are working days in the municipality's calendar), today, and the month's settlement: an
approved month is locked. One audit entry per case, not per cell.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bb103.cases.engine.absence import repeated_absence_rule, repeated_absence_triggered
from bb103.cases.engine.calendar import planned_days, working_days_after
from bb103.cases.engine.formatting import danish_date, danish_month
from bb103.cases.errors import CaseError, NotFound
from bb103.cases.models import (
    Attendance,
    AttendanceStatus,
    Offer,
    Placement,
    SettlementMonth,
    Task,
    TaskKind,
    TaskStatus,
    User,
)
from bb103.cases.permissions import require_step
from bb103.cases.selectors.scope import scope_of
from bb103.cases.services.audit import audit_write

# The caseworker should act on repeated absence soon, but it is no legal deadline: a week.
ABSENCE_TASK_WORKING_DAYS = 5


@dataclass(frozen=True)
class AttendanceEntry:
    """One cell of the grid: a placement's day, its status and, on a present day, the hours
    worked when they differ from the placement's hours per day."""

    placement_id: int
    day: date
    status: str
    hours: Decimal | None = None


@dataclass
class AttendanceResult:
    saved: int = 0
    cases: int = 0
    absence_tasks: list[Task] = field(default_factory=list)


def cell_name(placement_id: int, day: date) -> str:
    """The grid's name for a cell; a CaseError's ``field`` names the cell at fault."""
    return f"a-{placement_id}-{day.isoformat()}"


def attendance_record(
    *, user: User, offer: Offer, entries: Sequence[AttendanceEntry]
) -> AttendanceResult:
    """Register (or correct) attendance for citizens placed at ``offer``, atomically: every
    entry is valid, or nothing is saved."""
    require_step(user, "attendance_record", offer.provider.municipality_id)
    today = timezone.localdate()
    result = AttendanceResult()
    if not entries:
        return result
    providers = scope_of(user).providers
    with transaction.atomic():
        ids = sorted({e.placement_id for e in entries})
        placements = {
            p.pk: p
            for p in Placement.objects.select_for_update(of=("self",))
            .select_related("case", "case__citizen", "offer")
            .filter(
                pk__in=ids,
                offer=offer,
                ended_on__isnull=True,
                offer__provider_id__in=providers,
            )
        }
        if len(placements) != len(ids):
            raise NotFound("Borgerens placering")
        _check_entries(entries, placements, today)
        existing = {
            (a.placement_id, a.day): a
            for a in Attendance.objects.filter(
                placement_id__in=ids,
                day__range=(min(e.day for e in entries), max(e.day for e in entries)),
            )
        }
        new, changed = [], []
        by_case: dict[int, list[AttendanceEntry]] = defaultdict(list)
        for e in entries:
            row = existing.get((e.placement_id, e.day))
            if row is None or (row.status, row.hours) != (e.status, e.hours):
                # Only what changed is written and logged: saving a week again as it
                # stands writes nothing.
                by_case[placements[e.placement_id].case_id].append(e)
            if row is None:
                new.append(
                    Attendance(
                        placement_id=e.placement_id,
                        day=e.day,
                        status=e.status,
                        hours=e.hours,
                        recorded_by=user,
                    )
                )
            elif (row.status, row.hours) != (e.status, e.hours):
                row.status, row.hours, row.recorded_by = e.status, e.hours, user
                row.recorded_at = timezone.now()
                changed.append(row)
        Attendance.objects.bulk_create(new)
        Attendance.objects.bulk_update(changed, ["status", "hours", "recorded_by", "recorded_at"])
        for case_entries in by_case.values():
            placement = placements[case_entries[0].placement_id]
            audit_write(
                actor=user,
                municipality_id=placement.case.municipality_id,
                action="attendance_record",
                case=placement.case,
                details={
                    "offer": offer.pk,
                    "placement": placement.pk,
                    "days": {e.day.isoformat(): e.status for e in case_entries},
                },
            )
        result.saved = len(new) + len(changed)
        result.cases = len(by_case)
        latest: dict[int, date] = {}
        for e in entries:
            latest[e.placement_id] = max(e.day, latest.get(e.placement_id, e.day))
        for placement_id, last in sorted(latest.items()):
            task = _repeated_absence_task(placements[placement_id], last, today)
            if task is not None:
                result.absence_tasks.append(task)
    return result


def _check_entries(
    entries: Sequence[AttendanceEntry], placements: dict[int, Placement], today: date
) -> None:
    seen = set()
    for e in entries:
        placement = placements[e.placement_id]
        name = placement.case.citizen
        where = cell_name(e.placement_id, e.day)
        if (e.placement_id, e.day) in seen:
            raise CaseError(
                f"{name}, {danish_date(e.day)}: dagen er angivet to gange.", field=where
            )
        seen.add((e.placement_id, e.day))
        if e.status not in AttendanceStatus.values:
            allowed = ", ".join(str(s.label) for s in AttendanceStatus)
            raise CaseError(f"Fremmødet skal være en af: {allowed}.", field=where)
        if e.day > today:
            raise CaseError(
                f"{name}, {danish_date(e.day)}: fremmøde kan ikke registreres for en dag "
                f"efter i dag ({danish_date(today)}).",
                field=where,
            )
        if planned_days(placement, e.day, e.day) != [e.day]:
            raise CaseError(
                f"{name}, {danish_date(e.day)}: ikke en planlagt arbejdsdag (weekend, "
                "helligdag, kommunens lukkedag, en ugedag uden for aftalen eller før starten).",
                field=where,
            )
        if e.hours is not None:
            if e.status != AttendanceStatus.PRESENT:
                raise CaseError(
                    f"{name}, {danish_date(e.day)}: timer angives kun for en dag, borgeren er "
                    "mødt.",
                    field=where,
                )
            # NaN and infinities parse as Decimal; a NaN cannot even be compared.
            if not e.hours.is_finite() or not Decimal(0) < e.hours <= Decimal(24):
                raise CaseError(
                    f"{name}, {danish_date(e.day)}: timerne skal være over 0 og højst 24.",
                    field=where,
                )
    months = {
        (placements[e.placement_id].case.municipality_id, e.day.replace(day=1)) for e in entries
    }
    locked = SettlementMonth.locked({m for m, _ in months}, {d for _, d in months}) & months
    if locked:
        _, month = min(locked)
        raise CaseError(
            f"Fremmødet for {danish_month(month)} kan ikke ændres: måneden er afregnet, "
            "godkendt og låst. Kontakt kommunen, hvis der er en fejl.",
            field=None,
        )


def _repeated_absence_task(placement: Placement, last: date, today: date) -> Task | None:
    """A task for the caseworker when the standard's rule on repeated absence (policy
    ``repeated_absence``, in force on the last day registered) triggers over the citizen's
    last planned days. Never a second while one is open for the placement; after one, only
    days after it was made count, so the same absences do not raise it again."""
    municipality = placement.case.municipality_id
    rule = repeated_absence_rule(municipality, last)
    if rule is None:
        return None
    tasks = Task.objects.filter(
        case_id=placement.case_id, kind=TaskKind.REPEATED_ABSENCE, placement=placement
    )
    if tasks.filter(status=TaskStatus.OPEN).exists():
        return None
    previous = tasks.order_by("-created_on").values_list("created_on", flat=True).first()
    # Enough calendar days back to hold the window's planned days with holidays between.
    first = last - timedelta(weeks=rule.of_last_planned_days + 4)
    if previous is not None:
        first = max(first, previous + timedelta(1))
    days = planned_days(placement, first, last)[-rule.of_last_planned_days :]
    if not days:
        return None
    status = dict(
        Attendance.objects.filter(placement=placement, day__in=days).values_list("day", "status")
    )
    statuses = [status.get(d) for d in days]
    if not repeated_absence_triggered(municipality, last, statuses):
        return None
    counted = sum(1 for s in statuses if s in rule.statuses)
    title = (
        f"Gentaget fravær: {counted} af borgerens seneste {len(days)} planlagte dage hos "
        f"{placement.offer.name} (til og med {danish_date(last)}). {rule.action}"
    )
    return Task.objects.create(
        municipality_id=municipality,
        case_id=placement.case_id,
        kind=TaskKind.REPEATED_ABSENCE,
        source=f"placement:{placement.pk}",
        due_on=working_days_after(municipality, today, ABSENCE_TASK_WORKING_DAYS),
        title=title[:300],
        legal_source=rule.source[:300],
        placement=placement,
        assigned_to_id=placement.case.caseworker_id,
        created_on=today,
    )
