"""The deadlines the engine gives for a case, each under the standard in force on the day
it starts to run."""

from dataclasses import dataclass, replace
from datetime import date

from bb103.cases.engine.evaluation import Evaluation, evaluate_facts
from bb103.cases.engine.facts import CaseFacts
from bb103.cases.models import DeadlineKind
from bb103.rules.calendar import WorkingDayCalendar, calendar_for
from bb103.rules.dates import format_da

DELAY_NOTICE_SOURCE = "Retssikkerhedsloven § 3, stk. 2"


@dataclass(frozen=True)
class ComputedDeadline:
    kind: str
    due_on: date
    explanation: str
    sources: list[str]


# Which result of the engine gives which deadline; the engine's rule of the same name
# explains it.
_DEADLINE_RULES = {
    DeadlineKind.DECISION: "decision_deadline",
    DeadlineKind.PARTY_HEARING: "party_hearing_deadline",
    DeadlineKind.COMPLAINT: "complaint_deadline",
    DeadlineKind.FORWARD_COMPLAINT: "forward_to_ankestyrelsen_by",
    DeadlineKind.FOLLOW_UP: "next_follow_up_by",
    DeadlineKind.PENSION_AGE: "reaches_pension_age_on",
}


def computed_deadlines(facts: CaseFacts, *, today: date) -> list[ComputedDeadline]:
    """Every deadline the engine gives for the case, each under the standard in force on
    the day it starts to run. One evaluation per distinct start day."""
    starts: dict[str, date | None] = {
        DeadlineKind.DECISION: facts.application_received_on,
        DeadlineKind.PARTY_HEARING: None
        if facts.hearing is None
        else facts.hearing.material_received_on,
        DeadlineKind.COMPLAINT: None if facts.decision is None else facts.decision.received_on,
        DeadlineKind.FORWARD_COMPLAINT: None
        if facts.complaint is None
        else facts.complaint.received_on,
        DeadlineKind.FOLLOW_UP: facts.follow_up_from,
        # The pension age is law of today, whenever the placement started.
        DeadlineKind.PENSION_AGE: None if facts.placement is None else today,
    }
    evaluations: dict[date, Evaluation] = {}
    found = []
    for kind, start in starts.items():
        if start is None:
            continue
        if start not in evaluations:
            evaluations[start] = evaluate_facts(facts, as_of=start)
        ev = evaluations[start]
        rule = _DEADLINE_RULES[DeadlineKind(kind)]
        due = getattr(ev, rule)
        if due is None:
            continue
        explanation = next(x for x in ev.explanations if x.rule == rule)
        text = explanation.text
        calendar = calendar_for(ev.policy.value("closing_days"))
        if not calendar.is_working_day(due):
            due, text = _on_a_working_day(kind, due, text, calendar)
        found.append(ComputedDeadline(kind, due, text, explanation.sources))
    if facts.promise is not None:
        sent_on, expected_on = facts.promise
        found.append(
            ComputedDeadline(
                DeadlineKind.EXPECTED_DECISION,
                expected_on,
                f"Kommunen skrev til borgeren {format_da(sent_on)}, at afgørelsen kan "
                f"forventes senest {format_da(expected_on)}.",
                [DELAY_NOTICE_SOURCE],
            )
        )
    if facts.reopened_on is not None:
        found += _new_decision(facts, facts.reopened_on)
    return found


def _on_a_working_day(
    kind: str, due: date, text: str, calendar: WorkingDayCalendar
) -> tuple[date, str]:
    """A deadline that falls on a day the administration is closed: moved to the next
    working day (domain rule for deadlines), or kept with the reason why. The engine's
    month-based date (the follow-up, 12 months on) is its contract's; the case system
    moves it, as it moves a deadline in days or weeks."""
    if kind == DeadlineKind.PENSION_AGE:
        return due, (
            f"{text} Datoen er ikke en arbejdsdag, men den flyttes ikke: efter loven stopper "
            "beskyttet beskæftigelse den dag, borgeren når folkepensionsalderen."
        )
    moved = calendar.roll_forward(due)
    return moved, (
        f"{text} {format_da(due)} er ikke en arbejdsdag, så fristen er flyttet til den "
        f"næste arbejdsdag, {format_da(moved)}."
    )


def _new_decision(facts: CaseFacts, reopened_on: date) -> list[ComputedDeadline]:
    """The law sets no period for deciding again after the decision was set aside: the
    standard's own decision deadline is counted from the day the case was reopened (a
    stated assumption)."""
    reopened = replace(facts, application_received_on=reopened_on)
    ev = evaluate_facts(reopened, as_of=reopened_on)
    if ev.decision_deadline is None:
        return []
    explanation = next(x for x in ev.explanations if x.rule == "decision_deadline")
    return [
        ComputedDeadline(
            DeadlineKind.NEW_DECISION,
            ev.decision_deadline,
            f"Sagen blev genoptaget {format_da(reopened_on)}. Kvalitetsstandardens frist "
            f"regnes fra den dag. {explanation.text}",
            explanation.sources,
        )
    ]
