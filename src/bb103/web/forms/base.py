"""What every step form shares: Danish date inputs, three-valued facts, service errors."""

from typing import ClassVar

from django import forms
from django.db import models
from django.utils import timezone

from bb103.cases.errors import CaseError
from bb103.cases.models import VumLevel
from bb103.cases.models.limits import TOO_LONG, limit_of
from bb103.letters.render import CONTROL_CHARACTERS


class StepForm(forms.Form):
    """A form whose cleaned data are the service's keyword arguments."""

    template_name = "web/form_fields.html"

    def __init__(self, *args, user, case=None, citizen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.case = case
        self.citizen = citizen

    def clean(self):
        """No control characters (a NUL byte, say) in any field: nothing a person types,
        and they break a letter or a database (issue 14, point 5). Django refuses NUL in a
        text field already; this names the field, and covers the rest of them."""
        cleaned = super().clean()
        for name, field in self.fields.items():
            raw = (
                self.data.getlist(self.add_prefix(name))
                if hasattr(self.data, "getlist")
                else [self.data.get(self.add_prefix(name))]
            )
            if any(isinstance(v, str) and CONTROL_CHARACTERS.search(v) for v in raw):
                self._errors.pop(name, None)
                self.add_error(
                    name,
                    f"»{field.label or name}« indeholder et usynligt kontroltegn (fx et "
                    "nul-tegn), som ikke kan gemmes. Slet det, og prøv igen.",
                )
        return cleaned

    def add_service_error(self, exc: CaseError) -> None:
        """Show the service's Danish message next to the field it names, or above the form
        when the field is not on it (the case's status, say)."""
        self.add_error(exc.field if exc.field in self.fields else None, exc.message)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class CaseStepForm(StepForm):
    """A form that changes a case. It carries the case's version it was shown with, so that
    the service refuses it if someone else took a step on the case in between (optimistic
    locking). A post without it (no form was shown: a script, an old page) is not checked."""

    expected_version = forms.IntegerField(
        required=False, min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["expected_version"].initial = self.case.version


def date_field(label: str, *, required: bool = True, today: bool = True) -> forms.DateField:
    # <input type="date"> sends ISO dates; typed text in Danish form (dd.mm.åååå) works too.
    return forms.DateField(
        label=label,
        required=required,
        initial=timezone.localdate if today and required else None,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"],
    )


class LimitedCharField(forms.CharField):
    """A typed text with a limit the browser keeps too (``maxlength``) and a Danish message
    beyond it, the same as the services' (issue 14, point 10)."""

    default_error_messages: ClassVar[dict[str, str]] = {"max_length": TOO_LONG}

    def __init__(self, *, max_length: int, **kwargs) -> None:
        super().__init__(max_length=max_length, **kwargs)


def max_length_of(model: type[models.Model], field: str) -> int:
    """The column's limit, so a form never lets through what the service refuses."""
    limit = limit_of(model._meta.get_field(field))
    assert limit is not None, f"{model.__name__}.{field} has no length limit"
    return limit


def text_field(label: str, *, max_length: int, required: bool = False, rows: int = 3):
    return LimitedCharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def fact_field(label: str) -> forms.TypedChoiceField:
    """Yes / no / not yet clarified, as the engine takes a fact."""
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=[("", "Ikke afklaret"), ("ja", "Ja"), ("nej", "Nej")],
        coerce=lambda v: v == "ja",
        empty_value=None,
        widget=forms.RadioSelect,
    )


def vum_field(label: str = "VUM-niveau") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=[("", "Ikke vurderet"), *VumLevel.choices],
        coerce=int,
        empty_value=None,
    )


def choice_field(label: str, choices, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=([] if required else [("", "—")]) + list(choices), required=required
    )
