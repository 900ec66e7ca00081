"""The caseworker's inputs for the monthly settlement: transport and the tax card."""

from django import forms
from django.utils import timezone

from bb103.cases.engine.transport import transport_terms
from bb103.cases.models import TaxCardKind, TransportArrangement, TransportMode
from bb103.web.forms.base import (
    CaseStepForm,
    LimitedCharField,
    StepForm,
    choice_field,
    date_field,
    max_length_of,
)


def _amount(label: str, *, places: int = 2, digits: int = 10) -> forms.DecimalField:
    # Danish decimal comma or a point both work (localize).
    return forms.DecimalField(
        label=label, required=False, max_digits=digits, decimal_places=places, localize=True
    )


class TransportForm(CaseStepForm):
    valid_from = date_field("Gælder fra")
    mode = forms.ChoiceField(
        label="Befordring", choices=TransportMode.choices, widget=forms.RadioSelect
    )
    means = LimitedCharField(
        label="Befordringsmiddel (fx bus, tog eller taxa)",
        max_length=max_length_of(TransportArrangement, "means"),
        required=False,
    )
    one_way_km = _amount("Afstand én vej (km) — pr. km; ved månedskort hvis kendt", digits=6)
    price_per_km = _amount("Pris pr. km (kr.) — pr. km", places=4, digits=8)
    monthly_fare_total = _amount("Pris for hele turen pr. måned (kr.) — månedskort")
    monthly_fare_first_10km = _amount(
        "Pris for borgerens egen strækning pr. måned (kr.) — månedskort"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            # The citizen's own part (BEK 483 § 2) as the policy in force today puts it.
            km = transport_terms(self.case.municipality_id, timezone.localdate()).km_da
            field = self.fields["monthly_fare_first_10km"]
            field.label = f"Pris for de første {km} pr. måned (kr.) — månedskort"


class TaxCardForm(StepForm):
    valid_from = date_field("Gælder fra")
    kind = choice_field("Skattekort", TaxCardKind.choices)
    withholding_pct = forms.DecimalField(
        label="Trækprocent", max_digits=5, decimal_places=2, localize=True
    )
    monthly_deduction = forms.DecimalField(
        label="Fradrag pr. måned (kr.; 0 på et bikort)",
        max_digits=10,
        decimal_places=2,
        initial=0,
        localize=True,
    )
