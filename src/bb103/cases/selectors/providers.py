from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import Offer, OfferPrice, Provider, User
from bb103.cases.selectors.scope import scope_of


def provider_list_for_user(*, user: User) -> QuerySet[Provider]:
    """The user's municipalities' catalogues; provider staff see their own provider."""
    scope = scope_of(user)
    return Provider.objects.filter(
        Q(municipality_id__in=scope.catalogue_municipalities) | Q(pk__in=scope.providers)
    ).order_by("name", "id")


def provider_get_for_user(*, user: User, provider_id: int) -> Provider:
    provider = provider_list_for_user(user=user).filter(pk=provider_id).first()
    if provider is None:
        raise NotFound("Leverandøren")
    return provider


def offer_list_for_user(*, user: User) -> QuerySet[Offer]:
    providers = provider_list_for_user(user=user).values("pk")
    return (
        Offer.objects.filter(provider_id__in=providers)
        .select_related("provider")
        .order_by("provider__name", "name", "id")
    )


def offer_get_for_user(*, user: User, offer_id: int) -> Offer:
    offer = offer_list_for_user(user=user).filter(pk=offer_id).first()
    if offer is None:
        raise NotFound("Tilbuddet")
    return offer


def offer_price_in_force(prices: Iterable[OfferPrice], on: date) -> OfferPrice | None:
    """The price (takst) in force on ``on``: the latest from that day or before. No query
    when the offer's prices are prefetched."""
    found = None
    for price in sorted(prices, key=lambda p: p.valid_from):
        if price.valid_from <= on:
            found = price
    return found


def offer_price_on(*, user: User, offer_id: int, on: date) -> OfferPrice | None:
    """The offer's price on ``on``, if the user may see the offer (NotFound otherwise)."""
    offer = offer_get_for_user(user=user, offer_id=offer_id)
    return offer.prices.filter(valid_from__lte=on).order_by("-valid_from").first()
