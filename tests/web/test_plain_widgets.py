"""The work list's widgets write in Python what Django's widget templates write (issue 21,
point 5): the same markup for values, ids, flags and options, escaped the same way."""

import re

import pytest
from django import forms
from django.utils.safestring import mark_safe

from bb103.web.forms.plain_widgets import (
    ListSelect,
    PlainCheckboxInput,
    PlainHiddenInput,
    PlainNumberInput,
    PlainTextInput,
)

HOSTILE = '"><script>alert(1)</script>'
ATTRS = {
    "id": "id_felt",
    "maxlength": 20,
    "required": True,
    "disabled": False,
    "aria-describedby": "id_felt_helptext id_felt_error",
    "aria-invalid": "true",
    "data-x": mark_safe("a&amp;b"),
}


@pytest.mark.parametrize(
    ("plain", "django"),
    [
        (PlainHiddenInput, forms.HiddenInput),
        (PlainTextInput, forms.TextInput),
        (PlainNumberInput, forms.NumberInput),
        (PlainCheckboxInput, forms.CheckboxInput),
    ],
)
@pytest.mark.parametrize("value", [None, "", "abc", HOSTILE, 0, 17, True, False])
def test_inputs_write_what_django_writes(plain, django, value):
    assert plain().render("felt", value, attrs=ATTRS) == django().render("felt", value, attrs=ATTRS)


class _DjangoSelect(forms.Select):
    # Django's own templates, for comparison: select.html and select_option.html.
    template_name = "django/forms/widgets/select.html"


CHOICES = [
    ("", "Alle"),
    ("_", "Ingen rådgiver"),
    ("7", HOSTILE),
    ("Gruppe <b>", [("8", "Otte"), ("9", "Ni & ti")]),
]


def _between_tags(html: str) -> str:
    # Django's select.html leaves blank lines between the options; ours one line each.
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize("value", [None, "", "7", "9", HOSTILE])
def test_select_writes_what_django_writes(value):
    plain = ListSelect(choices=CHOICES).render("raadgiver", value, attrs=ATTRS)
    django = _DjangoSelect(choices=CHOICES).render("raadgiver", value, attrs=ATTRS)
    assert _between_tags(plain) == _between_tags(django)
    assert "\n\n" not in plain
