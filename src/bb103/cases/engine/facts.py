"""What the engine is told about a case: its facts, read once from its rows, and the
scenario JSON built from them (docs/contract/evaluate.md)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max, Min

from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Application,
    Assessment,
    Case,
    Complaint,
    Decision,
    DelayNotice,
    HearingStatus,
    PartyHearing,
    Placement,
    reopening_date,
)
from bb103.rules.cpr import birth_date_from_cpr, mask_cpr
from bb103.rules.scenario import CITIZEN_FLAGS


@dataclass(frozen=True)
class CaseFacts:
    """What the engine is told about a case, read once from its rows."""

    municipality: str
    cpr: str
    living_situation: str | None
    assessment: Assessment | None
    application_received_on: date | None
    hearing: PartyHearing | None
    decision: Decision | None
    complaint: Complaint | None
    placement: Placement | None
    # The last follow-up held on the case, on any of its placements: a change decision ends
    # the running placement and starts a new one, and the yearly follow-up (Serviceloven
    # § 148, stk. 1; the standards) does not start over with it.
    last_follow_up_on: date | None
    # (decided_on, received_on) of each decision on the application the citizen has been
    # told of: the decision deadline and a promised date are met by the telling.
    communicated: tuple[tuple[date, date], ...] = ()
    # The notice of delay's promise (sent_on, expected_on), the latest; Retssikkerhedsloven
    # § 3, stk. 2.
    promise: tuple[date, date] | None = None
    # When the decision was set aside to be made again (sent back, annulled, changed at the
    # reassessment), if it was.
    reopened_on: date | None = None
    # The first placement's start on the case: the citizen's employment under § 103 began
    # then, whatever placements a change decision has since ended and started.
    first_started_on: date | None = None

    @property
    def employment_started_on(self) -> date | None:
        if self.placement is None:
            return None
        return self.first_started_on or self.placement.start_on

    @property
    def follow_up_from(self) -> date | None:
        """The day the yearly follow-up clock runs from: the last follow-up held on the
        case, else the start of its first placement; None without a running placement."""
        if self.placement is None:
            return None
        return self.last_follow_up_on or self.employment_started_on


def follow_up_clock(case: Case) -> tuple[date | None, date | None]:
    """The case's first placement start and its last follow-up held, on any placement (one
    query). Both readers of a case's facts (``case_facts`` and the actions' state) ask
    this, so the follow-up deadline is the same wherever it is computed."""
    found = Placement.objects.filter(case=case).aggregate(
        first=Min("start_on"), last=Max("follow_ups__held_on")
    )
    return found["first"], found["last"]


def case_facts(case: Case) -> CaseFacts:
    """Read a case's facts (a handful of queries; the services call this once per step)."""
    assessment = case.assessments.order_by("-assessed_on", "-id").first()
    # Queried, not read through the reverse one-to-one accessors, whose cache may predate
    # the step that is running.
    application = _application(case)
    hearing = case.hearings.exclude(status=HearingStatus.SKIPPED).order_by("-id").first()
    decisions = list(Decision.objects.filter(case=case).order_by("id"))
    decision = next((d for d in decisions if d.pk == case.decision_id), None)
    complaints = list(case.complaints.order_by("received_on", "id"))
    complaint = max(complaints, key=lambda c: (c.received_on, c.pk), default=None)
    told = sorted(
        (d for d in decisions if d.received_on is not None), key=lambda d: (d.received_on, d.pk)
    )
    communicated = tuple((d.decided_on, d.received_on) for d in told)
    promise = (
        DelayNotice.objects.filter(case=case)
        .order_by("-sent_on", "-id")
        .values_list("sent_on", "expected_on")
        .first()
    )
    placement = case.placements.filter(ended_on__isnull=True).order_by("-start_on").first()
    first_started_on = last_follow_up_on = None
    if placement is not None:
        first_started_on, last_follow_up_on = follow_up_clock(case)
    return CaseFacts(
        municipality=case.municipality_id,
        cpr=case.citizen.cpr,
        living_situation=case.citizen.living_situation or None,
        assessment=assessment,
        application_received_on=None if application is None else application.received_on,
        hearing=hearing,
        decision=decision,
        complaint=complaint,
        placement=placement,
        last_follow_up_on=last_follow_up_on,
        communicated=communicated,
        promise=promise,
        reopened_on=reopening_date(complaints),
        first_started_on=first_started_on,
    )


def _application(case: Case) -> Application | None:
    """The case's application: read with the case row where it was (a step's locked row),
    else queried. A cached absence is not trusted: it may predate the registration."""
    if Case.application.is_cached(case):
        cached = case.application
        if cached is not None:
            return cached
    return Application.objects.filter(case=case).first()


def scenario_data(facts: CaseFacts, *, as_of: date) -> dict[str, Any]:
    """The case as the engine's scenario JSON (docs/contract/evaluate.md)."""
    citizen: dict[str, Any] = {"cpr": facts.cpr, "living_situation": facts.living_situation}
    a = facts.assessment
    if a is not None:
        citizen["vum_level"] = a.vum_level
        citizen.update({flag: getattr(a, flag) for flag in CITIZEN_FLAGS})
    data: dict[str, Any] = {
        "municipality": facts.municipality,
        "as_of": as_of.isoformat(),
        "citizen": citizen,
    }
    if facts.application_received_on is not None:
        data["application"] = {"received_on": facts.application_received_on.isoformat()}
    h = facts.hearing
    if h is not None:
        data["party_hearing"] = {
            "material_received_on": _iso(h.material_received_on),
            "days": h.days,
        }
    # The complaint period runs from the citizen's receipt of the decision: none before.
    if facts.decision is not None and facts.decision.received_on is not None:
        data["decision"] = {"received_on": facts.decision.received_on.isoformat()}
    if facts.complaint is not None:
        data["complaint"] = {"received_on": facts.complaint.received_on.isoformat()}
    if facts.placement is not None:
        data["employment"] = {
            "start_date": _iso(facts.employment_started_on),
            "last_follow_up_on": _iso(facts.last_follow_up_on),
        }
    return data


def birth_date(cpr: str) -> date:
    """The birth date a CPR number encodes; a Danish error naming the field if it is bad."""
    try:
        return birth_date_from_cpr(cpr)
    except ValueError:
        raise CaseError(
            f"CPR-nummeret {mask_cpr(cpr) if len(cpr) >= 6 else cpr} er ikke gyldigt: "
            "det skal være 10 cifre (DDMMÅÅ-XXXX), og de første 6 skal være en dato.",
            field="cpr",
        ) from None


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
