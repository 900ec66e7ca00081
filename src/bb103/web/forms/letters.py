"""The form for sending a letter: only the fields the letter takes."""

from bb103.web.forms.base import StepForm, date_field, text_field
from bb103.web.letters import LetterSpec


class LetterForm(StepForm):
    """The caseworker's own text where the letter takes it, and for a notice of delay the
    expected decision date; the cleaned data are ``letter_send``'s keyword arguments."""

    def __init__(self, *args, spec: LetterSpec, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        if spec.extra_label:
            self.fields["extra_text"] = text_field(
                spec.extra_label, required=spec.extra_required, rows=4
            )
            self.fields[
                "extra_text"
            ].help_text = "Skriv kort og enkelt. Teksten kommer med i brevet, som du skriver den."
        if spec.expected_on:
            self.fields["expected_on"] = date_field(
                "Forventet dato for afgørelsen", required=True, today=False
            )

    def service_kwargs(self) -> dict:
        kwargs = {"extra_text": self.cleaned_data.get("extra_text") or ""}
        if self.spec.expected_on:
            kwargs["expected_on"] = self.cleaned_data["expected_on"]
        return kwargs
