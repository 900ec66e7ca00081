"""How urgent a deadline looks on the work list: coloured and said in words, counted in
the municipality's working days (weekends, holidays and closing days do not count)."""

from datetime import date

import pytest

from bb103.cases.actions.summary import next_step
from bb103.cases.models import Case, Deadline, DeadlineKind
from bb103.web.presenters import urgency

MONDAY = date(2026, 11, 23)


def _due(day: date, kind: str = DeadlineKind.DECISION, met_on: date | None = None) -> Deadline:
    return Deadline(kind=kind, due_on=day, met_on=met_on)


@pytest.mark.parametrize(
    ("due", "css", "label"),
    [
        (date(2026, 11, 20), "overdue", "Overskredet med 3 dage"),
        (date(2026, 11, 22), "overdue", "Overskredet med 1 dag"),
        (MONDAY, "today", "Udløber i dag"),
        (date(2026, 11, 30), "soon", "Om 5 arbejdsdage"),  # a weekend in between
        (date(2026, 12, 1), "coming", "Om 6 arbejdsdage"),
        # 24 December is a closing day and 25-26 December holidays: not counted.
        (date(2026, 12, 28), "later", "Om 23 arbejdsdage"),
        (date(2027, 3, 1), "later", "Om ca. 3 måneder"),
        (date(2060, 1, 1), "later", "Om ca. 33 år"),
    ],
)
def test_urgency_in_working_days(due, css, label):
    found = urgency(_due(due), municipality="ballerup", today=MONDAY)
    assert (found.css, found.label) == (css, label)


def test_met_and_expired_citizen_deadlines_are_not_urgent():
    met = urgency(_due(MONDAY, met_on=date(2026, 11, 2)), municipality="vejen", today=MONDAY)
    assert (met.css, met.label) == ("met", "Overholdt 2. november 2026")
    expired = urgency(_due(date(2026, 1, 5), DeadlineKind.COMPLAINT), municipality="vejen",
                      today=MONDAY)  # fmt: skip
    assert (expired.css, expired.label) == ("met", "Udløbet uden klage")


def test_next_step_follows_an_open_complaint():
    case = Case(status="decided")
    assert next_step(case, {DeadlineKind.FORWARD_COMPLAINT}).startswith("Klagen")
    assert next_step(Case(status="received")) == "Udredning"


def test_a_deadline_met_after_it_ran_out_says_so():
    """Issue 13: "Overholdt" only for a deadline met in time; a decision told the citizen
    after its deadline shows how late it was."""
    late = Deadline(kind=DeadlineKind.DECISION, due_on=date(2025, 4, 24), met_on=date(2025, 5, 2))
    shown = urgency(late, municipality="ballerup", today=date(2025, 5, 5))
    assert shown.css == "met late" and shown.label == "For sent: 2. maj 2025, 8 dage efter fristen"
    in_time = Deadline(
        kind=DeadlineKind.DECISION, due_on=date(2025, 4, 24), met_on=date(2025, 4, 1)
    )
    assert urgency(in_time, municipality="ballerup", today=date(2025, 5, 5)).label.startswith(
        "Overholdt"
    )
