"""The provider staff's forms: the pedagogical plan, a deviation, a wage."""

from collections.abc import Sequence

from django import forms

from bb103.cases.models import Deviation, PedagogicalPlan, WageAgreement, WageBasis
from bb103.web.forms.base import (
    LimitedCharField,
    StepForm,
    choice_field,
    date_field,
    max_length_of,
    text_field,
)


class PedagogicalPlanForm(StepForm):
    goals = text_field(
        "Mål for indsatsen",
        required=True,
        rows=4,
        max_length=max_length_of(PedagogicalPlan, "goals"),
    )
    methods = text_field(
        "Pædagogiske metoder og støtte",
        required=True,
        rows=4,
        max_length=max_length_of(PedagogicalPlan, "methods"),
    )
    work_tasks = text_field(
        "Arbejdsopgaver", rows=3, max_length=max_length_of(PedagogicalPlan, "work_tasks")
    )


class DeviationForm(StepForm):
    observed_on = date_field("Hvornår så I afvigelsen?")
    text = text_field(
        "Hvad afviger fra planen?",
        required=True,
        rows=5,
        max_length=max_length_of(Deviation, "text"),
    )


def _amount(label: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class WageForm(StepForm):
    valid_from = date_field("Gælder fra")
    basis = choice_field("Lønform", WageBasis.choices)
    hourly_amount = _amount("Timeløn (kr.)", "Udfyld enten timeløn eller sats.")
    rate_pct = _amount("Sats (% af overenskomstens mindsteløn)")
    note = LimitedCharField(
        label="Bemærkning (valgfri)",
        required=False,
        max_length=max_length_of(WageAgreement, "note"),
    )

    def __init__(self, *args, basis_choices: Sequence[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # The forms the standard allows, in its words (Vejen: "Løn efter Vejen Kommunes
        # lønsatser (5 % eller 10 % ...)"), so the form never offers one it would refuse.
        # Without the engine's terms (no minimum wage that day) the law's forms are shown,
        # and the service gives the reason it cannot set a wage.
        if basis_choices:
            self.fields["basis"].choices = list(basis_choices)
