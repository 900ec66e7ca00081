"""The policy data itself, as the case system needs it: the municipalities shipped, whether
a standard is in force, which standards have a visitation committee, and the letterhead."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from bb103.cases.errors import CaseError
from bb103.rules import default_registry
from bb103.rules.calendar import calendar_for
from bb103.rules.dates import format_da
from bb103.rules.formulas import deadline
from bb103.rules.ops import SCALAR
from bb103.rules.policy.model import Contact, FinanceSettings, ResolvedPolicy
from bb103.rules.policy.model import FinanceAccount as FinanceAccount  # for the finance file


def known_municipalities() -> dict[str, str]:
    """Policy id -> the municipality's name, for every policy file shipped."""
    registry = default_registry()
    return {mid: registry.municipalities[mid].name for mid in registry.ids()}


def finance_settings(municipality: str) -> FinanceSettings:
    """The municipality's accounts for the settlement's finance file, from its policy file
    (``[municipality.finance]``, checked when the file is loaded)."""
    finance = default_registry().municipalities[municipality].finance
    if finance is None:
        # Only a policy built in code has none; a file without one does not load.
        raise CaseError(
            f"{municipality}: kommunens data har ingen kontering (municipality.finance)."
        )
    return finance


def policy_in_force(municipality: str, on: date) -> bool:
    registry = default_registry()
    return municipality in registry.municipalities and (
        registry.version_in_force(municipality, on) is not None
    )


def policy_on(municipality: str, on: date) -> ResolvedPolicy:
    """The law and the municipality's standard in force on ``on``. Where no standard is in
    force that is an error, never a silent default: without it there are no closing days,
    no service level, nothing to compute a deadline by."""
    policy = default_registry().resolve(municipality, on)
    if policy is None:
        raise no_standard_error(municipality, on)
    return policy


def no_standard_error(municipality: str, on: date) -> CaseError:
    """The Danish error for a day on which the municipality has no standard in force."""
    name = default_registry().municipalities[municipality].name
    return CaseError(f"{name} har ingen kvalitetsstandard i kraft {format_da(on)}.")


def committee_sources(on: date) -> dict[str, str]:
    """The municipalities whose standard in force on ``on`` has the visitation committee
    review a case before the decision (policy ``visitation_committee``), each with the
    standard's source. The work list marks their waiting cases from this, so a sixth
    municipality with a committee is a policy file, not code. A municipality with no
    standard in force on ``on`` has no committee to review: it is left out, not an error,
    so one municipality's gap does not stop the others' work lists. No query."""
    registry = default_registry()
    found: dict[str, str] = {}
    for municipality in registry.ids():
        policy = registry.resolve(municipality, on)
        param = None if policy is None else policy.param("visitation_committee")
        if param is not None and param.value:
            found[municipality] = param.provenance.source
    return found


def _contact_data(contact: Contact) -> dict[str, Any]:
    return {
        "unit": contact.unit,
        "address": list(contact.address),
        "phone": contact.phone,
        "hours": contact.hours,
        "email": contact.email,
        "web": contact.web,
    }


def municipality_letterhead(municipality: str) -> dict[str, Any]:
    """The municipality's name and contact data, as plain data for a letter, Min sag and
    the accessibility statement: the standard's (its policy file, each field sourced
    there; nothing invented), with each field the municipality's administrator has filled
    in on the administration page in its place (issue 20, point 4). ``complaints`` is
    where complaints go: the standard's own address for them, if any, else the contact.
    One query."""
    return municipality_letterheads([municipality])[municipality]


def municipality_letterheads(municipalities: Iterable[str]) -> dict[str, dict[str, Any]]:
    """:func:`municipality_letterhead` for several municipalities, in one query (a list
    of cases in Min sag, the accessibility statement)."""
    from bb103.cases.models import MunicipalityContact

    wanted = list(dict.fromkeys(municipalities))
    overrides = {
        o.municipality_id: o for o in MunicipalityContact.objects.filter(municipality_id__in=wanted)
    }
    registry = default_registry()
    heads = {}
    for municipality in wanted:
        policy = registry.municipalities[municipality]
        contact = _contact_data(policy.contact)
        if municipality in overrides:
            contact = contact_merged(contact, overrides[municipality])
        complaints = contact if policy.complaints is None else _contact_data(policy.complaints)
        heads[municipality] = {
            "municipality": {"name": policy.name, **contact},
            "complaints": complaints,
        }
    return heads


def standard_contact(municipality: str) -> dict[str, Any]:
    """The contact data the municipality's standard gives, without the administrator's
    changes, with each field's source: the fallback the administration page shows."""
    contact = default_registry().municipalities[municipality].contact
    return {**_contact_data(contact), "sources": dict(contact.sources)}


def contact_merged(contact: dict[str, Any], override: Any) -> dict[str, Any]:
    """``contact`` with each field ``override`` (a MunicipalityContact) fills in."""
    merged = dict(contact)
    for name in ("unit", "phone", "email", "hours", "web"):
        value = getattr(override, name)
        if value:
            merged[name] = value
    lines = override.address_lines()
    if lines:
        merged["address"] = lines
    return merged


@dataclass(frozen=True)
class CouncilDeadlineRow:
    """A decision deadline the council set, as the administration page lists it."""

    valid_from: date
    valid_to: date | None
    label: str
    decided_on: date
    source: str


def council_deadlines(municipality: str) -> tuple[bool, list[CouncilDeadlineRow]]:
    """Whether some version of the municipality's standard leaves the decision deadline to
    the council (Sønderborg's), and the council's decisions recorded in its policy file."""
    policy = default_registry().municipalities[municipality]
    left = any("decision_deadline_by_council" in v.parameters for v in policy.versions)
    rows = [
        CouncilDeadlineRow(d.valid_from, d.valid_to, d.value.label_da(), d.decided_on, d.source)
        for d in policy.council_deadlines
    ]
    return left, rows


@dataclass(frozen=True)
class Notice:
    """The notice a standard gives before an effort ends (policy ``termination_notice``)."""

    ends_on: date
    label: str
    source: str


def termination_notice_ends(municipality: str, decided_on: date) -> Notice | None:
    """The earliest day an effort decided on ``decided_on`` can end under the standard in
    force then, where it gives a notice period; None where it gives none (the law gives
    none: an ending may take effect at once). No query."""
    policy = policy_on(municipality, decided_on)
    param = policy.param("termination_notice")
    if param is None:
        return None
    calendar = calendar_for(policy.value("closing_days"))
    ends_on = deadline(SCALAR, decided_on, param.value, calendar)
    return Notice(ends_on, param.value.label_da(), param.provenance.source)


def decision_deadline_rule(municipality: str, on: date) -> tuple[str, str] | None:
    """The standard's deadline for a decision in force on ``on``, as its label ("30
    arbejdsdage") and its source; None where no standard is in force or it leaves the
    deadline to the council without one recorded. No query."""
    policy = default_registry().resolve(municipality, on)
    param = None if policy is None else policy.param("decision_deadline")
    if param is None:
        return None
    return param.value.label_da(), param.provenance.source
