"""A change of a granted effort: fewer or more days or hours, or another offer.

A change is a decision of its own (an ændringsafgørelse): it is recorded as a new
``Decision`` that points to the one it changes and becomes the decision in force, with the
engine's evaluation frozen into it; its letter carries klagevejledning, and the complaint
period runs from the citizen's receipt of that letter.

A change to the citizen's disadvantage (fewer days or hours, or an offer the citizen has
not asked for) rests on the municipality's assessment: the citizen is heard on a draft
first (Forvaltningsloven § 19, stk. 1), or the hearing is left out with its § 19, stk. 2
reason. A change the citizen asked for, or one only to their advantage, needs no hearing
(§ 19, stk. 2, nr. 1).

From the day the change takes effect the placement follows: the running placement ends the
day before and a new one starts with the new scope (and offer). Ending and starting, rather
than editing the row, keeps the planned days of the months before as they were, which the
settlement of those months is computed from. A change that takes effect later is carried
out on its day by the daily sweep (``change_effect``), as a decided termination is.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, ClassVar

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.effort import OnGrantedEffort
from bb103.cases.actions.granted import WEEKDAY_NAMES
from bb103.cases.actions.hearing import draft_in_play
from bb103.cases.actions.scope import check_days, clean_scope
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.evaluation import Evaluation, frozen_into_decision
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Attendance,
    CaseStatus,
    Decision,
    DecisionKind,
    DraftDecision,
    DraftKind,
    HearingStatus,
    Offer,
    Outcome,
    Placement,
    Role,
    WageAgreement,
    WaitingListEntry,
)
from bb103.cases.services.offer_rules import offer_check
from bb103.cases.services.validation import not_before, required_text
from bb103.letters.plain import scope_da

S = CaseStatus


@dataclass(frozen=True)
class Scope:
    """What a grant gives: days, hours, offer (None where not stated)."""

    days: int | None
    hours: Decimal | None
    offer: Offer | None

    def text(self) -> str:
        said = scope_da(self.days, self.hours)
        if self.offer is not None:
            said = f"{said} hos »{self.offer.name}«" if said else f"hos »{self.offer.name}«"
        return said or "uden fastsat omfang"


def current_scope(state: CaseState) -> Scope:
    """The scope in force: the decision's, and where it states none (a grant made before
    the scope was recorded), the running placement's."""
    decision = state.decision
    placement = state.placement
    assert decision is not None
    days, hours, offer = decision.days_per_week, decision.hours_per_day, decision.offer
    if placement is not None:
        days = days if days is not None else placement.days_per_week
        hours = hours if hours is not None else placement.hours_per_day
        offer = placement.offer
    return Scope(days, hours, offer)


def new_scope(
    state: CaseState, days: int | None, hours: Decimal | None, offer: Offer | None
) -> Scope:
    """The scope after the change: what is given, the rest as it is."""
    now = current_scope(state)
    return Scope(
        now.days if days is None else days,
        now.hours if hours is None else hours,
        now.offer if offer is None else offer,
    )


def disadvantages(before: Scope, after: Scope) -> list[str]:
    """What in the change is to the citizen's disadvantage, in Danish (empty: none)."""
    found = []
    if before.days is not None and after.days is not None and after.days < before.days:
        found.append(f"færre dage ({before.days} til {after.days})")
    if before.hours is not None and after.hours is not None and after.hours < before.hours:
        found.append(f"færre timer ({scope_da(None, before.hours)} til "
                     f"{scope_da(None, after.hours)})")  # fmt: skip
    if after.offer is not None and (before.offer is None or after.offer.pk != before.offer.pk):
        found.append(f"et andet tilbud (»{after.offer.name}«)")
    return found


