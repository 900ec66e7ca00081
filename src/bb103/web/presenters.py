"""What the screens show, worked out from rows already read: how urgent a deadline is,
the timeline's Danish lines, the case page's step buttons. No queries here."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse

from bb103.cases.engine.calendar import working_days_left
from bb103.cases.engine.formatting import danish_date
from bb103.cases.models import (
    AnkeOutcome,
    Assessment,
    AuditEntry,
    Channel,
    CitizenReportKind,
    ClosureReason,
    CommitteeRecommendation,
    Deadline,
    DeadlineKind,
    HandleplanStatus,
    JournalKind,
    Outcome,
    Reassessment,
    Task,
    TerminationReason,
)
from bb103.cases.selectors import CasePage
from bb103.web.steps import SLUG_BY_ACTION

# Working days before a deadline that make it "soon" and "coming up" on the work list.
SOON_WORKING_DAYS = 5
COMING_WORKING_DAYS = 15
# Beyond this many calendar days a deadline is told in months.
FAR_CALENDAR_DAYS = 60


@dataclass(frozen=True)
class Urgency:
    css: str  # overdue / today / soon / coming / later / met
    label: str


def urgency(deadline: Deadline, *, municipality: str, today: date) -> Urgency:
    if deadline.met_on is not None:
        if deadline.met_on > deadline.due_on:
            late = (deadline.met_on - deadline.due_on).days
            return Urgency(
                "met late",
                f"For sent: {danish_date(deadline.met_on)}, {late} "
                f"{'dag' if late == 1 else 'dage'} efter fristen",
            )
        return Urgency("met", f"Overholdt {danish_date(deadline.met_on)}")
    if deadline.kind == DeadlineKind.COMPLAINT and deadline.due_on < today:
        # The citizen's period has simply run out: nothing for the caseworker to do.
        return Urgency("met", "Udløbet uden klage")
    return due_urgency(deadline.due_on, municipality=municipality, today=today)


@lru_cache(maxsize=4096)
def due_urgency(due_on: date, *, municipality: str, today: date) -> Urgency:
    """How close a date is, in the work list's colours (a deadline's or a task's); the same
    three values give the same answer, so a page's recurring dates are counted once (the
    key has today in it: tomorrow's answers are new ones)."""
    days = (due_on - today).days
    if days > 2 * 365:
        return Urgency("later", f"Om ca. {days // 365} år")
    if days > FAR_CALENDAR_DAYS:
        return Urgency("later", f"Om ca. {days // 30} måneder")
    left = working_days_left(municipality, today=today, due=due_on)
    if left < 0:
        late = -left
        return Urgency("overdue", f"Overskredet med {late} {'dag' if late == 1 else 'dage'}")
    if due_on == today:
        return Urgency("today", "Udløber i dag")
    word = "arbejdsdag" if left == 1 else "arbejdsdage"
    if left <= SOON_WORKING_DAYS:
        return Urgency("soon", f"Om {left} {word}")
    if left <= COMING_WORKING_DAYS:
        return Urgency("coming", f"Om {left} {word}")
    return Urgency("later", f"Om {left} {word}")


@dataclass(frozen=True)
class DeadlineRow:
    deadline: Deadline
    urgency: Urgency


def deadline_rows(deadlines: list[Deadline], *, municipality: str, today: date) -> list:
    rows = [DeadlineRow(d, urgency(d, municipality=municipality, today=today)) for d in deadlines]
    # Open ones first, the earliest first; met ones after.
    return sorted(rows, key=lambda r: (r.deadline.met_on is not None, r.deadline.due_on))


@dataclass(frozen=True)
class TaskRow:
    task: Task
    urgency: Urgency


def task_rows(tasks: list[Task], *, today: date) -> list[TaskRow]:
    """Tasks with their urgency; the selector already put the overdue ones first."""
    return [
        TaskRow(t, due_urgency(t.due_on, municipality=t.municipality_id, today=today))
        for t in tasks
    ]


@dataclass(frozen=True)
class StepButton:
    """A step on the case page: a link to its form, or its title with why not now."""

    name: str
    title: str
    url: str
    primary: bool
    reasons: tuple[str, ...]


