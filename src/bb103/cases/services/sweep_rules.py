"""What the daily sweep asks of one case on one date: the tasks it needs, and which of its
open tasks the case's own rows show are no longer needed.

Pure over rows already read (no queries), so the sweep can read a batch of cases at once.
The dates come from the case's ``Deadline`` rows, which the engine wrote after the last step,
and for wages from the engine's formula through the adapter.

The notice periods below are the system's, not the law's: the law sets the deadlines, and
how early a caseworker is warned is a matter of good practice, the same in every
municipality. ``BB103_SWEEP_WARNING_WORKING_DAYS`` in the settings changes the first.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings

from bb103.cases.engine.calendar import working_days_after
from bb103.cases.engine.formatting import danish_date
from bb103.cases.engine.wages import wage_renegotiations
from bb103.cases.models import (
    Complaint,
    Deadline,
    DeadlineKind,
    FollowUpBooking,
    Placement,
    Reassessment,
    Task,
    TaskKind,
)

# Warn this many working days before a deadline the municipality itself must meet.
DEADLINE_WARNING_WORKING_DAYS = 5
# A follow-up meeting needs planning with the citizen and the provider's contact person.
FOLLOW_UP_NOTICE_DAYS = 30
# The rule: placements ending at folkepensionsalder within 90 days.
PENSION_NOTICE_DAYS = 90
# A wage renegotiation (Vejen) needs the provider's assessment first.
WAGE_NOTICE_DAYS = 30

# The deadlines the municipality must meet and is warned about before they expire. The
# citizen's own periods (partshøring, complaint) are not the caseworker's to miss.
# A date promised in a notice of delay is such a deadline (Retssikkerhedsloven § 3, stk. 2),
# and so is deciding again after the decision was sent back.
_DECIDING = (DeadlineKind.DECISION, DeadlineKind.EXPECTED_DECISION, DeadlineKind.NEW_DECISION)
WARNED_DEADLINES = (*_DECIDING, DeadlineKind.FORWARD_COMPLAINT)
# The deadlines whose passing is a task of its own.
OVERDUE_DEADLINES = (*_DECIDING, DeadlineKind.FORWARD_COMPLAINT, DeadlineKind.FOLLOW_UP)
# Tasks made from a deadline: their ``source`` is the deadline's kind.
_FROM_DEADLINE = (
    TaskKind.DEADLINE_SOON,
    TaskKind.DEADLINE_OVERDUE,
    TaskKind.FOLLOW_UP_DUE,
    TaskKind.PENSION_AGE,
)

_DELAY_NOTICE = "Retssikkerhedsloven § 3, stk. 2"


def warning_working_days() -> int:
    return int(getattr(settings, "BB103_SWEEP_WARNING_WORKING_DAYS", DEADLINE_WARNING_WORKING_DAYS))


@dataclass
class CaseRows:
    """One case as the sweep reads it."""

    case_id: int
    municipality_id: str
    caseworker_id: int | None
    deadlines: list[Deadline] = field(default_factory=list)  # open ones only
    placements: list[Placement] = field(default_factory=list)  # running ones only
    bookings: list[FollowUpBooking] = field(default_factory=list)  # open, running placements
    complaints: list[Complaint] = field(default_factory=list)  # reassessed, not forwarded
    open_tasks: list[Task] = field(default_factory=list)
    task_keys: set[str] = field(default_factory=set)  # every task it has had, open or done


def task_key(task: Task) -> str:
    """The natural key the database keeps unique, as one string."""
    return f"{task.kind}|{task.source}|{task.due_on.isoformat()}"


def booked_note(planned_on: date) -> str:
    """Why the "hold the follow-up" task is not needed, in the caseworker's words."""
    return f"Opfølgningsmødet er aftalt til {danish_date(planned_on)}."


def _booked_in_time(rows: CaseRows, d: Deadline) -> FollowUpBooking | None:
    """The follow-up meeting booked on or before the deadline ``d``, if any."""
    return next((b for b in rows.bookings if b.planned_on <= d.due_on), None)


