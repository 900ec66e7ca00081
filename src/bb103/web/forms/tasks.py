"""Marking a task from the daily sweep done."""

from bb103.cases.models import Task
from bb103.web.forms.base import StepForm, max_length_of, text_field


class TaskCompleteForm(StepForm):
    note = text_field("Bemærkning (valgfri)", rows=2, max_length=max_length_of(Task, "note"))
