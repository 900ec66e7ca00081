"""The assessment (udredning): VUM level and the facts of the target group."""

from datetime import date
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.models import Assessment, CaseStatus, Role
from bb103.cases.services.validation import not_before, not_future, valid_vum_level

S = CaseStatus


class AssessmentRecord(CaseAction):
    """Record an assessment. Facts are three-valued: None means not yet clarified. Also
    after a decision was sent back by Ankestyrelsen (the case is then »Udredt« again)."""

    name = "assessment_record"
    label = "registrere en udredning"
    title = "Registrér udredning"
    date_input = "assessed_on"
    date_label = "Udredningsdatoen"
    date_named = "udredningen"
    affects_deadlines = False
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.RECEIVED, S.ASSESSED)

    def clean(self, **inputs: Any) -> dict[str, Any]:
        valid_vum_level(inputs.get("vum_level"))
        return inputs

    def perform(
        self,
        step: Step,
        *,
        assessed_on: date,
        vum_level: int | None = None,
        vum_notes: str = "",
        interview_place: str = "",
        significant_reduced_function: bool | None = None,
        special_social_problems: bool | None = None,
        can_work_on_normal_terms: bool | None = None,
        other_legislation_exhausted: bool | None = None,
        receives_foertidspension: bool | None = None,
        motivated: bool | None = None,
        can_transport_self: bool | None = None,
        medical_certificate: bool = False,
        status_certificate: bool = False,
        medical_consultant: bool = False,
        jobcenter_clarified_on: date | None = None,
        information_notes: str = "",
    ) -> Assessment:
        application = step.state.application
        assert application is not None  # every case is opened by its application
        not_before(
            assessed_on,
            application.received_on,
            field="assessed_on",
            label="Udredningsdatoen",
            earlier="ansøgningen blev modtaget",
        )
        if jobcenter_clarified_on is not None:
            not_future(
                jobcenter_clarified_on,
                step.today,
                field="jobcenter_clarified_on",
                label="Afklaringen med jobcentret",
            )
        assessment = Assessment.objects.create(
            case=step.case,
            assessed_on=assessed_on,
            vum_level=vum_level,
            vum_notes=vum_notes.strip(),
            interview_place=interview_place.strip(),
            significant_reduced_function=significant_reduced_function,
            special_social_problems=special_social_problems,
            can_work_on_normal_terms=can_work_on_normal_terms,
            other_legislation_exhausted=other_legislation_exhausted,
            receives_foertidspension=receives_foertidspension,
            motivated=motivated,
            can_transport_self=can_transport_self,
            medical_certificate=medical_certificate,
            status_certificate=status_certificate,
            medical_consultant=medical_consultant,
            jobcenter_clarified_on=jobcenter_clarified_on,
            information_notes=information_notes.strip(),
            recorded_by=step.user,
        )
        step.case.status = S.ASSESSED
        step.details = {"assessment": assessment.pk, "vum_level": vum_level}
        return assessment


assessment_record = AssessmentRecord()
