"""The scope a grant gives: days per week within the range the standard gives for the
citizen's living situation (policy ``days_per_week``), and hours per day. No standard and
no law sets a number of hours (Vejen speaks of "reduceret arbejdsdage/timer" by individual
assessment, Lejre of "dagtimerne"), so hours are checked only as the placement checks them.
A placement never plans more than the decision in force grants."""

from decimal import Decimal

from bb103.cases.engine.evaluation import Evaluation, explanation_for
from bb103.cases.engine.formatting import danish_num
from bb103.cases.errors import CaseError
from bb103.cases.models import Decision
from bb103.letters.plain import scope_da

# No standard sets a longest working day; a limit catches a typing error (60 for 6,0).
MAX_HOURS_PER_DAY = Decimal("12")


def valid_hours(hours: Decimal, *, field: str = "hours_per_day") -> Decimal:
    if not Decimal("0") < hours <= MAX_HOURS_PER_DAY:
        raise CaseError(
            f"Timer pr. dag skal være mere end 0 og højst {MAX_HOURS_PER_DAY}.", field=field
        )
    if hours != hours.quantize(Decimal("0.01")):
        raise CaseError("Timer pr. dag angives med højst to decimaler.", field=field)
    return hours


def check_days(evaluation: Evaluation, days: int, *, field: str = "days_per_week") -> None:
    """``days`` lies in the standard's range; the message names the range and its source."""
    allowed = evaluation.days_per_week
    text, where = _range(evaluation)
    if allowed.max is None:
        raise CaseError(
            f"{text} Registrér borgerens boform, før omfanget fastsættes ({where}).",
            field=field,
        )
    if not (allowed.min or 1) <= days <= allowed.max:
        raise CaseError(
            f"{days} dage om ugen ligger uden for kvalitetsstandarden. {text} ({where})",
            field=field,
        )


def granted_days(evaluation: Evaluation, days: int | None) -> int:
    """A grant states the days per week it gives, within the standard's range (issue 17,
    item 5): the grant letter states them, and a placement plans no more. Whichever channel
    grants (the form, the CLI, the sweep, an API), the days are required here."""
    if days is None:
        text, where = _range(evaluation)
        raise CaseError(
            f"Angiv, hvor mange dage om ugen der bevilges. {text} ({where})",
            field="days_per_week",
        )
    check_days(evaluation, days)
    return days


def _range(evaluation: Evaluation) -> tuple[str, str]:
    """The engine's text for the standard's range of days, and its sources."""
    text, sources = explanation_for(evaluation, "days_per_week")
    return text, "; ".join(sources)


def clean_scope(inputs: dict, *, days: str = "days_per_week", hours: str = "hours_per_day") -> None:
    """Bad numbers refused before the case is read: days 1-5 (Monday to Friday), hours as
    the placement takes them."""
    value = inputs.get(days)
    if value is not None and not 1 <= value <= 5:
        raise CaseError("Antal dage om ugen skal være mellem 1 og 5.", field=days)
    if inputs.get(hours) is not None:
        inputs[hours] = valid_hours(Decimal(inputs[hours]), field=hours)


def check_within_grant(decision: Decision | None, days: int, hours: Decimal) -> None:
    """A placement plans no more days, nor longer days, than the decision in force grants
    (a decision without a recorded scope sets no limit beyond the standard's range)."""
    if decision is None:
        return
    if decision.days_per_week is not None and days > decision.days_per_week:
        raise CaseError(
            f"Afgørelsen bevilger {scope_da(decision.days_per_week, None)}. Der kan ikke "
            f"planlægges {days} dage. Skal omfanget ændres, træffes en afgørelse om ændring.",
            field="days_per_week",
        )
    if decision.hours_per_day is not None and hours > decision.hours_per_day:
        raise CaseError(
            f"Afgørelsen bevilger {scope_da(None, decision.hours_per_day)}. Der kan ikke "
            f"planlægges {danish_num(hours)} timer. Skal omfanget ændres, træffes en "
            "afgørelse om ændring.",
            field="hours_per_day",
        )
