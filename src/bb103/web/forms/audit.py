from django import forms

from bb103.cases.models import AuditKind
from bb103.web.forms.base import LimitedCharField


class AuditSearchForm(forms.Form):
    """The manager's search of the log. Posted, so a CPR number is never in the address."""

    cpr = forms.RegexField(
        label="Borgerens CPR-nummer",
        regex=r"^\s*[0-9]{6}-?[0-9]{4}\s*$",
        required=False,
        max_length=20,
        error_messages={"invalid": "Skriv hele CPR-nummeret: 10 cifre, fx 010190-1234."},
    )
    actor = LimitedCharField(label="Medarbejderens brugernavn", required=False, max_length=150)
    kind = forms.ChoiceField(
        label="Art",
        required=False,
        choices=[("", "Opslag og ændringer"), *AuditKind.choices],
    )
    date_from = forms.DateField(
        label="Fra dato",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Skriv en gyldig dato, fx 2026-11-23."},
    )
    date_to = forms.DateField(
        label="Til og med dato",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Skriv en gyldig dato, fx 2026-11-23."},
    )
    # Bounded: a page number past what any log holds would be an offset the database
    # cannot take (a server error instead of an empty page).
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.HiddenInput,
        error_messages={"max_value": "Siden findes ikke.", "min_value": "Siden findes ikke."},
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "Til-datoen ligger før fra-datoen.")
        return data
