"""Correcting what was registered about a citizen and the people who act for them (issue
17, item 1): each change is audited with the old and the new value and the caseworker's
reason, and the deadlines of the citizen's open cases are computed again from the corrected
facts (the pension-age date follows the CPR number; Ballerup's days a week follow the
living situation, which the case page's engine panel reads live).

The CPR number is never written to the audit trail in clear: the trail is read more widely
than the citizen's own page. A change of it is recorded with the birth-date part only
(``DDMMÅÅ-xxxx``, the masked form the lists show)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.engine.formatting import danish_date, masked_cpr
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Case,
    CaseStatus,
    Citizen,
    DeadlineKind,
    LivingSituation,
    Relation,
    Representative,
    User,
)
from bb103.cases.models.limits import SHORT_TEXT
from bb103.cases.permissions import require_step
from bb103.cases.services.audit import audit_write
from bb103.cases.services.citizens import cpr_warnings, normalise_cpr
from bb103.cases.services.deadlines import deadlines_recompute
from bb103.cases.services.validation import (
    choice,
    not_before,
    not_future,
    printable,
    required_text,
    text_within,
)

NOTHING_CHANGED = "Du har ikke ændret noget. Ret mindst ét felt, eller gå tilbage."


@dataclass(frozen=True)
class DeadlineChange:
    """A deadline of one of the citizen's cases that the correction moved (or made or
    removed): what the caseworker is shown after the correction."""

    case_id: int
    label: str
    old: date | None
    new: date | None

    def __str__(self) -> str:
        def when(day: date | None) -> str:
            return "ingen" if day is None else danish_date(day)

        return f"Sag {self.case_id}: {self.label} {when(self.old)} → {when(self.new)}"


@dataclass(frozen=True)
class Correction:
    """What a correction changed: ``changes`` as audited ({field: {"old", "new"}}, the CPR
    number masked), the deadlines it moved, and what the caseworker should check."""

    changes: dict[str, dict[str, Any]]
    deadlines: list[DeadlineChange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def reason_given(reason: str) -> str:
    """The caseworker's reason for a correction: required, a short text."""
    text = required_text(reason, field="reason", label="Begrundelsen")
    text_within(text, SHORT_TEXT, field="reason", label="Begrundelsen")
    printable(text, field="reason", label="Begrundelsen")
    return text


def _audited(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def changes_of(row: Any, new: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"old", "new"}} for each field of ``new`` that differs from ``row``'s."""
    return {
        name: {"old": _audited(getattr(row, name)), "new": _audited(value)}
        for name, value in new.items()
        if getattr(row, name) != value
    }


@sensitive_variables("cpr", "new_cpr")
def citizen_correct(
    *,
    user: User,
    citizen: Citizen,
    reason: str,
    cpr: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    living_situation: str | None = None,
) -> Correction:
    """Correct the citizen's data; a field left None stays as it is."""
    require_step(user, "citizen_correct", citizen.municipality_id)
    reason = reason_given(reason)
    today = timezone.localdate()
    new: dict[str, Any] = {}
    if first_name is not None:
        new["first_name"] = required_text(first_name, field="first_name", label="Fornavn")
    if last_name is not None:
        new["last_name"] = required_text(last_name, field="last_name", label="Efternavn")
    for name, value in (("address", address), ("phone", phone), ("email", email)):
        if value is not None:
            new[name] = value.strip()
    if living_situation is not None:
        if living_situation:
            choice(living_situation, LivingSituation, field="living_situation", label="Boform")
        new["living_situation"] = living_situation
    new_cpr = None if cpr is None else normalise_cpr(cpr, today=today)
    with transaction.atomic():
        locked = Citizen.objects.select_for_update().get(pk=citizen.pk)
        if locked.anonymised_on is not None:
            raise CaseError(
                "Borgerens oplysninger er slettet, fordi opbevaringsperioden er udløbet. "
                "De kan ikke rettes.",
                field="first_name",
            )
        changes = changes_of(locked, new)
        warnings: list[str] = []
        if new_cpr is not None and new_cpr != locked.cpr:
            key = cpr_search_key(new_cpr)
            taken = Citizen.objects.filter(municipality_id=locked.municipality_id, cpr_key=key)
            if taken.exclude(pk=locked.pk).exists():
                raise CaseError("Der findes allerede en borger med dette CPR-nummer.", field="cpr")
            # Masked: the birth date part only; whether the last four changed is all the
            # trail needs to say of them.
            changes["cpr"] = {"old": masked_cpr(locked.cpr), "new": masked_cpr(new_cpr)}
            locked.cpr, locked.cpr_key = new_cpr, key
            warnings = cpr_warnings(new_cpr, today=today)
        if not changes:
            raise CaseError(NOTHING_CHANGED, field="reason")
        for name in new:
            setattr(locked, name, new[name])
        locked.save()
        moved = _recompute_open_cases(locked, today=today)
        audit_write(
            actor=user,
            municipality_id=locked.municipality_id,
            action="citizen_correct",
            citizen=locked,
            details={
                "citizen": locked.pk,
                "changes": changes,
                "reason": reason,
                "deadlines": [
                    {"case": d.case_id, "deadline": d.label, "old": d.old, "new": d.new}
                    for d in moved
                ],
            },
        )
    for name in (*new, "cpr", "cpr_key"):
        setattr(citizen, name, getattr(locked, name))
    return Correction(changes, moved, warnings)


