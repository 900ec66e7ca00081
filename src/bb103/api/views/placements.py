"""Running placements, as the provider's pages show them: to a provider's own system its
citizens placed at its offers, to the municipality's readers of cases the municipality's
placements. Neither gets the case file here (the provider's staff get no case id)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView
from bb103.api.serializers_provider_work import PlacementSerializer
from bb103.api.views.cases import READ, problems
from bb103.cases import selectors
from bb103.cases.services.audit import audit_listed


class PlacementFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    offer = serializers.IntegerField(required=False, min_value=1)
    municipality = serializers.CharField(required=False, max_length=10)


def _context(request: Request) -> dict[str, object]:
    return {"case_municipalities": selectors.case_municipalities_for_user(user=request.user)}


class PlacementList(ApiView):
    """Running placements the client may read, by the citizen's name."""

    serializer_class = PlacementSerializer

    @extend_schema(
        operation_id="placements_list",
        parameters=[PlacementFilterSerializer],
        responses={200: PlacementSerializer(many=True), **problems(400, *READ)},
        summary="Igangværende placeringer",
    )
    def get(self, request: Request) -> Response:
        params = PlacementFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        placements = selectors.provider_placement_list_for_user(user=request.user)
        if offer := params.validated_data.get("offer"):
            placements = placements.filter(offer_id=offer)
        if municipality := params.validated_data.get("municipality"):
            placements = placements.filter(case__municipality_id=municipality)
        page = self.paginate_queryset(placements)
        assert page is not None
        audit_listed(actor=request.user, action="api_listed", cases=[p.case for p in page])
        data = PlacementSerializer(page, many=True, context=_context(request)).data
        return self.get_paginated_response(data)


class PlacementDetail(ApiView):
    """One running placement (logged as a read of the order, as its page)."""

    serializer_class = PlacementSerializer

    @extend_schema(
        operation_id="placements_retrieve",
        parameters=[OpenApiParameter("placement_id", int, OpenApiParameter.PATH)],
        responses={200: PlacementSerializer, **problems(*READ)},
        summary="Én placering",
    )
    def get(self, request: Request, placement_id: int) -> Response:
        placement = selectors.provider_placement_read_for_user(
            user=request.user, placement_id=placement_id, page="api"
        )
        return Response(PlacementSerializer(placement, context=_context(request)).data)
