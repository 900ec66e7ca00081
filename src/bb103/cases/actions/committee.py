"""The visitation committee's review, where the municipality's standard has one."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.state import CaseState
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    CaseStatus,
    CommitteeRecommendation,
    CommitteeReview,
    Offer,
    Role,
)
from bb103.cases.services.validation import choice, not_before

S = CaseStatus


def committee_required(state: CaseState) -> bool | None:
    """Whether the standard in force has the committee review the case before the decision
    (policy ``visitation_committee``); None when the engine cannot say."""
    return None if state.advice is None else state.advice.committee_required


class CommitteeReviewRecord(CaseAction):
    name = "committee_review_record"
    label = "registrere visitationsudvalgets behandling"
    title = "Registrér visitationsudvalgets behandling"
    date_input = "reviewed_on"
    date_label = "Udvalgets behandling"
    date_named = "udvalgets behandling"
    affects_deadlines = False
    roles = frozenset({Role.COMMITTEE_MEMBER})
    statuses = statuses(S.ASSESSED, S.DRAFTED)

    def relevant(self, state: CaseState) -> bool:
        return committee_required(state) is not False

    def not_relevant_reason(self, state: CaseState) -> str | None:
        return (
            f"{state.case.municipality}s kvalitetsstandard har ikke et visitationsudvalg, der "
            "skal behandle sagen før afgørelsen."
        )

    def preconditions(self, state: CaseState) -> Iterator[str]:
        if state.advice_error:
            yield state.advice_error

    def clean(self, **inputs: Any) -> dict[str, Any]:
        choice(
            inputs.get("recommendation", ""),
            CommitteeRecommendation,
            field="recommendation",
            label="Indstillingen",
        )
        return inputs

    def perform(
        self,
        step: Step,
        *,
        reviewed_on: date,
        recommendation: str,
        offer: Offer | None = None,
        notes: str = "",
    ) -> CommitteeReview:
        application = step.state.application
        assert application is not None
        not_before(
            reviewed_on,
            application.received_on,
            field="reviewed_on",
            label="Udvalgets behandling",
            earlier="ansøgningen blev modtaget",
        )
        evaluation = step.state.evaluate(as_of=reviewed_on)
        if not evaluation.visitation_committee_required:
            raise CaseError(
                f"{step.case.municipality}s kvalitetsstandard har ikke et visitationsudvalg, "
                "der skal behandle sagen før afgørelsen.",
                field="reviewed_on",
            )
        if offer is not None and offer.provider.municipality_id != step.case.municipality_id:
            raise CaseError("Tilbuddet hører ikke til kommunens leverandører.", field="offer")
        review = CommitteeReview.objects.create(
            case=step.case,
            reviewed_on=reviewed_on,
            recommendation=recommendation,
            offer=offer,
            notes=notes.strip(),
            recorded_by=step.user,
        )
        step.details = {"review": review.pk, "recommendation": recommendation}
        return review


committee_review_record = CommitteeReviewRecord()
