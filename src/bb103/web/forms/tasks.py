"""Marking a task from the daily sweep done."""

from bb103.web.forms.base import StepForm, text_field


class TaskCompleteForm(StepForm):
    note = text_field("Bemærkning (valgfri)", rows=2)
