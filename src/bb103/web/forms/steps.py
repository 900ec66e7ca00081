"""One form per step of a case; field names are the service's keyword arguments."""

from django import forms

from bb103.cases import selectors
from bb103.cases.actions.termination import HEARD_REASONS
from bb103.cases.models import (
    AnkeOutcome,
    Assessment,
    CaseClosure,
    ClosureReason,
    CommitteeRecommendation,
    CommitteeReview,
    Complaint,
    ComplaintForm,
    Decision,
    DraftDecision,
    FollowUp,
    FollowUpBooking,
    Handleplan,
    HandleplanStatus,
    Outcome,
    PartyHearing,
    Placement,
    Reassessment,
    Termination,
    TerminationReason,
    WaitingListEntry,
)
from bb103.cases.models.limits import SHORT_TEXT
from bb103.web.forms.base import (
    CaseStepForm,
    LimitedCharField,
    choice_field,
    date_field,
    fact_field,
    max_length_of,
    text_field,
    vum_field,
)


class OfferFieldMixin:
    """An offer chosen from the case's municipality's catalogue, as the user may see it."""

    offer_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"] = forms.ModelChoiceField(
            label="Tilbud",
            queryset=selectors.offers_for_case(user=self.user, case=self.case),
            required=self.offer_required,
            empty_label="Vælg tilbud" if self.offer_required else "Intet tilbud valgt endnu",
        )
        # The offer belongs next to the outcome it is chosen for, not after the free text.
        self.order_fields(self.field_order)


class AssessmentForm(CaseStepForm):
    assessed_on = date_field("Udredt")
    vum_level = vum_field()
    vum_notes = text_field("VUM-vurdering", max_length=max_length_of(Assessment, "vum_notes"))
    interview_place = LimitedCharField(
        label="Samtalen holdt (sted)",
        required=False,
        max_length=max_length_of(Assessment, "interview_place"),
    )
    significant_reduced_function = fact_field("Betydelig nedsat fysisk eller psykisk funktionsevne")
    special_social_problems = fact_field("Særlige sociale problemer")
    can_work_on_normal_terms = fact_field(
        "Kan opnå eller fastholde beskæftigelse på normale vilkår"
    )
    other_legislation_exhausted = fact_field(
        "Tilbud efter anden lovgivning er afklaret og ikke mulige"
    )
    receives_foertidspension = fact_field("Modtager førtidspension")
    motivated = fact_field("Motiveret")
    can_transport_self = fact_field("Kan selv transportere sig")
    medical_certificate = forms.BooleanField(label="Lægeattest indhentet", required=False)
    status_certificate = forms.BooleanField(label="Statusattest indhentet", required=False)
    medical_consultant = forms.BooleanField(label="Lægekonsulent inddraget", required=False)
    jobcenter_clarified_on = date_field("Afklaret med jobcentret", required=False)
    information_notes = text_field(
        "Andre oplysninger", max_length=max_length_of(Assessment, "information_notes")
    )


