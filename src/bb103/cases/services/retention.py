"""Anonymisation after the retention period (GDPR art. 5, stk. 1, litra e): a dry-run
report first (``retention_report``), then ``retention_apply``.

A citizen is anonymised when every case of theirs ended longer ago than the retention
period (``bb103/data/gdpr/retention.toml``, an assumption stated there with its source)
and no complaint is open. What identifies them is removed; what the statistics need
(dates, outcomes, VUM levels, days, hours and amounts) stays. The audit log is not touched
(it is append-only, and holds ids, never names or CPR numbers; a correction's old and new
values are kept in its Correction row, blanked here): its rows keep pointing at the same,
now anonymous, citizen. Each citizen is one transaction, and an anonymised
citizen is never listed again, so a second run does nothing."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q

from bb103.cases.engine.facts import birth_date
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Application,
    Assessment,
    Case,
    CaseClosure,
    CaseStatus,
    Citizen,
    CommitteeReview,
    Complaint,
    ComplaintStatus,
    Correction,
    Deadline,
    DeadlineKind,
    Decision,
    DelayNotice,
    Deviation,
    DraftDecision,
    FollowUp,
    FollowUpBooking,
    Handleplan,
    JournalNote,
    Letter,
    LetterCopy,
    Outcome,
    PartyHearing,
    PedagogicalPlan,
    Representative,
    SettlementLine,
    Task,
    TaskKind,
    Termination,
    User,
    WageAgreement,
    WaitingListEntry,
)
from bb103.cases.retention_rules import RetentionPeriod, retention_period_on
from bb103.cases.services.audit import audit_write

RETENTION_USERNAME = "bb103-retention"
ANONYMOUS = "Anonymiseret"
# Keys of the engine's frozen evaluation that come from the CPR number.
_PERSONAL_KEYS = {"cpr", "birth_date", "turns_18_on", "reaches_pension_age_on"}


@dataclass(frozen=True)
class RetentionCandidate:
    citizen_id: int
    municipality_id: str
    cases: int
    closed_on: date  # the day the last of the citizen's cases ended
    kept_until: date  # closed_on plus the retention period


@dataclass
class RetentionReport:
    today: date
    period: RetentionPeriod
    candidates: list[RetentionCandidate] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report in plain Danish, one line per citizen (ids, never names)."""
        head = (
            f"Opbevaringsfrist {self.period.label()} efter sagens afslutning "
            f"({'antagelse: ' if self.period.assumption else ''}{self.period.source})."
        )
        rows = [
            f"Borger {c.citizen_id} ({c.municipality_id}): {c.cases} "
            f"sag{'er' if c.cases != 1 else ''}, afsluttet {danish_date(c.closed_on)}, "
            f"gemt til og med {danish_date(c.kept_until)}"
            for c in self.candidates
        ]
        total = f"{len(self.candidates)} borgere kan anonymiseres pr. {danish_date(self.today)}."
        return [head, *rows, total]


def _ended_cases_q() -> Q:
    """A case that has ended: terminated, closed, or refused (the complaint period is
    reckoned by ``_closed_on``). Everything else is still running."""
    return Q(status__in=(CaseStatus.TERMINATED, CaseStatus.CLOSED)) | Q(
        status=CaseStatus.DECIDED, decision__outcome=Outcome.REFUSAL
    )


def _closed_on(
    case: Case,
    termination: Termination | None,
    decision: Decision | None,
    complaint_deadline: date | None,
    complaints: list[Complaint],
    closure: CaseClosure | None = None,
) -> date | None:
    """The day the case ended: its closing (the retention period runs from then), the
    termination, or for a refusal the end of the citizen's
    complaint period (the decision's receipt where no period ran, i.e. without
    klagevejledning), or later if a complaint was handled after that."""
    if case.status == CaseStatus.CLOSED:
        if closure is None:
            return None
        ends = closure.closed_on
    elif case.status == CaseStatus.TERMINATED:
        if termination is None:
            return None
        ends = termination.terminated_on
    elif decision is not None:
        ends = complaint_deadline or decision.received_on
    else:
        return None
    if ends is None:
        # A decision the citizen was never told of has not ended the case.
        return None
    for c in complaints:
        dates = [c.received_on, c.reassessed_on, c.forwarded_on, c.anke_outcome_on]
        ends = max([ends, *(d for d in dates if d is not None)])
    return ends


def _eligible() -> Any:
    """Citizens not yet anonymised with at least one case, every case ended and no
    complaint open (the dates are checked by ``_candidates``)."""
    return (
        Citizen.objects.filter(anonymised_on__isnull=True, cases__isnull=False)
        .exclude(cases__in=Case.objects.exclude(_ended_cases_q()))
        .exclude(cases__complaints__in=Complaint.objects.exclude(status=ComplaintStatus.CLOSED))
        .distinct()
        .order_by("id")
    )


