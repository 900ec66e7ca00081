"""Forms for registering a citizen, a representative and an application."""

from django import forms

from bb103.cases import selectors
from bb103.cases.models import (
    Applicant,
    Application,
    Channel,
    Citizen,
    LivingSituation,
    Relation,
    Representative,
)
from bb103.web.forms.base import (
    LimitedCharField,
    StepForm,
    choice_field,
    date_field,
    max_length_of,
    text_field,
)


class CitizenForm(StepForm):
    cpr = forms.CharField(label="CPR-nummer", help_text="DDMMÅÅ-XXXX", max_length=11)
    first_name = LimitedCharField(label="Fornavn", max_length=max_length_of(Citizen, "first_name"))
    last_name = LimitedCharField(label="Efternavn", max_length=max_length_of(Citizen, "last_name"))
    address = LimitedCharField(
        label="Adresse", required=False, max_length=max_length_of(Citizen, "address")
    )
    phone = LimitedCharField(
        label="Telefon", required=False, max_length=max_length_of(Citizen, "phone")
    )
    email = forms.EmailField(
        label="E-mail",
        required=False,
        max_length=max_length_of(Citizen, "email"),
        error_messages={"max_length": LimitedCharField.default_error_messages["max_length"]},
    )
    living_situation = choice_field("Boform", LivingSituation.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        memberships = list(selectors.caseworker_municipalities(user=self.user))
        self.municipalities = {m.municipality_id: m.municipality for m in memberships}
        if len(self.municipalities) > 1:
            self.fields["municipality"] = forms.ChoiceField(
                label="Kommune", choices=[(k, str(v)) for k, v in self.municipalities.items()]
            )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        chosen = data.pop("municipality", None) or next(iter(self.municipalities), None)
        data["municipality"] = self.municipalities[chosen]
        return data


class RepresentativeForm(StepForm):
    name = LimitedCharField(label="Navn", max_length=max_length_of(Representative, "name"))
    relation = choice_field("Relation", Relation.choices)
    contact = LimitedCharField(
        label="Kontaktoplysninger",
        required=False,
        max_length=max_length_of(Representative, "contact"),
    )
    consent_given_on = date_field("Borgerens samtykke givet", required=False)
    consent_scope = LimitedCharField(
        label="Samtykket omfatter",
        required=False,
        max_length=max_length_of(Representative, "consent_scope"),
    )


class ApplicationForm(StepForm):
    received_on = date_field("Ansøgningen modtaget")
    channel = choice_field("Ansøgt via", Channel.choices)
    applicant = choice_field("Ansøger", Applicant.choices)
    receipt_sent_on = date_field("Kvittering sendt", required=False)
    description = text_field(
        "Ansøgningen", rows=5, max_length=max_length_of(Application, "description")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"] = forms.ModelChoiceField(
            label="Ansøgt af (repræsentant med samtykke)",
            queryset=selectors.representatives_for_citizen(user=self.user, citizen=self.citizen),
            required=False,
            empty_label="Ingen (borgeren selv)",
        )
        self.order_fields(["received_on", "channel", "applicant", "representative"])
