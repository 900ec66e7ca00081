"""A municipality's catalogue of providers and their § 103 offers, and the offers' prices."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from bb103.cases.engine.formatting import danish_date
from bb103.cases.engine.wages import collective_agreements
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Municipality,
    Offer,
    OfferPrice,
    PriceUnit,
    Provider,
    ProviderKind,
    TargetGroup,
    User,
)
from bb103.cases.permissions import require_step
from bb103.cases.services.audit import audit_write
from bb103.cases.services.validation import choice, cvr_number, required_text


def provider_register(
    *,
    user: User,
    municipality: Municipality,
    name: str,
    kind: str,
    operator: str = "",
    address: str = "",
    cvr: str = "",
) -> Provider:
    """A provider in the municipality's catalogue. Its CVR number (modulus 11) is what the
    finance file pays it by: a month cannot be approved while a provider it owes has none."""
    require_step(user, "provider_register", municipality.id)
    choice(kind, ProviderKind, field="kind", label="Type")
    with transaction.atomic():
        provider = Provider.objects.create(
            municipality=municipality,
            name=required_text(name, field="name", label="Navn"),
            kind=kind,
            operator=operator.strip(),
            address=address.strip(),
            cvr=cvr_number(cvr, field="cvr"),
        )
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="provider_register",
            details={"provider": provider.pk, "name": provider.name, "cvr": provider.cvr},
        )
    return provider


def provider_cvr_set(*, user: User, provider: Provider, cvr: str) -> Provider:
    """Register or correct the provider's CVR number (administrators). A finance file
    already made keeps the number it was made with: it is never changed."""
    require_step(user, "provider_cvr_set", provider.municipality_id)
    number = cvr_number(cvr, field="cvr", required=True)
    with transaction.atomic():
        old = provider.cvr
        provider.cvr = number
        provider.save(update_fields=["cvr"])
        audit_write(
            actor=user,
            municipality_id=provider.municipality_id,
            action="provider_cvr_set",
            details={"provider": provider.pk, "old": old, "new": number},
        )
    return provider


# What an offer holds besides its provider; offer_register and offer_update take the same.
_OFFER_FIELDS = (
    "name",
    "tilbudsportalen_id",
    "socialtilsyn_approved",
    "places",
    "description",
    "target_groups",
    "work_types",
    "section_103",
    "registry_checked_on",
    "collective_agreement",
)


def _offer_values(
    *,
    name: str,
    tilbudsportalen_id: str,
    socialtilsyn_approved: bool,
    places: int | None,
    description: str,
    target_groups: list[str] | None,
    work_types: list[str] | None,
    section_103: bool,
    registry_checked_on: date | None,
    collective_agreement: str,
) -> dict[str, Any]:
    """The offer's fields checked and cleaned, or CaseError naming the field."""
    if places is not None and places < 1:
        raise CaseError("Antal pladser skal være mindst 1 (eller tomt).", field="places")
    # The two target groups the standards name (handicap, socialpsykiatri); an offer is
    # for at least one of them, so the catalogue can be read by target group.
    groups = list(dict.fromkeys(target_groups or []))
    if not groups:
        raise CaseError("Vælg mindst én målgruppe.", field="target_groups")
    for group in groups:
        choice(group, TargetGroup, field="target_groups", label="Målgruppen")
    works = list(dict.fromkeys(w.strip() for w in (work_types or []) if w.strip()))
    agreements = collective_agreements()
    if collective_agreement not in agreements:
        known = ", ".join(agreements.values())
        raise CaseError(
            f"Overenskomsten skal være en af dem, lovdata kender mindstelønnen for: {known}.",
            field="collective_agreement",
        )
    return {
        "name": required_text(name, field="name", label="Navn"),
        "tilbudsportalen_id": tilbudsportalen_id.strip(),
        "socialtilsyn_approved": socialtilsyn_approved,
        "places": places,
        "description": description.strip(),
        "target_groups": [g for g in TargetGroup.values if g in groups],
        "work_types": works,
        "section_103": section_103,
        "registry_checked_on": registry_checked_on,
        "collective_agreement": collective_agreement,
    }


