"""The administrator's forms (issue 20, point 4): a user and their roles, a system client,
and the municipality's contact data. Field names are the services' keyword arguments."""

from datetime import timedelta

from django import forms

from bb103.cases.models import MunicipalityContact, Role, User
from bb103.cases.selectors.administration import providers_of
from bb103.cases.services.administration import STAFF_ROLES
from bb103.cases.services.api_clients import CLIENT_ROLES
from bb103.web.forms.base import LimitedCharField, StepForm, max_length_of

ROLE_HELP = (
    "Rådgiver og leder læser kommunens sager; administrator opretter brugere og tilbud, men "
    "læser ingen sager; en medarbejder hos tilbud ser kun de borgere, der er visiteret til "
    "tilbuddet."
)


def _provider_field(municipality, *, required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Leverandør (kun for medarbejder hos tilbud)",
        queryset=providers_of(municipality),
        required=required,
        empty_label="Ingen",
    )


class UserCreateForm(StepForm):
    username = LimitedCharField(
        label="Brugernavn",
        max_length=max_length_of(User, "username"),
        help_text="Det, brugeren logger ind med, fx initialer som kommunen bruger dem.",
    )
    first_name = LimitedCharField(label="Fornavn", max_length=max_length_of(User, "first_name"))
    last_name = LimitedCharField(label="Efternavn", max_length=max_length_of(User, "last_name"))
    email = LimitedCharField(
        label="E-mail", max_length=max_length_of(User, "email"), required=False
    )
    roles = forms.MultipleChoiceField(
        label="Roller i kommunen",
        choices=[(r.value, r.label) for r in STAFF_ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service says "Vælg mindst én rolle" next to the field
        help_text=ROLE_HELP,
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"] = _provider_field(municipality)


class RoleAddForm(StepForm):
    role = forms.ChoiceField(
        label="Rolle", choices=[("", "Vælg rolle"), *((r.value, r.label) for r in STAFF_ROLES)]
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"] = _provider_field(municipality)


class RoleRemoveForm(StepForm):
    role = forms.ChoiceField(label="Rolle, der fjernes")

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(m.role, m.get_role_display()) for m in memberships]


class ConfirmForm(StepForm):
    """A step with nothing to fill in: the button confirms it (the page says what it
    does)."""


class ClientRegisterForm(StepForm):
    name = LimitedCharField(label="Systemets navn", max_length=100)
    roles = forms.MultipleChoiceField(
        label="Roller, systemet må handle i",
        choices=[(r.value, r.label) for r in Role if r in CLIENT_ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service says "Vælg mindst én rolle" next to the field
    )
    rate_per_minute = forms.IntegerField(
        label="Kald pr. minut",
        initial=120,
        min_value=1,
        max_value=100_000,
        help_text="Flere kald end det får svaret 429 (for mange kald).",
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"] = _provider_field(municipality)
        self.fields["provider"].label = "Leverandør (kun for et tilbuds system)"


class KeyRotateForm(StepForm):
    grace_hours = forms.IntegerField(
        label="Timer, den gamle nøgle virker endnu",
        initial=24,
        min_value=0,
        max_value=24 * 30,
        help_text="0: den gamle nøgle holder op med at virke med det samme (fx hvis den er "
        "blevet kendt af andre).",
    )

    def service_kwargs(self) -> dict:
        return {"grace": timedelta(hours=self.cleaned_data["grace_hours"])}


def _contact_field(name: str, label: str, help_text: str = "") -> forms.CharField:
    return LimitedCharField(
        label=label,
        max_length=max_length_of(MunicipalityContact, name),
        required=False,
        help_text=help_text,
    )


class ContactForm(StepForm):
    unit = _contact_field("unit", "Afdeling")
    address = LimitedCharField(
        label="Adresse (én linje pr. linje i brevhovedet)",
        max_length=max_length_of(MunicipalityContact, "address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    phone = _contact_field("phone", "Telefon")
    email = _contact_field("email", "E-mail")
    hours = _contact_field("hours", "Telefontid og åbningstid", "Fx hverdage kl. 9-12.")
    web = _contact_field("web", "Hjemmeside", "Fx https://kommune.dk.")
