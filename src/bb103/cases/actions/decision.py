"""The decision on the application, with the policy version and the engine's evaluation
frozen into it, and the citizen's receipt of it, from which the complaint period runs."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.scope import clean_scope, granted_days
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.evaluation import (
    Evaluation,
    explanation_for,
    frozen_into_decision,
)
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    CaseStatus,
    CommitteeRecommendation,
    CommitteeReview,
    Decision,
    DraftKind,
    HearingStatus,
    Offer,
    Outcome,
    Role,
)
from bb103.cases.services.offer_rules import offer_check
from bb103.cases.services.validation import choice, not_before, not_future, required_text

S = CaseStatus


def _sources(evaluation: Evaluation, rule: str) -> str:
    return "; ".join(explanation_for(evaluation, rule)[1])


class DecisionMake(CaseAction):
    """Decide the application. The citizen is told by the decision letter, which sets
    ``received_on`` (Digital Post: the day it is sent); until then no complaint period
    runs and the decision deadline is not met."""

    name = "decision_make"
    label = "træffe afgørelse"
    title = "Træf afgørelse"
    date_input = "decided_on"
    date_label = "Afgørelsesdatoen"
    date_named = "afgørelsen"
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.ASSESSED, S.DRAFTED, S.HEARING)

    def preconditions(self, state: CaseState) -> Iterator[str]:
        if state.case.status == S.HEARING:
            yield (
                "Partshøringen er ikke afsluttet. Afslut den, og overvej borgerens "
                "bemærkninger, før der træffes afgørelse (forvaltningsloven § 19)."
            )
            return
        advice = state.advice
        if advice is None:
            yield state.advice_error or "Regelmotoren kan ikke vurdere sagen."
            return
        if advice.committee_required:
            _, sources = explanation_for(advice.evaluation, "visitation_committee_required")
            review = state.committee_review
            if review is None:
                yield (
                    "Afventer visitationsudvalget: sagen skal forelægges udvalget, før der "
                    f"træffes afgørelse ({'; '.join(sources)})."
                )
            elif review.recommendation == CommitteeRecommendation.NEEDS_INFORMATION:
                yield (
                    "Visitationsudvalget mangler oplysninger. Forelæg sagen igen, før der "
                    f"træffes afgørelse ({'; '.join(sources)})."
                )
        standard = advice.standard_hearing
        if standard is not None:
            hearing = state.hearing_of(state.open_draft(DraftKind.APPLICATION))
            if hearing is None or hearing.status != HearingStatus.CLOSED:
                yield (
                    "Efter kommunens kvalitetsstandard sendes udkastet altid i partshøring med "
                    f"en frist på {standard.label} ({standard.source}). Send udkastet, og "
                    "afslut partshøringen, før der træffes afgørelse."
                )

    def clean(self, **inputs: Any) -> dict[str, Any]:
        outcome = inputs.get("outcome", "")
        choice(outcome, Outcome, field="outcome", label="Afgørelsen")
        if outcome == Outcome.REFUSAL:
            # Forvaltningsloven §§ 22 and 24; a full grant needs no reasons (§ 22).
            inputs["reasons"] = required_text(
                inputs.get("reasons", ""), field="reasons", label="Begrundelsen for afslaget"
            )
            # A refusal grants no scope.
            inputs["days_per_week"] = inputs["hours_per_day"] = None
        clean_scope(inputs)
        return inputs

    def perform(
        self,
        step: Step,
        *,
        outcome: str,
        decided_on: date,
        reasons: str = "",
        individual_assessment: str = "",
        committee_deviation_reason: str = "",
        offer: Offer | None = None,
        with_klagevejledning: bool = True,
        days_per_week: int | None = None,
        hours_per_day: Decimal | None = None,
    ) -> Decision:
        """``days_per_week`` and ``hours_per_day``: the scope granted, stated in the
        letter. A grant states its days within the standard's range; hours are optional,
        as no standard or law sets a number of hours per day (see ``actions.scope``)."""
        state = step.state
        application = state.application
        assert application is not None
        not_before(
            decided_on,
            application.received_on,
            field="decided_on",
            label="Afgørelsesdatoen",
            earlier="ansøgningen blev modtaget",
        )
        if state.reopened_on is not None:
            not_before(
                decided_on,
                state.reopened_on,
                field="decided_on",
                label="Afgørelsesdatoen",
                earlier="sagen blev genoptaget",
            )
        evaluation = step.state.evaluate(as_of=decided_on)
        individual_assessment = individual_assessment.strip()
        if outcome == Outcome.REFUSAL:
            _check_refusal_hearing(state)
            _check_refusal_basis(evaluation, individual_assessment)
            if state.placement is not None:
                raise CaseError(
                    "Borgeren er i gang i beskyttet beskæftigelse. Skal indsatsen stoppe, "
                    "træffes en afgørelse om ophør (Afslut indsatsen).",
                    field="outcome",
                )
        else:
            _check_legal_criteria(evaluation)
            if offer is not None:
                offer_check(evaluation, offer, step.case.municipality_id)
            days_per_week = granted_days(evaluation, days_per_week)
        deviation = committee_deviation_reason.strip()
        if evaluation.visitation_committee_required:
            review = state.committee_review
            against = None if review is None else _against_committee(review, outcome, offer)
            if against is not None and not deviation:
                raise CaseError(
                    f"{against} Afgørelsen går imod udvalgets indstilling. Skriv begrundelsen "
                    f"for at afvige; den vises på sagen og for udvalget "
                    f"({_sources(evaluation, 'visitation_committee_required')}).",
                    field="committee_deviation_reason",
                )
            if against is None:
                deviation = ""
        else:
            deviation = ""
        decision = Decision.objects.create(
            case=step.case,
            outcome=outcome,
            decided_on=decided_on,
            received_on=None,
            reasons=reasons.strip(),
            individual_assessment=individual_assessment,
            committee_deviation_reason=deviation,
            offer=offer,
            days_per_week=days_per_week,
            hours_per_day=hours_per_day,
            draft=state.open_draft(DraftKind.APPLICATION),
            with_klagevejledning=with_klagevejledning,
            **frozen_into_decision(evaluation),
            decided_by=step.user,
        )
        step.case.decision = decision
        # A grant decided again while the citizen already works (after Ankestyrelsen sent
        # the case back) goes on where it is.
        granted_at_work = outcome == Outcome.GRANT and state.placement is not None
        step.case.status = S.ACTIVE if granted_at_work else S.DECIDED
        step.details = {
            "decision": decision.pk,
            "outcome": outcome,
            "policy": f"{decision.policy_id} {decision.policy_version}",
            "engine_outcome": evaluation.outcome,
            **({"days_per_week": days_per_week} if days_per_week is not None else {}),
            **({"hours_per_day": str(hours_per_day)} if hours_per_day is not None else {}),
            **({"against_committee": True} if deviation else {}),
        }
        return decision


def _against_committee(review: CommitteeReview, outcome: str, offer: Offer | None) -> str | None:
    """Why the decision goes against the committee's latest recommendation, in Danish; None
    when it follows it."""
    on = danish_date(review.reviewed_on)
    if review.recommendation == CommitteeRecommendation.SUPPORTS:
        if outcome == Outcome.REFUSAL:
            return f"Visitationsudvalget støttede matchet {on}."
        if review.offer_id is not None and offer is not None and offer.pk != review.offer_id:
            return (
                f"Visitationsudvalget støttede {on} matchet med »{review.offer}«, men "
                f"afgørelsen bevilger »{offer}«."
            )
        return None
    if (
        review.recommendation == CommitteeRecommendation.DOES_NOT_SUPPORT
        and outcome == Outcome.GRANT
    ):
        return f"Visitationsudvalget støttede ikke matchet {on}."
    return None


def _check_refusal_hearing(state: CaseState) -> None:
    """Forvaltningsloven § 19: a refusal rests on the assessment, which the citizen must see
    first, unless a § 19, stk. 2 reason is recorded."""
    draft = state.open_draft(DraftKind.APPLICATION)
    hearing = state.hearing_of(draft)
    if draft is None or hearing is None or hearing.status == HearingStatus.SENT:
        raise CaseError(
            "Et afslag kræver, at borgeren er hørt over et udkast (forvaltningsloven § 19, "
            "stk. 1), eller at det er begrundet, hvorfor partshøring undlades (§ 19, stk. 2).",
            field="outcome",
        )
    if draft.proposed_outcome != Outcome.REFUSAL:
        raise CaseError(
            "Borgeren er hørt over et udkast til bevilling. Et afslag kræver et nyt udkast "
            "og ny partshøring (forvaltningsloven § 19).",
            field="outcome",
        )


def _check_refusal_basis(evaluation: Evaluation, individual_assessment: str) -> None:
    """A refusal rests on a criterion of Serviceloven § 103, stk. 1 that the assessment
    found not met, or on an individual assessment written in the decision. The
    municipality's own criteria are starting points: they never carry a refusal alone."""
    if any(c.kind == "legal" and c.met is False for c in evaluation.criteria):
        return
    if individual_assessment:
        return
    starting = [c.label.lower() for c in evaluation.criteria if c.kind != "legal" and not c.met]
    because = f" (her: {', '.join(starting)})" if starting else ""
    raise CaseError(
        "Efter udredningen er alle betingelser i serviceloven § 103, stk. 1 opfyldt. "
        f"Kommunens udgangspunkter{because} kan ikke alene føre til afslag. Skriv den "
        "konkrete, individuelle vurdering, afslaget hviler på, eller ret udredningen.",
        field="individual_assessment",
    )