def offer_register(
    *,
    user: User,
    provider: Provider,
    name: str,
    tilbudsportalen_id: str = "",
    socialtilsyn_approved: bool = False,
    places: int | None = None,
    description: str = "",
    target_groups: list[str] | None = None,
    work_types: list[str] | None = None,
    section_103: bool = True,
    registry_checked_on: date | None = None,
    collective_agreement: str = "industriens_overenskomst",
) -> Offer:
    """Add an offer to the provider. ``target_groups`` defaults to handicap when not given
    (the callers from before target groups were kept), never to none."""
    require_step(user, "offer_register", provider.municipality_id)
    values = _offer_values(
        name=name,
        tilbudsportalen_id=tilbudsportalen_id,
        socialtilsyn_approved=socialtilsyn_approved,
        places=places,
        description=description,
        target_groups=[TargetGroup.HANDICAP] if target_groups is None else target_groups,
        work_types=work_types,
        section_103=section_103,
        registry_checked_on=registry_checked_on,
        collective_agreement=collective_agreement,
    )
    with transaction.atomic():
        offer = Offer.objects.create(provider=provider, **values)
        audit_write(
            actor=user,
            municipality_id=provider.municipality_id,
            action="offer_register",
            details={"offer": offer.pk, "name": offer.name},
        )
    return offer


def offer_update(
    *,
    user: User,
    offer: Offer,
    name: str,
    tilbudsportalen_id: str,
    socialtilsyn_approved: bool,
    places: int | None,
    description: str,
    target_groups: list[str],
    work_types: list[str],
    section_103: bool,
    registry_checked_on: date | None,
    collective_agreement: str,
) -> Offer:
    """Change the offer's registry data; the audit entry holds what changed, from and to."""
    municipality_id = offer.provider.municipality_id
    require_step(user, "offer_update", municipality_id)
    values = _offer_values(
        name=name,
        tilbudsportalen_id=tilbudsportalen_id,
        socialtilsyn_approved=socialtilsyn_approved,
        places=places,
        description=description,
        target_groups=target_groups,
        work_types=work_types,
        section_103=section_103,
        registry_checked_on=registry_checked_on,
        collective_agreement=collective_agreement,
    )
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        changed = {
            key: [_plain(getattr(locked, key)), _plain(value)]
            for key, value in values.items()
            if getattr(locked, key) != value
        }
        for key, value in values.items():
            setattr(locked, key, value)
        locked.save(update_fields=list(_OFFER_FIELDS))
        audit_write(
            actor=user,
            municipality_id=municipality_id,
            action="offer_update",
            details={"offer": locked.pk, "changed": changed},
        )
    for key in _OFFER_FIELDS:
        setattr(offer, key, getattr(locked, key))
    return offer


def offer_price_set(
    *,
    user: User,
    offer: Offer,
    valid_from: date,
    unit: str,
    amount: Decimal,
    note: str = "",
) -> OfferPrice:
    """A new price (takst) for the offer from ``valid_from``. Earlier prices stay as they
    were, since months already settled were settled at them; a price is corrected by a
    new row from a later day, never by editing one."""
    municipality_id = offer.provider.municipality_id
    require_step(user, "offer_price_set", municipality_id)
    choice(unit, PriceUnit, field="unit", label="Enheden")
    if amount <= 0:
        raise CaseError("Taksten skal være større end 0 kr.", field="amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise CaseError("Taksten angives i kroner og øre (højst to decimaler).", field="amount")
    with transaction.atomic():
        if OfferPrice.objects.filter(offer=offer, valid_from=valid_from).exists():
            raise CaseError(
                f"Tilbuddet har allerede en takst fra {danish_date(valid_from)}. "
                "En takst ændres ikke; registrér den nye takst fra en senere dato.",
                field="valid_from",
            )
        price = OfferPrice.objects.create(
            offer=offer, valid_from=valid_from, unit=unit, amount=amount, note=note.strip()
        )
        audit_write(
            actor=user,
            municipality_id=municipality_id,
            action="offer_price_set",
            details={
                "offer": offer.pk,
                "valid_from": valid_from.isoformat(),
                "unit": unit,
                "amount": str(amount),
            },
        )
    return price


def _plain(value: Any) -> Any:
    """A value as the audit's JSON holds it."""
    return value.isoformat() if isinstance(value, date) else value
