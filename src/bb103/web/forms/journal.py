"""The journal note's form (issue 17, item 3): a new note, or a correction of one."""

from django import forms
from django.utils.text import Truncator

from bb103.cases import selectors
from bb103.cases.engine.formatting import danish_date
from bb103.cases.models import JournalKind, JournalNote
from bb103.web.forms.base import CaseStepForm, choice_field, date_field, max_length_of, text_field


class CorrectedNoteField(forms.ModelChoiceField):
    def label_from_instance(self, obj: JournalNote) -> str:
        text = Truncator(obj.text).chars(60)
        return f"{obj.get_kind_display()} {danish_date(obj.occurred_on)}: {text}"


class JournalNoteForm(CaseStepForm):
    kind = choice_field("Art", JournalKind.choices)
    occurred_on = date_field("Dato for samtalen, mødet, e-mailen eller iagttagelsen")
    text = text_field("Notat", max_length=max_length_of(JournalNote, "text"), required=True, rows=8)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corrects"] = CorrectedNoteField(
            label="Retter et tidligere notat",
            queryset=selectors.journal_notes_correctable(user=self.user, case=self.case),
            required=False,
            empty_label="Nej, et nyt notat",
            help_text=(
                "Et notat ændres aldrig. Vælg notatet, hvis dette notat retter det; "
                "det gamle notat bliver stående, mærket som rettet."
            ),
        )
