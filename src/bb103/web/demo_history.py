"""A year of history for the demo (issue 20, point 1), so the managers' overview has data
on ``make run``: applications received month by month over the last thirteen months and
decided on time or late (some late ones after a notice of delay), refusals resting on
different criteria of Serviceloven § 103, stk. 1, complaints that end at genvurdering or
with each of Ankestyrelsen's outcomes, placements that fill the offers over the year, and
every month's settlement run and approved by the manager.

Every step is the case system's own action, taken as on its own day (``as_on``), so the
deadlines, the letters' dates and the audit trail are what they would have been. Names and
CPR numbers are invented. Idempotent: a citizen already there is left as it is (each case
is made in one transaction), and an approved month is never touched again.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from bb103.cases import services
from bb103.cases.actions import (
    LETTER_ACTIONS,
    assessment_record,
    committee_review_record,
    complaint_forward,
    complaint_outcome_record,
    complaint_reassess,
    complaint_register,
    decision_make,
    draft_decision_create,
    party_hearing_close,
    party_hearing_send,
    placement_start,
    waiting_list_add,
)
from bb103.cases.engine.calendar import is_working_day, planned_days
from bb103.cases.engine.evaluation import evaluate_case, standard_party_hearing
from bb103.cases.models import (
    AnkeOutcome,
    Case,
    Citizen,
    CommitteeRecommendation,
    Deadline,
    DeadlineKind,
    Membership,
    Municipality,
    Offer,
    Outcome,
    Placement,
    Reassessment,
    Role,
    SettlementMonth,
    SettlementStatus,
    TaxCardKind,
    TransportMode,
    User,
)

if TYPE_CHECKING:
    from bb103.web.demo import Demo

# How far back the history reaches, in months: a year and the month before it, so a month
# of this year can be set against the same month last year.
MONTHS = 13
# Applications received per month of the history, per municipality: one is enough for
# every chart to have data, and every step costs (the whole demo loads in about a minute).
PER_MONTH = 1


@dataclass(frozen=True)
class Story:
    """What happens to one application of the history. ``ground``: the criterion of
    § 103, stk. 1 a refusal rests on (None: a grant); ``late``: decided after the
    standard's deadline, ``notice`` after a notice of delay (Retssikkerhedsloven § 3,
    stk. 2); ``complaint``: how the citizen's complaint ends (None: no complaint)."""

    ground: str | None = None
    late: bool = False
    notice: bool = False
    complaint: str | None = None


WORK = "cannot_work_on_normal_terms"
FUNCTION = "reduced_function_or_social_problems"
OTHER = "other_legislation_exhausted"
REASSESSED = "changed_at_reassessment"  # the municipality gave the citizen what was asked

# A year's stories, one a month from the oldest: mostly grants, some late; refusals on
# each of three criteria, and complaints ending each way. Complaints come early in the
# year: Ankestyrelsen takes months, so the newest still waits for its answer.
STORIES = [
    Story(ground=WORK, late=True, complaint=AnkeOutcome.UPHELD),
    Story(),
    Story(ground=FUNCTION, complaint=REASSESSED),
    Story(ground=OTHER, complaint=AnkeOutcome.SENT_BACK),
    Story(late=True, notice=True),
    Story(ground=WORK, complaint=AnkeOutcome.CHANGED),
    Story(),
    Story(ground=FUNCTION, complaint=AnkeOutcome.UPHELD),
    Story(ground=OTHER, late=True, complaint=AnkeOutcome.UPHELD),
    Story(late=True),
    Story(ground=FUNCTION, complaint=AnkeOutcome.SENT_BACK),
    Story(),
    Story(),
]

