"""Providers and offers as the client's catalogue holds them (its municipalities'; a
provider's own system: its own provider), each offer with its prices (takster)."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView
from bb103.api.serializers_catalogue import (
    OfferSerializer,
    ProviderDetailSerializer,
    ProviderSerializer,
)
from bb103.api.views.cases import READ, problems
from bb103.cases import selectors
from bb103.cases.errors import NotFound
from bb103.cases.models import Offer


class ProviderFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    municipality = serializers.CharField(required=False, max_length=10)


class OfferFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    provider = serializers.IntegerField(required=False, min_value=1)
    municipality = serializers.CharField(required=False, max_length=10)


class ProviderList(ApiView):
    """The providers in the client's catalogues, by name."""

    serializer_class = ProviderSerializer

    @extend_schema(
        operation_id="providers_list",
        parameters=[ProviderFilterSerializer],
        responses={200: ProviderSerializer(many=True), **problems(400, *READ)},
        summary="Leverandører i klientens katalog",
    )
    def get(self, request: Request) -> Response:
        params = ProviderFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        providers = selectors.provider_list_for_user(user=request.user)
        if municipality := params.validated_data.get("municipality"):
            providers = providers.filter(municipality_id=municipality)
        page = self.paginate_queryset(providers)
        assert page is not None
        return self.get_paginated_response(ProviderSerializer(page, many=True).data)


class ProviderDetail(ApiView):
    """One provider with its offers."""

    serializer_class = ProviderDetailSerializer

    @extend_schema(
        operation_id="providers_retrieve",
        parameters=[OpenApiParameter("provider_id", int, OpenApiParameter.PATH)],
        responses={200: ProviderDetailSerializer, **problems(*READ)},
        summary="Én leverandør med dens tilbud",
    )
    def get(self, request: Request, provider_id: int) -> Response:
        provider = (
            selectors.provider_list_for_user(user=request.user).filter(pk=provider_id).first()
        )
        if provider is None:
            raise NotFound("Leverandøren")
        provider.offers_listed = list(  # type: ignore[attr-defined]
            selectors.offer_list_for_user(user=request.user).filter(provider=provider)
        )
        return Response(ProviderDetailSerializer(provider).data)


def _offer_body(offers: list[Offer]) -> Any:
    """The offers with their prices, oldest first, and the one in force today (no query:
    the prices are prefetched)."""
    today = timezone.localdate()
    for offer in offers:
        prices = sorted(offer.prices.all(), key=lambda p: p.valid_from)
        offer.price_list = prices  # type: ignore[attr-defined]
        offer.price_in_force = selectors.offer_price_in_force(prices, today)  # type: ignore[attr-defined]
    return OfferSerializer(offers, many=True).data


class OfferList(ApiView):
    """The offers in the client's catalogues, by provider and name."""

    serializer_class = OfferSerializer

    @extend_schema(
        operation_id="offers_list",
        parameters=[OfferFilterSerializer],
        responses={200: OfferSerializer(many=True), **problems(400, *READ)},
        summary="Tilbud med takster",
    )
    def get(self, request: Request) -> Response:
        params = OfferFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        offers = selectors.offer_list_for_user(user=request.user).prefetch_related("prices")
        if provider := params.validated_data.get("provider"):
            offers = offers.filter(provider_id=provider)
        if municipality := params.validated_data.get("municipality"):
            offers = offers.filter(provider__municipality_id=municipality)
        page = self.paginate_queryset(offers)
        assert page is not None
        return self.get_paginated_response(_offer_body(page))


class OfferDetail(ApiView):
    """One offer with its prices."""

    serializer_class = OfferSerializer

    @extend_schema(
        operation_id="offers_retrieve",
        parameters=[OpenApiParameter("offer_id", int, OpenApiParameter.PATH)],
        responses={200: OfferSerializer, **problems(*READ)},
        summary="Ét tilbud med takster",
    )
    def get(self, request: Request, offer_id: int) -> Response:
        offer = selectors.offer_get_for_user(user=request.user, offer_id=offer_id)
        return Response(_offer_body([offer])[0])
