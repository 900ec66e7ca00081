"""The approved month's posting file for the finance system: made once and frozen.

``settlement_approve`` makes it inside its own transaction, so a month is never approved
without its file. A month approved before the file existed (migration 0027) gets it on the
first request instead, from its approved lines, which never change; not in the migration,
because the providers then have no CVR number yet and the file may not be made without.
"""

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from bb103.cases.engine.policy import finance_settings
from bb103.cases.errors import CaseError
from bb103.cases.finance_posting import FORMAT_VERSION, posting_file
from bb103.cases.models import FinanceFile, SettlementMonth, SettlementStatus, User
from bb103.cases.services.audit import audit_write


def finance_file_create(*, settlement: SettlementMonth, actor: User) -> FinanceFile:
    """The month's file, made now from its approved lines, or the one already made (never
    a second). The caller has checked ``actor`` may approve or read the month."""
    if settlement.status != SettlementStatus.APPROVED or settlement.approved_at is None:
        raise CaseError("Kun en godkendt måned har en bogføringsfil.", field="status")
    existing = FinanceFile.objects.filter(settlement=settlement).first()
    if existing is not None:
        return existing
    lines = settlement.lines.select_related("provider", "placement").order_by("placement_id")
    made = posting_file(
        municipality_id=settlement.municipality_id,
        month=settlement.month,
        approved_on=timezone.localdate(settlement.approved_at),
        lines=lines,
        finance=finance_settings(settlement.municipality_id),
    )
    try:
        with transaction.atomic():
            file = FinanceFile.objects.create(
                settlement=settlement,
                municipality_id=settlement.municipality_id,
                month=settlement.month,
                content=made.content,
                sha256=hashlib.sha256(made.content).hexdigest(),
                format_version=FORMAT_VERSION,
                lines=made.lines,
                total=made.total,
                generated_at=timezone.now(),
                generated_by=actor,
            )
            audit_write(
                actor=actor,
                municipality_id=settlement.municipality_id,
                action="finance_file_created",
                details={
                    "month": settlement.month,
                    "lines": made.lines,
                    "total": made.total,
                    "sha256": file.sha256,
                },
            )
    except IntegrityError:
        # Two first requests at once for an old month: the other one made it.
        return FinanceFile.objects.get(settlement=settlement)
    return file
