"""The audit trail: one entry per step, written in the same transaction as the step."""

from typing import Any

from bb103.cases.models import AuditEntry, Case, User


def audit_write(
    *,
    actor: User,
    municipality_id: str,
    action: str,
    case: Case | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        municipality_id=municipality_id,
        case=case,
        action=action,
        details=details or {},
    )
