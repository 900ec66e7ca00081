"""Every step of a case as an API operation: its action and the screen's form for its
input (the letters' form takes the letter's spec)."""

from dataclasses import dataclass, field
from typing import Any

from django import forms

from bb103.cases.actions import CASE_ACTIONS, CaseAction
from bb103.web.forms.letters import LetterForm
from bb103.web.letters import LETTER_SPECS
from bb103.web.steps import STEP_VIEWS


@dataclass(frozen=True)
class ApiStep:
    action: CaseAction
    form: type[forms.Form]
    form_kwargs: dict[str, Any] = field(default_factory=dict)


# Steps only a citizen takes, in Min sag (issue 19): the API's clients are systems, not
# citizens, so these have no API operation (a system may not answer a partshøring or
# report a change in the citizen's name).
CITIZEN_ONLY = frozenset({"party_hearing_answer", "change_report"})


def _steps() -> dict[str, ApiStep]:
    steps = {view.action.name: ApiStep(view.action, view.form) for view in STEP_VIEWS}
    for spec in LETTER_SPECS:
        steps[spec.action.name] = ApiStep(spec.action, LetterForm, {"spec": spec})
    missing = {a.name for a in CASE_ACTIONS} - set(steps) - CITIZEN_ONLY
    if missing:  # a new step must be reachable over the API as on the screen
        raise RuntimeError(f"case actions without an API input: {sorted(missing)}")
    return {a.name: steps[a.name] for a in CASE_ACTIONS if a.name not in CITIZEN_ONLY}


API_STEPS = _steps()
