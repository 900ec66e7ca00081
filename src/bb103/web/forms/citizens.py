"""Forms for registering a citizen, a representative and an application."""

from django import forms

from bb103.cases import selectors
from bb103.cases.models import (
    Applicant,
    Application,
    Channel,
    Citizen,
    LivingSituation,
    PortalAccess,
    Relation,
    Representative,
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
    digital_post_exempt = forms.BooleanField(
        label="Fritaget for Digital Post",
        required=False,
        help_text="Borgerens breve sendes da med almindelig post (kommunens daglige print).",
    )

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


class NoEchoInput(forms.TextInput):
    """A text field whose value is never put back in the page (a CPR number typed once)."""

    def format_value(self, value: object) -> None:
        return None


class RepresentativeForm(StepForm):
    name = LimitedCharField(label="Navn", max_length=max_length_of(Representative, "name"))
    relation = choice_field("Relation", Relation.choices)
    contact = LimitedCharField(
        label="Kontaktoplysninger",
        required=False,
        max_length=max_length_of(Representative, "contact"),
    )
    consent_given_on = date_field(
        "Borgerens samtykke givet (for en værge: dagen for beskikkelsen)", required=False
    )
    consent_scope = LimitedCharField(
        label="Samtykket omfatter",
        required=False,
        max_length=max_length_of(Representative, "consent_scope"),
    )
    receives_letters = forms.BooleanField(
        label="Skal have kopi af breve",
        required=False,
        help_text="Kopien sendes, så længe samtykket gælder (for en værge: fra beskikkelsen).",
    )
    # Not sent (an older client of the form): no access, the safe side.
    portal_access = forms.ChoiceField(
        label="Adgang til Min sag", choices=PortalAccess.choices, required=False
    )
    # Min sag (issue 19): the representative logs in with their own MitID; the service
    # keeps only the number's search key, and the page never shows the number again.
    cpr = forms.CharField(
        label="Repræsentantens CPR-nummer (til Min sag)",
        help_text="DDMMÅÅ-XXXX. Kun hvis repræsentanten skal have adgang til Min sag. "
        "Nummeret gemmes ikke; det bruges kun til at kende dem ved login med MitID.",
        max_length=11,
        required=False,
        widget=NoEchoInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["portal_access"].initial = PortalAccess.NONE

    def clean_portal_access(self) -> str:
        return self.cleaned_data.get("portal_access") or PortalAccess.NONE


def reason_field() -> LimitedCharField:
    return text_field("Begrundelse for rettelsen", required=True, max_length=SHORT_TEXT, rows=3)


class CitizenCorrectForm(StepForm):
    """The citizen's data as registered, to be corrected; the CPR number is typed only when
    it is the one to correct (it is not put in the page)."""

    cpr = forms.CharField(
        label="Nyt CPR-nummer",
        help_text="Udfyld kun, hvis CPR-nummeret er registreret forkert. DDMMÅÅ-XXXX.",
        max_length=11,
        required=False,
    )
    first_name = CitizenForm.base_fields["first_name"]
    last_name = CitizenForm.base_fields["last_name"]
    address = CitizenForm.base_fields["address"]
    phone = CitizenForm.base_fields["phone"]
    email = CitizenForm.base_fields["email"]
    living_situation = CitizenForm.base_fields["living_situation"]
    digital_post_exempt = CitizenForm.base_fields["digital_post_exempt"]
    reason = reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "first_name",
            "last_name",
            "address",
            "phone",
            "email",
            "living_situation",
            "digital_post_exempt",
        ):
            self.fields[name].initial = getattr(self.citizen, name)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        if not data["cpr"]:
            data["cpr"] = None
        return data


class RepresentativeCorrectForm(RepresentativeForm):
    consent_withdrawn_on = date_field("Samtykket trukket tilbage", required=False)
    reason = reason_field()

    def __init__(self, *args, representative, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            if name not in ("reason", "cpr"):
                self.fields[name].initial = getattr(representative, name)
        if representative.cpr_key:
            self.fields["cpr"].label = "Nyt CPR-nummer til Min sag"
            self.fields["cpr"].help_text = (
                "Der er registreret et CPR-nummer til Min sag. Udfyld kun, hvis det er forkert. "
                "DDMMÅÅ-XXXX."
            )
        self.order_fields(["name", "relation", "contact", "consent_given_on", "consent_scope",
                           "consent_withdrawn_on", "receives_letters", "portal_access", "cpr",
                           "reason"])  # fmt: skip


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
