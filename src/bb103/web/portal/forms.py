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
