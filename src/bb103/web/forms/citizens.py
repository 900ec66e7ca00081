"""Forms for registering a citizen, a representative and an application."""

from django import forms

from bb103.cases import selectors
from bb103.cases.models import Applicant, Channel, LivingSituation, Relation
from bb103.web.forms.base import StepForm, choice_field, date_field, text_field


class CitizenForm(StepForm):
    cpr = forms.CharField(label="CPR-nummer", help_text="DDMMÅÅ-XXXX", max_length=11)
    first_name = forms.CharField(label="Fornavn", max_length=100)
    last_name = forms.CharField(label="Efternavn", max_length=100)
    address = forms.CharField(label="Adresse", required=False)
    phone = forms.CharField(label="Telefon", required=False)
    email = forms.EmailField(label="E-mail", required=False)
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
    name = forms.CharField(label="Navn", max_length=200)
    relation = choice_field("Relation", Relation.choices)
    contact = forms.CharField(label="Kontaktoplysninger", required=False)
    consent_given_on = date_field("Borgerens samtykke givet", required=False)
    consent_scope = forms.CharField(label="Samtykket omfatter", required=False)


class ApplicationForm(StepForm):
    received_on = date_field("Ansøgningen modtaget")
    channel = choice_field("Ansøgt via", Channel.choices)
    applicant = choice_field("Ansøger", Applicant.choices)
    receipt_sent_on = date_field("Kvittering sendt", required=False)
    description = text_field("Ansøgningen", rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"] = forms.ModelChoiceField(
            label="Ansøgt af (repræsentant med samtykke)",
            queryset=selectors.representatives_for_citizen(user=self.user, citizen=self.citizen),
            required=False,
            empty_label="Ingen (borgeren selv)",
        )
        self.order_fields(["received_on", "channel", "applicant", "representative"])
