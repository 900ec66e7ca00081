"""Citizens: the list the client may read (by CPR number too), one citizen, and a new
citizen registered as on the screen."""

from django.views.decorators.debug import sensitive_variables
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView
from bb103.api.idempotency import idempotent
from bb103.api.inputs import StrictSerializer, form_errors
from bb103.api.problems import FieldError, invalid
from bb103.api.serializers import CitizenInputSerializer, CitizenSerializer
from bb103.api.views.cases import IDEMPOTENCY_KEY, READ, WRITE, problems
from bb103.cases import selectors, services
from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.errors import CaseError
from bb103.cases.services.audit import audit_listed
from bb103.web.forms.citizens import CitizenForm


class CitizenFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    municipality = serializers.CharField(required=False, max_length=10)


class CprSearchSerializer(StrictSerializer):
    """A CPR number is sent in the body, never in a URL (which proxies and logs keep)."""

    cpr = serializers.RegexField(r"^\d{6}-?\d{4}$", help_text="Hele CPR-nummeret (DDMMÅÅ-XXXX)")


class CitizenList(ApiView):
    serializer_class = CitizenSerializer

    @extend_schema(
        operation_id="citizens_list",
        parameters=[CitizenFilterSerializer],
        responses={200: CitizenSerializer(many=True), **problems(400, *READ)},
        summary="Borgere, som klienten må se",
    )
    def get(self, request: Request) -> Response:
        if "cpr" in request.query_params:
            # Refused rather than ignored: the client would get every citizen instead.
            raise invalid(
                [
                    FieldError(
                        "cpr",
                        "Et CPR-nummer sendes ikke i adressen. Brug POST /citizens/search.",
                        "A CPR number never goes in a URL. Use POST /citizens/search.",
                    )
                ]
            )
        params = CitizenFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        citizens = selectors.citizen_list_for_user(user=request.user)
        if municipality := params.validated_data.get("municipality"):
            citizens = citizens.filter(municipality_id=municipality)
        page = self.paginate_queryset(citizens)
        assert page is not None
        audit_listed(actor=request.user, action="api_listed", citizens=page)
        return self.get_paginated_response(CitizenSerializer(page, many=True).data)

    @extend_schema(
        operation_id="citizens_create",
        request=CitizenInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: CitizenSerializer, **problems(*WRITE)},
        summary="Registrér en borger",
    )
    def post(self, request: Request) -> Response:
        def respond() -> Response:
            body = CitizenInputSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            data = {k: str(v) for k, v in body.validated_data.items()}
            form = CitizenForm(data, user=request.user)
            if not form.is_valid():
                raise invalid(form_errors(form))
            if not form.municipalities:
                raise CaseError("Klienten er ikke rådgiver i nogen kommune.", field="municipality")
            citizen = services.citizen_register(user=request.user, **form.service_kwargs())
            response = Response(CitizenSerializer(citizen).data, status=201)
            response["Location"] = f"/api/v1/citizens/{citizen.pk}"
            return response

        return idempotent(request, respond)


class CitizenSearch(ApiView):
    serializer_class = CitizenSerializer

    @extend_schema(
        operation_id="citizens_search",
        request=CprSearchSerializer,
        responses={200: CitizenSerializer(many=True), **problems(400, 415, *READ)},
        summary="Find en borger ud fra CPR-nummeret (sendt i kaldet, ikke i adressen)",
    )
    @sensitive_variables("cpr", "digits")
    def post(self, request: Request) -> Response:
        body = CprSearchSerializer(data=request.data if isinstance(request.data, dict) else {})
        body.is_valid(raise_exception=True)
        digits = body.validated_data["cpr"].replace("-", "")
        citizens = selectors.citizen_list_for_user(user=request.user).filter(
            cpr_key=cpr_search_key(f"{digits[:6]}-{digits[6:]}")
        )
        page = self.paginate_queryset(citizens)
        assert page is not None
        audit_listed(
            actor=request.user, action="api_listed", citizens=page, details={"search": "cpr"}
        )
        return self.get_paginated_response(CitizenSerializer(page, many=True).data)


class CitizenDetail(ApiView):
    serializer_class = CitizenSerializer

    @extend_schema(
        operation_id="citizens_retrieve",
        responses={200: CitizenSerializer, **problems(*READ)},
        parameters=[OpenApiParameter("citizen_id", int, OpenApiParameter.PATH)],
        summary="Én borger",
    )
    def get(self, request: Request, citizen_id: int) -> Response:
        citizen = selectors.citizen_read_for_user(
            user=request.user, citizen_id=citizen_id, page="api"
        )
        return Response(CitizenSerializer(citizen).data)
