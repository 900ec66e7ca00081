"""The visitation committee's review, where the municipality's standard has one."""

from datetime import date

from bb103.cases.engine.evaluation import evaluate_case
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Application,
    Case,
    CaseStatus,
    CommitteeRecommendation,
    CommitteeReview,
    Offer,
    User,
)
from bb103.cases.services.transition import case_step
from bb103.cases.services.validation import choice, not_before, not_future


def committee_review_record(
    *,
    user: User,
    case: Case,
    reviewed_on: date,
    recommendation: str,
    offer: Offer | None = None,
    notes: str = "",
    expected_version: int | None = None,
) -> CommitteeReview:
    choice(recommendation, CommitteeRecommendation, field="recommendation", label="Indstillingen")
    statuses = (CaseStatus.ASSESSED, CaseStatus.DRAFTED)
    with case_step(
        user=user,
        case=case,
        step="committee_review_record",
        statuses=statuses,
        expected_version=expected_version,
    ) as step:
        not_future(reviewed_on, step.today, field="reviewed_on", label="Udvalgets behandling")
        not_before(
            reviewed_on,
            Application.objects.get(case=step.case).received_on,
            field="reviewed_on",
            label="Udvalgets behandling",
            earlier="ansøgningen blev modtaget",
        )
        evaluation = evaluate_case(step.case, as_of=reviewed_on)
        if not evaluation.visitation_committee_required:
            raise CaseError(
                f"{step.case.municipality}s kvalitetsstandard har ikke et visitationsudvalg, "
                "der skal behandle sagen før afgørelsen.",
                field="case",
            )
        if offer is not None and offer.provider.municipality_id != step.case.municipality_id:
            raise CaseError("Tilbuddet hører ikke til kommunens leverandører.", field="offer")
        review = CommitteeReview.objects.create(
            case=step.case,
            reviewed_on=reviewed_on,
            recommendation=recommendation,
            offer=offer,
            notes=notes.strip(),
            recorded_by=user,
        )
        step.details = {"review": review.pk, "recommendation": recommendation}
    return review
