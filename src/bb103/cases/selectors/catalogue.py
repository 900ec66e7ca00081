"""The providers' catalogue page: per municipality its providers and offers, with
occupancy, waiting list, prices and the age of the registry data."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from bb103.cases.actions import roles as actions
from bb103.cases.models import (
    Case,
    Membership,
    Municipality,
    Offer,
    OfferPrice,
    Placement,
    Provider,
    TargetGroup,
    User,
    WaitingListEntry,
)
from bb103.cases.selectors.pages import readable_cases_q
from bb103.cases.selectors.providers import offer_price_in_force, provider_list_for_user
from bb103.cases.selectors.scope import municipalities_where
from bb103.cases.services.offer_rules import registry_stale


@dataclass
class CatalogueOffer:
    offer: Offer
    occupied: int
    waiting: int
    # The open waiting list entries whose case the user may read (with the citizen);
    # the others count in ``waiting`` only.
    waiting_named: list[WaitingListEntry]
    prices: list[OfferPrice]
    price_now: OfferPrice | None
    registry_stale: bool

    @property
    def free(self) -> int | None:
        return None if self.offer.places is None else max(self.offer.places - self.occupied, 0)


@dataclass
class CatalogueProvider:
    provider: Provider
    offers: list[CatalogueOffer] = field(default_factory=list)


@dataclass
class Catalogue:
    """Per municipality (in name order) its providers with their offers."""

    municipalities: list[tuple[Municipality, list[CatalogueProvider]]]
    # Where the user may add offers and prices (the steps' roles).
    offer_municipalities: frozenset[str]
    price_municipalities: frozenset[str]
    target_groups: dict[str, str]


def catalogue_for_user(*, user: User, today: date) -> Catalogue:
    """The providers' catalogue the user may see, each offer with its occupancy, waiting
    list, prices and whether its registry data is more than a year old. Six queries
    however many offers: the roles, the scope, providers, offers with their counts, prices,
    waiting list."""
    roles = list(
        Membership.objects.filter(user=user).values_list("municipality_id", "role")
        if user.is_authenticated and user.is_active
        else []
    )
    occupied = (
        Placement.objects.filter(offer=OuterRef("pk"), ended_on__isnull=True)
        .order_by()
        .values("offer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    waiting = (
        WaitingListEntry.objects.filter(offer=OuterRef("pk"), left_on__isnull=True)
        .order_by()
        .values("offer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    readable = Case.objects.filter(readable_cases_q(user)).values("pk")
    offers = Offer.objects.annotate(
        occupied=Coalesce(Subquery(occupied), 0), waiting=Coalesce(Subquery(waiting), 0)
    ).prefetch_related(
        Prefetch("prices", queryset=OfferPrice.objects.order_by("valid_from")),
        Prefetch(
            "waiting_list",
            queryset=WaitingListEntry.objects.filter(left_on__isnull=True, case_id__in=readable)
            .select_related("case__citizen")
            .order_by("since", "id"),
            to_attr="waiting_named",
        ),
    )
    providers = list(
        provider_list_for_user(user=user)
        .select_related("municipality")
        .prefetch_related(Prefetch("offers", queryset=offers.order_by("name", "id")))
        .order_by("municipality__name", "name", "id")
    )
    grouped: dict[str, tuple[Municipality, list[CatalogueProvider]]] = {}
    for provider in providers:
        row = CatalogueProvider(provider)
        for offer in provider.offers.all():
            prices = list(offer.prices.all())
            row.offers.append(
                CatalogueOffer(
                    offer=offer,
                    occupied=offer.occupied,
                    waiting=offer.waiting,
                    waiting_named=offer.waiting_named,
                    prices=prices,
                    price_now=offer_price_in_force(prices, today),
                    registry_stale=registry_stale(offer, today),
                )
            )
        grouped.setdefault(provider.municipality_id, (provider.municipality, []))[1].append(row)
    return Catalogue(
        municipalities=list(grouped.values()),
        offer_municipalities=frozenset(
            m for m, role in roles if role in actions.offer_register.roles
        ),
        price_municipalities=frozenset(
            m for m, role in roles if role in actions.offer_price_set.roles
        ),
        target_groups=dict(TargetGroup.choices),
    )


def municipalities_for_provider_form(*, user: User) -> QuerySet[Municipality]:
    """The municipalities where the user may register a provider (form choices)."""
    admin_in = municipalities_where(user, actions.provider_register.roles)
    return Municipality.objects.filter(pk__in=admin_in).order_by("name")


def providers_for_offer_form(*, user: User) -> QuerySet[Provider]:
    """The providers where the user may register an offer (form choices)."""
    admin_in = municipalities_where(user, actions.offer_register.roles)
    return (
        provider_list_for_user(user=user)
        .filter(municipality_id__in=admin_in)
        .select_related("municipality")
        .order_by("municipality__name", "name", "id")
    )