def step_buttons(page: CasePage) -> tuple[list[StepButton], list[StepButton]]:
    """The case's steps the user is offered (letters are listed with the letters), main
    ones first and the side roads after; each as its action's verdict says."""
    buttons = [
        StepButton(
            v.action.name,
            v.action.title,
            reverse("case-step", args=[page.case.pk, SLUG_BY_ACTION[v.action.name]]),
            v.action.primary,
            v.reasons,
        )
        for v in page.verdicts
        if v.action.name in SLUG_BY_ACTION
    ]
    return [b for b in buttons if b.primary], [b for b in buttons if not b.primary]


# The timeline's heading for each step (the services' audit action names).
ACTION_TITLES = {
    "application_register": "Ansøgning registreret",
    "assessment_record": "Udredning registreret",
    "committee_review_record": "Behandlet i visitationsudvalget",
    "draft_decision_create": "Udkast til afgørelse",
    "party_hearing_send": "Sendt i partshøring",
    "party_hearing_skip": "Partshøring undladt (forvaltningsloven § 19, stk. 2)",
    "party_hearing_close": "Partshøring afsluttet",
    "party_hearing_answer": "Borgeren har svaret på partshøringen i Min sag",
    "change_report": "Borgeren har meldt en ændring i Min sag",
    "decision_make": "Afgørelse truffet",
    "handleplan_record": "Handleplan registreret",
    "placement_start": "Beskæftigelsen startet",
    "follow_up_record": "Opfølgning holdt",
    "case_terminate": "Indsatsen afsluttet",
    "complaint_register": "Klage modtaget",
    "complaint_reassess": "Afgørelsen genvurderet",
    "complaint_forward": "Klagen sendt til Ankestyrelsen",
    "complaint_outcome_record": "Ankestyrelsens afgørelse registreret",
    "decision_receipt_record": "Borgerens modtagelse af afgørelsen registreret",
    "termination_draft_create": "Udkast til ophør",
    "termination_effect": "Ophøret trådt i kraft",
    "letter_send": "Brev sendt",
    "case_close": "Sagen er lukket",
    "case_assign": "Ny rådgiver på sagen",
    "caseload_transfer": "Sagen flyttet til en anden rådgiver",
    "journal_note_add": "Journalnotat skrevet",
    "assessment_correct": "Udredning rettet",
    "change_draft_create": "Udkast til ændring",
    "change_decision_make": "Afgørelse om ændring truffet",
    "change_effect": "Ændringen trådt i kraft",
    "follow_up_book": "Opfølgningsmøde aftalt",
    "follow_up_booking_cancel": "Opfølgningsmøde aflyst",
    "waiting_list_add": "Sat på venteliste",
    "waiting_list_leave": "Taget af ventelisten",
    "transport_set": "Befordring registreret",
    "tax_card_record": "Skattekort registreret",
    "wage_set": "Løn fastsat",
    "pedagogical_plan_record": "Pædagogisk plan skrevet af tilbuddet",
    "deviation_report": "Tilbuddet har meldt en afvigelse",
    "attendance_record": "Fremmøde registreret",
    "attachment_upload": "Bilag tilføjet",
    "task_complete": "Opgave udført",
    "citizen_register": "Borger registreret",
    "citizen_correct": "Borgerens oplysninger rettet",
    "representative_register": "Repræsentant registreret",
    "representative_correct": "Repræsentant rettet",
    "gdpr_export": "Borgerens oplysninger udleveret (indsigt)",
    "settlement_run": "Månedsafregning beregnet",
    "settlement_approve": "Månedsafregning godkendt",
    "provider_register": "Leverandør registreret",
    # The API's system clients (issue 18): the administrator's actions.
    "api_client_register": "Systemklient registreret",
    "api_key_rotate": "Ny API-nøgle udstedt",
    "api_client_revoke": "Systemklient spærret",
    # The administrator's screens (issue 20, point 4).
    "user_create": "Bruger oprettet",
    "user_role_add": "Rolle givet",
    "user_role_remove": "Rolle fjernet",
    "user_deactivate": "Bruger deaktiveret",
    "user_reactivate": "Bruger genaktiveret",
    "second_factor_reset": "To-faktor-login nulstillet",
    "municipality_contact_set": "Kommunens kontaktoplysninger ændret",
    "provider_cvr_set": "Leverandørens CVR-nummer registreret",
    "finance_file_created": "Bogføringsfil dannet",
    "finance_file_exported": "Bogføringsfil hentet",
    "offer_register": "Tilbud registreret",
    "offer_update": "Tilbud ændret",
    "offer_price_set": "Takst registreret",
}