def pending_change(state: CaseState) -> Decision | None:
    """The change decision in force whose day has not yet been carried out on the running
    placement (the placement still has the scope or offer from before)."""
    decision, placement = state.decision, state.placement
    if decision is None or decision.kind != DecisionKind.CHANGE or placement is None:
        return None
    assert decision.effective_on is not None
    if placement.start_on >= decision.effective_on:
        return None
    follows = (
        (decision.offer_id is None or placement.offer_id == decision.offer_id)
        and decision.days_per_week in (None, placement.days_per_week)
        and decision.hours_per_day in (None, placement.hours_per_day)
    )
    return None if follows else decision


class _Change(OnGrantedEffort):
    """A step towards changing a granted effort: also not while a change waits for its
    day."""

    effort_verb = "ændres"

    def preconditions(self, state: CaseState) -> Iterator[str]:
        yield from super().preconditions(state)
        pending = pending_change(state)
        if pending is not None:
            assert pending.effective_on is not None
            yield (
                f"Der er truffet afgørelse om en ændring fra {danish_date(pending.effective_on)}. "
                "Den skal træde i kraft, før indsatsen kan ændres igen."
            )

    def clean(self, **inputs: Any) -> dict[str, Any]:
        clean_scope(inputs)
        return inputs

    @staticmethod
    def check(
        step: Step, evaluation: Evaluation, before: Scope, after: Scope, effective_on: date
    ) -> None:
        """The change is within the standard and changes something."""
        if after == before:
            raise CaseError(
                f"Ændringen ændrer ikke noget: borgeren har allerede {before.text()}.",
                field="days_per_week",
            )
        if after.days is not None and after.days != before.days:
            check_days(evaluation, after.days)
        if after.offer is not None and after.offer != before.offer:
            offer_check(evaluation, after.offer, step.case.municipality_id)
        placement = step.state.placement
        if placement is not None and effective_on <= placement.start_on:
            raise CaseError(
                "Ændringen skal gælde fra en dag efter, at beskæftigelsen startede "
                f"({danish_date(placement.start_on)}).",
                field="effective_on",
            )


class ChangeDraftCreate(_Change):
    """A draft decision to change the effort to the citizen's disadvantage, to hear the
    citizen on (Forvaltningsloven § 19, stk. 1)."""

    name = "change_draft_create"
    label = "udarbejde et udkast til ændring"
    title = "Udkast til ændring (partshøring)"
    affects_deadlines = False
    date_input: ClassVar[str] = "created_on"
    date_label = "Udkastets dato"
    date_named = "udkastet til ændring"

    def clean(self, **inputs: Any) -> dict[str, Any]:
        inputs = super().clean(**inputs)
        inputs["reasons"] = required_text(
            inputs.get("reasons", ""),
            field="reasons",
            label="Begrundelsen for ændringen (forvaltningsloven §§ 22 og 24)",
        )
        return inputs

    def perform(
        self,
        step: Step,
        *,
        created_on: date,
        effective_on: date,
        reasons: str,
        days_per_week: int | None = None,
        hours_per_day: Decimal | None = None,
        offer: Offer | None = None,
    ) -> DraftDecision:
        not_before(
            effective_on,
            created_on,
            field="effective_on",
            label="Ændringen",
            earlier="udkastet blev udarbejdet",
        )
        before = current_scope(step.state)
        after = new_scope(step.state, days_per_week, hours_per_day, offer)
        self.check(step, step.state.evaluate(as_of=created_on), before, after, effective_on)
        if not disadvantages(before, after):
            raise CaseError(
                "Ændringen er ikke til ugunst for borgeren (flere dage eller timer), så den "
                "kræver ikke partshøring. Træf afgørelsen om ændring direkte.",
                field="days_per_week",
            )
        draft = DraftDecision.objects.create(
            case=step.case,
            kind=DraftKind.CHANGE,
            created_on=created_on,
            effective_on=effective_on,
            days_per_week=days_per_week,
            hours_per_day=hours_per_day,
            offer=offer,
            reasons=reasons,
            created_by=step.user,
        )
        step.details = {"draft": draft.pk, "draft_kind": DraftKind.CHANGE}
        return draft


