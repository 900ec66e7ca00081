"""An approved month's finance file, as the municipality's settlement readers fetch it.

The same readers as the settlement (permissions.SETTLEMENT_READERS: its caseworkers and
managers); anyone else gets "not found", whether the month exists or not. Fetching the file is
logged as a read for every citizen whose case number is in it (it names no one, but the
case number leads to them)."""

import csv
import io
from datetime import date

from bb103.cases.errors import CaseError, NotFound
from bb103.cases.models import (
    Case,
    FinanceFile,
    Membership,
    SettlementMonth,
    SettlementStatus,
    User,
)
from bb103.cases.permissions import SETTLEMENT_READERS
from bb103.cases.services.audit import audit_listed
from bb103.cases.services.finance_file import finance_file_create


def finance_file_for_user(*, user: User, municipality_id: str, month: date) -> FinanceFile:
    """The municipality's finance file for ``month`` (any day of it), scoped to ``user``.

    A month approved before finance files existed gets its file now, once, from its
    approved lines (services/finance_file.py says why not in the migration); from then on
    this returns that same file. A month not approved, or one whose provider still has no
    CVR number, is a CaseError for the caller to show; an outsider gets NotFound."""
    allowed = (
        user.is_authenticated
        and user.is_active
        and Membership.objects.filter(
            user=user, municipality_id=municipality_id, role__in=SETTLEMENT_READERS
        ).exists()
    )
    if not allowed:
        raise NotFound("Bogføringsfilen")
    file = FinanceFile.objects.filter(
        municipality_id=municipality_id, month=month.replace(day=1)
    ).first()
    if file is None:
        settlement = SettlementMonth.objects.filter(
            municipality_id=municipality_id,
            month=month.replace(day=1),
            status=SettlementStatus.APPROVED,
        ).first()
        if settlement is None:
            # The reader may know the month's state; only an outsider gets "not found".
            raise CaseError(
                "Bogføringsfilen dannes, når måneden er godkendt og låst.", field="month"
            )
        file = finance_file_create(settlement=settlement, actor=user)
    cases = Case.objects.filter(pk__in=case_numbers(bytes(file.content)))
    audit_listed(actor=user, action="finance_file_exported", cases=cases)
    return file


def case_numbers(content: bytes) -> set[int]:
    """The case numbers a file names (its ``Sager`` column)."""
    rows = csv.DictReader(io.StringIO(content.decode("utf-8")), delimiter=";")
    return {int(n) for row in rows for n in row["Sager"].split()}
