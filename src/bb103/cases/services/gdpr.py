"""The access request (GDPR art. 15): the ZIP of everything held about one citizen. Making
it is itself logged (a write entry ``gdpr_export``), in the same transaction."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from bb103.cases.gdpr_export import export_zip
from bb103.cases.models import User
from bb103.cases.permissions import require_step
from bb103.cases.selectors.gdpr import citizen_export_for_user
from bb103.cases.services.audit import audit_write


@dataclass(frozen=True)
class GdprExport:
    citizen_id: int
    filename: str
    content: bytes


def gdpr_export(*, user: User, citizen_id: int) -> GdprExport:
    """Another municipality's citizen, or a user who is not its caseworker or manager, is
    NotFound (HTTP 404) before anything is read or logged."""
    export = citizen_export_for_user(user=user, citizen_id=citizen_id)
    citizen = export.citizen
    require_step(user, "gdpr_export", citizen.municipality_id)
    made_at = timezone.now()
    with transaction.atomic():
        # Ids and counts only: the log never holds the citizen's name or CPR number.
        audit_write(
            actor=user,
            municipality_id=citizen.municipality_id,
            action="gdpr_export",
            citizen=citizen,
            details={
                "citizen": citizen.pk,
                "cases": len(export.cases),
                "letters": len(export.letters),
            },
        )
        content = export_zip(export, made_by=user, made_at=made_at)
    filename = f"indsigt-borger-{citizen.pk}-{timezone.localdate(made_at).isoformat()}.zip"
    return GdprExport(citizen.pk, filename, content)