def _candidates(ids: list[int], period: RetentionPeriod, today: date) -> list[RetentionCandidate]:
    cases = list(Case.objects.filter(citizen_id__in=ids).order_by("id"))
    case_ids = [c.pk for c in cases]
    terminations = {t.case_id: t for t in Termination.objects.filter(case_id__in=case_ids)}
    # Read only where a case was closed (most citizens' cases ended otherwise).
    closed = [c.pk for c in cases if c.status == CaseStatus.CLOSED]
    closures = (
        {c.case_id: c for c in CaseClosure.objects.filter(case_id__in=closed)} if closed else {}
    )
    # The decision in force on each case (an earlier one may have been set aside).
    decisions = {
        d.case_id: d
        for d in Decision.objects.filter(pk__in=[c.decision_id for c in cases]).only(
            "id", "case_id", "received_on"
        )
    }
    complaint_deadlines = dict(
        Deadline.objects.filter(case_id__in=case_ids, kind=DeadlineKind.COMPLAINT).values_list(
            "case_id", "due_on"
        )
    )
    complaints: dict[int, list[Complaint]] = defaultdict(list)
    for complaint in Complaint.objects.filter(case_id__in=case_ids):
        complaints[complaint.case_id].append(complaint)
    by_citizen: dict[int, list[Case]] = defaultdict(list)
    for case in cases:
        by_citizen[case.citizen_id].append(case)
    found = []
    for citizen_id in ids:
        own = by_citizen[citizen_id]
        ends = [
            _closed_on(
                c,
                terminations.get(c.pk),
                decisions.get(c.pk),
                complaint_deadlines.get(c.pk),
                complaints[c.pk],
                closures.get(c.pk),
            )
            for c in own
        ]
        if not ends or None in ends:
            continue
        closed_on = max(d for d in ends if d is not None)
        kept_until = period.ends(closed_on)
        # Kept to and with ``kept_until``: listed from the day after.
        if kept_until < today:
            found.append(
                RetentionCandidate(
                    citizen_id, own[0].municipality_id, len(own), closed_on, kept_until
                )
            )
    return found


def retention_report(*, today: date) -> RetentionReport:
    """The dry run: the citizens whose every case ended longer ago than the retention
    period, none with an open complaint, not yet anonymised. Changes nothing."""
    period = retention_period_on(today)
    ids = list(_eligible().values_list("id", flat=True))
    return RetentionReport(today, period, _candidates(ids, period, today) if ids else [])


def retention_user() -> User:
    """The system user the anonymisation acts as in the audit log (cannot log in)."""
    user, _ = User.objects.get_or_create(
        username=RETENTION_USERNAME,
        defaults={
            "is_active": False,
            "first_name": "Sletning efter opbevaringsfristen",
            "password": make_password(None),
        },
    )
    return user


@dataclass
class RetentionResult:
    today: date
    anonymised: list[int] = field(default_factory=list)


def retention_apply(*, today: date) -> RetentionResult:
    """Anonymise every citizen the report lists, one transaction each; the report is made
    again inside the transaction, so a citizen whose case was reopened meanwhile is left."""
    result = RetentionResult(today)
    actor = retention_user()
    report = retention_report(today=today)
    for candidate in report.candidates:
        with transaction.atomic():
            citizen = (
                Citizen.objects.select_for_update()
                .filter(pk=candidate.citizen_id, anonymised_on__isnull=True)
                .first()
            )
            if citizen is None or not _candidates(
                list(_eligible().filter(pk=citizen.pk).values_list("id", flat=True)),
                report.period,
                today,
            ):
                continue
            _anonymise(citizen, today)
            audit_write(
                actor=actor,
                municipality_id=citizen.municipality_id,
                action="citizen_anonymise",
                citizen=citizen,
                details={
                    "citizen": citizen.pk,
                    "closed_on": candidate.closed_on,
                    "kept_until": candidate.kept_until,
                },
            )
            result.anonymised.append(citizen.pk)
    return result


def _needles(citizen: Citizen) -> list[str]:
    """The texts that identify the citizen, to be cut out of stored explanations."""
    found = [citizen.cpr, citizen.cpr.replace("-", ""), citizen.cpr[:6]]
    found += [citizen.first_name, citizen.last_name, f"{citizen.first_name} {citizen.last_name}"]
    found += [citizen.address, citizen.phone, citizen.email]
    try:
        born = birth_date(citizen.cpr)
    except CaseError:  # a number that encodes no date has no birth date to remove
        born = None
    if born is not None:
        found += [born.isoformat(), danish_date(born), f"{born:%d.%m.%Y}", f"{born:%d-%m-%Y}"]
        # The day and month alone too: "fylder 18 år 17. maj 2008" and the pension day
        # give the birth date away as well as the birth date itself.
        found.append(danish_date(born).rsplit(" ", 1)[0])
    return sorted({n for n in found if n and len(n) >= 3}, key=len, reverse=True)


def _pattern(needles: list[str]) -> re.Pattern[str] | None:
    """The needles as whole words, so a name is not cut out of another word."""
    if not needles:
        return None
    words = "|".join(re.escape(n) for n in needles)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


