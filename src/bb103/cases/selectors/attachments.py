"""Attachments, for the readers of the case's municipality only (never provider staff: a
statusattest holds health information the order does not need)."""

from pathlib import Path

from django.conf import settings

from bb103.cases.errors import NotFound
from bb103.cases.models import Attachment, Case, User
from bb103.cases.selectors.scope import reader_municipalities
from bb103.cases.services.audit import audit_read


def _readable_cases(user: User):  # type: ignore[no-untyped-def]
    return Case.objects.filter(municipality_id__in=reader_municipalities(user))


def attachment_case_for_user(*, user: User, case_id: int) -> tuple[Case, list[Attachment]]:
    case = (
        _readable_cases(user).filter(pk=case_id).select_related("citizen").first()
        if user.is_authenticated and user.is_active
        else None
    )
    if case is None:
        raise NotFound("Sagen")
    audit_read(actor=user, action="attachments_listed", case=case)
    return case, list(case.attachments.select_related("uploaded_by"))


def attachment_file_for_user(
    *, user: User, case_id: int, attachment_id: int
) -> tuple[Attachment, Path]:
    """The attachment and its file, logged as a read; NotFound otherwise."""
    attachment = (
        Attachment.objects.filter(pk=attachment_id, case_id=case_id, case__in=_readable_cases(user))
        .select_related("case__citizen")
        .first()
        if user.is_authenticated and user.is_active
        else None
    )
    if attachment is None:
        raise NotFound("Bilaget")
    path = Path(settings.BB103_ATTACHMENT_DIR) / attachment.stored_name
    if not path.is_file():
        raise NotFound("Bilagets fil")
    audit_read(
        actor=user,
        action="attachment_read",
        case=attachment.case,
        details={"attachment": attachment.pk},
    )
    return attachment, path
