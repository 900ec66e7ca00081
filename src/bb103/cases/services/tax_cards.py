"""The citizen's tax card for the sheltered job, as the caseworker enters it: the
settlement reckons net earnings from it (the 30 % transport cap, BEK 483 § 2)."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import Citizen, TaxCard, TaxCardKind, User
from bb103.cases.permissions import require_step
from bb103.cases.services.audit import audit_write
from bb103.cases.services.validation import choice


def tax_card_record(
    *,
    user: User,
    citizen: Citizen,
    valid_from: date,
    kind: str,
    withholding_pct: Decimal,
    monthly_deduction: Decimal = Decimal("0"),
) -> TaxCard:
    """The tax card from ``valid_from``, as a new row (earlier months keep theirs). The
    withholding rate is 0–100 %; a main card's monthly deduction is 0 or more, and a
    secondary card (bikort) has none."""
    require_step(user, "tax_card_record", citizen.municipality_id)
    choice(kind, TaxCardKind, field="kind", label="Skattekortet")
    if not Decimal("0") <= withholding_pct <= Decimal("100"):
        raise CaseError("Trækprocenten skal ligge mellem 0 og 100.", field="withholding_pct")
    if monthly_deduction < 0:
        raise CaseError("Fradraget pr. måned kan ikke være negativt.", field="monthly_deduction")
    if kind == TaxCardKind.SECONDARY and monthly_deduction != 0:
        raise CaseError(
            "Et bikort har intet fradrag: fradraget pr. måned skal være 0 kr.",
            field="monthly_deduction",
        )
    with transaction.atomic():
        if TaxCard.objects.filter(citizen=citizen, valid_from=valid_from).exists():
            raise CaseError(
                f"Borgeren har allerede et skattekort fra {danish_date(valid_from)}. "
                "Registrér det nye skattekort fra en senere dato.",
                field="valid_from",
            )
        card = TaxCard.objects.create(
            citizen=citizen,
            valid_from=valid_from,
            kind=kind,
            withholding_pct=withholding_pct,
            monthly_deduction=monthly_deduction,
        )
        audit_write(
            actor=user,
            municipality_id=citizen.municipality_id,
            action="tax_card_record",
            details={
                "citizen": citizen.pk,
                "tax_card": card.pk,
                "valid_from": valid_from.isoformat(),
                "kind": kind,
                "withholding_pct": str(withholding_pct),
                "monthly_deduction": str(monthly_deduction),
            },
        )
    return card
