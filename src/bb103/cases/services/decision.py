"""The decision, with the policy version and the engine's evaluation frozen into it."""

from datetime import date

from bb103.cases.engine.evaluation import (
    Evaluation,
    evaluate_case,
    evaluation_json,
    explanation_for,
    standard_party_hearing,
)
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Application,
    Case,
    CaseStatus,
    CommitteeRecommendation,
    Decision,
    HearingStatus,
    Offer,
    Outcome,
    User,
)
from bb103.cases.services.offer_rules import offer_check
from bb103.cases.services.transition import Step, case_step
from bb103.cases.services.validation import choice, not_before, not_future, required_text


def decision_make(
    *,
    user: User,
    case: Case,
    outcome: str,
    decided_on: date,
    received_on: date | None = None,
    reasons: str = "",
    offer: Offer | None = None,
    with_klagevejledning: bool = True,
    expected_version: int | None = None,
) -> Decision:
    """Decide the case. ``received_on`` is the citizen's receipt of the decision (Digital
    Post: the day it is sent, the default); the complaint deadline runs from it."""
    choice(outcome, Outcome, field="outcome", label="Afgørelsen")
    if outcome == Outcome.REFUSAL:
        # Forvaltningsloven §§ 22 and 24; a full grant needs no reasons (§ 22).
        reasons = required_text(reasons, field="reasons", label="Begrundelsen for afslaget")
    received = received_on or decided_on
    statuses = (CaseStatus.ASSESSED, CaseStatus.DRAFTED, CaseStatus.HEARING)
    with case_step(
        user=user,
        case=case,
        step="decision_make",
        statuses=statuses,
        expected_version=expected_version,
    ) as step:
        if step.case.status == CaseStatus.HEARING:
            raise CaseError(
                "Partshøringen er ikke afsluttet. Afslut den, og overvej borgerens "
                "bemærkninger, før der træffes afgørelse (forvaltningsloven § 19).",
                field="status",
            )
        not_future(decided_on, step.today, field="decided_on", label="Afgørelsesdatoen")
        not_before(
            decided_on,
            Application.objects.get(case=step.case).received_on,
            field="decided_on",
            label="Afgørelsesdatoen",
            earlier="ansøgningen blev modtaget",
        )
        not_before(
            received,
            decided_on,
            field="received_on",
            label="Borgerens modtagelse af afgørelsen",
            earlier="afgørelsen blev truffet",
        )
        evaluation = evaluate_case(step.case, as_of=decided_on)
        _check_committee(step, evaluation)
        _check_hearing(step, evaluation, outcome)
        if outcome == Outcome.GRANT:
            _check_legal_criteria(evaluation)
            if offer is not None:
                offer_check(evaluation, offer, step.case.municipality_id)
        decision = Decision.objects.create(
            case=step.case,
            outcome=outcome,
            decided_on=decided_on,
            received_on=received,
            reasons=reasons.strip(),
            offer=offer,
            with_klagevejledning=with_klagevejledning,
            policy_id=evaluation.policy.municipality.id,
            policy_version=evaluation.policy.version.id,
            engine_outcome=evaluation.outcome,
            evaluation=evaluation_json(evaluation),
            decided_by=user,
        )
        step.case.status = CaseStatus.DECIDED
        step.case.save(update_fields=["status"])
        step.details = {
            "decision": decision.pk,
            "outcome": outcome,
            "policy": f"{decision.policy_id} {decision.policy_version}",
            "engine_outcome": evaluation.outcome,
        }
    return decision


def _check_committee(step: Step, evaluation: Evaluation) -> None:
    """Where the standard has a visitation committee (policy ``visitation_committee``), it
    must have reviewed the case, and not asked for more information, before the decision."""
    if not evaluation.visitation_committee_required:
        return
    _, sources = explanation_for(evaluation, "visitation_committee_required")
    review = step.case.committee_reviews.order_by("-reviewed_on", "-id").first()
    if review is None:
        raise CaseError(
            "Sagen skal forelægges visitationsudvalget, før der træffes afgørelse "
            f"({'; '.join(sources)}).",
            field="status",
        )
    if review.recommendation == CommitteeRecommendation.NEEDS_INFORMATION:
        raise CaseError(
            "Visitationsudvalget mangler oplysninger. Forelæg sagen igen, før der træffes "
            f"afgørelse ({'; '.join(sources)}).",
            field="status",
        )


def _check_hearing(step: Step, evaluation: Evaluation, outcome: str) -> None:
    """Forvaltningsloven § 19: a refusal rests on the assessment, which the citizen must
    see first, unless a § 19, stk. 2 reason is recorded. A standard with its own partshøring
    period (policy ``party_hearing_period``) always sends the draft, whatever the outcome."""
    draft = step.case.drafts.order_by("-id").first()
    hearing = None if draft is None else draft.hearings.order_by("-id").first()
    standard = standard_party_hearing(evaluation)
    if standard is not None and (hearing is None or hearing.status != HearingStatus.CLOSED):
        raise CaseError(
            "Efter kommunens kvalitetsstandard sendes udkastet altid i partshøring med en "
            f"frist på {standard.label} ({standard.source}). Send udkastet, og afslut "
            "partshøringen, før der træffes afgørelse.",
            field="status",
        )
    if outcome != Outcome.REFUSAL:
        return
    if draft is None or hearing is None:
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
