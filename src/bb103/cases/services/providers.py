"""A municipality's catalogue of providers and their § 103 offers."""

from django.db import transaction

from bb103.cases.errors import CaseError
from bb103.cases.models import Municipality, Offer, Provider, ProviderKind, User
from bb103.cases.permissions import require_step
from bb103.cases.services.audit import audit_write
from bb103.cases.services.validation import choice, required_text


def provider_register(
    *,
    user: User,
    municipality: Municipality,
    name: str,
    kind: str,
    operator: str = "",
    address: str = "",
) -> Provider:
    require_step(user, "provider_register", municipality.id)
    choice(kind, ProviderKind, field="kind", label="Type")
    with transaction.atomic():
        provider = Provider.objects.create(
            municipality=municipality,
            name=required_text(name, field="name", label="Navn"),
            kind=kind,
            operator=operator.strip(),
            address=address.strip(),
        )
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="provider_register",
            details={"provider": provider.pk, "name": provider.name},
        )
    return provider


def offer_register(
    *,
    user: User,
    provider: Provider,
    name: str,
    tilbudsportalen_id: str = "",
    socialtilsyn_approved: bool = False,
    places: int | None = None,
    description: str = "",
) -> Offer:
    require_step(user, "offer_register", provider.municipality_id)
    if places is not None and places < 1:
        raise CaseError("Antal pladser skal være mindst 1 (eller tomt).", field="places")
    with transaction.atomic():
        offer = Offer.objects.create(
            provider=provider,
            name=required_text(name, field="name", label="Navn"),
            tilbudsportalen_id=tilbudsportalen_id.strip(),
            socialtilsyn_approved=socialtilsyn_approved,
            places=places,
            description=description.strip(),
        )
        audit_write(
            actor=user,
            municipality_id=provider.municipality_id,
            action="offer_register",
            details={"offer": offer.pk, "name": offer.name},
        )
    return offer
