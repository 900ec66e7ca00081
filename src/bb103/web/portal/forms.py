"""Min sag's forms (issue 19): short labels in plain Danish; the services check the rest."""

from typing import Any

from django import forms

from bb103.cases.models import CitizenReportKind
from bb103.cases.models.limits import LONG_TEXT
from bb103.web.forms.base import LimitedCharField

MAX_FILES = 5
FILE_HELP = "Send en PDF, et PNG- eller et JPEG-billede. Højst 10 MB."
FILE_ERRORS = {"empty": "Filen er tom.", "invalid": "Det er ikke en fil."}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to ``MAX_FILES`` files in one field (none is fine: the field is optional)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Du kan højst sende {MAX_FILES} filer ad gangen.")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class HearingAnswerForm(forms.Form):
    text = LimitedCharField(
        label="Det vil jeg sige",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Skriv, hvad du mener om vores forslag. Du kan også bare sende en fil.",
    )
    files = MultipleFileField(
        label="Filer", required=False, help_text=FILE_HELP, error_messages=FILE_ERRORS
    )


class ComplaintForm(forms.Form):
    grounds = LimitedCharField(
        label="Hvorfor er du uenig?",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Skriv kort, hvorfor du er uenig."},
    )


class DocumentForm(forms.Form):
    title = LimitedCharField(
        label="Hvad er det?", max_length=200, help_text="Fx »Brev fra min læge«."
    )
    file = forms.FileField(
        label="Fil",
        help_text=FILE_HELP,
        error_messages={"required": "Vælg en fil.", **FILE_ERRORS},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(
        label="Hvad har ændret sig?",
        choices=CitizenReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg, hvad der har ændret sig."},
    )
    text = LimitedCharField(
        label="Fortæl lidt mere",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Skriv lidt om ændringen."},
    )


CONSENT_CHOICES = [("ja", "Ja, det må I gerne"), ("nej", "Nej, spørg mig først")]


class ApplyForm(forms.Form):
    """Søg om beskyttet beskæftigelse (issue 19, point 4): for whom (when the login may act
    for others too), where the person lives and who they are (for themself), what they wish
    and what is hard (Vejen's standard, afsnit 4.2), and whether the municipality may gather
    information (Retssikkerhedsloven § 11 c)."""

    for_whom = forms.ChoiceField(
        label="Hvem søger du for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg, hvem du søger for."},
    )
    municipality = forms.ChoiceField(
        label="Din kommune",
        required=False,
        help_text="Den kommune, du bor i.",
    )
    first_name = LimitedCharField(label="Dit fornavn", required=False, max_length=100)
    last_name = LimitedCharField(label="Dit efternavn", required=False, max_length=100)
    address = LimitedCharField(
        label="Din adresse",
        required=False,
        max_length=200,
        help_text="Fx »Nørregade 4, 6600 Vejen«.",
    )
    phone = LimitedCharField(
        label="Dit telefonnummer",
        required=False,
        max_length=30,
        help_text="Så kan vi ringe til dig.",
    )
    wishes = LimitedCharField(
        label="Hvad vil du gerne?",
        max_length=LONG_TEXT // 2,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Fx hvad du vil lave, og hvor mange dage om ugen.",
        error_messages={"required": "Skriv kort, hvad du gerne vil."},
    )
    challenges = LimitedCharField(
        label="Hvad er svært for dig?",
        required=False,
        max_length=LONG_TEXT // 2,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Fx hvad du har brug for hjælp til. Har du en diagnose, kan du skrive den.",
    )
    consent = forms.ChoiceField(
        label="Må vi hente oplysninger om dig?",
        choices=CONSENT_CHOICES,
        widget=forms.RadioSelect,
        help_text="Vi kan fx spørge din læge. Vi spørger kun om det, vi skal bruge.",
        error_messages={"required": "Svar på, om vi må hente oplysninger."},
    )

    def __init__(
        self,
        *args: Any,
        targets: list[tuple[str, str]],
        municipalities: list[tuple[str, str]],
        new_person: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["for_whom"].choices = targets
        if len(targets) == 1:
            # Only the person themself: nothing to choose.
            self.fields["for_whom"].widget = forms.HiddenInput()
            self.fields["for_whom"].initial = targets[0][0]
        self.fields["municipality"].choices = [("", "Vælg din kommune"), *municipalities]
        if new_person:
            # We do not know the person yet: their record is made from these.
            for name in ("municipality", "first_name", "last_name", "address"):
                self.fields[name].required = True
            self.fields["municipality"].error_messages["required"] = "Vælg din kommune."
            self.fields["first_name"].error_messages["required"] = "Skriv dit fornavn."
            self.fields["last_name"].error_messages["required"] = "Skriv dit efternavn."
            self.fields["address"].error_messages["required"] = "Skriv din adresse."
