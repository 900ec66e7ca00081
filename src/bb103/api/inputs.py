"""A step's input over the API is the screen's form for it: the same fields (named as the
action's keyword arguments), the same field checks and Danish messages, so the API cannot
accept what the screen refuses. From each form this module makes a DRF serializer: the
JSON types the OpenAPI schema shows and the body is checked against first (unknown keys
refused, as a typo must not be silently ignored)."""

from functools import cache
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.functional import Promise
from rest_framework import serializers

from bb103.api.problems import FieldError, invalid
from bb103.cases.models import Case, User

# Fields of a form that are not the client's to send: the case version comes as If-Match,
# and a letter's send key as Idempotency-Key.
NOT_IN_BODY = frozenset({"expected_version", "request_key"})
FACT_CHOICES = {"", "ja", "nej"}


def _is_fact(field: forms.Field) -> bool:
    return (
        isinstance(field, forms.TypedChoiceField)
        and {str(v) for v, _ in field.choices} == FACT_CHOICES
    )


def _choices(field: forms.ChoiceField) -> list[Any]:
    return [v for v, _ in field.choices if v != ""]


def serializer_field(field: forms.Field) -> serializers.Field:  # type: ignore[type-arg]
    """The JSON field for a form field."""
    common: dict[str, Any] = {
        "required": field.required,
        "help_text": str(field.label or ""),
    }
    if _is_fact(field):
        return serializers.BooleanField(allow_null=True, **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(**common)
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(min_value=1, allow_null=not field.required, **common)
    if isinstance(field, forms.MultipleChoiceField):
        return serializers.ListField(
            child=serializers.ChoiceField(choices=_choices(field)), **common
        )
    if isinstance(field, forms.TypedChoiceField) and field.coerce is int:
        return serializers.ChoiceField(
            choices=[int(v) for v in _choices(field)], allow_null=True, **common
        )
    if isinstance(field, forms.ChoiceField):
        return serializers.ChoiceField(
            choices=_choices(field), allow_blank=not field.required, **common
        )
    if isinstance(field, forms.DateField):
        return serializers.DateField(allow_null=not field.required, **common)
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(
            min_value=field.min_value,
            max_value=field.max_value,
            allow_null=not field.required,
            **common,
        )
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
            coerce_to_string=False,
            allow_null=not field.required,
            min_value=0,
            **common,
        )
    if isinstance(field, forms.EmailField):
        return serializers.EmailField(
            max_length=field.max_length, allow_blank=not field.required, **common
        )
    if isinstance(field, forms.CharField):
        return serializers.CharField(
            max_length=field.max_length,
            allow_blank=not field.required,
            trim_whitespace=False,
            **common,
        )
    raise TypeError(f"no JSON field for {type(field).__name__}")


class StrictSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Refuses keys it does not know."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["Feltet findes ikke i dette kald."] for name in unknown},
                    code="unknown",
                )
        return super().to_internal_value(data)


@cache
def input_serializer(name: str, form_class: type[forms.Form], **form_kwargs: Any) -> type:
    """The serializer of ``form_class``'s fields (the form made without a user or case:
    only its fields are read), named for the OpenAPI schema."""
    form = form_class(user=AnonymousUser(), case=None, **form_kwargs)
    fields = {
        field_name: serializer_field(field)
        for field_name, field in form.fields.items()
        if field_name not in NOT_IN_BODY
    }
    title = "".join(part.title() for part in name.split("_"))
    return type(f"{title}Input", (StrictSerializer,), fields)


def form_data(serializer: serializers.Serializer, form: forms.Form) -> dict[str, Any]:  # type: ignore[type-arg]
    """The checked JSON as the form's posted values."""
    data: dict[str, Any] = {}
    for name, value in serializer.validated_data.items():
        field = form.fields.get(name)
        if value is None:
            data[name] = ""
        elif field is not None and _is_fact(field):
            data[name] = "ja" if value else "nej"
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    return data


def validate_body(serializer_class: type, body: Any) -> serializers.Serializer:  # type: ignore[type-arg]
    if not isinstance(body, dict):
        raise invalid(
            [
                FieldError(
                    "body", "Kaldet skal være et JSON-objekt.", "The body must be a JSON object."
                )
            ]
        )
    serializer = serializer_class(data=body)
    serializer.is_valid(raise_exception=True)
    return serializer


def form_errors(form: forms.Form) -> list[FieldError]:
    """The form's errors as the screen shows them (Danish), each with an English one."""
    out = []
    for name, errors in form.errors.as_data().items():
        field = form.fields.get(name)
        for error in errors:
            for message in error.messages:
                out.append(
                    FieldError(
                        name if name != "__all__" else "body", message, _english(field, error)
                    )
                )
    return out


def _english(field: forms.Field | None, error: Any) -> str:
    """Django's own English message for the error's code; our own (Danish) messages have
    no English twin, so a plain English pointer to the Danish one."""
    code = getattr(error, "code", None)
    generic = "Refused; the Danish message says why."
    if field is None or not code:
        return generic
    messages: dict[str, Any] = {}
    for klass in reversed(type(field).__mro__):
        messages.update(getattr(klass, "default_error_messages", None) or {})
    template = messages.get(code)
    if not isinstance(template, Promise):
        return generic
    with translation.override("en"):
        text = str(template)
    try:
        return text % (error.params or {})
    except (KeyError, TypeError, ValueError):
        return text


def validated_form(
    serializer_class: type,
    form_class: type[forms.Form],
    body: Any,
    *,
    user: User,
    case: Case | None = None,
    version: int | None = None,
    **form_kwargs: Any,
) -> forms.Form:
    """The form filled from the JSON body and checked; raises problem details (400)."""
    serializer = validate_body(serializer_class, body)
    form = form_class(data=None, user=user, case=case, **form_kwargs)
    data = form_data(serializer, form)
    if version is not None:
        data["expected_version"] = str(version)
    if case is None:
        form = form_class(data, user=user, **form_kwargs)
    else:
        form = form_class(data, user=user, case=case, **form_kwargs)
    if not form.is_valid():
        raise invalid(form_errors(form))
    return form
