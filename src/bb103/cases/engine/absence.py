"""The standard's rule on repeated absence (policy ``repeated_absence``) and the engine's
formula for whether it is triggered."""

from dataclasses import dataclass
from datetime import date

from bb103.cases.engine.policy import policy_on
from bb103.rules.formulas import repeated_absence
from bb103.rules.ops import SCALAR


@dataclass(frozen=True)
class AbsenceRule:
    """The standard's rule on repeated absence (policy ``repeated_absence``), its source."""

    count: int
    of_last_planned_days: int
    statuses: tuple[str, ...]
    action: str
    label: str
    source: str


def repeated_absence_rule(municipality: str, on: date) -> AbsenceRule | None:
    """The rule of the standard in force on ``on``; None where the standard has none (the
    law makes no such rule); a CaseError where no standard is in force. No query."""
    param = policy_on(municipality, on).param("repeated_absence")
    if param is None:
        return None
    rule = param.value
    return AbsenceRule(
        rule.count,
        rule.of_last_planned_days,
        rule.statuses,
        rule.action,
        rule.label_da(),
        param.provenance.source,
    )


def repeated_absence_triggered(municipality: str, on: date, statuses: list[str | None]) -> bool:
    """Whether the last planned days' statuses (the latest last; None: not registered)
    trigger the standard's rule in force on ``on``, by the engine's formula."""
    rule = policy_on(municipality, on).value("repeated_absence")
    triggered, _ = repeated_absence(SCALAR, statuses, rule)
    return bool(triggered)