def tasks_needed(rows: CaseRows, today: date) -> list[Task]:
    """The tasks the case needs on ``today`` (unsaved; the caller skips existing ones)."""
    found: list[Task] = []
    for d in rows.deadlines:
        found.extend(_from_deadline(rows, d, today))
    for p in rows.placements:
        task = _wage(rows, p, today)
        if task is not None:
            found.append(task)
    forward = next((d for d in rows.deadlines if d.kind == DeadlineKind.FORWARD_COMPLAINT), None)
    for c in rows.complaints:
        task = _complaint_forward(rows, c, forward, today)
        if task is not None:
            found.append(task)
    return found


def task_settled(rows: CaseRows, task: Task, today: date) -> str | None:
    """Why an open task is no longer needed, in Danish for the caseworker; None if it is."""
    if task.kind in _FROM_DEADLINE:
        if task.kind == TaskKind.FOLLOW_UP_DUE:
            d = next((d for d in rows.deadlines if d.kind == task.source), None)
            booked = None if d is None else _booked_in_time(rows, d)
            if booked is not None:
                return f"Lukket af den daglige kørsel: {booked_note(booked.planned_on)}"
        if not any(d.kind == task.source and d.due_on == task.due_on for d in rows.deadlines):
            return "Lukket af den daglige kørsel: fristen er overholdt eller gælder ikke længere."
        if task.kind == TaskKind.DEADLINE_SOON and today > task.due_on:
            return "Lukket af den daglige kørsel: afløst af opgaven om, at fristen er overskredet."
        return None
    if task.kind == TaskKind.WAGE_RENEGOTIATION:
        if not any(p.pk == task.placement_id for p in rows.placements):
            return "Lukket af den daglige kørsel: beskæftigelsen er ophørt."
        return None
    if task.kind == TaskKind.COMPLAINT_FORWARD:
        if not any(c.pk == task.complaint_id for c in rows.complaints):
            return "Lukket af den daglige kørsel: klagen er sendt eller afsluttet."
        return None
    return None


def _from_deadline(rows: CaseRows, d: Deadline, today: date) -> list[Task]:
    on = danish_date(d.due_on)
    sources = "; ".join(d.sources)
    found = []
    if d.kind in WARNED_DEADLINES and today <= d.due_on:
        last_warned = working_days_after(rows.municipality_id, today, warning_working_days())
        if d.due_on <= last_warned:
            if d.kind == DeadlineKind.EXPECTED_DECISION:
                title = (
                    f"Borgeren har fået at vide, at afgørelsen kommer senest {on}. Kan datoen "
                    "ikke holdes, skal borgeren have ny skriftlig besked."
                )
            elif d.kind in _DECIDING:
                title = (
                    f"{_what(d)} udløber {on}. Kan den ikke holdes, skal borgeren "
                    "have skriftlig besked om, hvornår afgørelsen kan forventes."
                )
                sources = _with_delay_notice(d)
            else:
                title = (
                    f"Klagen skal være sendt til Ankestyrelsen senest {on}, hvis afgørelsen "
                    "fastholdes ved genvurderingen."
                )
            found.append(_task(rows, TaskKind.DEADLINE_SOON, d, title, sources, today))
    if d.kind in OVERDUE_DEADLINES and today > d.due_on:
        if d.kind == DeadlineKind.EXPECTED_DECISION:
            title = (
                f"Borgeren fik lovet en afgørelse senest {on}, og den er ikke sendt. Send "
                "afgørelsen, eller giv borgeren ny skriftlig besked om, hvornår den kommer."
            )
            sources = _with_delay_notice(d)
        elif d.kind in _DECIDING:
            title = (
                f"{_what(d)} udløb {on}. Send borgeren skriftlig besked om, "
                "hvornår afgørelsen kan forventes."
            )
            sources = _with_delay_notice(d)
        elif d.kind == DeadlineKind.FORWARD_COMPLAINT:
            title = (
                f"Fristen for at sende klagen til Ankestyrelsen udløb {on}. Genvurder, og send "
                "klagen straks, hvis afgørelsen fastholdes."
            )
        else:
            title = f"Opfølgningen skulle have været holdt senest {on}."
        found.append(_task(rows, TaskKind.DEADLINE_OVERDUE, d, title, sources, today))
    if (
        d.kind == DeadlineKind.FOLLOW_UP
        and today >= d.due_on - timedelta(FOLLOW_UP_NOTICE_DAYS)
        and _booked_in_time(rows, d) is None
    ):
        late = rows.bookings[0] if rows.bookings else None
        title = (
            f"Hold opfølgning senest {on} med borgeren og tilbuddets kontaktperson; "
            "aftal tid i god tid."
            if late is None
            else f"Hold opfølgning senest {on}; mødet er aftalt til "
            f"{danish_date(late.planned_on)}, efter fristen. Flyt mødet, hvis det er muligt."
        )
        found.append(_task(rows, TaskKind.FOLLOW_UP_DUE, d, title, sources, today))
    if d.kind == DeadlineKind.PENSION_AGE and today >= d.due_on - timedelta(PENSION_NOTICE_DAYS):
        title = (
            f"Borgeren når folkepensionsalderen {on}, og beskyttet beskæftigelse ophører den "
            "dag. Forbered ophøret med borgeren og tilbuddet."
        )
        found.append(_task(rows, TaskKind.PENSION_AGE, d, title, sources, today))
    return found