def _check_legal_criteria(evaluation: Evaluation) -> None:
    """A grant cannot stand against a legal criterion of § 103, stk. 1 that the case's own
    facts say is not met; the municipality's own criteria are starting points only."""
    failed = [c for c in evaluation.criteria if c.kind == "legal" and c.met is False]
    if failed:
        listed = "; ".join(f"{c.label} ({c.source})" for c in failed)
        raise CaseError(
            f"Der kan ikke bevilges beskyttet beskæftigelse, når et lovkrav ikke er opfyldt: "
            f"{listed}.",
            field="outcome",
        )


class DecisionReceiptRecord(CaseAction):
    """The citizen received the decision later than the letter's date (a letter by post,
    say): the complaint period runs from the known receipt (Retssikkerhedsloven § 67)."""

    name = "decision_receipt_record"
    label = "registrere, hvornår borgeren modtog afgørelsen"
    title = "Registrér modtagelse af afgørelsen"
    # No ``date_input``: the citizen's receipt is not a step the municipality takes; it is
    # learned afterwards and may lie before steps already recorded (a handleplan offered
    # while the letter was in the post). Its own checks below hold it after the letter.
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.DECIDED, S.ACTIVE, S.TERMINATED)
    primary = False

    def relevant(self, state: CaseState) -> bool:
        decision = state.decision
        return decision is not None and decision.origin == "municipality"

    def preconditions(self, state: CaseState) -> Iterator[str]:
        if state.decision_letter(state.decision) is None:
            yield (
                "Afgørelsesbrevet er ikke sendt endnu. Send brevet; med Digital Post regnes "
                "det for modtaget samme dag."
            )

    def perform(self, step: Step, *, received_on: date) -> Decision:
        decision = step.state.decision
        letter = step.state.decision_letter(decision)
        assert decision is not None and letter is not None
        not_future(received_on, step.today, field="received_on", label="Modtagelsen")
        not_before(
            received_on,
            letter.sent_on,
            field="received_on",
            label="Modtagelsen",
            earlier="brevet blev sendt",
        )
        decision.received_on = received_on
        decision.save(update_fields=["received_on"])
        step.details = {"decision": decision.pk, "received_on": received_on}
        return decision


decision_make = DecisionMake()
decision_receipt_record = DecisionReceiptRecord()