# The assessment of a citizen who meets every criterion, and the one fact that makes each
# ground of refusal not met.
ELIGIBLE: dict[str, Any] = {
    "vum_level": 3,
    "interview_place": "I borgerens hjem",
    "significant_reduced_function": True,
    "special_social_problems": False,
    "can_work_on_normal_terms": False,
    "other_legislation_exhausted": True,
    "receives_foertidspension": True,
    "motivated": True,
    "can_transport_self": True,
    "medical_certificate": True,
}
NOT_MET = {
    WORK: {"can_work_on_normal_terms": True},
    FUNCTION: {"significant_reduced_function": False},
    OTHER: {"other_legislation_exhausted": False},
}
REFUSAL_REASONS = {
    WORK: "Borgeren kan efter udredningen arbejde på normale vilkår.",
    FUNCTION: "Borgeren har efter udredningen ikke en betydelig og varigt nedsat fysisk "
    "eller psykisk funktionsevne eller særlige sociale problemer.",
    OTHER: "Borgeren kan få beskæftigelse efter anden lovgivning, som ikke er afprøvet.",
}
COMPLAINT_GROUNDS = {
    WORK: "Borgeren mener ikke at kunne arbejde på normale vilkår, heller ikke i fleksjob.",
    FUNCTION: "Borgeren mener, at funktionsevnen er vurderet for højt.",
    OTHER: "Borgeren mener, at jobcentret har afprøvet mulighederne efter anden lovgivning.",
}
ANKE_NOTES = {
    AnkeOutcome.UPHELD: "Ankestyrelsen er enig i kommunens afgørelse.",
    AnkeOutcome.CHANGED: "Ankestyrelsen finder, at borgeren er i målgruppen.",
    AnkeOutcome.SENT_BACK: "Sagen er ikke tilstrækkeligt oplyst; kommunen skal træffe ny "
    "afgørelse.",
}

FIRST = ["Alma", "Bendt", "Cecilie", "Dennis", "Elna", "Frode", "Gerda", "Henrik", "Ida"]
# Plainly invented surnames, of the history's own.
LAST = ["Årgangsen", "Kalendersen", "Månedsgaard", "Tidslund", "Forløbsen", "Kvartalsen"]

# Attendance in the history's months: mostly present, now and then sick or away.
PATTERN = ["present"] * 12 + ["sick", "present", "present", "notified_absence"]