def _wage(rows: CaseRows, p: Placement, today: date) -> Task | None:
    # The model holds no wage agreement, so the dates run from the placement's start.
    horizon = today + timedelta(WAGE_NOTICE_DAYS)
    plan = wage_renegotiations(rows.municipality_id, p.start_on, until=horizon)
    if not plan.dates:
        return None
    # Only the latest date in reach: a placement swept for the first time years after its
    # start gets one task, not one per year it has run.
    due = plan.dates[-1]
    title = f"Lønnen skal genforhandles senest {danish_date(due)} efter kvalitetsstandarden."
    return Task(
        municipality_id=rows.municipality_id,
        case_id=rows.case_id,
        kind=TaskKind.WAGE_RENEGOTIATION,
        source=f"placement:{p.pk}",
        due_on=due,
        title=title,
        legal_source=plan.source[:300],
        placement=p,
        assigned_to_id=rows.caseworker_id,
        created_on=today,
    )


def _complaint_forward(
    rows: CaseRows, c: Complaint, forward: Deadline | None, today: date
) -> Task | None:
    if c.reassessment not in (Reassessment.UPHELD, Reassessment.PARTLY_UPHELD):
        return None
    if c.reassessed_on is None or c.reassessed_on > today or forward is None:
        return None
    title = (
        "Afgørelsen er fastholdt ved genvurderingen. Send klagen med sagens akter til "
        f"Ankestyrelsen senest {danish_date(forward.due_on)}."
    )
    if c.late:
        title += " Klagen kom efter klagefristen; Ankestyrelsen afgør, om den kan behandles."
    return Task(
        municipality_id=rows.municipality_id,
        case_id=rows.case_id,
        kind=TaskKind.COMPLAINT_FORWARD,
        source=f"complaint:{c.pk}",
        due_on=forward.due_on,
        title=title,
        legal_source="; ".join(forward.sources)[:300],
        deadline=forward,
        complaint=c,
        assigned_to_id=rows.caseworker_id,
        created_on=today,
    )


def _what(d: Deadline) -> str:
    if d.kind == DeadlineKind.NEW_DECISION:
        return "Fristen for ny afgørelse i den genoptagne sag"
    return "Fristen for afgørelse"


def _with_delay_notice(d: Deadline) -> str:
    # The written notice about the delay is the § 3, stk. 2 duty the caseworker acts on.
    return "; ".join([_DELAY_NOTICE, *(s for s in d.sources if s != _DELAY_NOTICE)])


def _task(rows: CaseRows, kind: str, d: Deadline, title: str, sources: str, today: date) -> Task:
    return Task(
        municipality_id=rows.municipality_id,
        case_id=rows.case_id,
        kind=kind,
        source=d.kind,
        due_on=d.due_on,
        title=title,
        legal_source=sources[:300],
        deadline=d,
        assigned_to_id=rows.caseworker_id,
        created_on=today,
    )
