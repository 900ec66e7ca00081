from django import forms

from bb103.cases.models import Attachment, AttachmentKind
from bb103.web.forms.base import LimitedCharField, max_length_of


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label="Art", choices=AttachmentKind.choices)
    title = LimitedCharField(
        label="Titel",
        max_length=max_length_of(Attachment, "title"),
        help_text="Fx »Statusattest fra egen læge, marts 2025«.",
    )
    file = forms.FileField(
        label="Fil",
        help_text="PDF, PNG eller JPEG, højst 10 MB.",
        error_messages={
            "required": "Vælg en fil.",
            "empty": "Filen er tom.",
            "invalid": "Det er ikke en fil.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
