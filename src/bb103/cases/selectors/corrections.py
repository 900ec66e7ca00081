"""What the correction forms are filled in with (issue 17, item 1), scoped to the user,
and the copies of a case's letters sent to representatives (item 8)."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.text import capfirst

from bb103.cases.errors import NotFound
from bb103.cases.models import (
    Assessment,
    Case,
    Citizen,
    Correction,
    CorrectionSubject,
    LetterCopy,
    Representative,
    User,
)
from bb103.cases.selectors.citizens import citizen_get_for_user
from bb103.cases.services.audit import audit_read


def representative_get_for_user(
    *, user: User, citizen_id: int, representative_id: int
) -> Representative:
    """A representative of ``citizen_id``, for its correction form (a read of the citizen,
    logged); NotFound (HTTP 404) for another municipality's, or another citizen's."""
    citizen = citizen_get_for_user(user=user, citizen_id=citizen_id)
    representative = Representative.objects.filter(pk=representative_id, citizen=citizen).first()
    if representative is None:
        raise NotFound("Repræsentanten")
    representative.citizen = citizen
    audit_read(
        actor=user,
        action="citizen_read",
        citizen=citizen,
        details={"page": "representative_correct", "representative": representative.pk},
    )
    return representative


def assessment_latest(*, case: Case) -> Assessment | None:
    """The assessment the engine sees (the latest), of a case the caller has already read
    through a scoped selector (the step form's case page)."""
    return case.assessments.order_by("-assessed_on", "-id").first()


def letter_copies_for_case(*, case: Case, letter_ids: list[int]) -> dict[int, str]:
    """Letter id -> »Navn (værge), ...« for the letters of ``case`` (read by the caller
    through a scoped selector) that went to representatives too; no query for none."""
    if not letter_ids:
        return {}
    found: dict[int, list[str]] = {}
    for copy in LetterCopy.objects.filter(letter__case=case, letter_id__in=letter_ids):
        found.setdefault(copy.letter_id, []).append(str(copy))
    return {letter: ", ".join(names) for letter, names in found.items()}


@dataclass(frozen=True)
class CorrectionRow:
    """One correction of the citizen or a representative, as the citizen page lists it."""

    correction: Correction
    what: str
    changes: list[tuple[str, str, str]]  # (field in Danish, old, new)
    reason: str


def corrections_for_citizen(*, citizen: Citizen) -> list[CorrectionRow]:
    """The corrections of a citizen (read by the caller through a scoped selector) and of
    their representatives, newest first (one query)."""
    found = (
        Correction.objects.filter(
            citizen=citizen,
            subject__in=(CorrectionSubject.CITIZEN, CorrectionSubject.REPRESENTATIVE),
        )
        .select_related("corrected_by")
        .order_by("-corrected_at", "-id")
    )
    rows = []
    for correction in found:
        model = Citizen if correction.subject == CorrectionSubject.CITIZEN else Representative
        rows.append(
            CorrectionRow(
                correction,
                correction.get_subject_display(),
                correction_changes(model, correction.changes),
                correction.reason,
            )
        )
    return rows


def correction_changes(model: type[Model], changes: dict) -> list[tuple[str, str, str]]:
    """(field in Danish, old, new) for each change of a correction of a ``model`` row."""
    return [
        (_label(model, name), _shown(model, name, (change or {}).get("old")),
         _shown(model, name, (change or {}).get("new")))
        for name, change in changes.items()
    ]  # fmt: skip


def _label(model: type[Model], name: str) -> str:
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def _shown(model: type[Model], name: str, value: object) -> str:
    """A value as the caseworker reads it: a choice by its Danish label."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    try:
        choices = dict(model._meta.get_field(name).choices or ())
    except FieldDoesNotExist:
        choices = {}
    return str(choices.get(value, value))