class AssessmentCorrectForm(AssessmentForm):
    """The latest assessment's facts as recorded, to be corrected with a reason (issue 17,
    item 1)."""

    reason = text_field("Begrundelse for rettelsen", required=True, max_length=SHORT_TEXT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = None if self.case is None else selectors.assessment_latest(case=self.case)
        if latest is None:
            return
        for name, field in self.fields.items():
            if name in ("reason", "expected_version"):
                continue
            value = getattr(latest, name)
            if isinstance(field, forms.TypedChoiceField) and isinstance(value, bool):
                value = "ja" if value else "nej"
            field.initial = value


class CommitteeReviewForm(OfferFieldMixin, CaseStepForm):
    field_order = (
        "reviewed_on",
        "recommendation",
        "offer",
    )
    reviewed_on = date_field("Behandlet i visitationsudvalget")
    recommendation = choice_field("Udvalgets indstilling", CommitteeRecommendation.choices)
    notes = text_field("Bemærkninger", max_length=max_length_of(CommitteeReview, "notes"))


class DraftForm(OfferFieldMixin, CaseStepForm):
    field_order = (
        "created_on",
        "proposed_outcome",
        "offer",
    )
    created_on = date_field("Udarbejdet")
    proposed_outcome = choice_field("Foreslået afgørelse", Outcome.choices)
    reasons = text_field(
        "Begrundelse (skal udfyldes ved afslag)",
        rows=5,
        max_length=max_length_of(DraftDecision, "reasons"),
    )


class HearingSendForm(CaseStepForm):
    sent_on = date_field("Sendt")
    material_received_on = date_field(
        "Borgeren modtog materialet (tom: samme dag, fx Digital Post)", required=False
    )
    days = forms.IntegerField(
        label="Frist for bemærkninger i dage (tom: kvalitetsstandardens frist)",
        required=False,
        min_value=1,
    )


class HearingSkipForm(CaseStepForm):
    reason = text_field(
        "Begrundelse efter forvaltningslovens § 19, stk. 2",
        required=True,
        max_length=max_length_of(PartyHearing, "skip_reason"),
    )


class HearingCloseForm(CaseStepForm):
    closed_on = date_field("Afsluttet")
    comments = text_field(
        "Borgerens bemærkninger (tom: ingen bemærkninger)",
        rows=5,
        max_length=max_length_of(PartyHearing, "comments"),
    )
    comments_received_on = date_field("Bemærkningerne modtaget", required=False)


class DecisionForm(OfferFieldMixin, CaseStepForm):
    field_order = (
        "outcome",
        "offer",
        "decided_on",
    )
    outcome = choice_field("Afgørelse", Outcome.choices)
    decided_on = date_field("Truffet")
    reasons = text_field(
        "Begrundelse (skal udfyldes ved afslag)",
        rows=5,
        max_length=max_length_of(Decision, "reasons"),
    )
    individual_assessment = text_field(
        "Konkret, individuel vurdering (skal udfyldes ved afslag, når lovens betingelser "
        "er opfyldt: kommunens udgangspunkter kan ikke alene føre til afslag)",
        rows=5,
        max_length=max_length_of(Decision, "individual_assessment"),
    )
    committee_deviation_reason = text_field(
        "Begrundelse for at afvige fra visitationsudvalgets indstilling (kun hvis afgørelsen "
        "går imod den)",
        rows=3,
        max_length=max_length_of(Decision, "committee_deviation_reason"),
    )
    with_klagevejledning = forms.BooleanField(
        label="Afgørelsen har klagevejledning", required=False, initial=True
    )
    days_per_week = forms.IntegerField(
        label="Dage om ugen (skal udfyldes ved bevilling)",
        required=False,
        min_value=1,
        max_value=5,
        help_text="Inden for kvalitetsstandardens omfang. Brevet nævner antallet.",
    )
    hours_per_day = forms.DecimalField(
        label="Timer om dagen (valgfri)",
        required=False,
        max_digits=4,
        decimal_places=2,
        localize=True,
    )

    def clean(self):
        cleaned = super().clean()
        # The letter states the scope granted: a grant says how many days.
        if cleaned.get("outcome") == Outcome.GRANT and cleaned.get("days_per_week") is None:
            self.add_error("days_per_week", "Angiv, hvor mange dage om ugen der bevilges.")
        return cleaned


class _ChangeScopeFields(OfferFieldMixin, CaseStepForm):
    """The scope after a change; an empty field stays as it is."""

    field_order = ("days_per_week", "hours_per_day", "offer")
    days_per_week = forms.IntegerField(
        label="Dage om ugen efter ændringen (tom: uændret)",
        required=False,
        min_value=1,
        max_value=5,
    )
    hours_per_day = forms.DecimalField(
        label="Timer om dagen efter ændringen (tom: uændret)",
        required=False,
        max_digits=4,
        decimal_places=2,
        localize=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].empty_label = "Samme tilbud som nu"
        self.fields["offer"].label = "Tilbud efter ændringen"


class ChangeDraftForm(_ChangeScopeFields):
    created_on = date_field("Udarbejdet")
    effective_on = date_field("Foreslået dato for ændringen", today=False)
    reasons = text_field(
        "Begrundelse (det borgeren høres om)",
        required=True,
        rows=5,
        max_length=max_length_of(DraftDecision, "reasons"),
    )


class ChangeDecisionForm(_ChangeScopeFields):
    decided_on = date_field("Truffet")
    effective_on = date_field("Ændringen gælder fra", today=False)
    at_citizens_request = forms.BooleanField(
        label="Borgeren har selv bedt om ændringen (så kræves ingen partshøring)",
        required=False,
    )
    reasons = text_field(
        "Begrundelse (skal udfyldes, når ændringen er til ugunst for borgeren)",
        rows=5,
        max_length=max_length_of(Decision, "reasons"),
    )


class ChangeEffectForm(CaseStepForm):
    """No input: the decided change takes effect on its day."""


class DecisionReceiptForm(CaseStepForm):
    received_on = date_field("Borgeren modtog afgørelsen")


class HandleplanForm(CaseStepForm):
    status = choice_field("Handleplanen", HandleplanStatus.choices)
    offered_on = date_field("Tilbudt")
    purpose = text_field("Formål med indsatsen", max_length=max_length_of(Handleplan, "purpose"))
    effort = text_field(
        "Indsats, der skal til for at nå formålet", max_length=max_length_of(Handleplan, "effort")
    )
    expected_duration = LimitedCharField(
        label="Forventet varighed",
        required=False,
        max_length=max_length_of(Handleplan, "expected_duration"),
    )
    other_matters = text_field(
        "Andre særlige forhold (bolig, beskæftigelse, personlig hjælp, behandling, hjælpemidler)",
        max_length=max_length_of(Handleplan, "other_matters"),
    )
    declined_note = text_field(
        "Hvis borgeren siger nej: borgerens eget ønske",
        max_length=max_length_of(Handleplan, "declined_note"),
    )


WEEKDAYS = [("1", "Mandag"), ("2", "Tirsdag"), ("3", "Onsdag"), ("4", "Torsdag"), ("5", "Fredag")]


class PlacementForm(OfferFieldMixin, CaseStepForm):
    offer_required = True
    field_order = ("offer",)
    start_on = date_field("Start")
    weekdays = forms.MultipleChoiceField(
        label="Faste ugedage",
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        initial=["1", "2", "3", "4"],
        help_text="Antal dage om ugen er antallet af valgte ugedage.",
    )
    hours_per_day = forms.DecimalField(
        label="Timer pr. dag", max_digits=4, decimal_places=2, initial="6", localize=True
    )
    contact_person = LimitedCharField(
        label="Fast kontaktperson hos tilbuddet",
        max_length=max_length_of(Placement, "contact_person"),
    )
    order_goals = text_field(
        "Borgerens mål til bestillingen (skal udfyldes uden handleplan, hvor standarden siger "
        "det: Vejen)",
        max_length=max_length_of(Placement, "order_goals"),
    )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["weekdays"] = "".join(sorted(data["weekdays"]))
        return data

    def add_service_error(self, exc) -> None:
        # The days per week are the weekdays chosen: the standard's range is about them.
        if exc.field == "days_per_week":
            exc.field = "weekdays"
        super().add_service_error(exc)


class FollowUpForm(CaseStepForm):
    held_on = date_field("Holdt")
    participants = LimitedCharField(
        label="Deltagere", required=False, max_length=max_length_of(FollowUp, "participants")
    )
    vum_level = vum_field()
    notes = text_field("Referat", rows=5, max_length=max_length_of(FollowUp, "notes"))
    deviations = text_field(
        "Væsentlige afvigelser fra planen", max_length=max_length_of(FollowUp, "deviations")
    )


class FollowUpBookForm(CaseStepForm):
    planned_on = date_field("Mødedato", today=False)
    place = LimitedCharField(label="Sted", max_length=max_length_of(FollowUpBooking, "place"))
    participants = LimitedCharField(
        label="Deltagere (borgeren, rådgiveren og tilbuddets kontaktperson)",
        required=False,
        max_length=max_length_of(FollowUpBooking, "participants"),
    )


class FollowUpCancelForm(CaseStepForm):
    reason = LimitedCharField(
        label="Hvorfor aflyses mødet?",
        max_length=max_length_of(FollowUpBooking, "cancel_reason"),
    )


class TerminationDraftForm(CaseStepForm):
    created_on = date_field("Udarbejdet")
    reason = choice_field(
        "Årsag",
        [(r.value, r.label) for r in TerminationReason if r.value in HEARD_REASONS],
    )
    effective_on = date_field("Foreslået ophørsdato", today=False)
    reasons = text_field(
        "Begrundelse (det borgeren høres om)",
        required=True,
        rows=5,
        max_length=max_length_of(DraftDecision, "reasons"),
    )


class TerminationForm(CaseStepForm):
    reason = choice_field("Årsag", TerminationReason.choices)
    terminated_on = date_field("Ophører (kan ligge i fremtiden)")
    notes = text_field("Bemærkninger", max_length=max_length_of(Termination, "notes"))


class TerminationEffectForm(CaseStepForm):
    """No input: the decided end takes effect on its day."""


class ComplaintRegisterForm(CaseStepForm):
    received_on = date_field("Klagen modtaget")
    form = choice_field("Form", ComplaintForm.choices)
    grounds = text_field(
        "Borgerens begrundelse", rows=5, max_length=max_length_of(Complaint, "grounds")
    )


class ComplaintReassessForm(CaseStepForm):
    reassessed_on = date_field("Genvurderet")
    result = choice_field("Genvurdering", Reassessment.choices)
    notes = text_field(
        "Begrundelse for genvurderingen",
        required=True,
        rows=5,
        max_length=max_length_of(Complaint, "reassessment_notes"),
    )


class ComplaintForwardForm(CaseStepForm):
    forwarded_on = date_field("Sendt til Ankestyrelsen")


class ComplaintOutcomeForm(OfferFieldMixin, CaseStepForm):
    field_order = ("outcome", "received_on", "new_outcome", "offer")
    outcome = choice_field("Ankestyrelsens afgørelse", AnkeOutcome.choices)
    received_on = date_field("Ankestyrelsens afgørelse modtaget")
    new_outcome = choice_field(
        "Ved »Ændret«: afgørelsen, som Ankestyrelsen har truffet", Outcome.choices, required=False
    )
    notes = text_field(
        "Ankestyrelsens afgørelse kort (fx journalnummer og hovedbegrundelse)",
        max_length=max_length_of(Complaint, "anke_notes"),
    )


class WaitingListAddForm(OfferFieldMixin, CaseStepForm):
    offer_required = True
    field_order = ("offer",)
    since = date_field("På venteliste fra")
    note = LimitedCharField(
        label="Bemærkning", required=False, max_length=max_length_of(WaitingListEntry, "note")
    )


class WaitingListLeaveForm(CaseStepForm):
    left_on = date_field("Af ventelisten")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"] = forms.ModelChoiceField(
            label="Venteliste til",
            queryset=selectors.offers_waited_for(user=self.user, case=self.case),
            empty_label="Vælg tilbud",
        )
        self.order_fields(["offer"])


class CaseCloseForm(CaseStepForm):
    """Issue 17, item 2: close a case that will not go on."""

    reason = choice_field("Årsag", ClosureReason.choices)
    closed_on = date_field("Lukket")
    moved_to = LimitedCharField(
        label="Ved flytning: den nye kommune",
        required=False,
        max_length=max_length_of(CaseClosure, "moved_to"),
    )
    moved_on = date_field("Ved flytning: flyttedato", required=False)
    new_address = LimitedCharField(
        label="Ved flytning: borgerens nye adresse",
        required=False,
        max_length=max_length_of(CaseClosure, "new_address"),
    )
    handover_notes = text_field(
        "Ved flytning: til den nye kommune (retssikkerhedsloven § 9 b)",
        max_length=max_length_of(CaseClosure, "handover_notes"),
    )
    notes = text_field("Bemærkninger", max_length=max_length_of(CaseClosure, "notes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate_of"] = forms.ModelChoiceField(
            label="Ved dublet: den sag, der fortsætter",
            queryset=selectors.duplicate_candidates(user=self.user, case=self.case),
            required=False,
            empty_label="Ingen valgt",
        )
        self.order_fields(["reason", "closed_on", "duplicate_of"])
