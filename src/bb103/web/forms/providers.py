"""The administrator's forms for the providers' catalogue: a provider and its CVR number,
an offer and its price."""

from django import forms

from bb103.cases import selectors
from bb103.cases.engine.wages import collective_agreements
from bb103.cases.models import (
    Offer,
    OfferPrice,
    PriceUnit,
    Provider,
    ProviderKind,
    TargetGroup,
)
from bb103.cases.models.limits import SHORT_TEXT
from bb103.web.forms.base import (
    LimitedCharField,
    StepForm,
    choice_field,
    date_field,
    max_length_of,
    text_field,
)


def _cvr_field(required: bool) -> forms.CharField:
    # The service checks it (8 digits, modulus 11) and names the field; the form only
    # bounds the length ("DK 12 34 56 78" with spaces is 14).
    return LimitedCharField(
        label="CVR-nummer",
        max_length=14,
        required=required,
        help_text="8 cifre. Bogføringsfilen betaler leverandøren ud fra det; en måned kan "
        "ikke godkendes, mens en leverandør, den skylder penge, mangler det.",
    )


class ProviderForm(StepForm):
    """A new provider in one of the municipalities where the user is an administrator."""

    name = LimitedCharField(label="Navn", max_length=max_length_of(Provider, "name"))
    kind = choice_field("Type", ProviderKind.choices)
    operator = LimitedCharField(
        label="Drives af", max_length=max_length_of(Provider, "operator"), required=False
    )
    address = LimitedCharField(
        label="Adresse", max_length=max_length_of(Provider, "address"), required=False
    )
    cvr = _cvr_field(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"] = forms.ModelChoiceField(
            label="Kommune",
            queryset=selectors.municipalities_for_provider_form(user=self.user),
            empty_label=None,
        )
        self.order_fields(["municipality"])


class ProviderCvrForm(StepForm):
    cvr = _cvr_field(required=False)  # the service says "skal udfyldes" next to the field


class OfferForm(StepForm):
    """An offer's registry data; on a new offer the provider is chosen first."""

    name = LimitedCharField(label="Tilbuddets navn", max_length=max_length_of(Offer, "name"))
    tilbudsportalen_id = LimitedCharField(
        label="Tilbudsportalen-id",
        max_length=max_length_of(Offer, "tilbudsportalen_id"),
        required=False,
    )
    section_103 = forms.BooleanField(
        label="Registreret som § 103-tilbud på Tilbudsportalen", required=False, initial=True
    )
    registry_checked_on = date_field(
        "Oplysningerne på Tilbudsportalen senest kontrolleret", required=False
    )
    socialtilsyn_approved = forms.BooleanField(label="Godkendt af socialtilsynet", required=False)
    target_groups = forms.MultipleChoiceField(
        label="Målgrupper",
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service says "Vælg mindst én målgruppe" next to the field
    )
    # A list in a JSON column, which no column limit guards: a few lines, not a document.
    work_types = LimitedCharField(
        label="Arbejdsopgaver (én pr. linje)",
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    places = forms.IntegerField(label="Pladser (tom: intet fast pladstal)", required=False)
    collective_agreement = forms.ChoiceField(label="Overenskomst (mindsteløn)")
    description = text_field("Beskrivelse", max_length=max_length_of(Offer, "description"))

    def __init__(self, *args, offer: Offer | None = None, **kwargs):
        if offer is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": offer.name,
                    "tilbudsportalen_id": offer.tilbudsportalen_id,
                    "section_103": offer.section_103,
                    "registry_checked_on": offer.registry_checked_on,
                    "socialtilsyn_approved": offer.socialtilsyn_approved,
                    "target_groups": offer.target_groups,
                    "work_types": "\n".join(offer.work_types),
                    "places": offer.places,
                    "collective_agreement": offer.collective_agreement,
                    "description": offer.description,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["collective_agreement"].choices = list(collective_agreements().items())
        if offer is None:
            self.fields["provider"] = forms.ModelChoiceField(
                label="Leverandør",
                queryset=selectors.providers_for_offer_form(user=self.user),
                empty_label="Vælg leverandør",
            )
            self.order_fields(["provider"])

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["work_types"] = [w.strip() for w in data["work_types"].splitlines() if w.strip()]
        data["places"] = data.get("places")
        return data


class OfferPriceForm(StepForm):
    valid_from = date_field("Gælder fra")
    unit = choice_field("Enhed", PriceUnit.choices)
    amount = forms.DecimalField(label="Takst (kr.)", max_digits=12, decimal_places=2, localize=True)
    note = LimitedCharField(
        label="Bemærkning", max_length=max_length_of(OfferPrice, "note"), required=False
    )