def _recompute_open_cases(citizen: Citizen, *, today: date) -> list[DeadlineChange]:
    """Compute the deadlines of the citizen's cases that are not over again (each case row
    locked, as a step locks it), and say which moved."""
    moved: list[DeadlineChange] = []
    cases = (
        Case.objects.select_for_update(of=("self",))
        .select_related("citizen")
        .filter(citizen=citizen)
        .exclude(status=CaseStatus.TERMINATED)
        .order_by("id")
    )
    for case in cases:
        case.citizen = citizen  # the corrected row, not the one read before the change
        before = {d.kind: d.due_on for d in case.deadlines.all()}
        after = {d.kind: d.due_on for d in deadlines_recompute(case=case, today=today)}
        for kind in sorted(before.keys() | after.keys()):
            if before.get(kind) != after.get(kind):
                label = str(DeadlineKind(kind).label)
                moved.append(DeadlineChange(case.pk, label, before.get(kind), after.get(kind)))
    return moved


def representative_correct(
    *,
    user: User,
    representative: Representative,
    reason: str,
    name: str,
    relation: str,
    contact: str = "",
    consent_given_on: date | None = None,
    consent_scope: str = "",
    consent_withdrawn_on: date | None = None,
    receives_letters: bool = False,
) -> Correction:
    """Correct a representative: name, relation, contact, the consent (given, its scope,
    withdrawn) and whether they get copies of the letters. For a værge the consent date is
    the day of the appointment."""
    citizen = representative.citizen
    require_step(user, "representative_correct", citizen.municipality_id)
    reason = reason_given(reason)
    today = timezone.localdate()
    choice(relation, Relation, field="relation", label="Relation")
    if consent_given_on is not None:
        not_future(consent_given_on, today, field="consent_given_on", label="Samtykket")
    if consent_withdrawn_on is not None:
        if consent_given_on is None:
            raise CaseError(
                "Et samtykke kan kun trækkes tilbage, hvis det er givet: udfyld, hvornår "
                "det blev givet.",
                field="consent_withdrawn_on",
            )
        not_future(
            consent_withdrawn_on,
            today,
            field="consent_withdrawn_on",
            label="Tilbagetrækningen af samtykket",
        )
        not_before(
            consent_withdrawn_on,
            consent_given_on,
            field="consent_withdrawn_on",
            label="Tilbagetrækningen af samtykket",
            earlier="samtykket blev givet",
        )
    new = {
        "name": required_text(name, field="name", label="Navn"),
        "relation": relation,
        "contact": contact.strip(),
        "consent_given_on": consent_given_on,
        "consent_scope": consent_scope.strip(),
        "consent_withdrawn_on": consent_withdrawn_on,
        "receives_letters": bool(receives_letters),
    }
    with transaction.atomic():
        locked = Representative.objects.select_for_update().get(pk=representative.pk)
        changes = changes_of(locked, new)
        if not changes:
            raise CaseError(NOTHING_CHANGED, field="reason")
        for key, value in new.items():
            setattr(locked, key, value)
        locked.save()
        audit_write(
            actor=user,
            municipality_id=citizen.municipality_id,
            action="representative_correct",
            citizen=citizen,
            details={
                "citizen": citizen.pk,
                "representative": locked.pk,
                "changes": changes,
                "reason": reason,
            },
        )
    for key, value in new.items():
        setattr(representative, key, value)
    return Correction(changes)
