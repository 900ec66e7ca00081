"""Assigning a case and moving a caseworker's cases (issue 17, item 6)."""

from django import forms

from bb103.cases import selectors
from bb103.cases.selectors.team import caseworkers_of
from bb103.web.forms.base import CaseStepForm, StepForm


class UserChoiceField(forms.ModelChoiceField):
    """A user by name, as colleagues know each other."""

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class CaseAssignForm(CaseStepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"] = UserChoiceField(
            label="Rådgiver",
            queryset=selectors.caseworkers_for_case(user=self.user, case=self.case),
            empty_label="Vælg rådgiver",
        )
        self.order_fields(["caseworker"])


class CaseloadTransferForm(StepForm):
    def __init__(self, *args, municipality_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality_id = municipality_id
        self.fields["from_caseworker"] = UserChoiceField(
            label="Flyt de åbne sager fra",
            queryset=selectors.team_members_for_user(
                user=self.user, municipality_id=municipality_id
            ),
            empty_label="Vælg rådgiver",
        )
        self.fields["to_caseworker"] = UserChoiceField(
            label="Til",
            queryset=caseworkers_of(municipality_id),
            empty_label="Vælg rådgiver",
        )
