"""Drafts and partshøring (Forvaltningsloven § 19): on the application, and on ending or
changing a granted effort (those drafts are made in :mod:`.termination` and
:mod:`.change`)."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.evaluation import standard_party_hearing
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    CaseStatus,
    Deadline,
    DeadlineKind,
    DraftDecision,
    DraftKind,
    HearingStatus,
    Offer,
    Outcome,
    PartyHearing,
    Role,
)
from bb103.cases.services.validation import choice, not_before, not_future, required_text

S = CaseStatus
MAX_HEARING_DAYS = 365
# Before the decision the draft is on the application; after a grant, on ending it.
_BEFORE_DECISION = (S.RECEIVED, S.ASSESSED, S.DRAFTED, S.HEARING)


def draft_in_play(state: CaseState) -> DraftDecision | None:
    """The draft the citizen is (or is to be) heard on now, if any."""
    if state.case.status in _BEFORE_DECISION:
        return state.open_draft(DraftKind.APPLICATION)
    if state.case.status in (S.DECIDED, S.ACTIVE) and not state.termination_pending:
        # After a grant: a draft on ending it or on changing it, the latest made.
        drafts = (state.open_draft(DraftKind.TERMINATION), state.open_draft(DraftKind.CHANGE))
        return max((d for d in drafts if d is not None), key=lambda d: d.pk, default=None)
    return None


def _unheard_draft(state: CaseState) -> DraftDecision | None:
    """The draft in play, if the citizen has not been heard on it (nor the hearing left
    out): the one partshøring can be sent or left out for."""
    draft = draft_in_play(state)
    return draft if draft is not None and state.hearing_of(draft) is None else None


def _heard_already(state: CaseState) -> str | None:
    """Why there is no draft to hear the citizen on, where there is a draft in play."""
    draft = draft_in_play(state)
    hearing = state.hearing_of(draft)
    if draft is None or hearing is None:
        return None
    if hearing.status == HearingStatus.SKIPPED:
        return (
            "Partshøringen er undladt for dette udkast (forvaltningsloven § 19, stk. 2). "
            "Udarbejd et nyt udkast, hvis borgeren alligevel skal høres."
        )
    return (
        f"Udkastet fra {danish_date(draft.created_on)} har allerede været i partshøring. "
        "Udarbejd et nyt udkast, hvis borgeren skal høres igen."
    )


class DraftDecisionCreate(CaseAction):
    name = "draft_decision_create"
    label = "udarbejde et udkast til afgørelse"
    title = "Udarbejd udkast til afgørelse"
    date_input = "created_on"
    date_label = "Udkastets dato"
    date_named = "udkastet"
    affects_deadlines = False
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.ASSESSED, S.DRAFTED)

    def clean(self, **inputs: Any) -> dict[str, Any]:
        outcome = inputs.get("proposed_outcome", "")
        choice(outcome, Outcome, field="proposed_outcome", label="Den foreslåede afgørelse")
        if outcome == Outcome.REFUSAL:
            # Forvaltningsloven §§ 22 and 24: a refusal must give its reasons.
            inputs["reasons"] = required_text(
                inputs.get("reasons", ""), field="reasons", label="Begrundelsen for afslaget"
            )
        return inputs

    def perform(
        self,
        step: Step,
        *,
        created_on: date,
        proposed_outcome: str,
        reasons: str = "",
        offer: Offer | None = None,
    ) -> DraftDecision:
        if offer is not None and offer.provider.municipality_id != step.case.municipality_id:
            raise CaseError("Tilbuddet hører ikke til kommunens leverandører.", field="offer")
        draft = DraftDecision.objects.create(
            case=step.case,
            kind=DraftKind.APPLICATION,
            created_on=created_on,
            proposed_outcome=proposed_outcome,
            reasons=reasons.strip(),
            offer=offer,
            created_by=step.user,
        )
        step.case.status = S.DRAFTED
        step.details = {"draft": draft.pk, "proposed_outcome": proposed_outcome}
        return draft


class PartyHearingSend(CaseAction):
    """Send the draft in play for comments. Digital Post counts as received the day it is
    sent, so ``material_received_on`` defaults to ``sent_on``. ``days`` is the period the
    caseworker sets; never shorter than the standard's own, and required where the
    standard sets none."""

    name = "party_hearing_send"
    label = "sende udkastet i partshøring"
    title = "Send udkastet i partshøring"
    date_input = "sent_on"
    date_label = "Afsendelsesdatoen"
    date_named = "partshøringen blev sendt"
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.DRAFTED, S.DECIDED, S.ACTIVE)

    def relevant(self, state: CaseState) -> bool:
        return _unheard_draft(state) is not None

    def not_relevant_reason(self, state: CaseState) -> str | None:
        return _heard_already(state)

    def clean(self, **inputs: Any) -> dict[str, Any]:
        days = inputs.get("days")
        if days is not None and not 1 <= days <= MAX_HEARING_DAYS:
            raise CaseError(
                f"Fristen for bemærkninger skal være mellem 1 og {MAX_HEARING_DAYS} dage.",
                field="days",
            )
        return inputs

    def perform(
        self,
        step: Step,
        *,
        sent_on: date,
        material_received_on: date | None = None,
        days: int | None = None,
    ) -> PartyHearing:
        received = material_received_on or sent_on
        not_before(
            received,
            sent_on,
            field="material_received_on",
            label="Modtagelsen af materialet",
            earlier="det blev sendt",
        )
        not_future(
            received, step.today, field="material_received_on", label="Modtagelsen af materialet"
        )
        draft = _unheard_draft(step.state)
        assert draft is not None
        not_before(
            sent_on,
            draft.created_on,
            field="sent_on",
            label="Afsendelsesdatoen",
            earlier="udkastet blev udarbejdet",
        )
        if days is None and standard_party_hearing(step.state.evaluate(as_of=received)) is None:
            raise CaseError(
                "Kvalitetsstandarden fastsætter ingen frist for partshøring. "
                "Angiv fristen for borgerens bemærkninger.",
                field="days",
            )
        hearing = PartyHearing.objects.create(
            case=step.case,
            draft=draft,
            status=HearingStatus.SENT,
            sent_on=sent_on,
            material_received_on=received,
            days=days,
        )
        if draft.kind == DraftKind.APPLICATION:
            step.case.status = S.HEARING
        # A period shorter than the standard's is refused by the engine while the
        # deadlines are recomputed, which rolls the step back.
        step.details = {
            "hearing": hearing.pk,
            "draft_kind": draft.kind,
            "material_received_on": received,
            "days": days,
        }
        return hearing


class PartyHearingSkip(CaseAction):
    """Leave partshøring out, with the reason under Forvaltningsloven § 19, stk. 2. Not
    possible where the municipality's standard promises that the draft is always sent."""

    name = "party_hearing_skip"
    label = "undlade partshøring"
    title = "Undlad partshøring (§ 19, stk. 2)"
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.DRAFTED, S.DECIDED, S.ACTIVE)
    primary = False

    def relevant(self, state: CaseState) -> bool:
        return _unheard_draft(state) is not None

    def not_relevant_reason(self, state: CaseState) -> str | None:
        return _heard_already(state)

    def preconditions(self, state: CaseState) -> Iterator[str]:
        if state.advice_error:
            yield state.advice_error
        standard = None if state.advice is None else state.advice.standard_hearing
        if standard is not None:
            yield (
                "Efter kommunens kvalitetsstandard sendes udkastet altid i partshøring med en "
                f"frist på {standard.label} ({standard.source}). Partshøringen kan ikke "
                "undlades."
            )

    def clean(self, **inputs: Any) -> dict[str, Any]:
        inputs["reason"] = required_text(
            inputs.get("reason", ""),
            field="reason",
            label="Begrundelsen efter forvaltningslovens § 19, stk. 2",
        )
        return inputs

    def perform(self, step: Step, *, reason: str) -> PartyHearing:
        draft = _unheard_draft(step.state)
        assert draft is not None
        hearing = PartyHearing.objects.create(
            case=step.case,
            draft=draft,
            status=HearingStatus.SKIPPED,
            closed_on=step.today,
            skip_reason=reason,
        )
        step.details = {"hearing": hearing.pk, "draft_kind": draft.kind, "skipped": True}
        return hearing