class ChangeDecisionMake(_Change):
    """Decide a change of days, hours or offer from ``effective_on`` (Forvaltningsloven
    § 19 where it is to the citizen's disadvantage and not asked for)."""

    name = "change_decision_make"
    label = "træffe afgørelse om ændring"
    title = "Træf afgørelse om ændring"
    date_input: ClassVar[str] = "decided_on"
    date_label = "Afgørelsesdatoen"
    date_named = "afgørelsen om ændring"

    def perform(
        self,
        step: Step,
        *,
        decided_on: date,
        effective_on: date,
        reasons: str = "",
        days_per_week: int | None = None,
        hours_per_day: Decimal | None = None,
        offer: Offer | None = None,
        at_citizens_request: bool = False,
    ) -> Decision:
        state = step.state
        old = state.decision
        assert old is not None
        not_before(
            decided_on,
            old.decided_on,
            field="decided_on",
            label="Afgørelsesdatoen",
            earlier="afgørelsen, der ændres",
        )
        not_before(
            effective_on,
            decided_on,
            field="effective_on",
            label="Ændringen",
            earlier="der er truffet afgørelse om den",
        )
        evaluation = state.evaluate(as_of=decided_on)
        before = current_scope(state)
        after = new_scope(state, days_per_week, hours_per_day, offer)
        self.check(step, evaluation, before, after, effective_on)
        worse = [] if at_citizens_request else disadvantages(before, after)
        draft = None
        if worse:
            reasons = required_text(
                reasons,
                field="reasons",
                label="Begrundelsen for ændringen (forvaltningsloven §§ 22 og 24)",
            )
            draft = _heard_draft(state, worse, after)
        decision = Decision.objects.create(
            case=step.case,
            kind=DecisionKind.CHANGE,
            previous=old,
            outcome=Outcome.GRANT,
            decided_on=decided_on,
            effective_on=effective_on,
            days_per_week=after.days,
            hours_per_day=after.hours,
            offer=after.offer,
            at_citizens_request=at_citizens_request,
            reasons=reasons.strip(),
            draft=draft,
            with_klagevejledning=True,
            **frozen_into_decision(evaluation),
            decided_by=step.user,
        )
        step.case.decision = decision
        followed = None
        if state.placement is not None and effective_on <= step.today:
            followed = _follow(step, decision, state.placement)
        step.details = {
            "decision": decision.pk,
            "previous": old.pk,
            "effective_on": effective_on,
            "scope": after.text(),
            **({"disadvantage": worse} if worse else {}),
            **({"at_citizens_request": True} if at_citizens_request else {}),
            **({"placement": followed.pk} if followed is not None else {}),
        }
        return decision


def _heard_draft(state: CaseState, worse: list[str], after: Scope) -> DraftDecision:
    """The change draft the citizen has been heard on (or the hearing of which was left out
    with its § 19, stk. 2 reason); the decision goes no further than the draft."""
    draft = draft_in_play(state)
    hearing = state.hearing_of(draft)
    if draft is None or draft.kind != DraftKind.CHANGE or hearing is None:
        raise CaseError(
            f"Ændringen er til ugunst for borgeren ({', '.join(worse)}). Borgeren skal først "
            "høres over et udkast til ændring (forvaltningsloven § 19, stk. 1), eller det "
            "skal begrundes, hvorfor partshøring undlades (§ 19, stk. 2). Har borgeren selv "
            "bedt om ændringen, så markér det.",
            field="at_citizens_request",
        )
    if hearing.status == HearingStatus.SENT:
        raise CaseError("Partshøringen om ændringen er ikke afsluttet.", field="status")
    further = (
        (draft.days_per_week is not None and after.days is not None
         and after.days < draft.days_per_week)
        or (draft.hours_per_day is not None and after.hours is not None
            and after.hours < draft.hours_per_day)
        or (draft.offer_id is not None and after.offer is not None
            and after.offer.pk != draft.offer_id)
    )  # fmt: skip
    if further:
        raise CaseError(
            f"Borgeren er hørt over et udkast fra {danish_date(draft.created_on)}. Afgørelsen "
            "går videre end udkastet og kræver et nyt udkast og ny partshøring "
            "(forvaltningsloven § 19).",
            field="days_per_week",
        )
    return draft


