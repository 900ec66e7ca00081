"""Correcting the facts of the latest assessment (issue 17, item 1).

The correction changes the assessment in place, with every old and new value and the
caseworker's reason kept in a Correction row (the audit entry names the row and the changed
fields: the log is never anonymised, the row is), rather than recording a corrected copy: a
copy would be a second assessment, read as a reassessment (a new VUM level on the citizen's
chart, a new date the engine would date the facts by), while a wrongly typed fact is the
same assessment said right. Nothing is lost: the row holds the old values.

The engine's recommendation is read live from the corrected facts on the case page; the
entry records it before and after, and the deadlines are computed again. A decision made
on the old facts stays in force: the caseworker is told to consider whether it must be
made again.
"""

from datetime import date
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.evaluation import evaluate_case, outcome_da
from bb103.cases.errors import CaseError
from bb103.cases.models import Assessment, CaseStatus, CorrectionSubject, Role
from bb103.cases.services.corrections import (
    NOTHING_CHANGED,
    changes_of,
    correction_details,
    correction_record,
    reason_given,
)
from bb103.cases.services.validation import not_before, not_future, valid_vum_level

S = CaseStatus

# What a correction may change: every fact the assessment records.
FACTS = (
    "assessed_on",
    "vum_level",
    "vum_notes",
    "interview_place",
    "significant_reduced_function",
    "special_social_problems",
    "can_work_on_normal_terms",
    "other_legislation_exhausted",
    "receives_foertidspension",
    "motivated",
    "can_transport_self",
    "medical_certificate",
    "status_certificate",
    "medical_consultant",
    "jobcenter_clarified_on",
    "information_notes",
)
TEXTS = ("vum_notes", "interview_place", "information_notes")


class AssessmentCorrect(CaseAction):
    """Correct the latest assessment's facts, with a reason. From every state in which the
    assessment still bears on the case; not once the case has ended."""

    name = "assessment_correct"
    label = "rette udredningen"
    title = "Ret udredningen"
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.ASSESSED, S.DRAFTED, S.HEARING, S.DECIDED, S.ACTIVE)
    primary = False

    def relevant(self, state: CaseState) -> bool:
        return state.assessment is not None

    def clean(self, **inputs: Any) -> dict[str, Any]:
        valid_vum_level(inputs.get("vum_level"))
        inputs["reason"] = reason_given(inputs.get("reason", ""))
        return inputs

    def perform(self, step: Step, *, reason: str, **facts: Any) -> Assessment:
        assessment = step.state.assessment
        assert assessment is not None  # relevant() holds
        unknown = set(facts) - set(FACTS)
        if unknown:
            raise CaseError(f"Ukendt felt: {', '.join(sorted(unknown))}.", field="reason")
        new = {name: facts[name] for name in FACTS if name in facts}
        for name in TEXTS:
            if name in new:
                new[name] = (new[name] or "").strip()
        for name in ("medical_certificate", "status_certificate", "medical_consultant"):
            if name in new:
                new[name] = bool(new[name])
        self._check_dates(step, new)
        changes = changes_of(assessment, new)
        if not changes:
            raise CaseError(NOTHING_CHANGED, field="reason")
        before = _outcome(step)
        for name, value in new.items():
            setattr(assessment, name, value)
        assessment.save()
        after = _outcome(step)
        warnings = []
        if step.state.decision is not None:
            warnings.append(
                "Afgørelsen i sagen blev truffet på de oplysninger, der nu er rettet. "
                "Overvej, om den skal genvurderes."
            )
        if before != after and after is not None:
            warnings.append(f"Motorens vurdering efter rettelsen: {outcome_da(after)}.")
        record = correction_record(
            user=step.user,
            citizen=step.case.citizen,
            subject=CorrectionSubject.ASSESSMENT,
            changes=changes,
            reason=reason,
            case=step.case,
            assessment=assessment,
        )
        step.details = {
            "assessment": assessment.pk,
            **correction_details(record),
            **({"recommendation": {"old": before, "new": after}} if before != after else {}),
        }
        assessment.warnings = warnings  # type: ignore[attr-defined]
        return assessment

    def _check_dates(self, step: Step, new: dict[str, Any]) -> None:
        if "assessed_on" in new and new["assessed_on"] is None:
            raise CaseError("Udredningsdatoen skal udfyldes.", field="assessed_on")
        assessed_on: date | None = new.get("assessed_on")
        if assessed_on is not None:
            application = step.state.application
            assert application is not None  # every case is opened by its application
            not_future(assessed_on, step.today, field="assessed_on", label="Udredningsdatoen")
            not_before(
                assessed_on,
                application.received_on,
                field="assessed_on",
                label="Udredningsdatoen",
                earlier="ansøgningen blev modtaget",
            )
        clarified: date | None = new.get("jobcenter_clarified_on")
        if clarified is not None:
            not_future(
                clarified,
                step.today,
                field="jobcenter_clarified_on",
                label="Afklaringen med jobcentret",
            )


def _outcome(step: Step) -> str | None:
    """The engine's recommendation from the case's facts as they are now (None where the
    engine cannot evaluate the case, e.g. no standard in force)."""
    try:
        return evaluate_case(step.case, as_of=step.today).outcome
    except CaseError:
        return None


assessment_correct = AssessmentCorrect()