class PartyHearingClose(CaseAction):
    """Close the hearing: when the citizen's comments are in, or when the period is over."""

    name = "party_hearing_close"
    label = "afslutte partshøringen"
    title = "Afslut partshøringen"
    date_input = "closed_on"
    date_label = "Afslutningsdatoen"
    date_named = "partshøringen blev afsluttet"
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.HEARING, S.DECIDED, S.ACTIVE)

    def relevant(self, state: CaseState) -> bool:
        return state.open_hearing is not None

    def perform(
        self,
        step: Step,
        *,
        closed_on: date,
        comments: str = "",
        comments_received_on: date | None = None,
    ) -> PartyHearing:
        hearing = step.state.open_hearing
        assert hearing is not None and hearing.sent_on is not None
        not_before(
            closed_on,
            hearing.sent_on,
            field="closed_on",
            label="Afslutningsdatoen",
            earlier="udkastet blev sendt",
        )
        comments = comments.strip()
        if comments:
            comments_received_on = comments_received_on or closed_on
            not_before(
                comments_received_on,
                hearing.sent_on,
                field="comments_received_on",
                label="Bemærkningerne",
                earlier="udkastet blev sendt",
            )
            not_before(
                closed_on,
                comments_received_on,
                field="closed_on",
                label="Afslutningsdatoen",
                earlier="bemærkningerne blev modtaget",
            )
        else:
            comments_received_on = None
            deadline = Deadline.objects.filter(
                case=step.case, kind=DeadlineKind.PARTY_HEARING
            ).first()
            if deadline is not None and closed_on <= deadline.due_on:
                raise CaseError(
                    "Borgerens frist for bemærkninger er ikke udløbet; partshøringen kan først "
                    "afsluttes uden bemærkninger efter fristen. " + deadline.explanation,
                    field="closed_on",
                )
        hearing.status = HearingStatus.CLOSED
        hearing.closed_on = closed_on
        hearing.comments = comments
        hearing.comments_received_on = comments_received_on
        hearing.save()
        if hearing.draft.kind == DraftKind.APPLICATION:
            step.case.status = S.DRAFTED
        step.details = {"hearing": hearing.pk, "with_comments": bool(comments)}
        return hearing


draft_decision_create = DraftDecisionCreate()
party_hearing_send = PartyHearingSend()
party_hearing_skip = PartyHearingSkip()
party_hearing_close = PartyHearingClose()
