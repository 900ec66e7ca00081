"""Sent letters, scoped to the user."""

from django.db.models import QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import Case, Complaint, Letter, User
from bb103.cases.selectors.scope import reader_municipalities
from bb103.cases.services.audit import audit_read


def letter_get_for_user(*, user: User, case_id: int, letter_id: int) -> Letter:
    """A sent letter of ``case_id``, or NotFound (HTTP 404). Only the readers of the
    municipality's cases (caseworker, committee, manager) get it: a letter carries reasons
    and health information that provider staff, who see the case, are not to read."""
    if not user.is_authenticated or not user.is_active:
        raise NotFound("Brevet")
    letter = (
        Letter.objects.filter(
            pk=letter_id,
            case_id=case_id,
            case__municipality_id__in=reader_municipalities(user),
        )
        .select_related("case__citizen", "delivery")
        .first()
    )
    if letter is None:
        raise NotFound("Brevet")
    audit_read(actor=user, action="letter_read", case=letter.case, details={"letter": letter.pk})
    return letter


def letter_list_for_user(*, user: User, case_id: int) -> tuple[Case, QuerySet[Letter]]:
    """The case and its sent letters' metadata (not the PDF or the data it was made from),
    oldest first, for the same readers as :func:`letter_get_for_user`; NotFound (HTTP 404)
    for a case they may not read. The caller logs the letters it shows."""
    if not user.is_authenticated or not user.is_active:
        raise NotFound("Sagen")
    case = (
        Case.objects.filter(pk=case_id, municipality_id__in=reader_municipalities(user))
        .select_related("citizen")
        .first()
    )
    if case is None:
        raise NotFound("Sagen")
    letters = case.letters.defer("pdf", "data").select_related("delivery").order_by("sent_at", "id")
    return case, letters


def complaint_case_file_for_user(*, user: User, case_id: int, complaint_id: int) -> Complaint:
    """A complaint of ``case_id`` with the case file sent to Ankestyrelsen, or NotFound
    (HTTP 404). The readers of the municipality's cases only, like the letters; logged."""
    if not user.is_authenticated or not user.is_active:
        raise NotFound("Sagsakterne")
    complaint = (
        Complaint.objects.filter(
            pk=complaint_id,
            case_id=case_id,
            case__municipality_id__in=reader_municipalities(user),
            case_file_sha256__gt="",
        )
        .select_related("case__citizen")
        .first()
    )
    if complaint is None:
        raise NotFound("Sagsakterne")
    audit_read(
        actor=user,
        action="complaint_case_file_read",
        case=complaint.case,
        details={"complaint": complaint.pk},
    )
    return complaint