def _day(value: object) -> str:
    try:
        return danish_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _label(choices, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _summary(action: str, d: dict, correction_reason: str | None = None) -> str:
    """One Danish line from the audit entry's details (and for a correction, the reason
    read from its row beside the entry: the log holds no free text about the citizen)."""
    if action == "application_register":
        return f"Modtaget {_day(d.get('received_on'))} via {_label(Channel, d.get('channel'))}"
    if action in ("assessment_record", "follow_up_record"):
        parts = []
        if d.get("held_on"):
            parts.append(f"Holdt {_day(d['held_on'])}")
        level = d.get("vum_level")
        parts.append("VUM-niveau ikke vurderet" if level is None else f"VUM-niveau {level}")
        return ", ".join(parts)
    if action == "committee_review_record":
        return _label(CommitteeRecommendation, d.get("recommendation"))
    if action in ("draft_decision_create", "decision_make"):
        outcome = _label(Outcome, d.get("proposed_outcome") or d.get("outcome"))
        if d.get("policy"):
            against = (
                " – går imod visitationsudvalgets indstilling" if d.get("against_committee") else ""
            )
            return f"{outcome} (kvalitetsstandard {d['policy']}){against}"
        return f"Foreslået: {outcome}"
    if action == "termination_draft_create":
        return f"Foreslået ophør: {_label(TerminationReason, d.get('termination_reason'))}"
    if action == "decision_receipt_record":
        return f"Modtaget {_day(d.get('received_on'))}"
    if action == "party_hearing_send":
        days = d.get("days")
        period = "kvalitetsstandardens frist" if days is None else f"frist {days} dage"
        return f"Materialet modtaget {_day(d.get('material_received_on'))}, {period}"
    if action == "party_hearing_close":
        return "Med bemærkninger fra borgeren" if d.get("with_comments") else "Uden bemærkninger"
    if action == "party_hearing_answer":
        files = len(d.get("attachments") or ())
        parts = ["med bemærkninger"] if d.get("with_comments") else []
        if files:
            parts.append(f"{files} bilag")
        return " og ".join(parts).capitalize()
    if action == "change_report":
        return _label(CitizenReportKind, d.get("kind"))
    if action == "handleplan_record":
        return _label(HandleplanStatus, d.get("status"))
    if action == "placement_start":
        return f"{d.get('days_per_week')} dage om ugen"
    if action == "case_terminate":
        reason = _label(TerminationReason, d.get("reason"))
        return f"{reason}; ophører {_day(d['terminated_on'])}" if d.get("terminated_on") else reason
    if action == "complaint_register":
        late = " – modtaget efter klagefristen" if d.get("late") else ""
        return f"Modtaget {_day(d.get('received_on'))}{late}"
    if action == "complaint_reassess":
        return _label(Reassessment, d.get("result"))
    if action == "complaint_forward":
        return f"Sendt {_day(d.get('forwarded_on'))}"
    if action == "complaint_outcome_record":
        return _label(AnkeOutcome, d.get("outcome"))
    if action == "letter_send":
        title = str(d.get("title") or d.get("kind", ""))
        copies = len(d.get("copies") or ())
        if copies:
            return f"{title}; kopi til {copies} repræsentant{'er' if copies > 1 else ''}"
        return title
    if action == "case_close":
        reason = _label(ClosureReason, d.get("reason"))
        return f"{reason}; lukket {_day(d.get('closed_on'))}"
    if action in ("case_assign", "caseload_transfer"):
        return f"Fra {d.get('from_name', 'ingen')} til {d.get('to_name', '')}"
    if action == "journal_note_add":
        what = f"{_label(JournalKind, d.get('kind'))} {_day(d.get('occurred_on'))}"
        return f"{what} (retter et tidligere notat)" if d.get("corrects") else what
    if action == "assessment_correct":
        fields = ", ".join(_assessment_field(name) for name in d.get("fields", ()))
        return f"Rettet: {fields}. Begrundelse: {correction_reason or '—'}"
    return ""


def _assessment_field(name: str) -> str:
    try:
        return str(Assessment._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@dataclass(frozen=True)
class TimelineEvent:
    entry: AuditEntry
    title: str
    summary: str


def timeline(entries: list[AuditEntry]) -> list[TimelineEvent]:
    """The case's history; a correction's reason is annotated on its entry by the case
    page's selector (``correction_reason``)."""
    return [
        TimelineEvent(
            e,
            ACTION_TITLES.get(e.action, e.action),
            _summary(e.action, e.details, getattr(e, "correction_reason", None)),
        )
        for e in entries
    ]
