"""Widgets that write Django's own markup in Python instead of through its widget templates
(django/forms/widgets/input.html, attrs.html and select.html): the work list's filter and
search forms are some 17 widgets and sixty options on every page, and each widget through
the templates cost a few hundred microseconds, the largest part of the page around the list
(issue 21, point 5). ``get_context`` is Django's, so the value, the id, ``required``,
``aria-describedby`` and ``aria-invalid`` are what Django decides; only the writing is here.
tests/web/test_plain_widgets.py compares each with Django's template."""

import html
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


def conditional_escape(value: Any) -> str:
    """Django's conditional_escape without its check for lazy arguments (some sixty
    options a page); a lazy text is made a text by str() as there."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """As attrs.html: ``False`` leaves the attribute out, ``True`` writes its name alone."""
    return "".join(
        ""
        if value is False
        else f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
    )


class PlainInput:
    """input.html, for any <input> widget."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> str:
        widget = context["widget"]
        value = widget["value"]
        shown = "" if value is None else f' value="{conditional_escape(value)}"'
        return mark_safe(
            f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
        )


class PlainHiddenInput(PlainInput, forms.HiddenInput):
    pass


class PlainTextInput(PlainInput, forms.TextInput):
    pass


class PlainNumberInput(PlainInput, forms.NumberInput):
    pass


class PlainCheckboxInput(PlainInput, forms.CheckboxInput):
    pass


class ListSelect(forms.Select):
    """Django's select.html with its options written in the same pass (select_option.html:
    an option's only attribute from Select is ``selected``)."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> str:
        widget = context["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _ in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{' selected' if option['selected'] else ''}>"
                f"{conditional_escape(option['label'])}</option>"
                for option in group_choices
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return SafeString("".join(parts))
