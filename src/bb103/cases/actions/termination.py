"""The end of a granted effort.

Folkepensionsalder ends it by law, on the day (Lov om social pension § 1 a). Any other
ending is a decision the municipality makes: where it rests on the municipality's own
assessment (goals reached, no effect, no cooperation, a changed situation, a move) the
citizen is heard on a draft first (Forvaltningsloven § 19) unless a § 19, stk. 2 reason is
recorded. The citizen's own wish needs no hearing (§ 19, stk. 2, nr. 1: the decision gives
them what they asked for), nor does a death. The effective day may lie in the future, no
earlier than the standard's notice period where it gives one; until then the effort runs,
and the daily sweep ends it on the day.
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.effort import OnGrantedEffort
from bb103.cases.actions.hearing import draft_in_play
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.evaluation import explanation_for
from bb103.cases.engine.formatting import danish_date
from bb103.cases.engine.policy import termination_notice_ends
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    CaseStatus,
    DraftDecision,
    DraftKind,
    HearingStatus,
    Role,
    Termination,
    TerminationReason,
    WaitingListEntry,
)
from bb103.cases.services.validation import choice, not_before, required_text

S = CaseStatus
R = TerminationReason
# The reasons that rest on the municipality's assessment: heard first (§ 19, stk. 1).
HEARD_REASONS = frozenset(
    {R.GOALS_REACHED, R.NO_EFFECT, R.NO_COOPERATION, R.SITUATION_CHANGED, R.MOVED}
)


def _start(state: CaseState) -> tuple[date, str]:
    """The earliest day the effort can end: its start, or the decision before a start."""
    if state.placement is not None:
        return state.placement.start_on, "beskæftigelsen startede"
    decision = state.decision
    assert decision is not None
    return decision.decided_on, "afgørelsen"


class _Ending(OnGrantedEffort):
    """A step towards ending a granted effort."""

    effort_verb = "ophøre"
    hearing_about = " om ophør"


class TerminationDraftCreate(_Ending):
    """A draft decision to end the effort, to hear the citizen on (Forvaltningsloven § 19)."""

    name = "termination_draft_create"
    label = "udarbejde et udkast til ophør"
    title = "Udkast til ophør (partshøring)"
    date_input = "created_on"
    date_label = "Udkastets dato"
    date_named = "udkastet til ophør"
    affects_deadlines = False

    def clean(self, **inputs: Any) -> dict[str, Any]:
        reason = inputs.get("reason", "")
        choice(reason, TerminationReason, field="reason", label="Årsagen")
        if reason not in HEARD_REASONS:
            raise CaseError(
                f"Ophør, fordi »{TerminationReason(reason).label.lower()}«, kræver ikke "
                "partshøring. Træf afgørelsen om ophør direkte.",
                field="reason",
            )
        inputs["reasons"] = required_text(
            inputs.get("reasons", ""),
            field="reasons",
            label="Begrundelsen for ophøret (forvaltningsloven §§ 22 og 24)",
        )
        return inputs

    def perform(
        self,
        step: Step,
        *,
        created_on: date,
        reason: str,
        effective_on: date,
        reasons: str,
    ) -> DraftDecision:
        start, earlier = _start(step.state)
        not_before(effective_on, start, field="effective_on", label="Ophørsdatoen", earlier=earlier)
        _check_notice(step, reason, effective_on, decided_on=created_on, field="effective_on")
        draft = DraftDecision.objects.create(
            case=step.case,
            kind=DraftKind.TERMINATION,
            created_on=created_on,
            termination_reason=reason,
            effective_on=effective_on,
            reasons=reasons,
            created_by=step.user,
        )
        step.details = {"draft": draft.pk, "termination_reason": reason}
        return draft


class CaseTerminate(_Ending):
    """Decide that the effort ends on ``terminated_on`` (today, earlier, or later)."""

    name = "case_terminate"
    label = "afslutte indsatsen"
    title = "Afslut indsatsen"
    date_input = "terminated_on"
    date_label = "Ophørsdatoen"
    date_may_be_future = True

    def clean(self, **inputs: Any) -> dict[str, Any]:
        choice(inputs.get("reason", ""), TerminationReason, field="reason", label="Årsagen")
        return inputs

    def perform(
        self, step: Step, *, reason: str, terminated_on: date, notes: str = ""
    ) -> Termination:
        state = step.state
        start, earlier = _start(state)
        not_before(
            terminated_on, start, field="terminated_on", label="Ophørsdatoen", earlier=earlier
        )
        evaluation = step.state.evaluate(as_of=min(terminated_on, step.today))
        pension_on = evaluation.reaches_pension_age_on
        text, sources = explanation_for(evaluation, "reaches_pension_age_on")
        if pension_on is not None and terminated_on > pension_on:
            raise CaseError(
                "Beskyttet beskæftigelse ophører senest den dag, borgeren når "
                f"folkepensionsalderen, {danish_date(pension_on)} ({'; '.join(sources)}).",
                field="terminated_on",
            )
        if reason == R.PENSION_AGE and terminated_on != pension_on:
            raise CaseError(
                f"Ophør ved folkepensionsalderen sker den dag, alderen nås. {text}",
                field="terminated_on",
            )
        draft = None
        if reason in HEARD_REASONS:
            draft = _heard_draft(state, reason)
            _check_notice(step, reason, terminated_on, decided_on=step.today, field="terminated_on")
        termination = Termination.objects.create(
            case=step.case,
            reason=reason,
            decided_on=step.today,
            terminated_on=terminated_on,
            draft=draft,
            notes=notes.strip(),
            recorded_by=step.user,
        )
        if terminated_on <= step.today:
            _take_effect(step, termination)
        step.details = {
            "termination": termination.pk,
            "reason": reason,
            "terminated_on": terminated_on,
        }
        return termination


def _heard_draft(state: CaseState, reason: str) -> DraftDecision:
    """The draft on ending the effort for ``reason`` that the citizen has been heard on (or
    the hearing of which was left out with its § 19, stk. 2 reason)."""
    draft = draft_in_play(state)
    hearing = state.hearing_of(draft)
    label = TerminationReason(reason).label.lower()
    if draft is None or draft.termination_reason != reason or hearing is None:
        raise CaseError(
            f"Ophør, fordi »{label}«, er en afgørelse, borgeren kan være uenig i. Borgeren "
            "skal først høres over et udkast til ophør (forvaltningsloven § 19, stk. 1), "
            "eller det skal begrundes, hvorfor partshøring undlades (§ 19, stk. 2).",
            field="reason",
        )
    if hearing.status == HearingStatus.SENT:
        raise CaseError("Partshøringen om ophør er ikke afsluttet.", field="reason")
    return draft


def _check_notice(
    step: Step, reason: str, effective_on: date, *, decided_on: date, field: str
) -> None:
    """The standard's notice period (policy ``termination_notice``), where it gives one,
    runs from the decision to the day the effort ends."""
    if reason not in HEARD_REASONS:
        return
    notice = termination_notice_ends(step.case.municipality_id, decided_on)
    if notice is not None and effective_on < notice.ends_on:
        raise CaseError(
            f"Kvalitetsstandarden giver et varsel på {notice.label} ({notice.source}). "
            f"Indsatsen kan tidligst ophøre {danish_date(notice.ends_on)}.",
            field=field,
        )


def _take_effect(step: Step, termination: Termination) -> None:
    placement = step.state.placement
    if placement is not None:
        placement.ended_on = termination.terminated_on
        placement.save(update_fields=["ended_on"])
    # An ended effort waits for no place: its waiting list entries end with it.
    WaitingListEntry.objects.filter(case=step.case, left_on__isnull=True).update(
        left_on=termination.terminated_on
    )
    step.case.status = S.TERMINATED


class TerminationEffect(CaseAction):
    """The decided end takes effect on its day: the daily sweep takes this step (or a
    caseworker, on the day, before the sweep has run)."""

    name = "termination_effect"
    label = "lade ophøret træde i kraft"
    title = "Ophøret træder i kraft"
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.DECIDED, S.ACTIVE)
    by_system = True

    def relevant(self, state: CaseState) -> bool:
        return state.termination_pending

    def preconditions(self, state: CaseState) -> Iterator[str]:
        termination = state.termination
        assert termination is not None
        if state.today < termination.terminated_on:
            yield (
                f"Indsatsen ophører {danish_date(termination.terminated_on)}; ophøret træder "
                "først i kraft den dag."
            )

    def perform(self, step: Step) -> Termination:
        termination = step.state.termination
        assert termination is not None
        _take_effect(step, termination)
        step.details = {"termination": termination.pk, "terminated_on": termination.terminated_on}
        return termination


termination_draft_create = TerminationDraftCreate()
case_terminate = CaseTerminate()
termination_effect = TerminationEffect()
