"""The work list's filters and search (issue 17, item 7). The filters are in the address
(a filtered list can be bookmarked and paged); the search is posted, so a name or a birth
date does not land in the browser's history or a server's access log, and carries the
filters along as hidden fields. Each message names its field, even where it is hidden."""

import re

from django import forms

from bb103.cases.errors import CaseError
from bb103.cases.selectors.worklist_search import (
    MAX_DAYS,
    MAX_TERM,
    SORTS,
    STATUS_CHOICES,
    UNASSIGNED,
    FilterChoices,
    WorkListFilter,
    search_term_parse,
)
from bb103.web.forms.base import LimitedCharField
from bb103.web.forms.plain_widgets import (
    ListSelect,
    PlainCheckboxInput,
    PlainHiddenInput,
    PlainNumberInput,
    PlainTextInput,
)
from bb103.web.forms.rendered_once import RenderedOnce

# An id as the database holds it (a larger number would overflow the query).
MAX_ID = 2**31 - 1


def _id(value: str, message: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) > MAX_ID:
        raise forms.ValidationError(message)
    return int(value)


def _chosen(value: object) -> bool:
    # 0 days is a choice (due today); an unticked box and an empty select are not.
    return value is not None and value is not False and value != ""


class WorkListFilterForm(RenderedOnce):
    template_name = "web/form_fields.html"

    # Widgets written in Python (plain_widgets): the forms are on every work list page.
    alle = forms.CharField(required=False, widget=PlainHiddenInput)
    # Chosen from a list; the limit only keeps a forged value short.
    raadgiver = LimitedCharField(label="Rådgiver", required=False, max_length=20, widget=ListSelect)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alle"), *STATUS_CHOICES],
        widget=ListSelect,
        error_messages={"invalid_choice": "Status: vælg en status fra listen."},
    )
    frist = forms.IntegerField(
        label="Frist inden for (dage)",
        required=False,
        min_value=0,
        max_value=MAX_DAYS,
        widget=PlainNumberInput,
        help_text="Sager med en frist inden for så mange dage fra i dag.",
        error_messages={
            key: f"Frist inden for (dage): skriv et helt antal dage fra 0 til {MAX_DAYS}."
            for key in ("invalid", "min_value", "max_value")
        },
    )
    overskredet = forms.BooleanField(
        label="Kun sager med overskredne frister", required=False, widget=PlainCheckboxInput
    )
    tilbud = LimitedCharField(label="Tilbud", required=False, max_length=20, widget=ListSelect)
    kommune = LimitedCharField(label="Kommune", required=False, max_length=40, widget=ListSelect)
    sortering = forms.ChoiceField(
        label="Sortér efter",
        required=False,
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        widget=ListSelect,
        error_messages={"invalid_choice": "Sortér efter: vælg en af mulighederne på listen."},
    )

    def clean_raadgiver(self) -> str:
        value = self.cleaned_data["raadgiver"].strip()
        if value != UNASSIGNED:
            _id(value, "Rådgiver: vælg en rådgiver fra listen.")
        return value

    def clean_tilbud(self) -> int | None:
        return _id(self.cleaned_data["tilbud"].strip(), "Tilbud: vælg et tilbud fra listen.")

    def clean_kommune(self) -> str:
        value = self.cleaned_data["kommune"].strip()
        if value and not re.fullmatch(r"[a-z0-9_-]{1,40}", value):
            raise forms.ValidationError("Kommune: vælg en kommune fra listen.")
        return value

    @property
    def everyone(self) -> bool:
        return self.is_valid() and self.cleaned_data["alle"] == "1"

    def filters(self) -> WorkListFilter:
        """The filters chosen; none if any is invalid (its message is on the form)."""
        if not self.is_valid():
            return WorkListFilter()
        data = self.cleaned_data
        worker = data["raadgiver"]
        return WorkListFilter(
            caseworker=int(worker) if worker.isdigit() else None,
            unassigned=worker == UNASSIGNED,
            status=data["status"],
            due_within=data["frist"],
            overdue=data["overskredet"],
            offer=data["tilbud"],
            municipality=data["kommune"],
            sort=data["sortering"] or "frist",
            term=data.get("q"),
        )

    def offer_choices(self, choices: FilterChoices) -> None:
        """The selects' options: the caseworkers, offers and municipalities the user reads
        (read with the work list, so after this form was checked)."""
        self.fields["raadgiver"].widget.choices = [
            ("", "Alle"),
            (UNASSIGNED, "Ingen rådgiver"),
            *choices.caseworkers,
        ]
        self.fields["tilbud"].widget.choices = [("", "Alle"), *choices.offers]
        if choices.municipalities or (self.is_bound and "kommune" in self.errors):
            self.fields["kommune"].widget.choices = [("", "Alle"), *choices.municipalities]
        else:
            # Only for those who work in several municipalities.
            del self.fields["kommune"]

    @property
    def active(self) -> bool:
        """Whether any filter is chosen (the order and the search are not filters)."""
        return self.is_valid() and any(
            _chosen(self.cleaned_data.get(name))
            for name in self.fields
            if name not in ("alle", "q", "sortering")
        )


class WorkListSearchForm(WorkListFilterForm):
    """The search, with the filters it is made within as hidden fields."""

    # A search posted holds a name or a birth date: its markup is not kept.
    rendered_once_when_bound = False

    q = LimitedCharField(
        label="Søg efter navn, sagsnummer eller fødselsdato",
        required=False,
        max_length=MAX_TERM,
        widget=PlainTextInput,
        help_text="Fødselsdato som DDMMÅÅ eller DD-MM-ÅÅÅÅ. Søgningen gælder de valgte filtre.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "q":
                field.widget = PlainHiddenInput()

    def clean_q(self):
        try:
            return search_term_parse(self.cleaned_data["q"])
        except CaseError as exc:
            raise forms.ValidationError(exc.message) from exc

    def offer_choices(self, choices: FilterChoices) -> None:
        """Hidden: no options to show."""