def scrub(value: Any, needles: list[str]) -> Any:
    """A copy of stored JSON with the CPR-derived keys emptied and every identifying text
    replaced, keeping the structure (outcomes, criteria, amounts) for the statistics."""
    if isinstance(value, dict):
        return {k: None if k in _PERSONAL_KEYS else scrub(v, needles) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, needles) for v in value]
    if isinstance(value, str):
        pattern = _pattern(needles)
        return value if pattern is None else pattern.sub("[anonymiseret]", value)
    return value


def placeholder_cpr(citizen_id: int) -> str:
    """Day 00 is no date, so the placeholder is never a real person's number; it still has
    the form DDMMÅÅ-XXXX the model checks, and the citizen's id keeps it unique."""
    digits = f"00{citizen_id:08d}"
    return f"{digits[:6]}-{digits[6:]}"


def _anonymise(citizen: Citizen, today: date) -> None:
    needles = _needles(citizen)
    cases = Case.objects.filter(citizen=citizen)
    on_case = {"case__in": cases}
    on_placement = {"placement__case__in": cases}
    Citizen.objects.filter(pk=citizen.pk).update(
        first_name=ANONYMOUS,
        last_name=f"borger {citizen.pk}",
        cpr=placeholder_cpr(citizen.pk),
        cpr_key="",  # no search finds an anonymised citizen
        address="",
        phone="",
        email="",
        anonymised_on=today,
    )
    Representative.objects.filter(citizen=citizen).update(
        name=ANONYMOUS, contact="", consent_scope=""
    )
    LetterCopy.objects.filter(letter__case__in=cases).update(name=ANONYMOUS, contact="")
    # What was corrected (which fields, when, by whom) stays; the old and new values, the
    # deadlines they moved (the pension-age date tells the birth date) and the reason go.
    for correction in Correction.objects.filter(citizen=citizen):
        Correction.objects.filter(pk=correction.pk).update(
            changes={name: {"old": None, "new": None} for name in correction.changes},
            deadlines=[],
            reason="",
        )
    # Free texts that can identify; the dates, outcomes and levels beside them stay.
    Application.objects.filter(**on_case).update(description="")
    Assessment.objects.filter(**on_case).update(
        vum_notes="", interview_place="", information_notes=""
    )
    CommitteeReview.objects.filter(**on_case).update(notes="")
    DraftDecision.objects.filter(**on_case).update(reasons="")
    PartyHearing.objects.filter(**on_case).update(comments="", skip_reason="")
    Handleplan.objects.filter(**on_case).update(
        purpose="", effort="", expected_duration="", other_matters=""
    )
    WaitingListEntry.objects.filter(**on_case).update(note="")
    FollowUp.objects.filter(**on_case).update(participants="", notes="", deviations="")
    FollowUpBooking.objects.filter(**on_case).update(place="", participants="", cancel_reason="")
    Termination.objects.filter(**on_case).update(notes="")
    CaseClosure.objects.filter(**on_case).update(
        notes="", handover_notes="", new_address="", open_deadlines=[]
    )
    Complaint.objects.filter(**on_case).update(
        grounds="", reassessment_notes="", anke_notes="", case_file=None
    )
    DelayNotice.objects.filter(**on_case).update(reason="")
    Task.objects.filter(**on_case).update(note="")
    # The one deliberate change of a journal note (JournalNote.save refuses changes).
    JournalNote.objects.filter(**on_case).update(text="")
    PedagogicalPlan.objects.filter(**on_placement).update(goals="", methods="", work_tasks="")
    Deviation.objects.filter(**on_placement).update(text="")
    WageAgreement.objects.filter(**on_placement).update(note="")
    # The pension-age date and its task tell the birth date; the other deadlines stay,
    # with the engine's explanation cleaned of anything that names the citizen.
    Deadline.objects.filter(**on_case, kind=DeadlineKind.PENSION_AGE).delete()
    Task.objects.filter(**on_case, kind=TaskKind.PENSION_AGE).delete()
    for deadline in Deadline.objects.filter(**on_case):
        Deadline.objects.filter(pk=deadline.pk).update(
            explanation=scrub(deadline.explanation, needles)
        )
    for decision in Decision.objects.filter(**on_case):
        Decision.objects.filter(pk=decision.pk).update(
            reasons="",
            individual_assessment="",
            committee_deviation_reason="",
            evaluation=scrub(decision.evaluation, needles),
        )
    for line in SettlementLine.objects.filter(**on_placement):
        SettlementLine.objects.filter(pk=line.pk).update(
            citizen_name=f"{ANONYMOUS} borger {citizen.pk}",
            explanation=scrub(line.explanation, needles),
            warnings=scrub(line.warnings, needles),
        )
    # The letters' PDFs and the data they were made from are deleted; that a letter of
    # which kind was sent on which day stays. (Letter.save refuses changes, so the sent
    # letter cannot be edited by mistake; this is the one deliberate change.)
    Letter.objects.filter(**on_case).update(pdf=b"", data={})
