from django.db.models import Q, QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import Offer, Provider, User
from bb103.cases.selectors.scope import scope_of


def provider_list_for_user(*, user: User) -> QuerySet[Provider]:
    """The user's municipalities' catalogues; provider staff see their own provider."""
    scope = scope_of(user)
    return Provider.objects.filter(
        Q(municipality_id__in=scope.catalogue_municipalities) | Q(pk__in=scope.providers)
    ).order_by("name", "id")


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
