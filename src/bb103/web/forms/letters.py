"""The form for sending a letter: only the fields the letter takes."""

from uuid import uuid4

from django import forms

from bb103.cases.models.limits import SHORT_TEXT
from bb103.web.forms.base import StepForm, date_field, text_field
from bb103.web.letters import LetterSpec


class LetterForm(StepForm):
    """The caseworker's own text where the letter takes it, and for a notice of delay the
    expected decision date; the cleaned data are ``letter_send``'s keyword arguments."""

    # Made when the form is shown and posted back with it: the same form submitted twice
    # (a double click, a reload) sends the letter once.
    request_key = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput, initial=lambda: uuid4().hex
    )

    def __init__(self, *args, spec: LetterSpec, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        if spec.extra_label:
            self.fields["extra_text"] = text_field(
                spec.extra_label, required=spec.extra_required, rows=4, max_length=SHORT_TEXT
            )
            self.fields[
                "extra_text"
            ].help_text = "Skriv kort og enkelt. Teksten kommer med i brevet, som du skriver den."
        if spec.expected_on:
            self.fields["expected_on"] = date_field(
                "Forventet dato for afgørelsen", required=True, today=False
            )

    def service_kwargs(self) -> dict:
        kwargs = {
            "extra_text": self.cleaned_data.get("extra_text") or "",
            "request_key": self.cleaned_data.get("request_key") or "",
        }
        if self.spec.expected_on:
            kwargs["expected_on"] = self.cleaned_data["expected_on"]
        return kwargs
