"""Loaded law and policy data, and the provenance every resolved value carries."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Provenance:
    """Where a value comes from: layer, file, policy version, validity and legal source."""

    layer: str  # "national" or "municipal"
    file: str
    policy: str  # "national" or the municipality's id
    version: str | None
    source: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class Param:
    """A parameter value resolved for one municipality and date, with its provenance."""

    key: str
    label: str
    value: Any
    provenance: Provenance


@dataclass(frozen=True)
class DatedValue:
    valid_from: date
    valid_to: date | None  # inclusive; None: until further notice
    value: Any
    source: str

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class MinimumWage:
    """The lowest collective-agreement hourly wage in one line of work, dated."""

    id: str
    label: str
    values: tuple[DatedValue, ...]


@dataclass(frozen=True)
class LawData:
    file: str
    id: str
    title: str
    assumptions: tuple[str, ...]
    parameters: dict[str, tuple[DatedValue, ...]]
    minimum_wages: dict[str, MinimumWage]


# The contact fields a standard may give; each one given names its source, and each one of
# CONTACT_EXPECTED the standard does not give is listed in ``not_stated`` (never invented).
CONTACT_FIELDS = ("unit", "address", "phone", "hours", "email", "web")
CONTACT_EXPECTED = ("address", "phone", "email", "web")


@dataclass(frozen=True)
class Contact:
    """A letterhead or complaint address, as the municipality's standard gives it."""

    unit: str
    address: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None
    web: str | None = None
    hours: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> section of the standard
    not_stated: tuple[str, ...] = ()  # fields the standard does not give


@dataclass(frozen=True)
class SourcedValue:
    value: Any
    source: str


@dataclass(frozen=True)
class CouncilDecision:
    """A decision deadline the council set (Sønderborg's standard leaves it to byrådet):
    in force from ``valid_from``, decided on ``decided_on``, with where it is published."""

    valid_from: date
    valid_to: date | None
    value: Any  # Period
    decided_on: date
    source: str

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class PolicyVersion:
    """One version of a municipality's quality standard, with the dates it is in force."""

    id: str
    title: str
    source_document: str
    in_force_from: date
    in_force_to: date | None
    approved_on: date | None
    approved_by: str | None
    assumptions: tuple[str, ...]
    parameters: dict[str, SourcedValue]
    # Where the standard itself states the date it is in force from; None: the date is an
    # assumption (listed in ``assumptions``) and is published as one.
    in_force_from_source: str | None = None

    def in_force(self, on: date) -> bool:
        return self.in_force_from <= on and (self.in_force_to is None or on <= self.in_force_to)

    @property
    def dates_assumed(self) -> bool:
        return self.in_force_from_source is None


# The posting kinds a municipality's finance settings give an account for: what it owes a
# provider, by the provider's kind (the case system's ProviderKind values; a test keeps the
# two equal), and the municipality's share of the citizens' transport (BEK 483 § 2) only where
# its payroll, which pays it, does not post it itself. Wages are paid by the provider (BEK
# 483 § 1) and are never the municipality's posting.
PROVIDER_POSTINGS = ("own_municipal", "other_municipality", "private_provider", "private_company")
PERSON_POSTINGS = ("transport",)

# Expense arts of the authorised chart (Budget- og regnskabssystem for kommuner, 2.5
# Artsinddelingen) a § 103 settlement may post on.
EXPENSE_ARTS = ("4.0", "4.5", "4.6", "4.7", "4.8", "4.9", "5.1", "5.2", "5.9")


@dataclass(frozen=True)
class FinanceAccount:
    """Where one kind of posting goes: the municipality's own account string (as its finance
    system knows it), the authorised art, and a PSP element where the system uses one."""

    account: str
    art: str
    psp: str = ""


@dataclass(frozen=True)
class FinanceSettings:
    """The municipality's accounts for the settlement's finance file (its chart of accounts,
    not its quality standard, so one source names where the values come from)."""

    cost_centre: str
    accounts: dict[str, FinanceAccount]
    source: str


@dataclass(frozen=True)
class MunicipalPolicy:
    file: str
    id: str
    name: str
    contact: Contact
    complaints: Contact | None
    versions: tuple[PolicyVersion, ...]
    name_source: str = ""
    council_deadlines: tuple[CouncilDecision, ...] = ()
    # None only for a policy built in code (a reform); a file must give it.
    finance: FinanceSettings | None = None


@dataclass(frozen=True)
class ResolvedPolicy:
    """Everything in force for one municipality on one date: law and standard layered."""

    municipality: MunicipalPolicy
    version: PolicyVersion
    as_of: date
    params: dict[str, Param | None] = field(default_factory=dict)

    def param(self, key: str) -> Param | None:
        return self.params[key]

    def value(self, key: str) -> Any:
        param = self.params[key]
        return None if param is None else param.value
