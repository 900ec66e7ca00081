"""Correcting what was registered about a citizen and the people who act for them (issue
17, item 1): each change is kept with the old and the new value and the caseworker's
reason, and the deadlines of the citizen's open cases are computed again from the corrected
facts (the pension-age date follows the CPR number; Ballerup's days a week follow the
living situation, which the case page's engine panel reads live).

The values and the reason are kept in a :class:`~bb103.cases.models.Correction` row, not in
the audit entry: the audit log is append-only and never anonymised, so an old name or
address in it would outlive the retention period (GDPR art. 5, stk. 1, litra c and e). The
entry holds the row's id and the names of the changed fields. The CPR number is kept masked
even in the row (``DDMMÅÅ-xxxx``, the form the lists show); the entry holds none of it."""

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
    Assessment,
    Case,
    CaseStatus,
    Citizen,
    Correction,
    CorrectionSubject,
    DeadlineKind,
    LivingSituation,
    Relation,
    Representative,
    User,
)
from bb103.cases.models.limits import SHORT_TEXT
from bb103.cases.permissions import require_step
from bb103.cases.services.audit import audit_write
from bb103.cases.services.citizens import (
    cpr_warnings,
    normalise_cpr,
    representative_portal_key,
)
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
class Corrected:
    """What a correction changed: ``changes`` as kept ({field: {"old", "new"}}, the CPR
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


def _kept(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def changes_of(row: Any, new: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"old", "new"}} for each field of ``new`` that differs from ``row``'s."""
    return {
        name: {"old": _kept(getattr(row, name)), "new": _kept(value)}
        for name, value in new.items()
        if getattr(row, name) != value
    }


def correction_record(
    *,
    user: User,
    citizen: Citizen,
    subject: str,
    changes: dict[str, dict[str, Any]],
    reason: str,
    deadlines: list[dict[str, Any]] | None = None,
    case: Case | None = None,
    representative: Representative | None = None,
    assessment: Assessment | None = None,
) -> Correction:
    """Keep a correction's old and new values and reason; inside the caller's transaction,
    beside the change itself and its audit entry."""
    return Correction.objects.create(
        municipality_id=citizen.municipality_id,
        citizen=citizen,
        case=case,
        subject=subject,
        representative=representative,
        assessment=assessment,
        changes=changes,
        deadlines=deadlines or [],
        reason=reason,
        corrected_by=user,
    )


def correction_details(record: Correction) -> dict[str, Any]:
    """What the audit entry says of a correction: the row that holds it and the names of
    the changed fields, never the values (the entry is never anonymised)."""
    return {"correction": record.pk, "fields": record.fields}


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
    digital_post_exempt: bool | None = None,
) -> Corrected:
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
    if digital_post_exempt is not None:
        # Letters sent from now on go by print (or Digital Post again); those already on
        # their way keep the channel they were sent on.
        new["digital_post_exempt"] = bool(digital_post_exempt)
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
            # record needs to say of them.
            changes["cpr"] = {"old": masked_cpr(locked.cpr), "new": masked_cpr(new_cpr)}
            locked.cpr, locked.cpr_key = new_cpr, key
            warnings = cpr_warnings(new_cpr, today=today)
        if not changes:
            raise CaseError(NOTHING_CHANGED, field="reason")
        for name in new:
            setattr(locked, name, new[name])
        locked.save()
        moved = _recompute_open_cases(locked, today=today)
        record = correction_record(
            user=user,
            citizen=locked,
            subject=CorrectionSubject.CITIZEN,
            changes=changes,
            reason=reason,
            deadlines=[
                {"case": d.case_id, "deadline": d.label, "old": d.old, "new": d.new} for d in moved
            ],
        )
        audit_write(
            actor=user,
            municipality_id=locked.municipality_id,
            action="citizen_correct",
            citizen=locked,
            details={"citizen": locked.pk, **correction_details(record)},
        )
    for name in (*new, "cpr", "cpr_key"):
        setattr(citizen, name, getattr(locked, name))
    return Corrected(changes, moved, warnings)


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


@sensitive_variables("cpr")
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
    cpr: str = "",
    portal_access: str | None = None,
) -> Corrected:
    """Correct a representative: name, relation, contact, the consent (given, its scope,
    withdrawn), whether they get copies of the letters, and their access to Min sag (a new
    CPR number, kept only as its search key; none typed keeps the one recorded). For a
    værge the consent date is the day of the appointment."""
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
    access = representative.portal_access if portal_access is None else portal_access
    new = {
        "name": required_text(name, field="name", label="Navn"),
        "relation": relation,
        "contact": contact.strip(),
        "consent_given_on": consent_given_on,
        "consent_scope": consent_scope.strip(),
        "consent_withdrawn_on": consent_withdrawn_on,
        "receives_letters": bool(receives_letters),
        "portal_access": access,
    }
    with transaction.atomic():
        locked = Representative.objects.select_for_update().get(pk=representative.pk)
        key = representative_portal_key(
            cpr=cpr,
            portal_access=access,
            consent_given_on=consent_given_on,
            current_key=locked.cpr_key,
        )
        changes = changes_of(locked, new)
        if key != locked.cpr_key:
            # The correction and the audit entry say that the number changed, not what to.
            old = "registreret" if locked.cpr_key else ""
            changes["cpr_key"] = {"old": old, "new": "nyt CPR-nummer"}
            locked.cpr_key = key
        if not changes:
            raise CaseError(NOTHING_CHANGED, field="reason")
        for key, value in new.items():
            setattr(locked, key, value)
        locked.save()
        record = correction_record(
            user=user,
            citizen=citizen,
            subject=CorrectionSubject.REPRESENTATIVE,
            changes=changes,
            reason=reason,
            representative=locked,
        )
        audit_write(
            actor=user,
            municipality_id=citizen.municipality_id,
            action="representative_correct",
            citizen=citizen,
            details={
                "citizen": citizen.pk,
                "representative": locked.pk,
                **correction_details(record),
            },
        )
    for key, value in new.items():
        setattr(representative, key, value)
    return Corrected(changes)
