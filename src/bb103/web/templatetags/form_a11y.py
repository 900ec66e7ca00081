"""Ids that tie a form's errors and help to its fields (issue 16, points 2 and 3).

Django gives a field's input ``aria-describedby="<id>_helptext <id>_error"`` (only the parts
the field has) and ``aria-invalid="true"``; web/form_fields.html gives those ids to the help
text and the error, and this filter names where an error summary's link goes.
"""

from django import forms, template
from django.forms.boundfield import BoundField

register = template.Library()


@register.filter
def error_target(field: BoundField) -> str:
    """The id of the element a link in the error summary moves to: the input itself, the
    first radio button or box of a group (the group has no input of its own), the first
    part of a split input. Empty when the form renders no ids."""
    if not field.auto_id:
        return ""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return widget.id_for_label(field.auto_id, "0")
    if isinstance(widget, forms.MultiWidget):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.filter
def control(field: BoundField) -> str:
    """The field's input as Django renders it, and ``aria-required="true"`` on a required
    drop-down whose first choice is a real one: HTML allows ``required`` on a <select> only
    above an empty placeholder, so Django leaves it out there, and a screen reader would not
    hear that the field must be filled in (WCAG 2.1 3.3.2). A group of boxes has the words
    in its legend only; ``required`` on each box would ask for all of them."""
    widget = field.field.widget
    attrs = {}
    if (
        field.field.required
        and isinstance(widget, forms.Select)
        and not widget.use_required_attribute(field.initial)
    ):
        attrs["aria-required"] = "true"
    html = field.as_widget(attrs=attrs)
    if field.field.show_hidden_initial:
        html += field.as_hidden(only_initial=True)
    return html
