"""The typed values a law or policy parameter can hold."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

LIVING_SITUATIONS = ("own_home", "botilbud", "with_family")

PERIOD_UNITS = {
    "days": ("dag", "dage"),
    "weeks": ("uge", "uger"),
    "working_days": ("arbejdsdag", "arbejdsdage"),
    "months": ("måned", "måneder"),
}


@dataclass(frozen=True)
class Period:
    """A deadline length: ``amount`` of ``unit`` (days, weeks, working_days, months)."""

    amount: int
    unit: str

    def label_da(self) -> str:
        singular, plural = PERIOD_UNITS[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"

    def calendar_days(self) -> int | None:
        """Length in calendar days where the unit has a fixed one (days, weeks)."""
        if self.unit == "days":
            return self.amount
        if self.unit == "weeks":
            return self.amount * 7
        return None


@dataclass(frozen=True)
class DayRange:
    min: int
    max: int


@dataclass(frozen=True)
class DaysPerWeek:
    """The weekly range the standard allows; ``by_living_situation`` overrides it (Ballerup)."""

    min: int
    max: int
    default: int | None = None
    by_living_situation: dict[str, DayRange] = field(default_factory=dict)


@dataclass(frozen=True)
class PensionCohort:
    born_from: date | None  # inclusive; None: no lower bound
    born_to: date | None  # inclusive; None: no upper bound
    years: int
    months: int

    def label_da(self) -> str:
        return f"{self.years} år" + (f" og {self.months} måneder" if self.months else "")


@dataclass(frozen=True)
class WageRates:
    """Fixed wage rates as percentages of the minimum wage, and a renegotiation rhythm (Vejen)."""

    rates_pct: tuple[Decimal, ...]
    start_rate_pct: Decimal | None
    renegotiate_first_after_months: int | None
    renegotiate_then_every_months: int | None


@dataclass(frozen=True)
class WageForm:
    """A form a wage may be set in (one of the law's, ``WAGE_FORMS``), with the name the
    standard gives it: Vejen calls its wage "Løn efter Vejen Kommunes lønsatser"."""

    id: str
    name: str


@dataclass(frozen=True)
class MunicipalCriterion:
    """A criterion a municipal standard adds to the legal target group, with its section."""

    id: str
    source: str


# The ways a wage in sheltered employment may be set (BEK nr. 483 § 1), and practices a
# standard may describe; the Danish text is what a citizen reads.
WAGE_BASES = {
    "by_effort": "løn efter indsats",
    "hourly_wage": "individuel timeløn efter en arbejdsvurdering",
    "arbejdsdusoer": "arbejdsdusør, når funktionsevnen kun giver en meget beskeden indtjening",
    "agreed_with_workplace": "lønnen aftales med den enkelte arbejdsplads",
}

# The forms the law allows a wage to be set in (BEK nr. 483 § 1). ``WAGE_BASES`` also holds
# practices a standard describes (Ballerup: agreed with the workplace), which are not forms:
# a standard that only describes how the wage is agreed leaves every form of the law open.
WAGE_FORMS = ("by_effort", "hourly_wage", "arbejdsdusoer")


@dataclass(frozen=True)
class Providers:
    """Where the municipality delivers the effort: its description, and its own offers."""

    description: str
    own_offers: tuple[str, ...]


# Attendance statuses as the provider registers them; the values are the case system's
# (bb103.cases.models.AttendanceStatus), the Danish what a caseworker reads.
ATTENDANCE_STATUSES = {
    "present": "mødt",
    "sick": "syg",
    "notified_absence": "meldt afbud",
    "unnotified_absence": "udeblevet uden afbud",
}


@dataclass(frozen=True)
class RepeatedAbsence:
    """When absence is repeated enough for the caseworker to act: ``count`` days with one of
    ``statuses`` among the citizen's last ``of_last_planned_days`` planned days. ``action``
    is what the standard says the caseworker then does, in Danish (Vejen: a dialogue with
    the citizen and the provider)."""

    count: int
    of_last_planned_days: int
    statuses: tuple[str, ...]
    action: str

    def label_da(self) -> str:
        kinds = " eller ".join(ATTENDANCE_STATUSES[s] for s in self.statuses)
        return f"{self.count} af de seneste {self.of_last_planned_days} planlagte dage {kinds}"


# How the § 141 handleplan comes about (Serviceloven § 141, stk. 2: it must be offered to
# everyone granted § 103); a standard may promise more (Lejre's new text: made together).
HANDLEPLAN_MODES = {
    "offered": "tilbydes, og borgeren bestemmer, om den skal laves",
    "together": "laves i samarbejde med borgeren",
}


@dataclass(frozen=True)
class Addressee:
    """Someone a citizen can turn to, as a standard names them: a complaint about case
    handling, the borgerrådgiver. ``role`` says who, in the standard's words."""

    role: str
    unit: str
    address: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    email: str | None = None
    web: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class CouncilDeadline:
    """A standard that leaves the decision deadline to the council (Sønderborg: "fastsat
    af byrådet"), and where the council publishes it."""

    set_by: str
    published_at: str
