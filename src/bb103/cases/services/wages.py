"""The wage a placement pays from a date (Serviceloven § 105; BEK nr. 483 § 1).

Set by the provider's staff (the provider pays and sets the wage) or by the case's
caseworker. The engine gives the rule on the day the wage starts: never below the floor
(``wage_floor_pct`` of the lowest wage of the offer's collective agreement, exact: "mindst
5 %"), in whole øre, only in a form the standard allows (``wage_forms``: every form of the
law unless the standard restricts them) and, where the standard fixes rates (Vejen: 5 % and
10 %, ``wage_rates``), at one of them, the first wage at the start rate.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bb103.cases.engine.formatting import danish_date, danish_kr, danish_num, danish_pct
from bb103.cases.engine.wages import WageTerms, wage_terms
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Placement,
    SettlementMonth,
    Task,
    TaskKind,
    TaskStatus,
    User,
    WageAgreement,
    WageBasis,
)
from bb103.cases.permissions import require_step
from bb103.cases.selectors.provider_work import (
    RENEGOTIATION_NOTICE_DAYS,
    provider_placement_get_for_user,
)
from bb103.cases.services.audit import audit_write
from bb103.cases.services.validation import choice, not_before


def wage_set(
    *,
    user: User,
    placement: Placement,
    valid_from: date,
    basis: str,
    hourly_amount: Decimal | None = None,
    rate_pct: Decimal | None = None,
    note: str = "",
) -> WageAgreement:
    """A new wage from ``valid_from``. Earlier wages stay as they were; a wage set on or
    after a renegotiation's notice window settles the caseworker's renegotiation task."""
    placement = provider_placement_get_for_user(user=user, placement_id=placement.pk)
    municipality = placement.case.municipality_id
    require_step(user, "wage_set", municipality)
    choice(basis, WageBasis, field="basis", label="Lønformen")
    if (hourly_amount is None) == (rate_pct is None):
        raise CaseError(
            "Angiv enten en timeløn i kroner eller en sats i procent af mindstelønnen.",
            field="hourly_amount",
        )
    not_before(
        valid_from,
        placement.start_on,
        field="valid_from",
        label="Lønnen",
        earlier="beskæftigelsens start",
    )
    terms = wage_terms(placement, on=valid_from)
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        earlier = WageAgreement.objects.filter(placement=locked)
        if earlier.filter(valid_from=valid_from).exists():
            raise CaseError(
                f"Der er allerede fastsat en løn fra {danish_date(valid_from)}. "
                "Vælg en anden dato for den nye løn.",
                field="valid_from",
            )
        if SettlementMonth.locked([municipality], [valid_from.replace(day=1)]):
            raise CaseError(
                "Måneden er afregnet, godkendt og låst; lønnen kan tidligst gælde fra den "
                "følgende måned.",
                field="valid_from",
            )
        first = not earlier.filter(valid_from__lt=valid_from).exists()
        hourly = _check(terms, basis, hourly_amount, rate_pct, first=first)
        wage = WageAgreement.objects.create(
            placement=locked,
            valid_from=valid_from,
            basis=basis,
            hourly_amount=hourly_amount,
            rate_pct=rate_pct,
            note=note.strip()[:300],
            set_by=user,
        )
        settled = list(
            Task.objects.filter(
                placement=locked,
                kind=TaskKind.WAGE_RENEGOTIATION,
                status=TaskStatus.OPEN,
                due_on__lte=valid_from + timedelta(RENEGOTIATION_NOTICE_DAYS),
            ).values_list("pk", flat=True)
        )
        Task.objects.filter(pk__in=settled).update(
            status=TaskStatus.DONE,
            completed_at=timezone.now(),
            completed_by=user,
            note=f"Lønnen er fastsat fra {danish_date(valid_from)}."[:300],
        )
        audit_write(
            actor=user,
            municipality_id=municipality,
            action="wage_set",
            case=placement.case,
            details={
                "placement": placement.pk,
                "wage": wage.pk,
                "valid_from": valid_from,
                "basis": basis,
                "hourly_amount": None if hourly_amount is None else str(hourly_amount),
                "rate_pct": None if rate_pct is None else str(rate_pct),
                "hourly": str(hourly),
                "floor_hourly": str(terms.floor_hourly),
                "settled_tasks": settled,
            },
        )
    return wage


def _check(
    terms: WageTerms,
    basis: str,
    hourly_amount: Decimal | None,
    rate_pct: Decimal | None,
    *,
    first: bool,
) -> Decimal:
    """The hourly wage, after the standard's and the law's rules; a Danish refusal naming
    the source otherwise."""
    if terms.form_name(basis) is None:
        allowed = ", ".join(x.name[:1].lower() + x.name[1:] for x in terms.forms)
        raise CaseError(
            f"Kvalitetsstandarden tillader ikke lønformen »{WageBasis(basis).label}« "
            f"(tilladt: {allowed}; {terms.basis_source}).",
            field="basis",
        )
    if terms.rates_pct:
        rates = " eller ".join(danish_pct(r) for r in terms.rates_pct)
        if rate_pct is None or rate_pct not in terms.rates_pct:
            raise CaseError(
                f"Kvalitetsstandarden fastsætter lønnen som {rates} af mindstelønnen "
                f"({terms.rates_source}). Vælg en af satserne.",
                field="rate_pct",
            )
        if first and terms.start_rate_pct is not None and rate_pct != terms.start_rate_pct:
            raise CaseError(
                f"Den første løn er startlønnen på {danish_pct(terms.start_rate_pct)} af "
                f"mindstelønnen ({terms.rates_source}).",
                field="rate_pct",
            )
    if rate_pct is not None:
        if rate_pct <= 0:
            raise CaseError("Satsen skal være over 0 %.", field="rate_pct")
        hourly = terms.hourly_for_rate(rate_pct)
        field = "rate_pct"
    else:
        assert hourly_amount is not None
        if hourly_amount <= 0:
            raise CaseError("Timelønnen skal være over 0 kr.", field="hourly_amount")
        # Paid in whole øre: a third decimal would be rounded away when stored, unseen.
        if hourly_amount != hourly_amount.quantize(Decimal("0.01")):
            raise CaseError(
                "Timelønnen skal angives i hele øre, fx 7,00 kr.", field="hourly_amount"
            )
        hourly, field = hourly_amount, "hourly_amount"
    # Checked against the exact floor: "mindst 5 %" of 139,85 is 6,9925, so 6,99 is below it
    # and 7,00 (the floor rounded up to whole øre) is the lowest wage allowed.
    if hourly < terms.floor_exact:
        raise CaseError(
            f"Lønnen på {danish_kr(hourly)} i timen er under bundgrænsen på "
            f"{danish_kr(terms.floor_hourly)} ({danish_pct(terms.floor_pct)} af mindstelønnen "
            f"{danish_kr(terms.minimum_hourly)}"
            + (
                ""
                if terms.floor_exact == terms.floor_hourly
                else f" er {danish_num(terms.floor_exact)} kr., rundet op til hele øre"
            )
            + f"; {'; '.join(terms.sources)}).",
            field=field,
        )
    return hourly