def load(demo: "Demo", *, today: date, per_month: int = PER_MONTH) -> int:
    """The municipality's year of applications, ``per_month`` decided in each of the
    last ``MONTHS`` months (oldest first); returns how many cases it made."""
    mid = demo.municipality.id
    rng = random.Random(f"bb103-history-{mid}")
    period = _deadline_period(demo.municipality)
    made = 0
    for i in range(MONTHS * per_month):
        cpr = _cpr(rng)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if Citizen.objects.filter(municipality=demo.municipality, cpr=cpr).exists():
            continue
        story = STORIES[(i // per_month) % len(STORIES)]
        # The day the decision is meant to fall on, early in its month, and the day the
        # application came in to get there: five weeks before, or for a late decision
        # the standard's period and the delay before (Lejre's 20 weeks reach far back).
        month = month_start(today, MONTHS - i // per_month)
        target = month + timedelta(days=7 + 10 * (i % per_month))
        late_by = timedelta(days=7 + 7 * (i % 3))
        late = story.late and period is not None
        received = target - (late_by + period if late else timedelta(days=35))
        with transaction.atomic():
            _History(demo, demo.caseworkers[i % 2], today, i, late_by, target).live(
                story, cpr, first, last, received
            )
        made += 1
    return made


def _deadline_period(municipality: Municipality) -> timedelta | None:
    """How long the standard gives for a decision, as the engine set it on a case of the
    demo's already there; None where the standard sets none (Roskilde, Sønderborg)."""
    row = (
        Deadline.objects.filter(case__municipality=municipality, kind=DeadlineKind.DECISION)
        .select_related("case__application")
        .order_by("pk")
        .first()
    )
    return None if row is None else row.due_on - row.case.application.received_on


class _History:
    """One citizen's case, carried through ``story`` step by step as on each step's day;
    it stops where the story would pass today (the newest complaints still await
    Ankestyrelsen)."""

    def __init__(
        self, demo: "Demo", worker: User, today: date, n: int, late_by: timedelta, target: date
    ) -> None:
        self.demo, self.worker, self.today, self.n = demo, worker, today, n
        self.late_by, self.target = late_by, target
        self.case: Case

    def live(self, story: Story, cpr: str, first: str, last: str, received: date) -> None:
        citizen = services.citizen_register(
            user=self.worker,
            municipality=self.demo.municipality,
            cpr=cpr,
            first_name=first,
            last_name=last,
            address=f"Årsvej {self.n + 1}",
            living_situation="own_home",
        )
        self.case = services.application_register(
            user=self.worker, citizen=citizen, received_on=received, channel=_channel(self.n)
        )
        self._letter("receipt", received)
        facts = {**ELIGIBLE, **NOT_MET.get(story.ground or "", {})}
        decided = self._decide(received, facts, story)
        if decided is None:
            return
        if story.ground is None:
            self._place(decided)
        elif story.complaint is not None:
            self._complaint(story, decided)

    # -- the steps ----------------------------------------------------------------------
    def _decide(self, start: date, facts: dict[str, Any], story: Story) -> date | None:
        """Assess, (committee,) draft, hear and decide, from ``start``; the decision day
        as the story wants it against the decision deadline. None if not reached today."""
        refuse = story.ground is not None
        day = start + timedelta(days=5)
        if not self._take(assessment_record, day, assessed_on=day, **facts):
            return None
        evaluation = evaluate_case(self.case, as_of=day)
        offer = self.demo.offers[self.n % len(self.demo.offers)]
        if evaluation.visitation_committee_required:
            day += timedelta(days=4)
            supports = CommitteeRecommendation.SUPPORTS
            if not self._take(
                committee_review_record, day, reviewed_on=day,
                recommendation=CommitteeRecommendation.DOES_NOT_SUPPORT if refuse else supports,
                offer=None if refuse else offer,
            ):  # fmt: skip
                return None
        day += timedelta(days=3)
        if not self._take(
            draft_decision_create, day, created_on=day,
            proposed_outcome=Outcome.REFUSAL if refuse else Outcome.GRANT,
            reasons=REFUSAL_REASONS[story.ground] if story.ground else "",
            offer=None if refuse else offer,
        ):  # fmt: skip
            return None
        day += timedelta(days=1)
        standard = standard_party_hearing(evaluation)
        if not self._take(
            party_hearing_send, day, sent_on=day, days=None if standard is not None else 14
        ):
            return None
        self._letter("hearing", day)
        day += timedelta(days=7)
        if not self._take(
            party_hearing_close, day, closed_on=day, comments="Borgeren har ingen bemærkninger."
        ):
            return None
        due = self._deadline()
        decided = self._decision_day(start, day, story, due)
        if decided is None:
            return None
        if story.notice and due is not None and decided > due:
            # Told before the deadline passed, with the day the answer is now expected.
            told = max(day, due - timedelta(days=5))
            self._letter(
                "delay", told, expected_on=decided,
                extra_text="Vi venter på en lægeerklæring, som er nødvendig for afgørelsen.",
            )  # fmt: skip
        allowed = evaluation.days_per_week
        if not self._take(
            decision_make, decided, outcome=Outcome.REFUSAL if refuse else Outcome.GRANT,
            decided_on=decided, reasons=REFUSAL_REASONS[story.ground] if story.ground else "",
            offer=None if refuse else offer,
            days_per_week=None if refuse else (allowed.default or allowed.max or 4),
        ):  # fmt: skip
            return None
        self._letter("decision_refusal" if refuse else "decision_grant", decided)
        return decided

    def _decision_day(
        self, start: date, heard: date, story: Story, due: date | None
    ) -> date | None:
        """About five weeks after the application, within the deadline; or a week or
        three after the deadline for a late one. A municipality whose standard sets no
        decision deadline (Roskilde, Sønderborg) has no late decisions."""
        on_time = max(heard + timedelta(days=2), start + timedelta(days=35))
        if due is not None:
            on_time = max(heard + timedelta(days=1), min(on_time, due - timedelta(days=2)))
        decided = on_time
        if story.late and due is not None:
            # Not before the day meant for it: a deadline in working days (Ballerup's 30)
            # is counted over this case's own weeks, and where the period measured on
            # another case spanned Christmas's closing days it is a week or more shorter
            # here, which would move the decision back into the month before.
            late = max(due + self.late_by, self.target)
            # (Received early enough for the deadline to have passed; checked anyway.)
            decided = late if late < self.today else on_time
        # On a working day (a date promised in a notice of delay must be one).
        while not is_working_day(self.demo.municipality.id, decided):
            decided += timedelta(days=1)
        return decided if decided <= self.today else None

    def _complaint(self, story: Story, decided: date) -> None:
        assert story.ground is not None
        received = decided + timedelta(days=12)
        if not self._take(
            complaint_register, received, received_on=received, form="written",
            grounds=COMPLAINT_GROUNDS[story.ground],
        ):  # fmt: skip
            return
        self._letter("complaint_receipt", received)
        reassessed = received + timedelta(days=10)
        changed = story.complaint == REASSESSED
        if not self._take(
            complaint_reassess, reassessed, reassessed_on=reassessed,
            result=Reassessment.CHANGED if changed else Reassessment.UPHELD,
            notes="Borgeren har sendt nye oplysninger, som ændrer vurderingen."
            if changed else "Udredningen står ved magt; klagen sendes til Ankestyrelsen.",
        ):  # fmt: skip
            return
        if changed:
            # Reopened: decided again, now as the citizen asked.
            self._again(reassessed)
            return
        forwarded = reassessed + timedelta(days=3)
        if not self._take(complaint_forward, forwarded, forwarded_on=forwarded):
            return
        self._letter("complaint_forwarded", forwarded)
        # Ankestyrelsen answers in about two and a half months; the newest still wait.
        answered = forwarded + timedelta(days=75)
        outcome = str(story.complaint)
        grant = outcome == AnkeOutcome.CHANGED
        if not self._take(
            complaint_outcome_record, answered, outcome=outcome, received_on=answered,
            notes=ANKE_NOTES[outcome], new_outcome=Outcome.GRANT if grant else "",
            offer=self.demo.workshop if grant else None,
        ):  # fmt: skip
            return
        if grant:
            self._place(answered)
        elif outcome == AnkeOutcome.SENT_BACK:
            self._again(answered)

    def _again(self, reopened: date) -> None:
        """The decision made again after the case was reopened: the assessment updated
        with what was learned, then the steps to a grant, placed if a place is free."""
        decided = self._decide(reopened, ELIGIBLE, Story())
        if decided is not None:
            self._place(decided)

    def _place(self, decided: date) -> None:
        """A start two weeks or so after the grant, at an offer with a free place (else on
        the workshop's waiting list), with transport and a tax card for the settlement."""
        start = decided + timedelta(days=14 + (7 - decided.weekday()) % 7)
        offer = _free([self.demo.offers[self.n % len(self.demo.offers)], *self.demo.offers])
        if offer is None or start > self.today:
            self._take(waiting_list_add, decided, offer=self.demo.workshop, since=decided)
            return
        # The days granted (Ankestyrelsen's grant states none: the standard's then).
        days_per_week = self.case.decision.days_per_week if self.case.decision else None
        if days_per_week is None:
            allowed = evaluate_case(self.case, as_of=start).days_per_week
            days_per_week = allowed.default or allowed.max or 4
        first = self.n % (6 - days_per_week)
        placement = self._take(
            placement_start, decided + timedelta(days=7), offer=offer, start_on=start,
            weekdays="12345"[first : first + days_per_week], hours_per_day=Decimal("6.00"),
            contact_person=self.demo.contact_people.get(offer.provider_id, "") or "Kontaktperson",
            order_goals="Møde stabilt og lære en fast arbejdsgang.",
        )  # fmt: skip
        if placement is None:
            return
        fare = self.n % 2
        services.transport_set(
            user=self.worker, placement=placement, valid_from=start,
            mode=TransportMode.PER_KM if fare else TransportMode.NONE,
            means="Bus" if fare else "Cykel",
            one_way_km=Decimal(8 + self.n % 9) if fare else None,
            price_per_km=Decimal("1.9500") if fare else None,
        )  # fmt: skip
        services.tax_card_record(
            user=self.worker, citizen=self.case.citizen, valid_from=start,
            kind=TaxCardKind.SECONDARY, withholding_pct=Decimal(38 + self.n % 3),
        )  # fmt: skip

    # -- helpers --------------------------------------------------------------------------
    def _take(self, action, day: date, **inputs: Any) -> Any:
        """The action as on ``day`` by the case's caseworker (the committee's review by
        the committee member); None, and nothing done, if ``day`` is after today."""
        if day > self.today:
            return None
        user = self.worker
        if action is committee_review_record:
            assert self.demo.committee is not None
            user = self.demo.committee
        return action.as_on(day, user=user, case=self.case, **inputs) or True

    def _letter(self, kind: str, day: date, **inputs: Any) -> None:
        if day <= self.today:
            LETTER_ACTIONS[kind].as_on(day, user=self.worker, case=self.case, **inputs)

    def _deadline(self) -> date | None:
        """The decision deadline as the engine set it; None where the standard sets none."""
        row = self.case.deadlines.filter(kind="decision").first()
        return None if row is None else row.due_on


def _channel(n: int) -> str:
    return ["digital", "letter", "digital", "phone"][n % 4]


def _free(offers: list[Offer]) -> Offer | None:
    for offer in offers:
        taken = offer.placements.filter(ended_on__isnull=True).count()
        if offer.places is None or taken < offer.places:
            return offer
    return None


def _cpr(rng: random.Random) -> str:
    """A fictitious CPR number: born 1970-1994 (7th digit 0-3 reads as the 1900s)."""
    born = date(1970, 1, 1) + timedelta(days=rng.randrange(0, 365 * 25))
    return f"{born:%d%m%y}-{rng.randrange(0, 4)}{rng.randrange(0, 1000):03d}"


# -- the settlements ------------------------------------------------------------------------
def settle(*, today: date, only: frozenset[str] | None = None, months: int = MONTHS) -> int:
    """Each municipality's months from ``months`` + 1 months ago to the month before last,
    with the workshop's attendance registered by its staff, run and approved by the
    manager (last month is left for the demo's manager to settle). Returns the number of
    months approved now; a month approved before is left as it is."""
    approved = 0
    for municipality in Municipality.objects.order_by("pk"):
        if only is not None and municipality.pk not in only:
            continue
        leader = _member(municipality, Role.MANAGER)
        if leader is None:
            continue
        staff = _member(municipality, Role.PROVIDER_STAFF)
        for back in range(months + 1, 1, -1):
            month = month_start(today, back)
            done = SettlementMonth.objects.filter(
                municipality=municipality, month=month, status=SettlementStatus.APPROVED
            )
            if done.exists():
                continue
            with transaction.atomic():
                if staff is not None:
                    _attendance(staff, month, today)
                settlement = services.settlement_run(
                    user=leader, municipality=municipality, month=month
                )
                services.settlement_approve(user=leader, settlement=settlement)
            approved += 1
    return approved


def _member(municipality: Municipality, role: str) -> User | None:
    membership = (
        Membership.objects.filter(municipality=municipality, role=role)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return None if membership is None else membership.user


def history_begins(today: date) -> date:
    """The first day of the month before the oldest settled month (``settle``): the demo's
    placed citizens attend from before it, and the offers' prices hold from its year."""
    return month_start(today, MONTHS + 2)


def month_start(today: date, back: int) -> date:
    """The first day of the month ``back`` months before ``today``'s."""
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _attendance(staff: User, month: date, today: date) -> None:
    """The month's attendance at the staff member's provider, for every placement running
    now that ran then, as the provider's staff register it (one submit per offer)."""
    membership = Membership.objects.get(user=staff, role=Role.PROVIDER_STAFF)
    last = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    placements = (
        Placement.objects.filter(
            offer__provider_id=membership.provider_id,
            ended_on__isnull=True,
            start_on__lte=last,
        )
        .select_related("case", "offer__provider")
        .order_by("offer_id", "pk")
    )
    by_offer: dict[int, tuple[Offer, list[Any]]] = {}
    for i, placement in enumerate(placements):
        days = planned_days(placement, max(month, placement.start_on), min(last, today))
        entries = by_offer.setdefault(placement.offer_id, (placement.offer, []))[1]
        entries.extend(
            services.AttendanceEntry(placement.pk, day, PATTERN[(i * 5 + j) % len(PATTERN)])
            for j, day in enumerate(days)
        )
    for offer, entries in by_offer.values():
        services.attendance_record(user=staff, offer=offer, entries=entries)
