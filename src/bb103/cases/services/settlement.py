"""The monthly settlement: run (compute every line of an open month) and approve (lock).

An open month is recomputed whole in one transaction, its lines deleted and made again, so
running it twice with nothing changed gives the same lines. An approved month is never
changed again: running it returns it as it is.
"""

from collections.abc import Callable
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bb103.cases.errors import CaseError
from bb103.cases.fault import fault_point
from bb103.cases.models import (
    Municipality,
    SettlementLine,
    SettlementMonth,
    SettlementStatus,
    User,
)
from bb103.cases.permissions import require_step
from bb103.cases.services.audit import audit_write
from bb103.cases.services.finance_file import finance_file_create
from bb103.cases.services.settlement_lines import compute_lines, figures_of
from bb103.cases.services.settlement_math import month_bounds

Progress = Callable[[int, int], None]

# Who a run without a person acts as (``bb103 settle`` without --user), like the sweep's.
SYSTEM_USERNAME = "bb103-settle"


def settlement_run(
    *,
    user: User | None,
    municipality: Municipality,
    month: date,
    progress: Progress | None = None,
) -> SettlementMonth:
    """Compute the municipality's month (``month``: any day of it). ``user`` None is the
    system's scheduled run (``bb103 settle`` without --user), audited as the system user,
    which may compute but never approve. An approved month is returned unchanged: the
    caller tells it by its status."""
    if user is not None:
        require_step(user, "settlement_run", municipality.id)
    actor = user or settlement_system_user()
    first = month_bounds(month)[0]
    _not_future(first)
    with transaction.atomic():
        settlement, _ = SettlementMonth.objects.get_or_create(
            municipality=municipality, month=first
        )
        # Locked, so an approval cannot slip in between reading the status and writing.
        settlement = SettlementMonth.objects.select_for_update().get(pk=settlement.pk)
        if settlement.status == SettlementStatus.APPROVED:
            return settlement
        lines = compute_lines(municipality.id, first, progress=_counted(progress))
        settlement.lines.all().delete()
        for line in lines:
            line.settlement = settlement
        SettlementLine.objects.bulk_create(lines)
        fault_point("settle")  # a kill here: the old lines deleted, the new not committed
        settlement.run_at = timezone.now()
        settlement.run_by = actor
        settlement.save(update_fields=["run_at", "run_by"])
        audit_write(
            actor=actor,
            municipality_id=municipality.id,
            action="settlement_run",
            details={
                "month": first,
                "lines": len(lines),
                "gross_wage": sum((x.gross_wage for x in lines), 0),
                "municipality_pays": sum((x.municipality_pays for x in lines), 0),
                "provider_amount": sum((x.provider_amount for x in lines), 0),
            },
        )
    return settlement


def settlement_approve(*, user: User, settlement: SettlementMonth) -> SettlementMonth:
    """Approve and lock a month (managers only). It must have been run, and the figures
    must be those shown: they are computed again here, and an approval is refused if
    anything changed since the last run (run it again and check it first). The month's
    finance file is made in the same transaction, once (services/finance_file.py)."""
    require_step(user, "settlement_approve", settlement.municipality_id)
    with transaction.atomic():
        locked = SettlementMonth.objects.select_for_update().get(pk=settlement.pk)
        if locked.status == SettlementStatus.APPROVED:
            raise CaseError("Måneden er allerede godkendt og låst.", field="status")
        if locked.run_at is None:
            raise CaseError("Måneden skal beregnes, før den kan godkendes.", field="status")
        stored = [figures_of(x) for x in locked.lines.order_by("placement_id")]
        fresh = sorted(
            (figures_of(x) for x in compute_lines(locked.municipality_id, locked.month)),
            key=lambda f: f[0],
        )
        if stored != fresh:
            raise CaseError(
                "Tallene har ændret sig, siden måneden blev beregnet (fx fremmøde, løn eller "
                "skattekort). Beregn måneden igen, kontrollér den, og godkend derefter.",
                field="status",
            )
        locked.status = SettlementStatus.APPROVED
        locked.approved_at = timezone.now()
        locked.approved_by = user
        locked.save(update_fields=["status", "approved_at", "approved_by"])
        audit_write(
            actor=user,
            municipality_id=locked.municipality_id,
            action="settlement_approve",
            details={"month": locked.month, "lines": len(stored)},
        )
        # In the same transaction: no approved month without its file (a provider with no
        # CVR number refuses the approval, naming the provider).
        finance_file_create(settlement=locked, actor=user)
    return locked


def settlement_system_user() -> User:
    user, _ = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "is_active": False,
            "first_name": "Planlagt afregning",
            "password": make_password(None),
        },
    )
    return user


def _counted(progress: Progress | None) -> Progress:
    """The caller's progress, with a fault point per placement computed (a test hook)."""

    def tick(done: int, total: int) -> None:
        fault_point("settle")
        if progress is not None:
            progress(done, total)

    return tick


def _not_future(first: date) -> None:
    today = timezone.localdate()
    if first > today:
        raise CaseError("Måneden er ikke begyndt endnu, så den kan ikke afregnes.", field="month")