def _weekdays_for(old: str, days: int) -> str:
    """The new fixed weekdays: the first of the old ones for fewer days; the old ones and
    the next free weekdays from Monday for more."""
    if days <= len(old):
        return old[:days]
    free = [d for d in WEEKDAY_NAMES if d not in old]
    return "".join(sorted(old + "".join(free[: days - len(old)])))


def _follow(step: Step, decision: Decision, old: Placement) -> Placement:
    """The placement follows the change from its day: the old one ends the day before, a
    new one starts with the new scope. Attendance already recorded from that day moves
    to the new placement; at the same offer the wage and transport go on unchanged (at a
    new offer, they are agreed there)."""
    effective_on = decision.effective_on
    assert effective_on is not None
    offer = decision.offer or old.offer
    if offer.pk != old.offer_id and offer.places is not None:
        taken = Placement.objects.filter(offer=offer, ended_on__isnull=True).count()
        if taken >= offer.places:
            raise CaseError(
                f"»{offer.name}« har ingen ledige pladser ({taken} af {offer.places} er "
                "optaget). Du kan sætte borgeren på tilbuddets venteliste.",
                field="offer",
            )
    days = decision.days_per_week or old.days_per_week
    new = Placement.objects.create(
        case=step.case,
        offer=offer,
        start_on=effective_on,
        days_per_week=days,
        weekdays=_weekdays_for(old.weekdays, days),
        hours_per_day=decision.hours_per_day or old.hours_per_day,
        contact_person=old.contact_person,
        order_goals=old.order_goals,
    )
    old.ended_on = effective_on - timedelta(days=1)
    old.save(update_fields=["ended_on"])
    Attendance.objects.filter(placement=old, day__gte=effective_on).update(placement=new)
    if offer.pk == old.offer_id:
        _carry_on(old, new, effective_on, step)
    WaitingListEntry.objects.filter(case=step.case, offer=offer, left_on__isnull=True).update(
        left_on=effective_on
    )
    step.case.status = S.ACTIVE
    return new


def _carry_on(old: Placement, new: Placement, on: date, step: Step) -> None:
    wage = old.wages.filter(valid_from__lte=on).order_by("-valid_from").first()
    if wage is not None:
        WageAgreement.objects.create(
            placement=new,
            valid_from=on,
            basis=wage.basis,
            hourly_amount=wage.hourly_amount,
            rate_pct=wage.rate_pct,
            note=f"Videreført ved ændring af omfanget {danish_date(on)}.",
            set_by=step.user,
        )
    ride = old.transport.filter(valid_from__lte=on).order_by("-valid_from").first()
    if ride is not None:
        ride.pk = None
        ride.placement = new
        ride.valid_from = on
        ride.save()


class ChangeEffect(CaseAction):
    """A decided change takes effect on its day: the daily sweep takes this step (or a
    caseworker, on the day, before the sweep has run)."""

    name = "change_effect"
    label = "lade ændringen træde i kraft"
    title = "Ændringen træder i kraft"
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.ACTIVE)
    by_system = True

    def relevant(self, state: CaseState) -> bool:
        return pending_change(state) is not None

    def preconditions(self, state: CaseState) -> Iterator[str]:
        pending = pending_change(state)
        assert pending is not None and pending.effective_on is not None
        if state.today < pending.effective_on:
            yield (
                f"Ændringen gælder fra {danish_date(pending.effective_on)}; den træder først "
                "i kraft den dag."
            )

    def perform(self, step: Step) -> Placement:
        decision = pending_change(step.state)
        placement = step.state.placement
        assert decision is not None and placement is not None
        new = _follow(step, decision, placement)
        step.details = {"decision": decision.pk, "placement": new.pk}
        return new


change_draft_create = ChangeDraftCreate()
change_decision_make = ChangeDecisionMake()
change_effect = ChangeEffect()
